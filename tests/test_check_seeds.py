"""policykg check on the five seed plans: the 276/273 citation conflict and the duplicated appendix
rows of the Bắc Kạn plan are found with their lines; tasks that only share phrases are not duplicates."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policykg.check import check_files, has_errors

BAC_KAN = "002_bb96b54316668fc1.txt"
LAM_DONG = "003_e3cca49c99172af2.txt"


_CHECKED: dict[Path, list] = {}


@pytest.fixture
def seeds(shared_dir: Path) -> Path:
    """The seed plans (skips with a reason when ../shared is absent)."""
    return shared_dir / "seeds"


@pytest.fixture
def findings(seeds: Path) -> list:
    """``policykg check`` of the seed folder, as of 23 November 2026 (checked once per session)."""
    if seeds not in _CHECKED:
        _CHECKED[seeds] = check_files([seeds], dt.date(2026, 11, 23))
    return _CHECKED[seeds]


def lines(seeds: Path, name: str) -> list[str]:
    return (seeds / name).read_text(encoding="utf-8").splitlines()


def at(findings, name: str, kind: str) -> list:
    return [f for f in findings if Path(f.file).name == name and f.kind == kind]


def test_276_273_conflict(seeds, findings):
    text = lines(seeds, BAC_KAN)
    found = at(findings, BAC_KAN, "citation-conflict")
    mentions = [i for i, line in enumerate(text, 1) if "273/KH-TU" in line]
    assert [f.line for f in found] == mentions and len(mentions) == 2
    basis = next(i for i, line in enumerate(text, 1) if line.startswith("Căn cứ Kế hoạch số 276/KH-TU"))
    for f in found:
        assert f.severity == "error" and "273/KH-TU" in f.text
        assert f"276/KH-TU cited at line {basis}" in f.message
    assert has_errors(findings)
    assert {Path(f.file).name for f in findings if f.kind == "citation-conflict"} == {BAC_KAN}


def test_duplicated_appendix_rows(seeds, findings):
    text = lines(seeds, BAC_KAN)
    appendix = next(i for i, line in enumerate(text, 1) if line.startswith("TT | Nhiệm vụ"))
    rows = {i: line.split(" | ", 1)[1] for i, line in enumerate(text, 1) if i > appendix and " | " in line}
    repeated = [i for i, cells in rows.items() if any(j < i and other == cells for j, other in rows.items())]
    found = at(findings, BAC_KAN, "duplicate-task")
    assert [f.line for f in found] == repeated and len(repeated) == 3  # rows 8, 10 and 33 of the appendix
    for f in found:
        earlier = int(f.message.split("as line ")[1].split()[0])
        assert rows[earlier] == rows[f.line] and f.severity == "warning"


def test_no_duplicates_from_shared_phrases(findings):
    """Dozens of seed tasks share "các sở, ban, ngành" or an agency's name; only the identical
    Bắc Kạn rows are duplicates."""
    assert {Path(f.file).name for f in findings if f.kind == "duplicate-task"} == {BAC_KAN}
    assert all("Tham mưu triển khai" in f.text for f in findings if f.kind == "duplicate-task")


def test_lam_dong_count_mismatch(seeds, findings):
    found = at(findings, LAM_DONG, "count-mismatch")
    text = lines(seeds, LAM_DONG)
    assert [f.line for f in found] == [next(i for i, line in enumerate(text, 1) if "thực hiện 11 chỉ tiêu" in line)]
    assert "11 chỉ tiêu" in found[0].message and "13" in found[0].message


def test_every_finding_is_placed_and_quoted(findings):
    for f in findings:
        assert f.severity in ("error", "warning", "info")
        assert f.file and (f.line is None or f.line > 0)
        assert f.kind == "coverage-gap" or f.text
    assert not [f for f in findings if f.kind in ("shacl", "unreadable")]
