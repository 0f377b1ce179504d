"""The seed documents written out as .docx (with Word numbering) and as .pdf must extract as well as
their plain text: the scorer's F1 within 0.03 of the .txt run made in the same test (the
extractor changes, so no fixed number is compared)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_readers_make import text_to_docx, text_to_pdf

from policykg.loaders.batch import extract_to_dir

pytest.importorskip("docx", reason="python-docx is an install requirement: pip install -e .")
pytest.importorskip("pdfplumber", reason="pdfplumber is an install requirement: pip install -e .")

TOLERANCE = 0.03


def scores(shared: Path, out_dirs: dict[str, Path]) -> dict[str, float]:
    """The closing ``score: F1=<x>`` of ../shared/eval/score.py for each folder, run side by side."""
    runs = {kind: subprocess.Popen([sys.executable, str(shared / "eval" / "score.py"),
                                    str(shared / "gold"), str(folder)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for kind, folder in out_dirs.items()}
    found = {}
    for kind, run in runs.items():
        stdout, stderr = run.communicate(timeout=300)
        match = re.search(r"score: F1=([0-9.]+)", stdout)
        assert run.returncode == 0 and match, (stdout + stderr)[-500:]
        found[kind] = float(match.group(1))
    return found


def test_docx_and_pdf_extract_as_well_as_plain_text(shared_dir, tmp_path):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    gold = {p.stem for p in (shared_dir / "gold").glob("*.json")}
    seeds = [s for s in seeds if s.stem in gold]
    assert seeds, "no seed has a gold record"
    folders = {kind: tmp_path / kind for kind in ("docx", "pdf")}
    for folder in folders.values():
        folder.mkdir()
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        text_to_docx(text, folders["docx"] / f"{seed.stem}.docx", word_numbering=True)
        text_to_pdf(text, folders["pdf"] / f"{seed.stem}.pdf")
    for kind, inputs in (("txt", seeds), ("docx", [folders["docx"]]), ("pdf", [folders["pdf"]])):
        result = extract_to_dir(inputs, tmp_path / f"out-{kind}")
        assert not result.failed, result.failed
        assert len(result.written) == len(seeds)
    f1 = scores(shared_dir, {kind: tmp_path / f"out-{kind}" for kind in ("txt", "docx", "pdf")})
    print(f"\nseed F1: txt={f1['txt']:.3f} docx={f1['docx']:.3f} pdf={f1['pdf']:.3f}")
    assert f1["docx"] >= f1["txt"] - TOLERANCE, f1
    assert f1["pdf"] >= f1["txt"] - TOLERANCE, f1
