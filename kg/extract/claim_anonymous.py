"""The one actor that stands for every unnamed news source (`سەرچاوەکان دەڵێن`, `سەرچاوەیەکی باڵا`).

Its own module so that both the claims engine and the anaphoric events (which must never
make it a party to a meeting) can name it without importing each other.
"""

from __future__ import annotations

import functools

from kg import lang as langdata
from kg.model import Actor

#: The speaker of `سەرچاوەکان دەڵێن` / `سەرچاوەیەکی باڵا`. PER: an unnamed news source is
#: almost always a person (an official, adviser or diplomat speaking off the record); an
#: institution that speaks is named. One id for all of them: they are not one person, so
#: graph code should not treat it as an entity to merge claims on.
ANONYMOUS_ID = "anonymous_source"


@functools.cache
def anonymous_source(code: str) -> Actor:
    """The one actor standing for every unnamed source, named in the language's own words."""
    rows = langdata.load(code).table("source_cues.tsv")
    name = next((r["cue"] for r in rows if r["function"] == "anonymous_name"), ANONYMOUS_ID)
    return Actor(id=ANONYMOUS_ID, name=name, type="PER", name_en="anonymous source")
