"""An embedded SQLite store of per-document extractions, for incremental builds.

Each document's extraction is kept under a key made of its id, text and date, and
the extractor version (a hash of the code and language data that produce it). A
re-run re-extracts only documents whose key is new; changing any extractor or data
file changes the version and so re-extracts everything. Results are stored as JSON
(never pickle: a cache file must not be able to run code). Writes are transactions,
so an interrupted run leaves the store as it was before the batch; a corrupted
store is set aside and rebuilt with a warning.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from enum import Enum
from importlib import resources
from pathlib import Path

from kg import model
from kg.model import DocResult, Document

SCHEMA = """
CREATE TABLE IF NOT EXISTS extraction (
    key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    payload TEXT NOT NULL
)
"""
# what an extraction depends on: the engines, the model, and every language data file
VERSIONED_PARTS = ("text.py", "model.py", "pipeline.py", "extract", "lang")


@functools.cache
def extractor_version() -> str:
    """A hash of every file whose change can change an extraction."""
    digest = hashlib.sha256()
    root = resources.files("kg")
    for part in VERSIONED_PARTS:
        for path in sorted(_files_under(Path(str(root / part)))):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _files_under(path: Path) -> Iterable[Path]:
    if path.is_file():
        return [path]
    return (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def document_key(doc: Document) -> str:
    """What identifies one extraction: the document as given, and the extractor version."""
    given = json.dumps([doc.id, doc.text, doc.dct and doc.dct.isoformat(), doc.dct_source, doc.lang])
    return hashlib.sha256(f"{extractor_version()}\0{given}".encode()).hexdigest()


class ExtractionStore:
    """Per-document extractions on disk; use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        self._db = self._open()

    def __enter__(self) -> ExtractionStore:
        return self

    def __exit__(self, *exc) -> None:
        self._db.close()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return _connect_checked(self.path)
        except sqlite3.DatabaseError as err:
            aside = self.path.with_suffix(self.path.suffix + ".corrupt")
            self.path.replace(aside)
            self.warnings.append(f"{self.path}: store unreadable ({err}); moved to {aside.name} and rebuilt")
            return _connect_checked(self.path)

    def get(self, doc: Document) -> DocResult | None:
        """The stored extraction of `doc`, with its current metadata, or None."""
        row = self._db.execute("SELECT payload FROM extraction WHERE key = ?", (document_key(doc),)).fetchone()
        if row is None:
            return None
        stored: DocResult = decode(json.loads(row[0]))
        # title, url, path may change without changing the extraction
        current = dataclasses.replace(doc, dct=stored.doc.dct, dct_source=stored.doc.dct_source)
        return dataclasses.replace(stored, doc=current)

    def put_many(self, pairs: Iterable[tuple[Document, DocResult]]) -> None:
        """Store extractions, all in one transaction."""
        rows = [(document_key(doc), doc.id, json.dumps(encode(result), ensure_ascii=False)) for doc, result in pairs]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)", rows)

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM extraction").fetchone()[0]


def _connect_checked(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    try:
        (status,) = db.execute("PRAGMA quick_check").fetchone()
        if status != "ok":
            raise sqlite3.DatabaseError(status)
        db.execute(SCHEMA)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


_MODEL_TYPES = {cls.__name__: cls for cls in vars(model).values() if dataclasses.is_dataclass(cls)}


def encode(obj):
    """Model objects as JSON-able data with type tags (dates and enums included)."""
    if dataclasses.is_dataclass(obj):
        fields = {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        return {"__type__": type(obj).__name__, **fields}
    if isinstance(obj, Enum):
        return {"__enum__": type(obj).__name__, "name": obj.name}
    if isinstance(obj, date):
        return {"__date__": obj.isoformat()}
    if isinstance(obj, (list, tuple)):
        return [encode(x) for x in obj]
    if isinstance(obj, dict):
        return {"__dict__": [[k, encode(v)] for k, v in obj.items()]}
    return obj


def decode(data):
    """The inverse of `encode`."""
    if isinstance(data, list):
        return tuple(decode(x) for x in data)
    if not isinstance(data, dict):
        return data
    if "__date__" in data:
        return date.fromisoformat(data["__date__"])
    if "__enum__" in data:
        return getattr(model, data["__enum__"])[data["name"]]
    if "__dict__" in data:
        return {k: decode(v) for k, v in data["__dict__"]}
    cls = _MODEL_TYPES[data["__type__"]]
    return cls(**{k: decode(v) for k, v in data.items() if k != "__type__"})
