"""Normalisation, sentence segmentation and tokenisation of text.

Data flow: a document's original text goes through `normalize`, which returns a
`NormalizedText` view (canonical letters, ASCII digits, no ZWNJ/tatweel/harakat)
plus an offset map. Matchers work on the view and map every hit back with
`NormalizedText.to_original`, so all spans kg outputs index the text as read.
This module is the only place that maps between normalised and original indices.

The rules themselves are language data (`kg/lang/<code>/normalization.tsv`,
`abbreviations.tsv`, `clitics.tsv`); nothing here is specific to one language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from kg import lang as lang_data
from kg.errors import ResourceError
from kg.model import Span

# A letter, written so that stdlib `re` and `regex` agree on normalised text (which
# has no ZWNJ and no combining Arabic marks: `regex`'s \w would also match those).
LETTER = r"[^\W\d_]"
#: Lookahead: no letter follows (use after a stem + clitic_pattern()).
NOT_LETTER_AFTER = rf"(?!{LETTER})"
#: Lookbehind: no letter precedes (use before a stem).
NOT_LETTER_BEFORE = rf"(?<!{LETTER})"

# Inside normalisation rules {letter} is any Unicode letter (`regex` module syntax).
_RULE_FRAGMENTS = {"letter": r"\p{L}"}
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


# --------------------------------------------------------------------------- normalised view


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised view of `original` with a map back to it.

    `offsets[i]` is the index in `original` of the first character normalised
    character i came from; `ends[i]` is the end (exclusive) of the last one. Both
    carry one final entry, ``len(original)``, so an empty span at the end maps too.
    """

    original: str
    text: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.ends is None:  # built by hand: every normalised char came from one original char
            ends = tuple(o + 1 for o in self.offsets[:-1]) + (self.offsets[-1],)
            object.__setattr__(self, "ends", ends)

    def to_original(self, start: int, end: int) -> Span:
        """The smallest span of `original` covering normalised `text[start:end]`.

        >>> norm = normalize("ده\u200cسه\u200cڵات")
        >>> norm.text, norm.to_original(0, len(norm.text))
        ('دەسەڵات', Span(start=0, end=9))
        """
        if end <= start:
            return Span(self.offsets[start], self.offsets[start])
        return Span(self.offsets[start], self.ends[end - 1])


def normalize(text: str, lang: str = "ckb") -> NormalizedText:
    """Normalise `text` with the ordered rules of `lang`, keeping an offset map.

    >>> normalize("هێزه‌كانى ٢٠١٩").text
    'هێزەکانی 2019'
    """
    state = _Edit(text)
    for step in _normalizer(lang):
        step.apply(state)
    return state.result(text)


class _Edit:
    """The text being normalised and, once lengths change, its offset map."""

    __slots__ = ("text", "offsets", "ends")

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: list[int] | None = None  # None: identity map (nothing inserted or deleted yet)
        self.ends: list[int] | None = None

    def replace(self, new_text: str, edits: list[tuple[int, int, int]]) -> None:
        """Take `new_text`; `edits` lists (start, end, new length) of every length-changing edit."""
        if edits:
            self._remap(edits)
        self.text = new_text

    def _remap(self, edits: list[tuple[int, int, int]]) -> None:
        n = len(self.text)
        offsets = self.offsets if self.offsets is not None else list(range(n + 1))
        ends = self.ends if self.ends is not None else [*range(1, n + 1), n]
        new_offsets: list[int] = []
        new_ends: list[int] = []
        prev = 0
        for start, end, length in edits:
            new_offsets += offsets[prev:start]
            new_ends += ends[prev:start]
            for j in range(length):
                source = start + min(j, end - start - 1)
                new_offsets.append(offsets[source])
                # the last replacement char also covers the rest of the replaced chars
                new_ends.append(ends[end - 1] if j == length - 1 else ends[source])
            prev = end
        new_offsets += offsets[prev:]
        new_ends += ends[prev:]
        self.offsets, self.ends = new_offsets, new_ends

    def result(self, original: str) -> NormalizedText:
        if self.offsets is None:
            n = len(self.text)
            return NormalizedText(original, self.text, tuple(range(n + 1)), (*range(1, n + 1), n))
        return NormalizedText(original, self.text, tuple(self.offsets), tuple(self.ends))


@dataclass(frozen=True)
class _CharStep:
    """Context-free character replacements, composed from consecutive char rows."""

    table: dict[str, str]
    keys: re.Pattern[str]  # any character in the table
    resizing: re.Pattern[str] | None  # characters whose replacement is not exactly one char

    def apply(self, state: _Edit) -> None:
        text = state.text
        # a regex scan skips unchanged text in C; str.translate would look up every character
        new_text = self.keys.sub(lambda m: self.table[m.group()], text)
        edits = []
        if self.resizing is not None:
            edits = [(m.start(), m.end(), len(self.table[m.group()])) for m in self.resizing.finditer(text)]
        state.replace(new_text, edits)


@dataclass(frozen=True)
class _RegexStep:
    """A context rule: every match of `pattern` becomes the literal `replacement`."""

    name: str
    pattern: regex.Pattern[str]
    replacement: str

    def apply(self, state: _Edit) -> None:
        text = state.text
        pieces: list[str] = []
        edits: list[tuple[int, int, int]] = []
        prev = 0
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if start == end:  # a rule may not insert text out of nothing: no source to map to
                continue
            pieces += (text[prev:start], self.replacement)
            if end - start != len(self.replacement):
                edits.append((start, end, len(self.replacement)))
            prev = end
        if pieces:
            pieces.append(text[prev:])
            state.replace("".join(pieces), edits)


@functools.cache
def _normalizer(code: str) -> tuple[_CharStep | _RegexStep, ...]:
    """The compiled rule steps of a language (compiled once per process)."""
    data = lang_data.load(code)
    path = str(data.folder / "normalization.tsv")
    fragments = dict(_RULE_FRAGMENTS)
    steps: list[_CharStep | _RegexStep] = []
    pending: dict[str, str] = {}  # consecutive char rows, composed into one table
    for row in data.table("normalization.tsv"):
        kind, name = row["kind"], row["name"]
        find, replace = _unescape(row["find"]), _unescape(row["replace"])
        if kind in ("char", "compat"):
            chars = _expand_charset(find, path, name)
            if kind == "compat":
                mapping = {c: unicodedata.normalize("NFKC", c) for c in chars}
                # multi-word ligatures (ﷺ) would turn one glyph into several words
                mapping = {c: m for c, m in mapping.items() if m != c and not any(x.isspace() for x in m)}
            else:
                mapping = dict.fromkeys(chars, replace)
            _compose(pending, mapping)
            continue
        if pending:
            steps.append(_char_step(pending))
            pending = {}
        pattern = _PLACEHOLDER.sub(lambda m: fragments.get(m[1], m[0]), find)
        if kind == "define":
            fragments[name] = f"(?:{pattern})"
        elif kind == "regex":
            steps.append(_RegexStep(name, _compile_rule(pattern, path, name), replace))
        else:
            raise ResourceError(path, None, f"rule {name!r}: unknown kind {kind!r}")
    if pending:
        steps.append(_char_step(pending))
    return tuple(steps)


def _compose(table: dict[str, str], mapping: dict[str, str]) -> None:
    """Fold `mapping` into `table` as if applied after it (row order matters)."""
    for char, out in table.items():
        table[char] = "".join(mapping.get(c, c) for c in out)
    for char, out in mapping.items():
        table.setdefault(char, out)


def _char_step(mapping: dict[str, str]) -> _CharStep:
    table = {c: out for c, out in mapping.items() if out != c}
    resizing = [c for c, out in table.items() if len(out) != 1]
    return _CharStep(table, _char_class(table), _char_class(resizing) if resizing else None)


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _compile_rule(pattern: str, path: str, name: str) -> regex.Pattern[str]:
    try:
        compiled = regex.compile(pattern)
    except regex.error as err:
        raise ResourceError(path, None, f"rule {name!r}: bad pattern {pattern!r}: {err}") from err
    if compiled.groups:
        raise ResourceError(path, None, f"rule {name!r}: capturing groups are not allowed")
    return compiled


def _unescape(cell: str) -> str:
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m[1], 16)), cell)


def _expand_charset(body: str, path: str, name: str) -> list[str]:
    """Characters of a set written as literals and a-b ranges (escapes already decoded)."""
    chars: list[str] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            low, high = ord(body[i]), ord(body[i + 2])
            if low > high:
                raise ResourceError(path, None, f"rule {name!r}: empty range {body[i:i + 3]!r}")
            chars += map(chr, range(low, high + 1))
            i += 3
        else:
            chars.append(body[i])
            i += 1
    if not chars:
        raise ResourceError(path, None, f"rule {name!r}: empty character set")
    return chars
