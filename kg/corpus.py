"""Corpus reading: files and folders in, `Document`s and a list of problems out.

A broken file never aborts a run: it becomes a `Problem` naming the file and the
reason, and the rest is read. Text is kept exactly as decoded (a UTF-8 byte-order
mark stays as U+FEFF at offset 0), so offsets agree with any tool that reads the
file as UTF-8.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
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

    documents: list[Document] | DocumentStream = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class DocumentStream:
    """A corpus's documents, read from disk as they are iterated (a large corpus is never
    held whole); files that cannot be read are skipped, with a problem recorded then."""

    def __init__(self, files: list[Path], read: Callable[[Path], Document | None]) -> None:
        self.files, self._read = files, read
        self._first: tuple[int, Document | None] | None = None  # (files read, first document) once looked for

    def __len__(self) -> int:
        """How many files there are to read (an unreadable one yields no document)."""
        return len(self.files)

    def __bool__(self) -> bool:
        """Whether any file can be read (reads up to the first that can, once)."""
        return self._first_document()[1] is not None

    def __iter__(self) -> Iterator[Document]:
        done, first = self._first_document()
        if first is not None:
            yield first
        for path in self.files[done:]:
            doc = self._read(path)
            if doc is not None:
                yield doc

    def _first_document(self) -> tuple[int, Document | None]:
        if self._first is None:
            for done, path in enumerate(self.files, 1):
                if (doc := self._read(path)) is not None:
                    self._first = done, doc
                    break
            else:
                self._first = len(self.files), None
        return self._first


def read_corpus(
    inputs: list[Path],
    *,
    manifest: Path | None = None,
    dct: date | None = None,
    lang: str = "ckb",
    max_bytes: int = MAX_BYTES,
    lazy: bool = False,
) -> Corpus:
    """Read text files and folders of text files, with dates from a manifest or `dct`.

    Without `manifest`, each file takes its row from the manifest.csv in its own
    folder. A `dct` given here (the command line's `--dct`) overrides the manifest for
    every document. A document's id is its file name; when two files share a name
    (in different folders) each gets its path relative to the inputs' common folder.
    With `lazy`, files are only listed here and `documents` reads each one when
    iterated (a `DocumentStream`; problems reading a file are added to `problems` then).
    """
    corpus = Corpus()
    files = _collect_files(inputs, manifest, corpus.problems)
    manifests = _Manifests(manifest, corpus.problems)
    ids = document_ids(files, inputs)

    def read(path: Path) -> Document | None:
        row = manifests.row_for(path)
        doc = read_document(path, row, lang=lang, problems=corpus.problems, max_bytes=max_bytes, doc_id=ids[path])
        return replace(doc, dct=dct, dct_source="cli") if doc is not None and dct is not None else doc

    stream = DocumentStream(files, read)
    corpus.documents = stream if lazy else list(stream)
    corpus.problems.extend(manifests.unmatched_rows(inputs, files))
    return corpus


class _Manifests:
    """Manifest rows for each file: from the manifest given, else from the manifest.csv beside the file."""

    def __init__(self, given: Path | None, problems: list[Problem]) -> None:
        self.given, self.problems = given, problems
        self.given_rows = read_manifest(given, problems) if given else None
        self.by_folder: dict[Path, tuple[Path | None, dict[str, ManifestRow]]] = {}

    def of_folder(self, folder: Path) -> tuple[Path | None, dict[str, ManifestRow]]:
        """The manifest that applies to files in `folder`, and its rows keyed by file name."""
        if self.given_rows is not None:
            return self.given, self.given_rows
        key = folder.resolve()
        if key not in self.by_folder:
            candidate = folder / MANIFEST_NAME
            found = candidate.is_file()
            self.by_folder[key] = (candidate, read_manifest(candidate, self.problems)) if found else (None, {})
        return self.by_folder[key]

    def row_for(self, path: Path) -> ManifestRow | None:
        return self.of_folder(path.parent)[1].get(path.name)

    def unmatched_rows(self, inputs: list[Path], files: list[Path]) -> list[Problem]:
        """Rows naming files that were not found; only for folders (files named one by one need not cover it)."""
        folders = [p for p in inputs if p.is_dir()]
        if self.given_rows is not None:
            if len(folders) != len(inputs):
                return []
            return self._unmatched(self.given, self.given_rows, {p.name for p in files})
        problems = []
        for folder in dict.fromkeys(f.resolve() for f in folders):
            manifest, rows = self.of_folder(folder)
            present = {p.name for p in files if p.parent.resolve() == folder}
            problems += self._unmatched(manifest, rows, present)
        return problems

    @staticmethod
    def _unmatched(manifest: Path | None, rows: dict[str, ManifestRow], present: set[str]) -> list[Problem]:
        return [Problem(str(manifest), f"lists {name!r}, which was not found") for name in sorted(set(rows) - present)]


def _collect_files(inputs: list[Path], manifest: Path | None, problems: list[Problem]) -> list[Path]:
    """The files to read, in order, each once."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(_folder_files(item, problems))
        elif item.is_file():
            files.extend(_named_file(item, manifest, problems))
        else:
            problems.append(Problem(str(item), "no such file or folder"))
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)  # a file named alone and inside its folder is read once
    return list(unique.values())


def _folder_files(folder: Path, problems: list[Problem]) -> list[Path]:
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
    if not found:
        problems.append(Problem(str(folder), f"no .txt/.html files in {folder}"))
    return found


def _named_file(path: Path, manifest: Path | None, problems: list[Problem]) -> list[Path]:
    """A file named on the command line: the manifest is not an article (a glob like `corpus/*` names it)."""
    is_manifest = path.name == MANIFEST_NAME or (manifest is not None and path.resolve() == manifest.resolve())
    if is_manifest:
        return []
    if path.suffix.lower() not in TEXT_SUFFIXES:
        problems.append(Problem(str(path), "not a .txt/.html file; read as plain text", skipped=False))
    return [path]


def document_ids(files: list[Path], inputs: list[Path]) -> dict[Path, str]:
    """Each file's document id: its name, or (when names clash) its path from the inputs' common folder.

    Bare names are kept whenever they are unique, since the gold annotations key on them.
    """
    counts = Counter(p.name for p in files)
    base = _common_folder(inputs)
    return {p: p.name if counts[p.name] == 1 else _relative_id(p, base) for p in files}


def _common_folder(inputs: list[Path]) -> Path | None:
    try:
        return Path(os.path.commonpath([p.resolve() for p in inputs]))
    except ValueError:  # no common folder (e.g. different drives)
        return None


def _relative_id(path: Path, base: Path | None) -> str:
    try:
        return path.resolve().relative_to(base).as_posix() if base else path.as_posix()
    except ValueError:  # outside the common folder (through a symbolic link)
        return path.as_posix()


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
    path: Path,
    row: ManifestRow | None,
    *,
    lang: str,
    problems: list[Problem],
    max_bytes: int = MAX_BYTES,
    doc_id: str | None = None,
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
        id=doc_id or path.name,
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
    # csv's own line splitting: str.splitlines would also split at U+2028, U+0085 inside a title
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "file" not in reader.fieldnames:
        problems.append(Problem(str(path), "manifest has no 'file' column", skipped=False))
        return {}
    rows: dict[str, ManifestRow] = {}
    for raw in reader:
        lineno = reader.line_num  # the physical line where the row ends (a quoted cell may span lines)
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
        file=file_name(cells["file"]),
        date=when,
        lang=cells["lang"],
        title=cells["title"],
        url=cells["url"],
        source=cells["source"],
    )


def file_name(listed: str) -> str:
    """The file name of a manifest entry, whether written with / or Windows \\ separators."""
    return listed.replace("\\", "/").rsplit("/", 1)[-1]


_INVISIBLE_BLOCKS = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
# a tag starts with a letter, !, / or ?: a bare < in text ("x < 5") is not markup
_TAG = re.compile(r"<(?=[A-Za-z!/?])[^>]*>")
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
