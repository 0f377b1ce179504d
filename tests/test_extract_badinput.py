"""``policykg extract`` on bad input: each broken file gets one line naming it and why, the rest
load, the summary counts both, and the exit status is 1 when anything failed."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.loaders import batch, record
from policykg.loaders.read import ReadError, read_document

PLAN = "KẾ HOẠCH\nSở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai nhiệm vụ {n}.\n"


def run(*args: str):
    result = CliRunner().invoke(main, ["extract", *args])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    return result, errors


def write_plan(path: Path, n: int = 1) -> Path:
    path.write_text(PLAN.format(n=n), encoding="utf-8")
    return path


def truncated_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Sở Tài chính chủ trì thẩm định kinh phí thực hiện kế hoạch.")
    d.save(path)
    path.write_bytes(path.read_bytes()[:1500])
    return path


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file"),
    ("junk.txt", bytes(range(256)) * 16, "binary data"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
    ("latin.txt", "Le café était fermé".encode("latin-1"), "not valid utf-8"),
])
def test_unreadable_text_files(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    result, errors = run(str(tmp_path / name), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: {tmp_path / name}: ")
    assert reason in errors[0]
    assert "loaded 0 of 1 document(s)" in result.stderr


def test_truncated_docx(tmp_path):
    path = truncated_docx(tmp_path / "plan.docx")
    result, errors = run(str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and errors == [f"error: {path}: not a valid .docx: the zip package "
                                                "is truncated or corrupt"]


def test_fifty_megabyte_file_is_refused_unread_with_a_clear_message(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    line = PLAN.format(n=0).encode("utf-8")
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    ok = write_plan(tmp_path / "ok.txt")
    opened = []

    def reading(path, *args, **kwargs):
        opened.append(path)
        return read_document(path, *args, **kwargs)

    monkeypatch.setattr(batch, "read_document", reading)
    result, errors = run(str(big), str(ok), "--out", str(tmp_path / "out"))
    assert opened == [ok]  # refused from its size, without reading it
    assert result.exit_code == 1
    assert errors == [f"error: {big}: 50.0 MB, larger than the 20 MB limit for one document; "
                      "split it (or raise --max-mb)"]
    assert (tmp_path / "out" / "ok.json").exists()


def test_size_limit_applies_to_the_text_of_binary_formats(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for n in range(200):
        d.add_paragraph(PLAN.format(n=n))
    d.save(tmp_path / "long.docx")
    with pytest.raises(ReadError, match=r"its text is 0\.0\d+ MB, larger than the 0\.01 MB limit"):
        batch.load_text(tmp_path / "long.docx", max_mb=0.01)
    result, errors = run(str(tmp_path / "long.docx"), "--out", str(tmp_path / "out"), "--max-mb", "1")
    assert result.exit_code == 0 and not errors


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    """Root reads any file whatever its mode, so the refusal is simulated at the read call."""
    locked = write_plan(tmp_path / "locked.txt")
    write_plan(tmp_path / "fine.txt")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result, errors = run(str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert errors == [f"error: {locked}: permission denied"]
    assert "loaded 1 of 2 document(s)" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="running as root, which reads files whatever their mode")
def test_unreadable_file_for_real(tmp_path):
    locked = write_plan(tmp_path / "locked.txt")
    locked.chmod(0)
    try:
        result, errors = run(str(locked), "--out", str(tmp_path / "out"))
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1 and errors == [f"error: {locked}: permission denied"]


def test_thousand_files_three_broken(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(1000):
        write_plan(docs / f"plan{n:04d}.txt", n)
    broken = {docs / "plan0007.txt": b"", docs / "plan0500.txt": bytes(range(256)) * 8}
    for path, content in broken.items():
        path.write_bytes(content)
    (docs / "plan0999.txt").unlink()
    broken[truncated_docx(docs / "plan0999.docx")] = None
    (docs / "~$plan0001.docx").write_bytes(b"\x05owner")  # Word's lock file: not a document
    result, errors = run(str(docs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert sorted(e.split(": ")[1] for e in errors) == sorted(str(p) for p in broken)
    assert result.stderr.strip().splitlines()[-1] == (f"loaded 997 of 1000 document(s) into "
                                                      f"{tmp_path / 'out'}; 3 failed")
    assert len(list((tmp_path / "out").glob("*.json"))) == 997


def test_same_name_in_two_formats_is_not_overwritten(tmp_path):
    write_plan(tmp_path / "plan.txt", 1)
    (tmp_path / "plan.md").write_text(PLAN.format(n=2), encoding="utf-8")
    result, errors = run(str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and not errors
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["plan.json", "plan.txt.json"]
    assert "note: " in result.stderr


def test_a_stage_that_crashes_costs_one_file(tmp_path, monkeypatch):
    write_plan(tmp_path / "a.txt")
    write_plan(tmp_path / "b.txt")
    # The batch looks the stage up in its own module when it runs (loaders load on first use).
    real = record.extract_text

    def flaky(text, source, gazetteer=None):
        if source == "a.txt":
            raise IndexError("list index out of range")
        return real(text, source, gazetteer)

    monkeypatch.setattr(record, "extract_text", flaky)
    result, errors = run(str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert errors == [f"error: {tmp_path / 'a.txt'}: could not be extracted (IndexError: list index "
                      "out of range); please report it"]
    assert json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))


def test_missing_path_and_all_good(tmp_path):
    good = write_plan(tmp_path / "good.txt")
    result, errors = run(str(good), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and errors == [f"error: {tmp_path / 'nope.txt'}: no such file or folder"]
    result, errors = run(str(good), "--out", str(tmp_path / "out2"))
    assert result.exit_code == 0 and not errors
    assert "loaded 1 of 1 document(s)" in result.stderr and "0 failed" in result.stderr
