"""Metric ratchet: the shared scorer on the seed corpus must not fall below recorded figures.

The floors sit a little under the figures measured when they were last raised, so a change
that loses quality fails here while noise-free improvements pass. Raise them as work lands.
Skipped when the shared evaluation kit is not beside the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.corpus import read_corpus
from kg.export import jsonl_lines, to_record
from kg.pipeline import run_corpus

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SEEDS = ROOT / "data" / "seeds"

FLOORS = {
    "timex_f1": 0.97,
    "timex_value_accuracy": 0.95,
    "mention_f1": 0.94,
    "entity_f1": 0.92,
    "entity_type_accuracy": 0.95,
    "crossdoc_consistency": 0.98,
    "claim_recall": 0.90,
    "claim_speaker_accuracy": 0.85,
    "claim_date_accuracy": 0.88,
    "event_recall": 0.72,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, float]:
    if not (EVAL / "score.py").is_file():
        pytest.skip("shared evaluation kit not found beside the checkout")
    result = run_corpus(read_corpus([SEEDS]).documents)
    out = tmp_path_factory.mktemp("scores") / "seeds.jsonl"
    out.write_text("".join(jsonl_lines(to_record(r, result.actors) for r in result.results)), "utf-8")
    printed = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / "gold" / "seeds"), str(SEEDS), str(out), "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(printed)


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS.items()))
def test_seed_score_at_least_floor(scores: dict[str, float], metric: str, floor: float):
    assert scores[metric] >= floor, f"{metric} fell to {scores[metric]:.3f} (floor {floor})"
