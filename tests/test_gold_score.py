"""The extraction of the seed documents and of the real documents in ../shared/dev, scored by
../shared/eval/score.py against their gold records.

Seed floors: total F1 >= 0.90 and no field below 0.80, with a tighter guard at today's level (0.97 /
0.93), so a change that loses ground shows up here even while it stays above the floors. Real
documents (issue 13, reading them; issue 14, who does what by when): the floors below, each field
held separately, so that reading real layouts can never again be traded for the clean seeds.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.loaders.batch import extract_to_dir

ISSUE_TOTAL, ISSUE_FIELD = 0.90, 0.80
GUARD_TOTAL, GUARD_FIELD = 0.97, 0.93
# Issue 13's floors on ../shared/dev (reading), and issue 14's (who does what, by when, to reach what).
# Relations (who implements whom among the documents a plan cites): a guard at today's level, since
# reading them through the plan a document issues or approves raised them from 0.71 to 0.89.
DEV_FLOORS = {"document": 0.95, "implements": 0.85, "based_on": 0.85, "references": 0.90, "tasks": 0.85,
              "task_agencies": 0.85, "task_deadlines": 0.85, "targets": 0.85, "relations": 0.85}
DEV_TOTAL = 0.92


SHARED = Path(__file__).resolve().parents[2] / "shared"


def _score(sources: list[Path], gold: Path, out: Path) -> tuple[float, dict[str, float], str]:
    if not gold.is_dir() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"no gold records at {gold} or scorer in {SHARED} (../shared beside the repository)")
    result = extract_to_dir(sources, out)
    assert not result.failed, result.failed
    text = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out)],
                          capture_output=True, text=True, check=True).stdout
    fields = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)$", text, re.M)}
    found = re.search(r"score: F1=([\d.]+)", text)
    assert found, text
    total = float(found.group(1))
    return total, fields, text


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    return _score([SHARED / "seeds"], SHARED / "gold", tmp_path_factory.mktemp("extracted"))


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory):
    gold = SHARED / "dev" / "gold"
    docs = sorted(p for p in (SHARED / "dev" / "docs").glob("*") if (gold / f"{p.stem}.json").is_file()) \
        if gold.is_dir() else []
    return _score(docs, gold, tmp_path_factory.mktemp("dev"))


def test_issue_floors(scores):
    total, fields, text = scores
    assert len(fields) == 9, text
    assert total >= ISSUE_TOTAL, text
    assert all(f >= ISSUE_FIELD for f in fields.values()), text


def test_regression_guard(scores):
    total, fields, text = scores
    assert total >= GUARD_TOTAL, text
    low = {k: v for k, v in fields.items() if v < GUARD_FIELD}
    assert not low, text


def test_real_document_floors(dev_scores):
    total, fields, text = dev_scores
    assert total >= DEV_TOTAL, text
    low = {k: v for k, v in fields.items() if k in DEV_FLOORS and v < DEV_FLOORS[k]}
    assert not low, text
