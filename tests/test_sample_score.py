"""The loaders on a generated corpus: every document goes through ``extract_file`` (no shortcut)
and is scored against the record the generator meant, with ../shared/eval/score.py's logic.

The floor is the issue's (total F1 >= 0.9). Fields below it point at a printed style the loaders
do not read yet; the report of issue 8 lists them with examples.

The same corpus printed in the layouts of real documents (``layout="mixed"``: hard-wrapped, portal
markdown, PDF text; the records are the same) must score within 0.02 of its clean print (issue 13),
so the loaders' layout stage is held on a few hundred generated documents, not only on the dev set.
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
LAYOUT_GAP = 0.02  # a mixed-layout corpus scores within this of the same corpus printed clean
LAYOUT_CORPUS = (120, 7)  # documents, seed: some forty documents of each real layout


def load_scorer():
    if not SCORER.is_file():
        pytest.skip(f"no scorer at {SCORER} (../shared/eval/score.py beside the repository)")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_corpus(root: Path, n: int, seed: int, layout: str = "clean") -> tuple[float, dict[str, float], str]:
    """Generate a corpus in ``root``, extract every document, score it: (total F1, F1 by field, report)."""
    scorer = load_scorer()
    generate_corpus(n, seed=seed, out=root, layout=layout)
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


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    return score_corpus(tmp_path_factory.mktemp("scored"), 40, 1)


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


def test_a_mixed_layout_corpus_scores_within_002_of_the_clean_one(tmp_path_factory):
    n, seed = LAYOUT_CORPUS
    clean, clean_fields, _ = score_corpus(tmp_path_factory.mktemp("clean"), n, seed)
    mixed, mixed_fields, text = score_corpus(tmp_path_factory.mktemp("mixed"), n, seed, layout="mixed")
    gaps = {k: round(clean_fields[k] - mixed_fields.get(k, 0.0), 3) for k in clean_fields}
    assert mixed >= clean - LAYOUT_GAP, f"clean {clean:.3f}, mixed {mixed:.3f}; gap by field {gaps}\n{text}"
