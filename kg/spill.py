"""Extraction records kept on disk during a digest run, relabelled with linked ids at the end.

When a corpus is too large to hold every extraction (`kg.pipeline.digest_corpus`), each
document's JSON Lines record and claim rows are written here as the document is
extracted, with the ids extraction gave. Linking then decides which ids move; reading the
spill back applies those moves, so the output is what `kg.export.to_record` gives for a
linked extraction, in input order. Claim rows come back in date order (SQLite sorts them
on disk), as `kg.export.claim_rows` orders a graph's claims, with one difference: a
claim-level graph gives one row per event, however many articles report it (merged
reports, `kg.crossdoc`), while the spill gives one row per report.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.export import claim_row, to_record
from kg.model import Actor, DocResult

SCHEMA = (
    "CREATE TABLE record (n INTEGER PRIMARY KEY, doc TEXT, body TEXT)",
    "CREATE TABLE claim_row (undated INTEGER, date_start TEXT, doc TEXT, start INTEGER, body TEXT)",
)


class RecordSpill:
    """A temporary SQLite file of records and claim rows; use as a context manager."""

    def __init__(self, folder: Path | None = None) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="kg-spill-", dir=folder)
        self._db = sqlite3.connect(Path(self._dir.name) / "spill.sqlite")
        self._db.execute("PRAGMA journal_mode=OFF")  # a scratch file: nothing to recover after a crash
        self._db.execute("PRAGMA synchronous=OFF")
        for statement in SCHEMA:
            self._db.execute(statement)

    def __enter__(self) -> RecordSpill:
        return self

    def __exit__(self, *exc) -> None:
        self._db.close()
        self._dir.cleanup()

    def add(self, result: DocResult) -> None:
        """Keep one document's record and claim rows (ids as extraction gave them)."""
        doc_id = result.doc.id
        record = to_record(result, result.actors)
        self._db.execute("INSERT INTO record (doc, body) VALUES (?, ?)", (doc_id, _dumps(record)))
        rows = [claim_row(claim, result.doc) for claim in result.claims]
        self._db.executemany(
            "INSERT INTO claim_row VALUES (?, ?, ?, ?, ?)",
            ((row["date_start"] == "", row["date_start"], doc_id, row["start"], _dumps(row)) for row in rows),
        )

    def records(self, moved: dict[str, dict[str, str]], actors: dict[str, Actor]) -> Iterator[dict]:
        """The records in input order, with linked ids and the corpus's actor names."""
        for doc_id, body in self._db.execute("SELECT doc, body FROM record ORDER BY n"):
            yield relabel_record(json.loads(body), moved.get(doc_id, {}), actors)

    def claim_rows(self, moved: dict[str, dict[str, str]], actors: dict[str, Actor]) -> Iterator[dict]:
        """The claim rows in date order (undated last), speakers and participants by linked name."""
        query = "SELECT doc, body FROM claim_row ORDER BY undated, date_start, doc, start"
        for doc_id, body in self._db.execute(query):
            yield named_row(json.loads(body), moved.get(doc_id, {}), actors)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def relabel_record(record: dict, moved: dict[str, str], actors: dict[str, Actor]) -> dict:
    """A `to_record` record with actor ids moved as linking decided (actors merged in text order)
    and the corpus's names and types."""
    if moved:
        _move_ids(record, moved)
    for actor in record["actors"]:
        actor["name"], actor["type"] = actors[actor["id"]].name, actors[actor["id"]].type
    return record


def _move_ids(record: dict, moved: dict[str, str]) -> None:
    mentions = sorted(
        ((m["start"], m["end"], moved.get(a["id"], a["id"]), m) for a in record["actors"] for m in a["mentions"]),
        key=lambda found: found[:2],
    )
    grouped: dict[str, list[dict]] = {}
    for _, _, actor_id, mention in mentions:
        grouped.setdefault(actor_id, []).append(mention)
    record["actors"] = [{"id": key, "name": "", "type": "", "mentions": spans} for key, spans in grouped.items()]
    for claim in record["claims"]:
        claim["speaker"] = moved.get(claim["speaker"], claim["speaker"]) if claim["speaker"] else claim["speaker"]
        claim["participants"] = list(dict.fromkeys(moved.get(a, a) for a in claim["participants"]))
        pairs = dict.fromkeys((moved.get(a, a), role) for a, role in claim["participant_roles"])
        claim["participant_roles"] = [list(pair) for pair in pairs]


def named_row(row: dict, moved: dict[str, str], actors: dict[str, Actor]) -> dict:
    """A `claim_row` with its speaker and participants given by the names of their linked actors."""
    def linked_name(actor_id: str) -> str:
        actor_id = moved.get(actor_id, actor_id)
        return actors[actor_id].name if actor_id in actors else actor_id

    participants = dict.fromkeys(moved.get(a, a) for a in row["participants"])  # by id: namesakes stay two
    names = [actors[a].name if a in actors else a for a in participants]
    return {**row, "speaker": linked_name(row["speaker"]) if row["speaker"] else "", "participants": "; ".join(names)}
