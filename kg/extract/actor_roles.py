"""Roles and affiliations of actors, and role-only references resolved to office holders.

    NAME، ROLE [former] [OF] [former]      فوئاد حوسێن، وەزیری دەرەوەی عێراق
    ROLE [former] [OF] [former] NAME       سەرۆکوەزیرانی عێراق مستەفا کازمی
    ROLE [OF]   (no name)                  سەرۆکوەزیرانی عێراق گوتی … → the holder on the document date

ROLE is the longest form of ``actor_roles.tsv`` (canonical English title, office key), OF the
actor mention right after it, `former` a word of the ``former`` cue kind (پێشووی). Holders come
from ``offices.tsv`` (office, of, holder, from, to). Everything is found on the normalised text
over spans the caller supplies; `extract_roles` maps back to the original text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date

from kg import lang as langdata
from kg.extract.actor_cues import Cues, is_comma, load_cues
from kg.extract.actor_lexicon import RULE_DEMONYM, load_lexicon, norm
from kg.extract.actor_spans import SpanIndex
from kg.model import Document, Mention, Role, Span, Timex
from kg.text import NormalizedText

ROLE_HOLDER = "role_holder"  # rule of a mention that is a role resolved to its holder
OF_TYPES = frozenset({"GPE", "ORG", "LOC"})
TIME_WINDOW = 40  # characters after a role phrase in which its time may be given
# rules of cue-found mentions, which the lexicon cannot type
RULE_TYPES = {"cue_quoted": "ORG", "cue_member": "ORG", "cue_org_gpe": "ORG", "org_head": "ORG"}
_NEXT_WORD = re.compile(r"\s+(\w+)")
_CLAUSE_END = re.compile(r"[،,.؛:!?؟\n]")


@dataclass(frozen=True, slots=True)
class RoleForm:
    """One row of actor_roles.tsv."""

    title: str
    title_org: str
    office: str
    office_org: str


@dataclass(frozen=True, slots=True)
class Target:
    """An actor mention the role finder may attach to: span on the normalised text, id and type."""

    span: Span
    actor: str
    type: str


@dataclass(frozen=True, slots=True)
class RolePhrase:
    """A role found in the text (normalised offsets)."""

    span: Span  # role words through OF and `former`
    head: Span  # the role words alone
    form: RoleForm
    of: Target | None
    former: bool
    person: Target | None  # who holds it, when the text names them beside it

    @property
    def title(self) -> str:
        org = self.of is not None and self.of.type == "ORG"
        return (self.form.title_org or self.form.title) if org else self.form.title

    @property
    def office(self) -> str:
        return (self.form.office_org if self.of is not None and self.of.type == "ORG" else self.form.office)


@functools.cache
def load_role_forms(code: str) -> tuple[dict[str, RoleForm], re.Pattern]:
    """Role forms of `code` and one matcher for them, longest first."""
    forms = {
        norm(r["form"], code): RoleForm(r["title"], r["title_org"], r["office"], r["office_org"])
        for r in langdata.load(code).table("actor_roles.tsv")
    }
    alternation = "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(forms, key=len, reverse=True))
    return forms, re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


@functools.cache
def load_offices(code: str) -> dict[tuple[str, str], tuple[tuple[str, date, date | None], ...]]:
    """(office, of) → holders with their terms, from offices.tsv."""
    table: dict[tuple[str, str], list] = {}
    for row in langdata.load(code).table("offices.tsv"):
        until = date.fromisoformat(row["to"]) if row["to"] else None
        table.setdefault((row["office"], row["of"]), []).append(
            (row["holder"], date.fromisoformat(row["from"]), until)
        )
    return {key: tuple(rows) for key, rows in table.items()}


def office_holder(office: str, of: str, day: date | None, code: str = "ckb") -> str | None:
    """Who held `office` of `of` on `day` (None when unknown or ambiguous)."""
    if day is None or not office:
        return None
    holders = {h for h, start, end in load_offices(code).get((office, of), ()) if start <= day and (end is None or day < end)}
    return holders.pop() if len(holders) == 1 else None


def find_role_phrases(text: str, targets: list[Target], code: str = "ckb") -> list[RolePhrase]:
    """Role phrases of the normalised `text`, with their OF and holder among `targets`."""
    forms, pattern = load_role_forms(code)
    cues = load_cues(code)
    targets = _Targets(targets)
    out = []
    for match in pattern.finditer(text):
        head = Span(match.start(), match.end())
        if targets.overlapping.overlaps(head):
            continue  # the words belong to a name (سەرۆکی هەرێمی … inside a listed name)
        form = forms[" ".join(match.group().split())]
        end, former = _former(text, head.end, cues)
        of = targets.right_after(text, end, OF_TYPES)
        if of is not None:
            end = of.span.end
            end, late = _former(text, end, cues)
            former = former or late
        span = Span(head.start, end)
        person = targets.appositive_person(text, head.start) or targets.right_after(text, end, {"PER"})
        out.append(RolePhrase(span, head, form, of, former, person))
    return out


class _Targets:
    """Targets sorted by start, with the lookups role phrases make (in O(log n), not a scan)."""

    def __init__(self, targets: list[Target]) -> None:
        self.sorted = sorted(targets, key=lambda t: t.span.start)
        self.starts = [t.span.start for t in self.sorted]
        self.overlapping = SpanIndex(t.span for t in self.sorted)

    def right_after(self, text: str, end: int, types) -> Target | None:
        """The first target starting at or after `end`, if only space is between and its type fits."""
        k = bisect.bisect_left(self.starts, end)
        if k == len(self.sorted):
            return None
        t = self.sorted[k]
        return t if t.type in types and text[end : t.span.start].isspace() else None

    def appositive_person(self, text: str, start: int) -> Target | None:
        """A person ending before `start` with only a comma between: the last target ending there."""
        k = bisect.bisect_right(self.starts, start)  # a target ending by `start` starts by it too
        before = next((self.sorted[i] for i in range(k - 1, -1, -1) if self.sorted[i].span.end <= start), None)
        if before is not None and before.type == "PER" and is_comma(text[before.span.end : start].strip()):
            return before
        return None


def _former(text: str, end: int, cues: Cues) -> tuple[int, bool]:
    match = _NEXT_WORD.match(text, end)
    if match and match.group(1) in cues.kinds.get("former", ()):
        return match.end(), True
    return end, False


def extract_roles(
    doc: Document, norm_text: NormalizedText, mentions: tuple[Mention, ...], timexes: tuple[Timex, ...], lang: str = "ckb"
) -> tuple[Role, ...]:
    """Roles the text gives actors (`X، وەزیری دەرەوەی عێراق`), with time and `former`, in original offsets."""
    targets = [_target(norm_text, m, lang) for m in mentions if m.rule != ROLE_HOLDER]
    roles = []
    for phrase in find_role_phrases(norm_text.text, targets, lang):
        if phrase.person is None:
            continue
        span = norm_text.to_original(phrase.span.start, phrase.span.end)
        roles.append(
            Role(
                doc_id=doc.id,
                span=span,
                text=doc.text[span.start : span.end],
                actor=phrase.person.actor,
                title=phrase.title,
                of=phrase.of.actor if phrase.of else None,
                time=_time_of(doc.text, span, timexes),
                former=phrase.former,
                rule="role_appositive" if phrase.person.span.end <= phrase.span.start else "role_before_name",
            )
        )
    return tuple(roles)


def _target(norm_text: NormalizedText, mention: Mention, lang: str) -> Target:
    listed = load_lexicon(lang).actors.get(mention.actor_key)
    kind = RULE_TYPES.get(mention.rule) or (listed.type if listed else "PER")
    if mention.rule == RULE_DEMONYM:
        kind = "GPE"
    start = bisect.bisect_left(norm_text.offsets, mention.span.start)
    end = bisect.bisect_left(norm_text.offsets, mention.span.end)
    return Target(Span(start, max(start, end)), mention.actor_key, kind)


def _time_of(text: str, span: Span, timexes: tuple[Timex, ...]):
    """A timex inside the role phrase or just after it, before the clause ends."""
    limit = span.end + TIME_WINDOW
    stop = _CLAUSE_END.search(text, span.end, limit)
    limit = stop.start() if stop else limit
    for timex in timexes:
        if span.start <= timex.span.start < limit and timex.value is not None:
            return timex.value
    return None
