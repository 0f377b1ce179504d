"""policykg check: tasks with no agency, or only collective groups and no named agency."""
from __future__ import annotations

from pathlib import Path

from policykg.check import load_plan
from policykg.check.assignments import assignment_findings, is_collective

PLAN = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH CAO BẰNG | Độc lập - Tự do - Hạnh phúc |
Số: 88/KH-UBND | Cao Bằng, ngày 03 tháng 4 năm 2025 |

KẾ HOẠCH
Nâng cao chất lượng giáo dục phổ thông tỉnh Cao Bằng đến năm 2030

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng giáo dục toàn diện cho học sinh phổ thông.
II. NHIỆM VỤ, GIẢI PHÁP
1. Đổi mới phương pháp dạy học, kiểm tra, đánh giá theo hướng phát triển phẩm chất, năng lực người học.
2. Các sở, ban, ngành, địa phương tổ chức tuyên truyền sâu rộng về đổi mới giáo dục phổ thông.
3. Ủy ban nhân dân các huyện, thành phố bố trí đủ phòng học bộ môn cho các trường trung học cơ sở.
4. Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ban, ngành bồi dưỡng giáo viên dạy môn học mới.

Trên đây là Kế hoạch nâng cao chất lượng giáo dục phổ thông tỉnh Cao Bằng./.
"""


def line_of(needle: str) -> int:
    return next(i for i, line in enumerate(PLAN.splitlines(), 1) if needle in line)


def test_no_agency_and_groups_only(tmp_path: Path):
    path = tmp_path / "cb.txt"
    path.write_text(PLAN, encoding="utf-8")
    found = assignment_findings(load_plan(path))
    assert [(f.kind, f.severity, f.line) for f in found] == [
        ("unassigned-task", "warning", line_of("1. Đổi mới phương pháp")),
        ("unassigned-task", "warning", line_of("2. Các sở, ban, ngành"))]
    assert found[0].message == "task with no agency responsible"
    assert "Các sở, ban, ngành" in found[1].message and "Các địa phương" in found[1].message
    assert found[0].text.startswith("Đổi mới phương pháp dạy học")


def test_levels_of_government_count_as_named():
    assert not is_collective("Ủy ban nhân dân cấp huyện")
    assert not is_collective("Phòng Giáo dục và Đào tạo cấp huyện")
    assert is_collective("Các cơ quan, đơn vị") and is_collective("Các sở, ban, ngành")


def test_unassigned_tasks_are_reported_once_per_section_and_reading_misses_are_not(tmp_path):
    from policykg.check import check_files

    doc = tmp_path / "kh.txt"
    doc.write_text("KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Rà soát các quy định về thủ tục hành chính.\n\n"
                   "2. Tập huấn cho cán bộ cấp xã về chuyển đổi số.\n\n3. Tổ chức hội nghị sơ kết.\n\n"
                   "II. TỔ CHỨC THỰC HIỆN\n\n1. Định kỳ báo cáo kết quả thực hiện.\n\n"
                   "2. Trung tâm Phục vụ hành chính công kiểm tra, đôn đốc thực hiện.\n", encoding="utf-8")
    found = [f for f in check_files([doc], shacl=False) if f.kind == "unassigned-task"]
    assert [f.message for f in found] == ["3 tasks with no agency responsible (lines 5, 7, 9)",
                                          "task with no agency responsible"]
    assert found[0].text == "I. NHIỆM VỤ"
