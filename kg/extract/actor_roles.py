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
import itertools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from kg import lang as langdata
from kg.extract.actor_cues import Cues, is_comma, load_cues
from kg.extract.actor_lexicon import RULE_DEMONYM, load_lexicon, norm
from kg.extract.actor_words import matches_at
from kg.model import Document, Mention, Role, Span, Timex
from kg.text import NormalizedText, word_runs

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


class Target(NamedTuple):
    """An actor mention the role finder may attach to: offsets on the normalised text, id and type.

    A tuple: a document has ~80 of them and only a few end up in a role.
    """

    start: int
    end: int
    actor: str
    type: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class RoleHead:
    """The role words of a phrase, and a `former` word right after them (normalised offsets)."""

    span: Span
    form: RoleForm
    end: int  # after the `former` word if there is one, else span.end
    former: bool


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


@functools.cache
def listed_offices(code: str) -> frozenset[str]:
    """The offices offices.tsv names holders of: a role of another office resolves to nobody."""
    return frozenset(office for office, _ in load_offices(code))


def office_holder(office: str, of: str, day: date | None, code: str = "ckb") -> str | None:
    """Who held `office` of `of` on `day` (None when unknown or ambiguous)."""
    if day is None or not office:
        return None
    holders = {h for h, start, end in load_offices(code).get((office, of), ()) if start <= day and (end is None or day < end)}
    return holders.pop() if len(holders) == 1 else None


def find_role_heads(text: str, code: str = "ckb") -> list[RoleHead]:
    """The role words of the normalised `text`, whatever actors stand around them."""
    forms, pattern = load_role_forms(code)
    first_words = _role_first_words(code)
    starts, words = word_runs(text)
    offsets = itertools.compress(starts, map(first_words.__contains__, words))
    cues = load_cues(code)
    heads = []
    for match in matches_at(pattern, text, offsets):
        end, former = _former(text, match.end(), cues)
        heads.append(RoleHead(Span(match.start(), match.end()), forms[" ".join(match.group().split())], end, former))
    return heads


@functools.cache
def _role_first_words(code: str) -> frozenset[str]:
    """The words a role form starts with: the only words its matcher can match at.

    A role form takes no clitics and its words are joined by spaces, so a match starts
    where the text's word is exactly the form's first word.
    """
    forms, _ = load_role_forms(code)
    return frozenset(form.split()[0] for form in forms)


def attach_roles(text: str, targets: TargetIndex, heads: list[RoleHead], code: str = "ckb") -> list[RolePhrase]:
    """The role phrases `heads` make with their OF and holder among `targets`."""
    cues = load_cues(code)
    out = []
    for role in heads:
        head = role.span
        if targets.overlaps(head):
            continue  # the words belong to a name (سەرۆکی هەرێمی … inside a listed name)
        end, former = role.end, role.former
        of = targets.right_after(text, end, OF_TYPES)
        if of is not None:
            end = of.end
            end, late = _former(text, end, cues)
            former = former or late
        span = Span(head.start, end)
        person = targets.appositive_person(text, head.start) or targets.right_after(text, end, {"PER"})
        out.append(RolePhrase(span, head, role.form, of, former, person))
    return out


class TargetIndex:
    """Targets in ascending order of start, with the lookups role phrases make (O(log n), not a scan).

    The targets' offsets may index the ORIGINAL text (mentions) while phrases are read on the
    normalised one: `at(i)` is then the original offset normalised index i comes from
    (`NormalizedText.offsets`). That map is monotone, so "a target starts before normalised i"
    is "its original start is at most at(i - 1)", and so on: every lookup compares against
    at(i) and no target is mapped until a phrase takes it. `target(k)` makes the k-th target,
    with normalised offsets.
    """

    def __init__(
        self,
        starts: list[int],
        ends: list[int],
        target: Callable[[int], Target],
        at: Callable[[int], int] = operator.index,  # the identity: offsets on the normalised text
        end_of: Callable[[int], int] | None = None,  # the k-th target's normalised end (ends[k] by default)
    ) -> None:
        self.starts, self.ends, self.target, self.at = starts, ends, target, at
        self.end_of = end_of or ends.__getitem__
        # the largest end among the targets that start at or before each one (as `SpanIndex`)
        self.max_ends = list(itertools.accumulate(ends, max))

    @classmethod
    def of(cls, targets: Iterable[Target]) -> TargetIndex:
        """An index of targets on the normalised text."""
        ordered = sorted(targets, key=operator.itemgetter(0))
        starts, ends = list(map(operator.itemgetter(0), ordered)), list(map(operator.itemgetter(1), ordered))
        return cls(starts, ends, ordered.__getitem__)

    def overlaps(self, span: Span) -> bool:
        """Whether a target overlaps the non-empty `span` (as `Span.overlaps`)."""
        before = bisect.bisect_right(self.starts, self.at(span.end - 1))  # the targets starting before span.end
        return before > 0 and self.max_ends[before - 1] > self.at(span.start)

    def right_after(self, text: str, end: int, types) -> Target | None:
        """The first target starting at or after `end` (> 0), if only space is between and its type fits."""
        k = bisect.bisect_right(self.starts, self.at(end - 1))  # the targets starting before `end`
        if k == len(self.starts):
            return None
        t = self.target(k)
        return t if t.type in types and text[end : t.start].isspace() else None

    def appositive_person(self, text: str, start: int) -> Target | None:
        """A person ending before `start` with only a comma between: the last target ending there."""
        limit = self.at(start)
        k = bisect.bisect_right(self.starts, limit)  # a target ending by `start` starts by it too
        last = next((i for i in range(k - 1, -1, -1) if self.ends[i] <= limit), None)
        if last is None or not is_comma(text[self.end_of(last) : start].strip()):
            return None  # tested before the target is made: most role words follow no comma
        before = self.target(last)
        return before if before.type == "PER" else None


def _former(text: str, end: int, cues: Cues) -> tuple[int, bool]:
    match = _NEXT_WORD.match(text, end)
    if match and match.group(1) in cues.kinds.get("former", ()):
        return match.end(), True
    return end, False


def extract_roles(
    doc: Document,
    norm_text: NormalizedText,
    mentions: tuple[Mention, ...],
    timexes: tuple[Timex, ...],
    lang: str = "ckb",
    heads: list[RoleHead] | None = None,
) -> tuple[Role, ...]:
    """Roles the text gives actors (`X، وەزیری دەرەوەی عێراق`), with time and `former`, in original offsets.

    `heads`: the text's `find_role_heads`, when the caller has them already.
    """
    if heads is None:
        heads = find_role_heads(norm_text.text, lang)
    if not heads:
        return ()
    targets = _mention_targets(norm_text, mentions, lang)
    roles = []
    for phrase in attach_roles(norm_text.text, targets, heads, lang):
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
                rule="role_appositive" if phrase.person.end <= phrase.span.start else "role_before_name",
            )
        )
    return tuple(roles)


def _mention_targets(norm_text: NormalizedText, mentions: tuple[Mention, ...], lang: str) -> TargetIndex:
    """The mentions a role may attach to (not role holders), looked up in original offsets."""
    kept = [m for m in mentions if m.rule != ROLE_HOLDER]
    starts = [m.span.start for m in kept]
    offsets = norm_text.offsets
    listed = load_lexicon(lang).actors

    def target(k: int) -> Target:
        mention = kept[k]
        start = bisect.bisect_left(offsets, mention.span.start)  # the first normalised char mapping there
        end = max(start, bisect.bisect_left(offsets, mention.span.end))
        return Target(start, end, mention.actor_key, _target_type(mention, listed.type_of(mention.actor_key)))

    if any(map(operator.gt, starts, starts[1:])):  # not in text order (extract_actors sorts them): map all
        return TargetIndex.of(map(target, range(len(kept))))
    ends = [m.span.end for m in kept]
    # a target's normalised end, max(start, bisect_left(offsets, end)), is bisect_left(offsets, end): end >= start
    return TargetIndex(starts, ends, target, offsets.__getitem__, lambda k: bisect.bisect_left(offsets, ends[k]))


def _target_type(mention: Mention, listed_type: str | None) -> str:
    if mention.rule == RULE_DEMONYM:
        return "GPE"
    return RULE_TYPES.get(mention.rule) or listed_type or "PER"


def _time_of(text: str, span: Span, timexes: tuple[Timex, ...]):
    """A timex inside the role phrase or just after it, before the clause ends."""
    limit = span.end + TIME_WINDOW
    stop = _CLAUSE_END.search(text, span.end, limit)
    limit = stop.start() if stop else limit
    for timex in timexes:
        if span.start <= timex.span.start < limit and timex.value is not None:
            return timex.value
    return None
