"""Temporal rules: regex templates over the lexicon.

Each rule is a template whose `{NAME}` slots are filled from the language tables
(`temporal_lexicon`), so the templates hold only structure: which slot may follow
which, what stays in the span. What a match means is `temporal_interpret`'s job.

Slot legend: A/B word boundaries, W whitespace, C a (possibly empty) clitic chain, EZ the
ezafe, MOD part-of-period words, MONTH month names, YHEAD/MHEAD/DHEAD head nouns 'year of',
'month of', 'day of', DATEHEAD 'date of', PREP/POSTP the adposition pair around an adjunct,
UNIT calendar units (YUNIT/MUNIT/CUNIT: year, month, century), DIR last/next words,
THIS/SAME/AGO/LATER relative words, DEICTIC today/this year/now, ERA era words after a
year, PART parts of the day, CLOCK 'o'clock', NUMBER a (compound) numeral, ORDINAL an
ordinal, TENS the tens (for decades), PERIOD halves/quarters/seasons, RANGE 'to/and'
between two years, EVERY 'every', SPANHEAD 'the period of', LEXICAL set/vague words.
A group named `t`, when present, is the span of the expression (cue words outside it).
Rules are tried in this order; of two equally long matches the earlier rule wins.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.temporal_lexicon import Lexicon, alternation, load_lexicon

# Separators of numeric dates; the same one must repeat (26-07-2021, 26 / 07 / 2021).
_SEP = r"\s*(?P<sep>[-/._])\s*"
_NMN = r"(?!\s*[-/._]\s*\d)"  # not more numbers: 1-2-2020-5 is no date
_NAN = r"(?<![\d/._:-])"  # not after numbers
_YEAR = r"(?P<y>\d{4}){C}{B}(?:{W}(?P<era>{ERA})(?!\w))?"  # a year, maybe with its era word
_CLOCK_TAIL = r"(?:{C}\s*(?P<part>{PART}))?(?![\w:])"
_NUM = r"(?P<n>\d{1,3}|{NUMBER})"
# a day-month without a year is not a date when a quantity follows: 2 - 3 % , 2 - 3 ساڵ
_NOT_QUANTITY = r"(?!\s*[%\u066a])(?!\s+{UNIT}(?!\w))"

TEMPLATES: dict[str, str] = {
    # ڕۆژی دووشەممە ٢٦ - ٠٧ - ٢٠٢١ (١٠:٣٠) : optional weekday, day-month-year, optional clock time
    "numeric_dmy": r"{A}" + _NAN
    + r"(?:(?:{DHEAD}{W})?(?P<wd>{WEEKDAY}){C}(?:\s*[,\u060c])?\s+)?"
    + r"(?P<d>\d{1,2})" + _SEP + r"(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}){C}{B}" + _NMN
    + r"(?:\s+(?:{CLOCK}{C}\s+)?(?P<hh>\d{1,2}):(?P<mm>\d{2})" + _CLOCK_TAIL + ")?",
    # ١٠:٣٠ ٢٦/٧/٢٠٢١ : clock time before the date
    "time_dmy": r"{A}" + _NAN + r"(?P<hh>\d{1,2}):(?P<mm>\d{2})\s+"
    + r"(?P<d>\d{1,2})" + _SEP + r"(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}){C}{B}" + _NMN,
    # ٣٠ی ٦ی ٢٠٢٢ : day, ezafe, month number, ezafe, year
    "numeric_ezafe_dmy": r"{A}" + _NAN + r"(?P<d>\d{1,2}){EZ}\s*(?P<m>\d{1,2}){EZ}\s*(?P<y>\d{4}){C}{B}",
    "numeric_ymd": r"{A}" + _NAN
    + r"(?P<y>\d{4})" + _SEP + r"(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2}){C}{B}" + _NMN,
    # ڕێکەوتی ١٠-١٠ / لە ١٠ - ١٠ دا : day-month without a year, after a date word or (spaced) in an adjunct
    "numeric_dm_cued": r"{A}{DATEHEAD}{W}(?P<t>(?P<d>\d{1,2})\s*-\s*(?P<m>\d{1,2})(?:{POSTP})?){B}"
    + _NMN + _NOT_QUANTITY,
    "numeric_dm": r"{A}{PREP}{W}(?P<t>(?P<d>\d{1,2})\s+-\s+(?P<m>\d{1,2})(?:{POSTP})?){B}" + _NMN + _NOT_QUANTITY,
    # ساڵی ڕابردوو / هەفتەی داهاتوو / ڕۆژانی داهاتوو (plural: FUTURE_REF); before `month`, so that a
    # unit with its clitics (دەیەی ڕابردوو) wins over a short month name (دەی) of the same length
    "unit_dir": r"{A}(?:(?P<mod>{MOD}){W})?(?P<unit>{UNIT})(?P<ucl>{C}){W}(?P<dir>{DIR}){C}{B}",
    # کۆتایی مانگی ٨ی کانوونی دووەمی ٢٠٢٠ / ئابی هەمان ساڵ / حوزەیرانی ڕابردوو …
    "month": r"{A}(?:(?P<mod>{MOD}){W})?(?:(?P<mhead>{MHEAD}){W})?(?:(?P<d>\d{1,2}){C}{W})?"
    + r"(?P<month>{MONTH}){C}{B}"
    + r"(?:{W}(?:{YHEAD}{W})?" + _YEAR
    + r"|{W}(?P<yunit>{YUNIT}){C}{W}(?P<ydir>{DIR}){C}{B}"
    + r"|{W}(?P<ysame>{SAME}){W}{YUNIT}{C}{B}"
    + r"|{W}(?P<ydeictic>{YDEICTIC}){B}"
    + r"|{W}(?P<mdir>{DIR}){C}{B})?",
    # نیوەی یەکەمی ٢٠٢٠ / چارەکی سێیەمی ساڵی ڕابردوو / هاوینی ٢٠١٤
    "period": r"{A}(?:(?P<mod>{MOD}){W})?(?P<period>{PERIOD}){C}{W}(?:(?:{YHEAD}{W})?" + _YEAR
    + r"|(?P<yunit>{YUNIT}){C}{W}(?P<ydir>{DIR}){C}{B}|(?P<ydeictic>{YDEICTIC}){B})",
    # ١٩٨٠ەکان : a decade year with a plural ending
    "decade_digits": r"{A}" + _NAN + r"(?:{YHEAD}{W})?(?P<y>\d{4})(?P<dcl>{C}){B}",
    # هەشتاکانی سەدەی ڕابردوو / ساڵانی نەوەدەکان : a plural tens word is a decade
    "decade_word": r"{A}(?:{YHEAD}{W})?(?P<tens>{TENS})(?P<dcl>{C})"
    + r"(?:{W}(?P<cunit>{CUNIT}){C}{W}(?:(?P<cdir>{DIR}){C}|(?P<cord>{ORDINAL}){C}|(?P<cnum>\d{1,2}){C}))?{B}",
    # سەدەی بیستەم / سەدەی ٢١
    "century": r"{A}(?:(?P<mod>{MOD}){W})?(?P<cunit>{CUNIT}){C}{W}(?:(?P<cord>{ORDINAL})|(?P<cnum>\d{1,2})){C}{B}",
    # ساڵی ٢٠٠٣ / کۆتاییەکانی ساڵی ٢٠١٩ / ساڵی ١٤٠١ی هەتاوی
    "year_head": r"{A}(?:(?P<mod>{MOD}){W})?{YHEAD}{W}" + _YEAR,
    # سەرەتای ٢٠٢٠
    "mod_year": r"{A}(?P<mod>{MOD}){W}" + _YEAR,
    # لە ٢٠٢٠ تا ٢٠٢٢ : the first year of a range (the second is `range_second`)
    "range_first": r"{A}{PREP}{W}(?P<t>(?P<y>\d{4})){W}{RANGE}{W}(?P<y2>\d{4}){C}{B}",
    "range_second": r"{A}(?:{YHEAD}|{PREP}){W}(?P<y0>\d{4}){C}{W}{RANGE}{W}(?P<t>(?P<y>\d{4}){C}){B}",
    # لە ٢٠١٧دا / لە ٢٠١٧ دا / لە ٢٠١٧، : a bare year closed by a postposition or punctuation
    "prep_year_glued": r"{A}{PREP}{W}(?P<t>(?P<y>\d{4}){POSTP}{C}){B}",
    "prep_year": r"{A}{PREP}{W}(?P<t>(?P<y>\d{4})){B}(?=\s*(?:{POSTP}{B}|[^\w\s]|$))",
    # ٢٠ی مانگی ڕابردوو : a day of last/next month
    "day_unit_dir": r"{A}" + _NAN + r"(?P<d>\d{1,2}){EZ}{W}(?P<unit>{MUNIT}){C}{W}(?P<dir>{DIR}){C}{B}",
    # ئەم هەفتەیە
    "this_unit": r"{A}(?:(?P<mod>{MOD}){W})?(?P<this>{THIS}){W}(?P<unit>{UNIT}){C}{B}",
    # ئێوارەی دوێنێ / دوێنێ ئێوارە : a part of a deictic day
    "part_deictic": r"{A}(?P<part>{PART}){C}{W}(?P<deictic>{DDEICTIC}){B}",
    "deictic_part": r"{A}(?P<deictic>{DDEICTIC}){W}(?P<part>{PART}){C}{B}",
    # ئەمڕۆ / ئێستا / کۆتایی ئەمساڵ / ئەمشەو
    "deictic": r"{A}(?:(?P<mod>{MOD}){W})?(?P<deictic>{DEICTIC}){B}",
    # لە داهاتوودا / لە ماوەی ڕابردوودا : the future / the past
    # (the adjunct must close: لە داهاتوویەکی ناوچەکە is 'of a future of the region', no time)
    "ref_dir": r"{A}{PREP}{W}(?P<t>(?:{SPANHEAD}{W})?(?P<refdir>{DIR})(?:{C}{POSTP}|(?=\s+{POSTP}(?!\w)))){B}",
    # کۆتایی ساڵدا: 'the end of the year' = the current one
    "mod_unit": r"{A}(?P<mod>{MOD}){W}(?P<unit>{UNIT}){C}{B}",
    # دوو ڕۆژ لەمەوبەر
    "ago": r"{A}" + _NUM + r"{W}(?P<unit>{UNIT}){C}{W}(?P<ago>{AGO}){C}{B}",
    # سێ مانگ دواتر : against the narrative date
    "later": r"{A}" + _NUM + r"{W}(?P<unit>{UNIT}){C}{W}(?P<later>{LATER}){C}{B}",
    # ڕۆژی دووشەممە / شەوی پێنجشەممە / هەینی داهاتوو
    "weekday": r"{A}(?:(?:{DHEAD}|(?P<part>{PART}){C}){W})?(?P<wd>{WEEKDAY}){C}(?:{W}(?P<wdir>{DIR}){C})?{B}",
    # ١٠:٣٠ / کاتژمێر ١٠:٣٠ی بەیانی / 3:15 PM
    "clock_colon": r"{A}" + _NAN + r"(?:(?P<clock>{CLOCK}){C}{W})?(?P<hh>\d{1,2}):(?P<mm>\d{2})" + _CLOCK_TAIL,
    # کاتژمێر ٣ی پاشنیوەڕۆ : head noun first (a count first, ٣ کاتژمێر, is a duration)
    "clock_head": r"{A}(?P<clock>{CLOCK}){C}{W}(?P<hh>\d{1,2})" + _CLOCK_TAIL,
    # هەموو هەفتەیەک
    "every": r"{A}(?P<every>{EVERY}){W}(?P<unit>{UNIT})(?P<ucl>{C}){B}",
    # ڕۆژانە / ماوەیەکی زۆر
    "lexical": r"{A}(?P<lexical>{LEXICAL}){B}",
    # سێ ساڵ / چەند ڕۆژێک / بیست و پێنج ساڵ / سێ ساڵی داهاتوودا ('within the next three years')
    "duration": r"{A}" + _NUM + r"{W}(?P<unit>{UNIT}){C}(?:{W}(?P<ddir>{DIR}){C})?{B}",
    # هەمان ساڵ
    "same_unit": r"{A}(?:(?P<mod>{MOD}){W})?(?P<same>{SAME}){W}(?P<unit>{UNIT}){C}{B}",
}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]


REF_KINDS = {"present": "PRESENT_REF", "past": "PAST_REF"}


def _fragments(lex: Lexicon) -> dict[str, str]:
    rel, units = lex.relatives, lex.units
    deictic = [w for w in rel.values() if w.kind in ("deictic", *REF_KINDS)]
    numeral = alternation(list(lex.numerals))
    joiner = alternation(lex.cue_forms("number_joiner"))
    number = f"(?:{numeral}(?:\\s+(?:{joiner}\\s+)?{numeral})*)"  # بیست و پێنج, دوو سەد
    tens = [f for f, v in lex.numerals.items() if v.isdigit() and int(v) in range(20, 100, 10)]
    return {
        "A": r"(?<!\w)",
        "B": r"(?!\w)",
        "W": r"\s+",
        "C": lex.clitic_chain,
        "EZ": alternation(lex.cue_forms("ezafe")),
        "MOD": alternation(list(lex.modifiers)),
        "MONTH": alternation(list(lex.months)),
        "WEEKDAY": alternation(list(lex.weekdays)),
        "NUMBER": number,
        "ORDINAL": number + alternation(lex.cue_forms("ordinal_suffix")),
        "TENS": alternation(tens),
        "UNIT": alternation(list(units)),
        "YUNIT": alternation(lex.forms(units, unit="year")),
        "MUNIT": alternation(lex.forms(units, unit="month")),
        "CUNIT": alternation(lex.forms(units, unit="century")),
        "YHEAD": alternation(lex.cue_forms("year_head")),
        "MHEAD": alternation(lex.cue_forms("month_head")),
        "DHEAD": alternation(lex.cue_forms("day_head")),
        "DATEHEAD": alternation(lex.cue_forms("date_head")),
        "PREP": alternation(lex.cue_forms("preposition")),
        "POSTP": alternation(lex.cue_forms("postposition")),
        "RANGE": alternation(lex.cue_forms("range")),
        "EVERY": alternation(lex.cue_forms("every")),
        "SPANHEAD": alternation(lex.cue_forms("span_head")),
        "CLOCK": alternation(lex.cue_forms("clock_head")),
        "ERA": _eras(lex),
        "PART": "(?i:" + alternation(list(lex.day_parts)) + ")",  # AM/PM in either case
        "PERIOD": alternation(list(lex.periods)),
        "DIR": alternation(lex.forms(rel, kind="direction")),
        "THIS": alternation(lex.forms(rel, kind="this")),
        "SAME": alternation(lex.forms(rel, kind="same")),
        "AGO": alternation(lex.forms(rel, kind="ago")),
        "LATER": alternation(lex.forms(rel, kind="later")),
        "DEICTIC": _with_suffixes(deictic, lex.clitic_chain),
        "DDEICTIC": _with_suffixes([w for w in deictic if w.unit == "day" and not w.part], lex.clitic_chain),
        "YDEICTIC": _with_suffixes([w for w in deictic if w.unit == "year"], lex.clitic_chain),
        "LEXICAL": _with_suffixes([w for w in rel.values() if w.kind in ("set", "vague")], lex.clitic_chain),
    }


def _eras(lex: Lexicon) -> str:
    """Era words; only full words take clitics (ساڵی ١٤٠١ی هەتاویدا): an abbreviation with one
    would be an ordinary word (ک + ە is the conjunction کە)."""
    words = [f for f in lex.eras if len(f) >= _MIN_ERA_WORD and f.isalpha()]
    abbreviations = [f for f in lex.eras if f not in words]
    return f"(?:{alternation(words)}{lex.clitic_chain}|{alternation(abbreviations)})"


_MIN_ERA_WORD = 3


def _with_suffixes(words, clitic_chain: str) -> str:
    """Alternation of words, each followed only by the endings its table row allows."""
    parts = []
    for word in sorted(words, key=lambda w: len(w.form), reverse=True):
        if word.suffixes == "*":
            ending = clitic_chain
        elif word.suffixes == "-":
            ending = ""
        else:
            ending = alternation(word.suffixes.split("|")) + "?"
        parts.append(alternation([word.form]) + ending)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _fill(template: str, fragments: dict[str, str]) -> str:
    # only {UPPERCASE} slots are replaced, so regex quantifiers like \d{1,2} stay intact
    return re.sub(r"\{([A-Z]+)\}", lambda m: fragments[m.group(1)], template)


@functools.cache
def compile_rules(code: str) -> tuple[Rule, ...]:
    """The compiled rules of language `code` (cached: compiled once per process)."""
    fragments = _fragments(load_lexicon(code))
    return tuple(Rule(name, re.compile(_fill(t, fragments))) for name, t in TEMPLATES.items())
