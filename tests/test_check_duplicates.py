"""policykg check: duplicated tasks (same text and assignment), never tasks that only share phrases."""
from __future__ import annotations

from pathlib import Path

from policykg.check import load_plan
from policykg.check.duplicates import assignment, duplicate_findings, normalise_text

PLAN = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH TUYÊN QUANG | Độc lập - Tự do - Hạnh phúc |
Số: 230/KH-UBND | Tuyên Quang, ngày 10 tháng 6 năm 2025 |

KẾ HOẠCH
Phát triển giáo dục nghề nghiệp tỉnh Tuyên Quang giai đoạn 2025 - 2030

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng đào tạo nghề, đáp ứng nhu cầu thị trường lao động.
II. NHIỆM VỤ, GIẢI PHÁP
1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ban, ngành rà soát mạng lưới cơ sở giáo dục nghề nghiệp.
2. Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành xây dựng chính sách thu hút nhà giáo dạy nghề.
3. Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành bố trí kinh phí đào tạo nghề cho lao động nông thôn.
4. Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ban, ngành tổ chức ngày hội việc làm hằng năm.
5. Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ban, ngành tổ chức ngày hội việc làm hằng năm.
III. TỔ CHỨC THỰC HIỆN
Sở Giáo dục và Đào tạo chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch này.

Trên đây là Kế hoạch phát triển giáo dục nghề nghiệp tỉnh Tuyên Quang./.

PHỤ LỤC
DANH MỤC NHIỆM VỤ
TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |
1 | Rà soát mạng lưới cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh | Sở Giáo dục và Đào tạo | Các sở, ban, ngành | Năm 2026 |
2 | Xây dựng Đề án đào tạo nghề cho lao động nông thôn giai đoạn 2026 - 2030 | Sở Giáo dục và Đào tạo | Các sở, ban, ngành, địa phương | Năm 2026 |
3 | Xây dựng Đề án đào tạo nghề cho lao động nông thôn giai đoạn 2026 - 2030 | Sở Giáo dục và Đào tạo | Các sở, ban, ngành, địa phương | Năm 2026 |
4 | Xây dựng Đề án đào tạo nghề cho lao động nông thôn giai đoạn 2026 - 2030 | Sở Tài chính | Các sở, ban, ngành, địa phương | Năm 2027 |
5 | Tham mưu chính sách thu hút nhà giáo dạy nghề | Sở Nội vụ | Các sở, ban, ngành | Năm 2027 |
6 | Xây dựng Đề án đào tạo nghề cho lao động nông thôn giai đoạn 2031 - 2035 | Sở Giáo dục và Đào tạo | Các sở, ban, ngành, địa phương | Năm 2026 |
"""


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_duplicated_rows_and_paragraphs(tmp_path: Path):
    path = tmp_path / "tq.txt"
    path.write_text(PLAN, encoding="utf-8")
    found = duplicate_findings(load_plan(path))
    rows = line_of(PLAN, "2 | Xây dựng Đề án"), line_of(PLAN, "3 | Xây dựng Đề án")
    paras = line_of(PLAN, "4. Sở Lao động"), line_of(PLAN, "5. Sở Lao động")
    assert [(f.kind, f.severity, f.line) for f in found] == [
        ("duplicate-task", "warning", paras[1]), ("duplicate-task", "warning", rows[1])]
    assert f"line {paras[0]}" in found[0].message
    assert f"line {rows[0]}" in found[1].message and "Năm 2026" in found[1].message
    assert found[1].text.startswith("3 | Xây dựng Đề án đào tạo nghề")


def test_shared_phrases_other_lead_other_period_are_not_duplicates(tmp_path: Path):
    """Tasks 1-3 share "phối hợp với các sở, ban, ngành"; row 4 has another lead; row 6 another
    period; rows 1 and 5 restate body tasks 1 and 2 (a table row is not compared with a paragraph)."""
    path = tmp_path / "tq.txt"
    path.write_text(PLAN, encoding="utf-8")
    lines = {f.line for f in duplicate_findings(load_plan(path))}
    for needle in ("1. Sở Giáo dục", "2. Sở Nội vụ", "3. Sở Tài chính", "4 | Xây dựng", "1 | Rà soát",
                   "5 | Tham mưu", "6 | Xây dựng"):
        assert line_of(PLAN, needle) not in lines


def test_normalised_text_and_assignment():
    assert normalise_text("12 | Rà soát, sắp xếp; | Sở Y tế") == normalise_text("13 | rà soát sắp xếp | Sở Y tế")
    assert normalise_text("- Rà soát.") == "rà soát"
    assert assignment({"lead": ["Sở Y tế"], "deadline": "Năm 2026"}) != assignment({"lead": ["Sở Y tế"]})
