"""Language data: discovers `kg/lang/<code>/` folders and reads their tables.

A language is a folder of TSV files (header row, `#` comment lines, tab-separated
columns). The engine reads tables by name; what a table means is up to the
extractor that reads it. Adding a language means adding a folder.
"""

from __future__ import annotations

import functools
import importlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import ResourceError


def available() -> list[str]:
    """Codes of the languages that ship a data folder."""
    root = resources.files(__name__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@functools.cache
def load(code: str) -> LanguageData:
    """The language data for `code`, e.g. ``load("ckb")``."""
    folder = resources.files(__name__) / code
    if not folder.is_dir():
        raise ResourceError(str(folder), None, f"no language data for {code!r}; have {available()}")
    return LanguageData(code=code, folder=Path(str(folder)))


@dataclass(frozen=True)
class LanguageData:
    """The resource tables of one language."""

    code: str
    folder: Path

    def has(self, name: str) -> bool:
        return (self.folder / name).is_file()

    def table(self, name: str) -> list[dict[str, str]]:
        """Rows of `name` (a TSV file) as dicts keyed by its header."""
        return _read_tsv(self.folder / name)

    def json(self, name: str) -> dict:
        """The content of `name` (a JSON file); a fresh copy, so callers may change it."""
        path = self.folder / name
        if not path.is_file():
            raise ResourceError(str(path), None, "file not found")
        return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ResourceError(str(path), None, "file not found")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise ResourceError(str(path), lineno, f"{len(cells)} cells for {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    if header is None:
        raise ResourceError(str(path), None, "no header row")
    return rows



def transliterate(text: str, code: str) -> str:
    """A Latin-script rendering of `text`, by the language's own `transliterate` if it has one."""
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError:
        return text
    convert = getattr(module, "transliterate", None)
    return convert(text) if convert else text
