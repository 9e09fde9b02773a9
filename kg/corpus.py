"""Corpus reading: files and folders in, `Document`s and a list of problems out.

A broken file never aborts a run: it becomes a `Problem` naming the file and the
reason, and the rest is read. Text is kept exactly as decoded (a UTF-8 byte-order
mark stays as U+FEFF at offset 0), so offsets agree with any tool that reads the
file as UTF-8.
"""

from __future__ import annotations

import csv
import html
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kg.errors import Problem  # re-exported: it was defined here before
from kg.model import Document

MANIFEST_NAME = "manifest.csv"
TEXT_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 20_000_000  # far above any article; a larger file is a dump or a mistake
MANIFEST_COLUMNS = ("file", "date", "lang", "title", "url", "source")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class ManifestRow:
    file: str
    date: date | None = None
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass
class Corpus:
    """The documents that could be read and the problems met on the way."""

    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_corpus(
    inputs: list[Path],
    *,
    manifest: Path | None = None,
    dct: date | None = None,
    lang: str = "ckb",
    max_bytes: int = MAX_BYTES,
) -> Corpus:
    """Read text files and folders of text files, with dates from a manifest or `dct`.

    A `manifest.csv` beside the texts is used when `manifest` is not given. A `dct`
    given here (the command line's `--dct`) overrides the manifest for every document.
    """
    corpus = Corpus()
    files = _collect_files(inputs, corpus.problems)
    manifest_path = manifest or _manifest_beside(inputs)
    rows = read_manifest(manifest_path, corpus.problems) if manifest_path else {}
    for path in files:
        doc = read_document(path, rows.get(path.name), lang=lang, problems=corpus.problems, max_bytes=max_bytes)
        if doc is None:
            continue
        if dct is not None:
            doc = replace(doc, dct=dct, dct_source="cli")
        corpus.documents.append(doc)
    if all(p.is_dir() for p in inputs):  # files named one by one need not cover the manifest
        for name in sorted(set(rows) - {p.name for p in files}):
            corpus.problems.append(Problem(str(manifest_path), f"lists {name!r}, which was not found"))
    return corpus


def _collect_files(inputs: list[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.iterdir() if p.suffix.lower() in TEXT_SUFFIXES))
        elif item.is_file():
            files.append(item)
        else:
            problems.append(Problem(str(item), "no such file or folder"))
    seen: set[str] = set()
    unique = []
    for path in files:
        if path.name in seen:
            problems.append(Problem(str(path), "a file of the same name was already read"))
            continue
        seen.add(path.name)
        unique.append(path)
    return unique


def _manifest_beside(inputs: list[Path]) -> Path | None:
    folders = {p if p.is_dir() else p.parent for p in inputs}
    for folder in sorted(folders):
        candidate = folder / MANIFEST_NAME
        if candidate.is_file():
            return candidate
    return None


def decode(data: bytes) -> str:
    """Decode file bytes: UTF-16 with a BOM, else strict UTF-8 (a UTF-8 BOM is kept).

    Raises ValueError with a reader-friendly reason for binary or undecodable data.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ValueError(f"invalid UTF-16 at byte {err.start}") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"not valid UTF-8 at byte {err.start}") from None


def read_document(
    path: Path, row: ManifestRow | None, *, lang: str, problems: list[Problem], max_bytes: int = MAX_BYTES
) -> Document | None:
    """One file as a `Document`, or None (with a `Problem` recorded) when it cannot be read.

    An HTML page keeps its length: markup is blanked out (see `blank_markup`), so
    offsets still index the page as read.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ValueError(f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        text = decode(path.read_bytes())
    except (OSError, ValueError) as err:
        problems.append(Problem(str(path), getattr(err, "strerror", None) or str(err)))
        return None
    html_title = None
    if path.suffix.lower() in HTML_SUFFIXES:
        html_title = page_title(text)
        text = blank_markup(text)
    if not text.strip():
        problems.append(Problem(str(path), "empty file"))
        return None
    row = row or ManifestRow(file=path.name)
    return Document(
        id=path.name,
        text=text,
        dct=row.date,
        dct_source="manifest" if row.date else None,
        lang=row.lang or lang,
        title=row.title or html_title,
        url=row.url,
        source=row.source,
        path=str(path),
    )


def read_manifest(path: Path, problems: list[Problem]) -> dict[str, ManifestRow]:
    """Rows of a manifest keyed by file name; bad rows become problems, not crashes."""
    try:
        text = decode(path.read_bytes()).lstrip("\ufeff")
    except (OSError, ValueError) as err:
        problems.append(Problem(str(path), f"manifest unreadable: {err}", skipped=False))
        return {}
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "file" not in reader.fieldnames:
        problems.append(Problem(str(path), "manifest has no 'file' column", skipped=False))
        return {}
    rows: dict[str, ManifestRow] = {}
    for lineno, raw in enumerate(reader, 2):
        row = _manifest_row(raw, f"{path}:{lineno}", problems)
        if row is None:
            continue
        if row.file in rows:
            problems.append(Problem(f"{path}:{lineno}", f"duplicate row for {row.file!r}; first kept", False))
            continue
        rows[row.file] = row
    return rows


def _manifest_row(raw: dict, where: str, problems: list[Problem]) -> ManifestRow | None:
    cells = {k: (raw.get(k) or "").strip() or None for k in MANIFEST_COLUMNS}
    if not cells["file"]:
        problems.append(Problem(where, "manifest row without a file name", skipped=False))
        return None
    when = None
    if cells["date"]:
        try:
            when = date.fromisoformat(cells["date"][:10])
        except ValueError:
            problems.append(Problem(where, f"bad date {cells['date']!r}; ignored", skipped=False))
    return ManifestRow(
        file=Path(cells["file"]).name,
        date=when,
        lang=cells["lang"],
        title=cells["title"],
        url=cells["url"],
        source=cells["source"],
    )


_INVISIBLE_BLOCKS = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_BREAKING_TAG = re.compile(r"</?(p|br|div|h[1-6]|li|tr|td|th|section|article|header|footer|title)\b", re.I)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.S | re.I)


def blank_markup(page: str) -> str:
    """The page's text with markup replaced by spaces of the same length.

    Offsets into the result are offsets into the page. Block-level tags become a
    line break (then spaces) so sentences do not run across them; an entity becomes
    its character padded with spaces.
    """
    page = _INVISIBLE_BLOCKS.sub(lambda m: _blank(m.group()), page)
    page = _TAG.sub(lambda m: ("\n" if _BREAKING_TAG.match(m.group()) else " ") + _blank(m.group()[1:]), page)
    return _ENTITY.sub(lambda m: html.unescape(m.group()).ljust(len(m.group()))[: len(m.group())], page)


def _blank(markup: str) -> str:
    return re.sub(r"[^\n]", " ", markup)


def page_title(page: str) -> str | None:
    match = _TITLE.search(page)
    return html.unescape(" ".join(match.group(1).split())) if match else None
