"""An embedded SQLite store of per-document extractions, for incremental builds.

Each document's extraction is kept under a key made of its id, text and date, and
the extractor version (a hash of the code and language data that produce it, and of
the versions of the libraries and Python that take part). A re-run re-extracts only
documents whose key is new; changing any extractor, data file or such library
changes the version and so re-extracts everything, and rows of other versions are
dropped once a run has finished. Results are stored as JSON (never pickle: a cache
file must not be able to run code). Writes are transactions, so an interrupted run
leaves the store as it was before the batch.

Several builds may share a store: it is in WAL mode (readers never wait for a
writer) and a writer waits its turn. Only a store SQLite reports as corrupt is set
aside (and rebuilt, with a warning); a busy one is never touched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterable
from datetime import date
from enum import Enum
from importlib import metadata, resources
from pathlib import Path

from kg import model
from kg.errors import KgError
from kg.model import DocResult, Document

TABLE = "extraction"
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    version TEXT NOT NULL,
    payload TEXT NOT NULL
)
"""
COLUMNS = ("key", "doc_id", "version", "payload")
# what an extraction depends on: the engines, the model, and every language data file
VERSIONED_PARTS = ("text.py", "model.py", "pipeline.py", "extract", "lang")
# libraries whose upgrade can change what is extracted (dates, sentences, normalisation)
VERSIONED_DEPENDENCIES = ("dateparser", "sentencex", "asosoft", "regex", "babel", "hijridate")
# a build waits this long for another build writing to the same store before giving up
BUSY_TIMEOUT_SECONDS = 120
CORRUPTION_ERRORS = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})


class StoreError(KgError):
    """The store exists but cannot be used now (e.g. another build holds it too long)."""


@functools.cache
def extractor_version() -> str:
    """A hash of every file, library version and Python version that can change an extraction."""
    digest = hashlib.sha256()
    root = resources.files("kg")
    for part in VERSIONED_PARTS:
        for path in sorted(_files_under(Path(str(root / part)))):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update(dependency_versions().encode())
    return digest.hexdigest()[:16]


def dependency_versions() -> str:
    """The Python major.minor and each versioned library's version ("absent" if not installed)."""
    versions = [f"python={sys.version_info.major}.{sys.version_info.minor}"]
    for name in VERSIONED_DEPENDENCIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    return ";".join(versions)


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
            return _connect(self.path)
        except sqlite3.DatabaseError as err:
            if not _is_corrupt(self.path, err):  # busy, read-only, full disk…: not ours to discard
                raise StoreError(f"{self.path}: store cannot be opened ({err}); retry, or use --no-store") from err
            aside = self.path.with_suffix(self.path.suffix + ".corrupt")
            self.path.replace(aside)
            self.warnings.append(f"{self.path}: store unreadable ({err}); moved to {aside.name} and rebuilt")
            return _connect(self.path)

    def get(self, doc: Document) -> DocResult | None:
        """The stored extraction of `doc`, with its current metadata, or None."""
        row = self._db.execute(f"SELECT payload FROM {TABLE} WHERE key = ?", (document_key(doc),)).fetchone()
        if row is None:
            return None
        stored: DocResult = decode(json.loads(row[0]))
        # title, url, path may change without changing the extraction
        current = dataclasses.replace(doc, dct=stored.doc.dct, dct_source=stored.doc.dct_source)
        return dataclasses.replace(stored, doc=current)

    def has(self, doc: Document) -> bool:
        """Whether an extraction of `doc` by this extractor version is stored (without reading it)."""
        query = f"SELECT 1 FROM {TABLE} WHERE key = ?"
        return self._db.execute(query, (document_key(doc),)).fetchone() is not None

    def put_many(self, pairs: Iterable[tuple[Document, DocResult]]) -> None:
        """Store extractions, all in one transaction (rows are encoded as SQLite takes them)."""
        version = extractor_version()
        rows = (
            (document_key(doc), doc.id, version, json.dumps(encode(result), ensure_ascii=False))
            for doc, result in pairs
        )
        with self._db:  # an error half-way, even ctrl-c, rolls the whole batch back
            self._db.executemany(f"INSERT OR REPLACE INTO {TABLE} ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?)", rows)

    def forget_other_versions(self) -> int:
        """Drop extractions made by other extractor versions (they can never be reused); returns how many."""
        current = (extractor_version(),)
        if not self._db.execute(f"SELECT 1 FROM {TABLE} WHERE version != ? LIMIT 1", current).fetchone():
            return 0  # nothing to drop: take no write lock another build may be waiting for
        with self._db:
            return self._db.execute(f"DELETE FROM {TABLE} WHERE version != ?", current).rowcount

    def __len__(self) -> int:
        return self._db.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0]


def _connect(path: Path) -> sqlite3.Connection:
    """An open store with the current schema; raises sqlite3.DatabaseError if it cannot be read."""
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # readers and one writer at a time, without blocking readers
        _migrate(db)
        db.execute(SCHEMA)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection) -> None:
    """A store from before the version column is only a cache: start it afresh."""
    columns = [row[1] for row in db.execute(f"PRAGMA table_info({TABLE})")]
    if columns and "version" not in columns:
        with db:
            db.execute(f"DROP TABLE {TABLE}")


def _is_corrupt(path: Path, err: sqlite3.DatabaseError) -> bool:
    """Whether opening failed because the file is damaged (not merely busy or unwritable).

    The integrity check reads the whole database, so it runs only after a failed open.
    """
    if getattr(err, "sqlite_errorname", None) in CORRUPTION_ERRORS:
        return True
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)) as db:
            (status,) = db.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as check_err:
        return getattr(check_err, "sqlite_errorname", None) in CORRUPTION_ERRORS
    return status != "ok"


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
