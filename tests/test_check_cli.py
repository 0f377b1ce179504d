"""policykg check from the command line: a clean plan has no finding (exit 0); a plan with an error
exits 1; table and JSON output; --store, --today, --severity; mistakes as one line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.check import check_files
from policykg.cli import main

CLEAN = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH HÀ GIANG | Độc lập - Tự do - Hạnh phúc |
Số: 415/KH-UBND | Hà Giang, ngày 12 tháng 3 năm 2025 |

KẾ HOẠCH
Phát triển giáo dục mầm non trên địa bàn tỉnh giai đoạn 2025 - 2030

Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương Đảng khóa XI về đổi mới căn bản, toàn diện giáo dục và đào tạo;
Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển giáo dục mầm non giai đoạn 2025 - 2030 như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng chăm sóc, nuôi dưỡng và giáo dục trẻ em mầm non trên địa bàn tỉnh.
II. MỤC TIÊU
1. Mục tiêu đến năm 2030
Đến năm 2030, tỷ lệ trường mầm non đạt chuẩn quốc gia đạt 70%.
III. NHIỆM VỤ, GIẢI PHÁP
1. Rà soát, sắp xếp mạng lưới trường, lớp mầm non phù hợp với quy hoạch của tỉnh.
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
- Đơn vị phối hợp: Sở Tài chính.
- Thời gian thực hiện: Năm 2026.
2. Tham mưu bổ sung biên chế giáo viên mầm non còn thiếu so với định mức.
- Đơn vị chủ trì: Sở Nội vụ.
- Đơn vị phối hợp: Sở Giáo dục và Đào tạo.
- Thời gian thực hiện: Quý IV/2027.
IV. TỔ CHỨC THỰC HIỆN
Sở Giáo dục và Đào tạo chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch này, tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.

Trên đây là Kế hoạch phát triển giáo dục mầm non giai đoạn 2025 - 2030 của Ủy ban nhân dân tỉnh Hà Giang./.
"""
# The same plan with a date that contradicts its own "Căn cứ" (an error) and a task with no agency (a warning).
FAULTY = CLEAN.replace("Số: 415/KH-UBND", "Số: 416/KH-UBND").replace(
    "IV. TỔ CHỨC THỰC HIỆN",
    "3. Tổ chức quán triệt Nghị quyết số 29-NQ/TW ngày 14/11/2013 trong toàn ngành.\nIV. TỔ CHỨC THỰC HIỆN")
TODAY = ["--today", "2025-06-01"]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_clean_plan_has_no_finding(tmp_path):
    path = write(tmp_path, "clean.txt", CLEAN)
    assert check_files([path], __import__("datetime").date(2025, 6, 1)) == []
    run = CliRunner().invoke(main, ["check", str(path), *TODAY])
    assert run.exit_code == 0, run.output
    assert "no findings" in run.output and "0 errors, 0 warnings, 0 info in 0 files" in run.output
    run = CliRunner().invoke(main, ["check", str(path), *TODAY, "--format", "json"])
    assert run.exit_code == 0 and json.loads(run.stdout) == []


def test_error_exits_1_json(tmp_path):
    path = write(tmp_path, "faulty.txt", FAULTY)
    run = CliRunner().invoke(main, ["check", str(path), *TODAY, "--format", "json"])
    assert run.exit_code == 1, run.output
    found = json.loads(run.stdout)
    assert {f["kind"] for f in found} == {"citation-conflict", "unassigned-task"}
    error = next(f for f in found if f["severity"] == "error")
    assert error == {"kind": "citation-conflict", "severity": "error", "file": str(path),
                     "line": line_of(FAULTY, "14/11/2013"), "text": error["text"], "message": error["message"]}
    assert "29-NQ/TW ngày 14/11/2013" in error["text"] and "4/11/2013" in error["message"]
    assert "1 error, 1 warning, 0 info in 1 file" in run.stderr


def test_table_and_severity_filter(tmp_path):
    path = write(tmp_path, "faulty.txt", FAULTY)
    run = CliRunner().invoke(main, ["check", str(path), *TODAY])
    assert run.exit_code == 1
    rows = [r for r in run.stdout.splitlines() if r.startswith(("error", "warning"))]
    line = line_of(FAULTY, "3. Tổ chức quán triệt")
    assert rows[0].split()[:3] == ["error", f"{path}:{line}", "citation-conflict"]
    assert rows[1].split()[:3] == ["warning", f"{path}:{line}", "unassigned-task"]
    assert "“Tổ chức quán triệt Nghị quyết số 29-NQ/TW ngày 14/11/2013" in run.stdout
    only_errors = CliRunner().invoke(main, ["check", str(path), *TODAY, "--severity", "error"])
    assert only_errors.exit_code == 1 and "unassigned-task" not in only_errors.stdout
    warnings_only = write(tmp_path, "warn.txt", CLEAN.replace("- Đơn vị chủ trì: Sở Nội vụ.\n", "").replace(
        "- Đơn vị phối hợp: Sở Giáo dục và Đào tạo.\n", ""))
    assert CliRunner().invoke(main, ["check", str(warnings_only), *TODAY]).exit_code == 0


def test_today_makes_deadlines_past(tmp_path):
    path = write(tmp_path, "clean.txt", CLEAN)
    run = CliRunner().invoke(main, ["check", str(path), "--today", "2028-01-01", "--format", "json", "--no-shacl"])
    assert run.exit_code == 0
    assert [f["kind"] for f in json.loads(run.stdout)] == ["deadline-past", "deadline-past"]


def test_store_mode(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    write(plans, "clean.txt", CLEAN)
    write(plans, "faulty.txt", FAULTY)
    store = str(tmp_path / "store")
    assert CliRunner().invoke(main, ["build", str(plans), "--store", store]).exit_code == 0
    run = CliRunner().invoke(main, ["check", "--store", store, *TODAY, "--format", "json"])
    assert run.exit_code == 1, run.output
    found = json.loads(run.stdout)
    assert {(f["file"], f["kind"], f["line"]) for f in found} == {
        ("faulty.txt", "citation-conflict", line_of(FAULTY, "14/11/2013")),
        ("faulty.txt", "unassigned-task", line_of(FAULTY, "14/11/2013"))}


def test_store_from_environment(tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    plans.mkdir()
    write(plans, "clean.txt", CLEAN)
    monkeypatch.setenv("POLICYKG_STORE", str(tmp_path / "env-store"))
    assert CliRunner().invoke(main, ["build", str(plans)]).exit_code == 0
    run = CliRunner().invoke(main, ["check", "--store", *TODAY])
    assert run.exit_code == 0, run.output
    assert "no findings" in run.stdout


@pytest.mark.parametrize("args, message", [
    ([], "nothing to check"), (["plan.txt", "--store", "x"], "not both"),
    (["--store", "/no/such/store"], "no store at /no/such/store")])
def test_mistakes_are_one_line(tmp_path, args, message):
    if "plan.txt" in args:
        write(tmp_path, "plan.txt", CLEAN)
        args = [str(tmp_path / "plan.txt"), *args[1:]]
    run = CliRunner().invoke(main, ["check", *args])
    assert run.exit_code == 1 or (run.exit_code == 2 and "Usage" in run.output)
    assert message in run.output


def test_missing_file_is_an_unreadable_error(tmp_path):
    run = CliRunner().invoke(main, ["check", str(tmp_path / "absent.txt"), *TODAY, "--format", "json"])
    assert run.exit_code == 1
    assert [(f["kind"], f["severity"]) for f in json.loads(run.stdout)] == [("unreadable", "error")]


def test_broken_file_does_not_stop_the_others(tmp_path):
    write(tmp_path, "clean.txt", CLEAN)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    found = check_files([tmp_path], __import__("datetime").date(2025, 6, 1))
    assert [(f.kind, f.severity, Path(f.file).name) for f in found] == [("unreadable", "error", "broken.docx")]
