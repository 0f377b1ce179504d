"""The loaders on a generated corpus: every document goes through ``extract_file`` (no shortcut)
and is scored against the record the generator meant, with ../shared/eval/score.py's logic.

The floor is the issue's (total F1 >= 0.9). Fields below it point at a printed style the loaders
do not read yet; the report of issue 8 lists them with examples.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest

from policykg.loaders import extract_file, guide_record
from policykg.sample import generate_corpus

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
FLOOR = 0.90


def load_scorer():
    if not SCORER.is_file():
        pytest.skip(f"no scorer at {SCORER} (../shared/eval/score.py beside the repository)")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    scorer = load_scorer()
    root = tmp_path_factory.mktemp("scored")
    generate_corpus(40, seed=1, out=root)
    out = root / "extracted"
    out.mkdir()
    for path in sorted((root / "docs").glob("*.txt")):
        record = guide_record(extract_file(path))
        (out / f"{path.stem}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        total = scorer.score(str(root / "gold"), str(out))
    text = printed.getvalue()
    fields = {m[1]: float(m[2]) for m in re.finditer(r"^(\w+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)$", text, re.M)}
    print(text)  # the per-field numbers, shown with pytest -s
    return total, fields, text


def test_loaders_score_on_a_generated_corpus(scored):
    total, fields, text = scored
    assert len(fields) == 9, text
    assert total >= FLOOR, text


def test_generated_metadata_and_citations_are_read(scored):
    # Citations, the implements chain and the basis are the part of the printed style the
    # loaders read fully today; a drop here is a regression, not a missing style.
    _, fields, text = scored
    for name in ("implements", "based_on", "references", "relations"):
        assert fields[name] >= 0.95, text
