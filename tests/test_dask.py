"""The Dask engine: extraction on a cluster builds exactly what a local run builds.

(The usage check of `--engine dask`, which needs no dask, is in test_cli.py.)
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from kg.cli import main

distributed = pytest.importorskip("dask.distributed")
SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def _build(corpus: Path, out: Path, *extra: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", str(corpus), "-o", str(out), "--no-store", *extra]) == 0


def test_dask_build_equals_local_build(scheduler: str, tmp_path: Path):
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    _build(corpus, tmp_path / "local", "--workers", "1")
    _build(corpus, tmp_path / "dask", "--engine", "dask", "--scheduler", scheduler)
    for name in ("report.html", "graph.graphml", "extractions.jsonl", "claims.csv"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
