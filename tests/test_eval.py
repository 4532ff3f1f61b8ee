"""`kg eval`: the scorer itself, and the extraction quality it measures (regression floors)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.evaluate import evaluate
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_cli_prints_scores_per_kind_and_misses(tmp_path):
    out = tmp_path / "scores.json"
    r = subprocess.run([sys.executable, "-m", "kg.cli", "eval", str(ROOT / "tests/gold/seeds.json"), "--json", str(out)],
                       capture_output=True, text=True, env={"COLUMNS": "200", **__import__("os").environ})
    assert r.returncode == 0, r.stderr
    for word in ("meetings", "roles", "people", "precision", "recall", "F1"):
        assert word in r.stdout
    scores = json.loads(out.read_text())
    assert scores["meetings"]["f1"] >= 0.95 and scores["roles"]["f1"] >= 0.95  # issues 2 and 3


def test_bad_gold_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text("{not json", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "eval", str(bad)], capture_output=True, text=True)
    assert r.returncode == 2 and "not a gold file" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "gold, floor",
    [("tests/dev/gold.json", 0.90), ("tests/dev2/gold.json", 0.90), ("tests/dev3/gold.json", 0.90),
     ("tests/dev4/gold.json", 0.90), ("tests/dev5/gold.json", 0.90), ("tests/dev6/gold.json", 0.90),
     ("tests/dev7/gold.json", 0.90), ("tests/dev8/gold.json", 0.90), ("tests/dev9/gold.json", 0.87),
     ("tests/dev10/gold.json", 0.90), ("tests/dev11/gold.json", 0.88), ("tests/dev12/gold.json", 0.92),
     ("tests/dev13/gold.json", 0.93), ("tests/dev14/gold.json", 0.83), ("tests/dev15/gold.json", 0.85),
     ("tests/dev16/gold.json", 0.67), ("tests/dev17/gold.json", 0.70),
     ("tests/eval/gold.json", 0.86)],  # held out: a floor against regressions, not the target
)
def test_meeting_f1_does_not_regress(gold, floor):
    report = evaluate(Settings(), ROOT / gold)
    assert report.meetings.f1 >= floor, (gold, report.meetings.f1)
