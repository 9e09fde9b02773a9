"""Language data files: they parse, they ship in the wheel, their entries are normalised."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

import kg.lang
from kg.errors import ResourceError
from kg.text import normalize

ROOT = Path(__file__).resolve().parent.parent
LANG_DIR = ROOT / "kg" / "lang"
TABLES = sorted(LANG_DIR.glob("*/*.tsv"))


@pytest.mark.parametrize("path", TABLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lang_table_parses_with_a_documented_header(path: Path):
    rows = kg.lang.load(path.parent.name).table(path.name)
    assert rows, "a table with no rows"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("#"), "every table opens with a comment saying its purpose and source"


def test_lang_every_data_file_ships_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    unshipped = []
    for path in (ROOT / "kg").rglob("*"):
        if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        package = ".".join(path.parent.relative_to(ROOT).parts)
        shipped = any(
            package.startswith(pkg) and fnmatch.fnmatch(
                str(path.relative_to(ROOT / Path(*pkg.split(".")))), glob
            )
            for pkg, globs in package_data.items()
            for glob in globs
        )
        if not shipped:
            unshipped.append(str(path.relative_to(ROOT)))
    assert unshipped == []


def test_lang_unknown_language_is_a_clear_error():
    with pytest.raises(ResourceError, match="no language data for 'xx'"):
        kg.lang.load("xx")


def test_lang_verbs_are_normalised_unique_and_typed():
    rows = kg.lang.load("ckb").table("verbs.tsv")
    forms = [r["form"] for r in rows]
    assert len(forms) == len(set(forms))
    assert {r["kind"] for r in rows} <= {"statement", "event"}
    plain = [f.replace("[", "").replace("]", "") for f in forms]  # [optional] parts unbracketed
    assert [f for f in plain if normalize(f).text != f] == []
