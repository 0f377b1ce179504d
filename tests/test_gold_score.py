"""The extraction of the seed documents, scored by ../shared/eval/score.py against the gold records.

Issue floors: total F1 >= 0.90 and no field below 0.80. A tighter guard keeps today's level, so a
change that loses ground shows up here even while it stays above the issue's floors.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.loaders.batch import extract_to_dir

ISSUE_TOTAL, ISSUE_FIELD = 0.90, 0.80
GUARD_TOTAL, GUARD_FIELD = 0.97, 0.93


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    shared = Path(__file__).resolve().parents[2] / "shared"
    if not (shared / "gold").is_dir() or not (shared / "eval" / "score.py").is_file():
        pytest.skip(f"no gold records or scorer at {shared} (../shared beside the repository)")
    out = tmp_path_factory.mktemp("extracted")
    result = extract_to_dir([shared / "seeds"], out)
    assert not result.failed
    text = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(shared / "gold"), str(out)],
                          capture_output=True, text=True, check=True).stdout
    fields = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)$", text, re.M)}
    total = float(re.search(r"score: F1=([\d.]+)", text).group(1))
    return total, fields, text


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
