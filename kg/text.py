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

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from re import _constants as sre  # the stdlib parser, to read what a rule must match
from re import _parser as sre_parse

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

    `identity` is True when no edit inserted or deleted characters (most texts):
    index i of `text` is then index i of `original`, and ``to_original(start, end)``
    is ``Span(start, end)`` for ``start < end``, so a caller may skip the mapping.
    """

    original: str
    text: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...] | None = None
    identity: bool = field(default=False, compare=False)

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
        if self.offsets is None:
            offsets, ends = map(list, _identity_map(len(self.text)))
        else:
            offsets, ends = self.offsets, self.ends
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
            return NormalizedText(original, self.text, *_identity_map(len(self.text)), identity=True)
        return NormalizedText(original, self.text, tuple(self.offsets), tuple(self.ends))


# Offsets 0, 1, 2, … shared by every unedited text: slicing a tuple copies pointers, while
# tuple(range(n)) makes n int objects (the slowest part of normalising a clean 4k-char text).
_identity_numbers: tuple[int, ...] = ()
_SHARED_IDENTITY_LIMIT = 1 << 16  # longer texts (no news article) build their own map: a long page must not pin MBs


def _identity_map(n: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(offsets, ends) of an unedited text of length `n`: offsets[i] = i, ends[i] = i + 1, final entries n."""
    global _identity_numbers
    numbers = _identity_numbers
    if len(numbers) < n + 1:
        numbers = tuple(range(max(n + 1, 2 * len(numbers))))
        if len(numbers) <= _SHARED_IDENTITY_LIMIT:
            _identity_numbers = numbers
    return numbers[: n + 1], numbers[1 : n + 1] + (n,)


@dataclass(frozen=True)
class _CharStep:
    """Context-free character replacements, composed from consecutive char rows."""

    table: dict[str, str]
    keys: re.Pattern[str]  # any character in the table
    probe: str | None  # the table's characters when few: `in` tests find them faster than `keys`

    def apply(self, state: _Edit) -> None:
        text = state.text
        if self.probe is not None and not any(map(text.__contains__, self.probe)):
            return  # most texts hold none of the rarer characters: a few memchr-like scans say so
        table = self.table
        edits: list[tuple[int, int, int]] = []

        def replacement(match: re.Match[str]) -> str:
            out = table[match.group()]
            if len(out) != 1:
                edits.append((match.start(), match.end(), len(out)))
            return out

        # a regex scan skips unchanged text in C; str.translate would look up every character
        new_text = self.keys.sub(replacement, text)
        state.replace(new_text, edits)


@dataclass(frozen=True)
class _RegexStep:
    """A context rule: every match of `pattern` becomes the literal `replacement`."""

    name: str
    pattern: regex.Pattern[str]
    replacement: str
    required: tuple[tuple[str, ...], ...] = ()  # see _required_strings: a text lacking one can't match

    def apply(self, state: _Edit) -> None:
        text = state.text
        for alternatives in self.required:
            if not any(map(text.__contains__, alternatives)):
                return  # most rules fix legacy typing (harakat, ZWNJ) a modern text does not have
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
            steps.append(_RegexStep(name, _compile_rule(pattern, path, name), replace, _required_strings(pattern)))
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


_MAX_PROBED_CHARS = 64  # beyond this many `in` tests, one scan for the character class is cheaper


def _char_step(mapping: dict[str, str]) -> _CharStep:
    table = {c: out for c, out in mapping.items() if out != c}
    probe = "".join(sorted(table)) if len(table) <= _MAX_PROBED_CHARS else None
    return _CharStep(table, _char_class(table), probe)


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


# --------------------------------------------------------------------------- rule screens

# A rule's pattern is read with the stdlib parser (the `regex` module has none to offer) to find
# strings every match must contain. `regex`-only syntax the stdlib parser would misread as literal
# text gives no screen at all: POSIX classes [:alpha:] and fuzzy counts {e<=1}. Unicode property
# classes \p{..} become \w, a class the analysis never takes literals from.
_PROPERTY_OR_ESCAPE = re.compile(r"\\(?:[pP]\{[^}]*\}|.)", re.DOTALL)
_MISREAD_SYNTAX = re.compile(r"\[:|\{(?!\d*(?:,\d*)?\})")  # POSIX classes; any brace but a repeat count
_MAX_SCREEN_CLASS = 8  # a larger class is likely common in any text: not worth testing
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _required_strings(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Groups of strings such that every match of `pattern` contains one string of each group.

    A text that lacks every string of some group cannot match, so the rule need not scan it:
    `in` tests run in C at memchr speed, far faster than a `regex` scan. Empty when nothing
    can be proven (the rule then always runs).

    >>> _required_strings("[یێ][\\u064e\\u064b]+")
    (('ی', 'ێ'), ('ً', 'َ'))
    >>> _required_strings("(?<!\\\\p{L})آ|لأ")
    (('آ', 'لأ'),)
    """
    stdlib_syntax = _PROPERTY_OR_ESCAPE.sub(lambda m: r"\w" if m[0][1] in "pP" else m[0], pattern)
    if _MISREAD_SYNTAX.search(stdlib_syntax):
        return ()
    try:
        parsed = sre_parse.parse(stdlib_syntax)
    except Exception:  # noqa: BLE001 - syntax only `regex` knows: no screen, same results
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    return tuple(_required_in(parsed.data))


def _required_in(items) -> list[tuple[str, ...]]:
    """The required string groups of a parsed sequence (consumed parts only; lookarounds give none)."""
    groups: list[tuple[str, ...]] = []
    run = ""  # consecutive literal characters: matched together, so required as one string
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            groups.append((run,))
            run = ""
        if op is sre.IN:
            chars = _class_chars(av)
            if chars and len(chars) <= _MAX_SCREEN_CLASS:
                groups.append(chars)
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            groups += _required_in(av[3])
        elif op is sre.ATOMIC_GROUP:
            groups += _required_in(av)
        elif op in _REPEATS and av[0] >= 1:
            groups += _required_in(av[2])
        elif op is sre.BRANCH:
            best = [_strongest(_required_in(branch)) for branch in av[1]]
            if all(best):
                groups.append(tuple(sorted({s for b in best for s in b})))
    if run:
        groups.append((run,))
    return groups


def _strongest(groups: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The group least likely to be found by chance: longest shortest string, then fewest strings."""
    return max(groups, key=lambda g: (min(map(len, g)), -len(g)), default=())


def _class_chars(items) -> tuple[str, ...] | None:
    """The characters of a parsed [...] class of literals and ranges; None for any other class."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_SCREEN_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # negated, a category, or a large range
    return tuple(sorted(chars))


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


# --------------------------------------------------------------------------- sentences

# Newlines separate paragraphs; runs of 3+ spaces separate sentences in news pages even without a
# full stop. sentencex treats neither as a boundary. (A break starts at its newline: the white
# space before it is stripped from the paragraph anyway, and a literal first lets re skip in C.)
_NEWLINE_BREAK = re.compile(r"\n\s*")
_SPACE_RUN = re.compile(r"[^\S\n]{3,}")
# white space other than the plain space and the newline (str.isspace; all of it is below U+3001)
_OTHER_SPACES = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
SENTENCEX_WINDOW = 2000  # characters; see _sentencex_windows
_FULL_STOP_SPACE = re.compile(r"[.!?؟]\s")
_PAIRED_QUOTES = {"«": "»", "“": "”", "‹": "›"}
_SYMMETRIC_QUOTES = '"'
_QUOTE_LOOKAHEAD = 3  # a quotation may run over this many more pieces before it must close
_DOTTED_WORD_BEFORE_STOP = re.compile(rf"(?<![\w.])((?:{LETTER}+\.)*{LETTER}+)\.$")
_DECIMAL_STOP = re.compile(r"\d[.,]$")


def sentences(text: str, lang: str = "ckb") -> list[Span]:
    """Sentence spans over `text` (the original), each stripped of surrounding white space.

    sentencex proposes boundaries; newlines and runs of 3+ spaces are boundaries too; then
    splits after abbreviations of `lang`, inside decimal numbers and inside a quotation that
    continues are undone.

    >>> text = "د. کاوە گوتی: ئەمە باشە.   ئێمە دەڕۆین"
    >>> [text[s.start:s.end] for s in sentences(text)]
    ['د. کاوە گوتی: ئەمە باشە.', 'ئێمە دەڕۆین']
    """
    return list(_sentences(text, lang))


@functools.lru_cache(maxsize=8)  # several extractors split the same document one after another
def _sentences(text: str, lang: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for start, end in _paragraphs(text):
        spans += (Span(start + s, start + e) for s, e in _segment_paragraph(text[start:end], lang))
    return tuple(spans)


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for brk in (*_NEWLINE_BREAK.finditer(text), None):
        end = brk.start() if brk else len(text)
        if text[start:end].strip():
            yield _strip_span(text, start, end)
        start = brk.end() if brk else end


def _segment_paragraph(chunk: str, lang: str) -> list[tuple[int, int]]:
    """Stripped (start, end) pairs within one paragraph, with false splits repaired."""
    from sentencex import segment  # imported late: only sentence splitting needs it

    forced = _space_breaks(chunk)  # in order
    proposed = []
    for start, end in _sentencex_windows(chunk, forced):
        piece = chunk[start:end]
        # sentencex reads its argument as UTF-8, and CPython keeps that UTF-8 copy inside the
        # str for as long as it lives: given a copy, the document's own text stays half the size
        detached = piece.encode().decode()
        proposed += (start + s for s in _segment_starts(piece, segment(lang, detached)))
    starts = sorted(set(proposed).union(forced))
    pieces = [_strip_span(chunk, s, e) for s, e in zip(starts, [*starts[1:], len(chunk)])]
    pieces = [p for p in pieces if p[0] < p[1]]
    merged: list[tuple[int, int]] = []
    for i, piece in enumerate(pieces):
        if merged and _continues(chunk, merged[-1], piece, pieces[i : i + _QUOTE_LOOKAHEAD], forced, lang):
            merged[-1] = (merged[-1][0], piece[1])
        else:
            merged.append(piece)
    return merged


def _sentencex_windows(chunk: str, forced: list[int]) -> Iterator[tuple[int, int]]:
    """The stretches of a paragraph that sentencex reads one at a time.

    Its time grows with the square of its input (a one-line article of 4,500 characters costs
    it four times what its sentences cost one by one; a one-line dump of megabytes would never
    end). A forced break ends a sentence whatever sentencex says, so it reads what lies between
    them; a longer stretch is cut after the first full stop and space past SENTENCEX_WINDOW
    characters that no quotation spans, where it would split too (a wrong cut, after an
    abbreviation, is repaired like one of its own; a window must not open inside a quotation,
    or sentencex reads the rest as quoted).
    """
    for start, end in zip([0, *forced], [*forced, len(chunk)]):
        while end - start > SENTENCEX_WINDOW:
            cut = _window_cut(chunk, start, end)
            if cut is None:
                break
            yield start, cut
            start = cut
        yield start, end


def _window_cut(chunk: str, start: int, end: int) -> int | None:
    """Where the window from `start` ends: outside quotations if that comes within another
    window's length (a stray quotation mark must not make the rest one window again)."""
    first = None
    for stop in _FULL_STOP_SPACE.finditer(chunk, start + SENTENCEX_WINDOW, end):
        if not _inside_quote(chunk[start : stop.end()]):
            return stop.end()
        first = first or stop.end()
        if stop.end() > start + 2 * SENTENCEX_WINDOW:
            break
    return first


def _space_breaks(chunk: str) -> list[int]:
    """Ends of the runs of 3+ white-space characters of a paragraph (it holds no newline).

    When its only white space is the plain space (news text nearly always), the runs are found
    with str.find, which skips in C; a character-class scan tests every character.
    """
    if any(space in chunk for space in _OTHER_SPACES):
        return [m.end() for m in _SPACE_RUN.finditer(chunk)]
    ends = []
    at = chunk.find("   ")
    while at >= 0:
        end = at + 3
        while end < len(chunk) and chunk[end] == " ":
            end += 1
        ends.append(end)
        at = chunk.find("   ", end)
    return ends


def _segment_starts(chunk: str, segments: Iterable[str]) -> list[int]:
    """Where each segment begins in `chunk`; text sentencex skipped stays with the one before."""
    starts = [0]
    pos = 0
    for seg in segments:
        core = seg.strip()
        found = chunk.find(core, pos) if core else -1
        if found >= 0:
            starts.append(found)
            pos = found + len(core)
    return starts


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def _continues(chunk, before, after, ahead, forced, lang) -> bool:
    """Whether the boundary between piece `before` and piece `after` is a false split."""
    head = chunk[before[0] : before[1]]
    if _inside_quote(head) and _has_closing_quote(head, chunk[ahead[0][0] : ahead[-1][1]]):
        return True
    if _forced_between(forced, before[1], after[0]):
        return False  # white-space breaks only give way to an open quotation
    next_char = chunk[after[0]]
    # both patterns end at `$`: searched from the head's last word on, not over all of it
    last_word_at = len(head) - len(head.rsplit(None, 1)[-1])
    if _DECIMAL_STOP.search(head, last_word_at) and next_char.isdigit() and before[1] == after[0]:
        return True  # 2.5 split at its point
    abbreviation = _DOTTED_WORD_BEFORE_STOP.search(head, last_word_at)
    if abbreviation:
        may_end = _abbreviation_may_end(abbreviation[1], lang)
        if may_end is None:
            return len(abbreviation[1]) == 1  # a lone letter and a stop is an initial
        return not may_end or not next_char.isalpha()
    return False


def _forced_between(forced: list[int], start: int, end: int) -> bool:
    """Whether a white-space break (`forced`, in order) lies in start..end."""
    i = bisect.bisect_left(forced, start)
    return i < len(forced) and forced[i] <= end


@functools.lru_cache(maxsize=4096)  # a pure per-word lookup; the words before stops repeat (Zipf)
def _abbreviation_may_end(word: str, lang: str) -> bool | None:
    """None when `word` is no abbreviation of `lang`, else whether it may end a sentence."""
    return _abbreviations(lang).get(normalize(word, lang).text)


def _inside_quote(text: str) -> bool:
    for q in _SYMMETRIC_QUOTES:  # plain loops: called for every piece, a generator costs more than the counts
        if text.count(q) % 2:
            return True
    for o, c in _PAIRED_QUOTES.items():
        if text.count(o) > text.count(c):
            return True
    return False


def _has_closing_quote(head: str, rest: str) -> bool:
    open_symmetric = [q for q in _SYMMETRIC_QUOTES if head.count(q) % 2]
    open_paired = [c for o, c in _PAIRED_QUOTES.items() if head.count(o) > head.count(c)]
    return any(q in rest for q in open_symmetric + open_paired)


@functools.cache
def _abbreviations(code: str) -> dict[str, bool]:
    """Normalised abbreviation → whether it may end a sentence."""
    data = lang_data.load(code)
    if not data.has("abbreviations.tsv"):
        return {}
    return {
        normalize(row["abbreviation"], code).text: row["may_end"] == "yes"
        for row in data.table("abbreviations.tsv")
    }


# --------------------------------------------------------------------------- word runs

_WORD_RUN_SPLIT = re.compile(r"(\w+)")  # one group: split() keeps the runs


@functools.lru_cache(maxsize=4)  # actor and role finders read the same text in turn
def word_runs(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """(starts, words) of every run of word characters (regex ``\\w+``) of `text`.

    Built with C-level loops (split, accumulate): a match object per word cost more than
    the work most callers do with the word.

    >>> word_runs("لە 2019، دوو")
    ((0, 3, 9), ('لە', '2019', 'دوو'))
    """
    parts = _WORD_RUN_SPLIT.split(text)  # gap, word, gap, word, …, gap
    bounds = list(itertools.accumulate(map(len, parts)))  # the end of each gap is a word start
    return tuple(bounds[0:-1:2]), tuple(parts[1::2])


# --------------------------------------------------------------------------- tokens and clitics

# Default policy when no lexicon says which stem is real: strip only one final clitic of these
# functions (postpositions such as دا/ەوە are the least ambiguous), and only if a stem of at least
# _MIN_DEFAULT_STEM letters remains. A final ی/ە/ان is never cut by default: it is as often part
# of the word (کوردی، هەفتە، ئێران) as an ezafe, demonstrative or plural.
_DEFAULT_STRIP_FUNCTIONS = frozenset({"postposition"})
_MIN_DEFAULT_STEM = 3
_MIN_STEM = 2  # shortest stem any analysis may leave
_MAX_CLITICS = 3
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or number of the normalised text; `start`/`end` index `NormalizedText.text`."""

    text: str
    start: int
    end: int
    stem: str
    clitics: tuple[str, ...] = ()


def tokens(
    norm: NormalizedText, lang: str = "ckb", known: Callable[[str], bool] | None = None
) -> list[Token]:
    """Word tokens (letter runs and digit runs) of `norm`, with clitics split off.

    The analysis is the first of `split_clitics` whose stem is `known`; without a match
    (or without `known`) the conservative default above applies.

    >>> [(t.stem, t.clitics) for t in tokens(normalize("لە ئەمریکادا"))]
    [('لە', ()), ('ئەمریکا', ('دا',))]
    """
    result = []
    for match in _TOKEN.finditer(norm.text):
        word = match.group()
        stem, clitics = _choose_analysis(word, lang, known)
        result.append(Token(word, match.start(), match.end(), stem, clitics))
    return result


def _choose_analysis(word: str, lang: str, known: Callable[[str], bool] | None) -> tuple[str, tuple[str, ...]]:
    if word.isdigit():
        return word, ()
    if known is not None:
        analyses = split_clitics(word, lang, known)
        if analyses:
            return analyses[0]
    for form in _clitics(lang).default_forms:
        if word.endswith(form) and len(word) - len(form) >= _MIN_DEFAULT_STEM:
            return word[: -len(form)], (form,)
    return word, ()


def split_clitics(
    word: str, lang: str = "ckb", known: Callable[[str], bool] | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """Candidate (stem, clitics) analyses of a normalised `word`, longest stem first.

    A word may carry a chain of up to three clitics from `clitics.tsv`; the unsplit word
    is always a candidate. For one stem, chains of fewer (longer) clitics come first. With
    `known`, only analyses whose stem it accepts are returned.

    >>> split_clitics("ساڵیشدا")[-2:]
    [('ساڵ', ('یش', 'دا')), ('ساڵ', ('ی', 'ش', 'دا'))]
    """
    analyses = sorted(set(_analyses(word, _clitics(lang).forms, _MAX_CLITICS)), key=lambda a: (-len(a[0]), len(a[1]), a[1]))
    if known is not None:
        analyses = [a for a in analyses if known(a[0])]
    return analyses


def _analyses(word: str, forms: tuple[str, ...], depth: int) -> Iterable[tuple[str, tuple[str, ...]]]:
    yield word, ()
    if depth == 0:
        return
    for form in forms:
        if word.endswith(form) and len(word) - len(form) >= _MIN_STEM:
            for stem, chain in _analyses(word[: -len(form)], forms, depth - 1):
                yield stem, (*chain, form)


def clitic_pattern(lang: str = "ckb") -> str:
    """A regex fragment (no capturing groups) for a chain of 0-3 clitics of `lang`.

    Longer alternatives come first. Use it after a known stem and before
    `NOT_LETTER_AFTER`, on normalised text:

    >>> import re
    >>> bool(re.fullmatch("ساڵ" + clitic_pattern() + NOT_LETTER_AFTER, "ساڵیشدا"))
    True
    """
    alternatives = "|".join(re.escape(f) for f in _clitics(lang).forms)
    return f"(?:{alternatives}){{0,{_MAX_CLITICS}}}"


@dataclass(frozen=True)
class _CliticTable:
    forms: tuple[str, ...]  # every form, longest first
    default_forms: tuple[str, ...]  # forms the default policy strips, longest first


@functools.cache
def _clitics(code: str) -> _CliticTable:
    rows = lang_data.load(code).table("clitics.tsv")
    by_length = sorted(rows, key=lambda r: (-len(r["form"]), r["form"]))
    forms = tuple(dict.fromkeys(normalize(r["form"], code).text for r in by_length))
    default = tuple(
        dict.fromkeys(normalize(r["form"], code).text for r in by_length if r["function"] in _DEFAULT_STRIP_FUNCTIONS)
    )
    return _CliticTable(forms, default)
