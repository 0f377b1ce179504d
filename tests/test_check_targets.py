"""policykg check: targets without a year, conflicting target values, counts that disagree with their list."""
from __future__ import annotations

from pathlib import Path

from policykg.check import Plan, load_plan
from policykg.check.counts import count_findings
from policykg.check.targets import same_value, target_findings

HEAD = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH YÊN BÁI | Độc lập - Tự do - Hạnh phúc |
Số: 301/KH-UBND | Yên Bái, ngày 15 tháng 7 năm 2025 |

KẾ HOẠCH
Phát triển giáo dục mầm non và phổ thông tỉnh Yên Bái giai đoạn 2026 - 2030

"""
TAIL = """III. TỔ CHỨC THỰC HIỆN
Sở Giáo dục và Đào tạo chủ trì theo dõi việc thực hiện Kế hoạch này.

Trên đây là Kế hoạch phát triển giáo dục mầm non và phổ thông tỉnh Yên Bái./.
"""
TABLE = """STT | Chỉ tiêu | Đơn vị tính | Năm 2030 |
1 | Tỷ lệ huy động trẻ em nhà trẻ | % | 40 |
2 | Tỷ lệ huy động trẻ em mẫu giáo | % | 98 |
3 | Tỷ lệ trường mầm non đạt chuẩn quốc gia | % | 75 |
4 | Tỷ lệ trường tiểu học đạt chuẩn quốc gia | % | 85 |
"""
ANNOUNCED = HEAD + """I. MỤC TIÊU
1. Các chỉ tiêu chủ yếu đến năm 2030
Kế hoạch đề ra 5 chỉ tiêu chủ yếu như sau:
""" + TABLE + """2. Mục tiêu khác
Đến năm 2030, tỷ lệ trường mầm non đạt chuẩn quốc gia đạt 80%.
Bảo đảm ngân sách chi cho giáo dục tối thiểu 20% tổng chi ngân sách địa phương.
II. NHIỆM VỤ, GIẢI PHÁP
1. Ngành giáo dục tập trung thực hiện 3 nhóm nhiệm vụ sau:
a) Sở Giáo dục và Đào tạo chủ trì rà soát quy hoạch mạng lưới trường lớp.
b) Sở Tài chính chủ trì bố trí kinh phí mua sắm thiết bị dạy học.
2. Phấn đấu hoàn thành 8 nhóm nhiệm vụ của Kết luận số 91-KL/TW ngày 12/8/2024 của Bộ Chính trị.
3. Sở Nội vụ chủ trì thực hiện 2 nội dung sau:
- Tuyển dụng đủ giáo viên mầm non theo định mức.
- Bồi dưỡng cán bộ quản lý trường mầm non.
""" + TAIL


def load(tmp_path: Path, text: str):
    path = tmp_path / "yb.txt"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_conflicting_value_and_target_without_year(tmp_path):
    found = target_findings(load(tmp_path, ANNOUNCED))
    assert [(f.kind, f.severity, f.line) for f in found] == [
        ("target-conflict", "error", line_of(ANNOUNCED, "đạt chuẩn quốc gia đạt 80%")),
        ("target-no-year", "info", line_of(ANNOUNCED, "tối thiểu 20%"))]
    assert "80%" in found[0].message and "75%" in found[0].message
    assert f"line {line_of(ANNOUNCED, '3 | Tỷ lệ trường mầm non')}" in found[0].message


def test_other_years_short_indicators_and_equal_values_are_not_conflicts():
    targets = [{"text": "Tỷ lệ huy động trẻ em nhà trẻ", "value": "30", "unit": "%", "year": 2025, "line": 5},
               {"text": "Tỷ lệ huy động trẻ em nhà trẻ", "value": "35", "unit": "%", "year": 2030, "line": 5},
               {"text": "huyện", "value": "5/8", "unit": None, "year": 2030, "line": 6},
               {"text": "huyện", "value": "3/8", "unit": None, "year": 2030, "line": 6},
               {"text": "Tỷ lệ trẻ em mầm non được học 2 buổi/ngày", "value": "99.5", "unit": "%", "year": 2030, "line": 7},
               {"text": "tỷ lệ trẻ em mầm non được học 2 buổi/ngày", "value": "99.50", "unit": "%", "year": 2030, "line": 9}]
    assert target_findings(Plan("p.txt", {"targets": targets})) == []
    assert same_value("95-97", "95 - 97") and not same_value("> 60", "60")


def test_counts_that_disagree_with_the_list_after_them(tmp_path):
    found = count_findings(load(tmp_path, ANNOUNCED))
    assert [(f.kind, f.severity, f.line) for f in found] == [
        ("count-mismatch", "warning", line_of(ANNOUNCED, "đề ra 5 chỉ tiêu")),
        ("count-mismatch", "warning", line_of(ANNOUNCED, "3 nhóm nhiệm vụ sau"))]
    assert found[0].message == (f"the text announces 5 chỉ tiêu but 4 table rows follow "
                                f"(line {line_of(ANNOUNCED, 'STT | Chỉ tiêu')})")
    assert "3 nhóm nhiệm vụ but 2 items" in found[1].message
    assert "5 chỉ tiêu" in found[0].text


def test_count_of_the_indicator_table_stated_elsewhere(tmp_path):
    """"thực hiện 5 chỉ tiêu" far below the plan's one indicator table of 4 rows."""
    text = HEAD + "I. MỤC TIÊU\n1. Các chỉ tiêu chủ yếu đến năm 2030\n" + TABLE + """II. NHIỆM VỤ, GIẢI PHÁP
1. Tuyên truyền, nâng cao nhận thức
Tập trung tuyên truyền về đổi mới giáo dục. Khẳng định quyết tâm thực hiện 5 chỉ tiêu đến năm 2030 của ngành giáo dục tỉnh.
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
""" + TAIL
    found = count_findings(load(tmp_path, text))
    assert [(f.line, f.message) for f in found] == [
        (line_of(text, "quyết tâm thực hiện 5 chỉ tiêu"),
         f"the text announces 5 chỉ tiêu but the table at line {line_of(text, 'STT | Chỉ tiêu')} has 4 indicator rows")]
    assert count_findings(load(tmp_path, text.replace("thực hiện 5 chỉ tiêu", "thực hiện 4 chỉ tiêu"))) == []
