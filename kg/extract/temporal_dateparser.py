"""Sorani locale data for dateparser, shipped by kg and merged into dateparser at run time.

dateparser's `ckb` locale knows one spelling per month and weekday and nothing of Sorani
relative words. `register_ckb_locale()` adds `kg/lang/ckb/dateparser_ckb.json` (relative
words, units, AM/PM, a corrected December) plus the month and weekday spellings of our own
tables, so that ``dateparser.parse("دوێنێ", languages=["ckb"])`` works.

How: dateparser builds a locale from the `info` dict of the module
`dateparser.data.date_translation_data.<lang>` the first time the language is asked for,
and keeps both that dict and the built `Locale` objects in `LocaleDataLoader`'s class
caches. We extend the module's `info` in place (the documented schema of those modules) and
drop already-built `ckb` locales from the cache, so the next request rebuilds them from the
extended data. Nothing in site-packages is edited.

The tagger itself does not depend on this: dateparser guesses missing parts (the day, the
year) from today's date, which the tagger must never do.
"""

from __future__ import annotations

import functools
import json

from kg import lang as lang_data

_LOCALE = "ckb"
_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def locale_additions(code: str = _LOCALE) -> dict:
    """The locale data to merge: the JSON file plus month and weekday spellings from our tables."""
    data = lang_data.load(code)
    extra = json.loads((data.folder / f"dateparser_{code}.json").read_text(encoding="utf-8"))
    extra.pop("_comment", None)
    ezafe = [r["form"] for r in data.table("temporal_cues.tsv") if r["role"] == "ezafe"]
    for row in data.table("months.tsv"):
        if row["calendar"] == "gregorian" and row["needs_cue"] == "no":  # ambiguous words stay out
            # with the ezafe too: ١٢ی ئایاری ٢٠٢٠ (dateparser splits no clitics)
            forms = [row["form"], *(row["form"] + e for e in ezafe)]
            extra.setdefault(_MONTH_KEYS[int(row["month"]) - 1], []).extend(forms)
    for row in data.table("weekdays.tsv"):
        extra.setdefault(_WEEKDAY_KEYS[int(row["iso_weekday"]) - 1], []).append(row["form"])
    return extra


def merge_locale(info: dict, extra: dict) -> None:
    """Merge `extra` into a dateparser locale `info` dict in place (lists extended, no duplicates)."""
    for key, dropped in extra.get("replace", {}).items():
        info[key] = [v for v in info.get(key, []) if v not in dropped]
    for key, value in extra.items():
        if key == "replace":
            continue
        if isinstance(value, dict):
            target = info.setdefault(key, {})
            for sub, forms in value.items():
                target[sub] = list(dict.fromkeys([*target.get(sub, []), *forms]))
        else:
            info[key] = list(dict.fromkeys([*info.get(key, []), *value]))


@functools.cache
def register_ckb_locale() -> None:
    """Extend dateparser's `ckb` locale with kg's Sorani data (idempotent; done once per process)."""
    from dateparser.data.date_translation_data import ckb as shipped

    merge_locale(shipped.info, locale_additions())
    _forget_built_locales()


def _forget_built_locales() -> None:
    """Drop what dateparser built from the old `ckb` data, so it is rebuilt from the new."""
    from dateparser.languages.dictionary import Dictionary
    from dateparser.languages.loader import LocaleDataLoader

    def ours(name: str) -> bool:
        return name.split("-")[0] == _LOCALE

    for name in [n for n in LocaleDataLoader._loaded_locales if ours(n)]:
        del LocaleDataLoader._loaded_locales[name]  # Locale objects hold deep copies of the data
    LocaleDataLoader._loaded_languages.pop(_LOCALE, None)
    for attr, cache in vars(Dictionary).items():  # word lists and regexes, keyed by locale name
        if attr.endswith("_cache") and isinstance(cache, dict):
            for per_locale in cache.values():
                for name in [n for n in per_locale if ours(n)]:
                    del per_locale[name]
