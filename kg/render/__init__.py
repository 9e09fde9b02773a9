"""The HTML report: one self-contained, offline, right-to-left page per graph.

Data flow: graph → `viewmodel.build_view` (plain dicts) → Jinja2 template
(autoescaped) + three JSON islands (the view without the claims' sentences, the
sentences and date resolutions as compact arrays, the interface strings) → one HTML
file written atomically. The page's script (assets/*.js, ours, concatenated in
`SCRIPT_ORDER`) builds the timeline, the claim list, the source panel and the
search from the JSON with textContent only. See docs/report.md.

The page makes no network request: our CSS/JS and the vis-network library
that the installed pyvis ships are read at render time and inlined. Nothing is
ever written next to the report (pyvis's `show()` writes `lib/` into the cwd;
we never call it).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
from markupsafe import Markup

from kg.atomic import write_text_atomic
from kg.lang import load as load_language
from kg.render.viewmodel import build_view

__all__ = ["build_view", "join_view", "render_report", "script_safe_json", "split_view",
           "pack_claims", "unpack_claims"]

VIS_DIR = "templates/lib/vis-9.1.2"
# Our scripts, in dependency order; each adds to the one `KG` namespace of the page.
SCRIPT_ORDER = ("util.js", "state.js", "timeline.js", "claims.js", "network.js", "search.js",
                "report.js")

# Claim fields the first paint does not need (the sentence is shown only in visible rows,
# search and the source panel; the resolution only in the source panel). They travel in
# a second island, unpacked off the main thread while the views are drawn.
DETAIL_FIELDS = ("segments", "resolution")

# Above this many bytes of JSON an island is embedded gzip-compressed (base64 in a JSON
# string) and unpacked by the browser's own DecompressionStream: a 2,000-article
# corpus is ~80 MB of JSON, and reading that many bytes alone took chromium ~1.5 s.
DEFAULT_LANGUAGE = "ckb"  # a graph that names no language: the one kg was first built for
COMPRESS_ABOVE = 4_000_000

# Characters that could end a <script> element, open an HTML comment, or end a JS
# string literal (U+2028/2029 in older engines) if left raw inside the JSON island.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def render_report(
    graph: nx.MultiDiGraph,
    path: Path,
    *,
    title: str = "kg report",
    template_dir: Path | None = None,
) -> Path:
    """Write the HTML report of `graph` to `path` and return the path.

    The graph is only read. The file is written to a temporary file in the same
    folder and moved into place, so a failure never leaves a half-written report
    (an existing report stays intact). `template_dir` may hold a
    `report.html.j2` that overrides the packaged one.
    """
    path = Path(path)
    html = render_html(graph, title=title, template_dir=template_dir)
    write_text_atomic(path, html)
    return path


def render_html(
    graph: nx.MultiDiGraph, *, title: str = "kg report", template_dir: Path | None = None,
    compress_above: int = COMPRESS_ABOVE,
) -> str:
    """Return the report for `graph` as an HTML string (see `render_report`)."""
    view = build_view(graph)
    main, details = split_view(view)
    data_json, encoding = data_island(main, compress_above)
    text_json, text_encoding = data_island(details, compress_above)
    lang = corpus_language(graph)
    strings = interface_strings(lang)
    template = _environment(template_dir).get_template("report.html.j2")
    return template.render(
        title=title,
        lang=lang,
        direction=strings["direction"],
        view=view,
        t=strings["local"],
        t_en=strings["en"],
        data_json=Markup(data_json),
        data_encoding=encoding,
        text_json=Markup(text_json),
        text_encoding=text_encoding,
        strings_json=Markup(script_safe_json(strings)),
        css=Markup(_inline_safe(_read_asset("report.css"), "style")),
        js=Markup(_inline_safe(_page_script(), "script")),
        vis_css=Markup(_inline_safe(_read_vis("vis-network.css"), "style")),
        vis_js=Markup(_inline_safe(_read_vis("vis-network.min.js"), "script")),
    )


def script_safe_json(data: Any) -> str:
    """JSON for a `<script type="application/json">` island that no data can break out of.

    >>> script_safe_json({"t": "</script><!--"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group()], raw)


def split_view(view: dict) -> tuple[dict, list[list]]:
    """The view without `DETAIL_FIELDS`, its claims packed (`pack_claims`), and those
    fields per claim as compact arrays.

    Details are listed in page order (dated claims, then undated): `[pieces, resolution]`,
    where a piece of the sentence is its text (unmarked), `[text]` (the date) or
    `[text, actor id]` (an actor mention).

    >>> claim_details({"id": "c", "resolution": {"basis": "absolute"}, "segments": [
    ...     {"text": "X", "mark": "actor", "actor": "actor:x"}, {"text": " in "},
    ...     {"text": "2014", "mark": "date"}]})
    [[['X', 'actor:x'], ' in ', ['2014']], {'basis': 'absolute'}]
    """
    claims = view["claims"]
    details = [claim_details(c) for c in claims["dated"] + claims["undated"]]
    return {**view, "claims": pack_claims(claims)}, details


def claim_details(claim: dict) -> list:
    """One claim's entry in the details island (see `split_view`)."""
    return [[_piece(p) for p in claim["segments"]], claim["resolution"]]


def join_view(main: dict, details: list[list]) -> dict:
    """The inverse of `split_view` (for tests and tools reading a report's islands)."""
    joined = unpack_claims(main["claims"])
    for claim, (pieces, resolution) in zip(joined["dated"] + joined["undated"], details):
        claim["segments"] = [_unpiece(p) for p in pieces]
        claim["resolution"] = resolution
    return {**main, "claims": joined}


# Claims as rows of a table: the page's first paint parses far fewer, shorter tokens.
CLAIM_COLUMNS = ("id", "kind", "item_kind", "predicate", "event_type", "status", "doc", "start",
                 "speaker", "participants", "actors", "lane", "date", "place", "extra")


def pack_claims(claims: dict) -> dict:
    """`{"dated": [...], "undated": [...]}` claim dicts (without details) as compact rows.

    Every repeated string (kinds, documents, actor ids, roles, dates) is an index into
    `strings`; ids stay literal. A row is, in `CLAIM_COLUMNS` order: id, kind, item kind,
    predicate, event type, status, doc, start, speaker, participants as flat
    [actor, role, ...], actors, lane, date as [value, start, granularity, mod, anchor,
    [year, month, day] as far as known], place as [from, to, 0|1] or null, and the
    claim's `reports`/`links` (rare) as an object or null.
    """
    strings: dict[str, int] = {}

    def s(text: str) -> int:
        return strings.setdefault(text, len(strings))

    def row(c: dict) -> list:
        date, place, parts = c["date"], c["place"], c["date"]["parts"]
        extra = {k: c[k] for k in ("reports", "links") if k in c}
        return [
            c["id"], s(c["kind"]), s(c["item_kind"]), s(c["predicate"]), s(c["event_type"]),
            s(c["status"]), s(c["doc"]), c["start"], s(c["speaker"]),
            [i for p in c["participants"] for i in (s(p["id"]), s(p["role"]))],
            [s(a) for a in c["actors"]], s(c["lane"]),
            [s(date["value"]), s(date["start"]), s(date["granularity"]), s(date["mod"]),
             s(date["anchor"]), [parts[k] for k in ("year", "month", "day") if k in parts]],
            [s(place["from"]), s(place["to"]), int(place["uncertain"])] if place else None,
            extra or None,
        ]

    rows = {part: [row(c) for c in claims[part]] for part in ("dated", "undated")}
    return {"strings": list(strings), **rows}


def unpack_claims(packed: dict) -> dict:
    """The inverse of `pack_claims` (the page's script does the same)."""
    s = packed["strings"]

    def claim(r: list) -> dict:
        (cid, kind, item_kind, predicate, event_type, status, doc, start, speaker, flat, actors,
         lane, date, place, extra) = r
        c = {
            "id": cid, "kind": s[kind], "item_kind": s[item_kind], "predicate": s[predicate],
            "event_type": s[event_type], "status": s[status], "doc": s[doc], "start": start,
            "speaker": s[speaker],
            "participants": [{"id": s[flat[i]], "role": s[flat[i + 1]]} for i in range(0, len(flat), 2)],
            "actors": [s[a] for a in actors], "lane": s[lane],
            "date": {"value": s[date[0]], "start": s[date[1]], "granularity": s[date[2]],
                     "mod": s[date[3]], "anchor": s[date[4]],
                     "parts": dict(zip(("year", "month", "day"), date[5]))},
            "place": {"from": s[place[0]], "to": s[place[1]], "uncertain": bool(place[2])} if place else None,
        }
        c.update(extra or {})
        return c

    return {part: [claim(r) for r in packed[part]] for part in ("dated", "undated")}


def _piece(segment: dict) -> str | list[str]:
    if "mark" not in segment:
        return segment["text"]
    return [segment["text"], segment["actor"]] if segment["mark"] == "actor" else [segment["text"]]


def _unpiece(piece: str | list[str]) -> dict:
    if isinstance(piece, str):
        return {"text": piece}
    if len(piece) == 1:
        return {"text": piece[0], "mark": "date"}
    return {"text": piece[0], "mark": "actor", "actor": piece[1]}


def data_island(view: Any, compress_above: int = COMPRESS_ABOVE) -> tuple[str, str]:
    """Data as script-safe JSON, and its encoding: `json`, or `gzip+base64` when large.

    The compressed form is still JSON (one string of base64 letters), so nothing in it
    can end the element either way.

    >>> text, encoding = data_island({"a": "<b>"}, compress_above=0)
    >>> encoding, json.loads(gzip.decompress(base64.b64decode(json.loads(text))))
    ('gzip+base64', {'a': '<b>'})
    """
    plain = script_safe_json(view)
    if len(plain) <= compress_above:
        return plain, "json"
    packed = gzip.compress(plain.encode("utf-8"), compresslevel=6, mtime=0)
    return json.dumps(base64.b64encode(packed).decode("ascii")), "gzip+base64"


def _inline_safe(code: str, element: str) -> str:
    """Make third-party code safe to inline in a <script>/<style> element.

    Only `</script` (`</style`) ends the element, and `<!--` can switch a script
    into the "escaped" parser state where `</script>` no longer ends it. In JS,
    `<\\/` and `<\\!` mean the same as `</` and `<!` inside strings, regexes and
    comments, which is where such sequences occur in minified code.
    (vis-network 9.1.2 contains neither today; this guards future versions.)
    """
    code = re.sub(f"</({element})", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--") if element == "script" else code


def _environment(template_dir: Path | None) -> Environment:
    loaders = [PackageLoader("kg.render", "templates")]
    if template_dir is not None:
        loaders.insert(0, FileSystemLoader(str(template_dir)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["eastern_digits"] = eastern_digits
    return env


# U+0660..U+0669 are the Eastern Arabic digits Sorani news text uses (STYLE §2).
_EASTERN_DIGITS = str.maketrans("0123456789", "".join(chr(0x0660 + d) for d in range(10)))


def eastern_digits(value: Any) -> str:
    """ASCII digits of `value` as Eastern Arabic digits (٠–٩), for display only."""
    return str(value).translate(_EASTERN_DIGITS)


def interface_strings(lang: str = "ckb") -> dict[str, dict]:
    """The page's words in the corpus language (`local`) and in English, with month names,
    and the corpus language's text direction.

    The corpus language's words and direction come from its data folder
    (`kg/lang/<code>/report.json`; a language without one is shown in the default language's), its month names from its months table (the first
    spelling of each Gregorian month; CLDR's ckb data spells December non-standardly);
    English ones from babel's CLDR data.
    """
    from babel import Locale

    strings = json.loads(_read_asset("strings.json"))
    strings.pop("_comment", None)
    language = load_language(lang if load_language(lang).has("report.json") else DEFAULT_LANGUAGE)
    interface = language.json("report.json")
    local = interface["strings"]
    months: dict[int, str] = {}
    for row in language.table("months.tsv"):
        if row["calendar"] == "gregorian":
            months.setdefault(int(row["month"]), row["form"])
    local["months"] = [months[m] for m in range(1, 13)]
    english = Locale("en").months["format"]["wide"]
    strings["en"]["months"] = [english[m] for m in range(1, 13)]
    return {"local": local, "en": strings["en"], "direction": interface["direction"]}


def corpus_language(graph: nx.MultiDiGraph) -> str:
    """The language most of the graph's documents are in (the graph's `lang` when it keeps no documents)."""
    langs = Counter(data.get("lang") for _, data in graph.nodes(data=True) if data.get("kind") == "document")
    langs.pop(None, None)
    return langs.most_common(1)[0][0] if langs else graph.graph.get("lang") or DEFAULT_LANGUAGE


def _page_script() -> str:
    """Our scripts in one strict-mode function scope: nothing leaks but window.kgReport."""
    parts = [f"/* --- {name} --- */\n{_read_asset(name)}" for name in SCRIPT_ORDER]
    return '(function () {\n"use strict";\nvar KG = {};\n' + "\n".join(parts) + "\n}());\n"


def _read_asset(name: str) -> str:
    return (resources.files("kg.render") / "assets" / name).read_text(encoding="utf-8")


def _read_vis(name: str) -> str:
    """Read vis-network from the installed pyvis wheel; it is never copied into this repo."""
    return (resources.files("pyvis") / VIS_DIR / name).read_text(encoding="utf-8")
