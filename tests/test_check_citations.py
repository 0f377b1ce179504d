"""policykg check: one document cited with two numbers, dates or issuers (in a plan, across plans)."""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.check import Plan, load_plan
from policykg.check.citations import cross_plan_findings, dates_conflict, issuers_conflict, near_numbers, plan_findings

HEAD = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH HÀ GIANG | Độc lập - Tự do - Hạnh phúc |
Số: 512/KH-UBND | Hà Giang, ngày 05 tháng 5 năm 2025 |

KẾ HOẠCH
Triển khai thực hiện Kết luận số 91-KL/TW của Bộ Chính trị trên địa bàn tỉnh Hà Giang

Căn cứ Kết luận số 91-KL/TW ngày 12/8/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 29-NQ/TW;
Căn cứ Nghị quyết số 51/NQ-CP ngày 18/3/2025 của Chính phủ ban hành Chương trình hành động thực hiện Kết luận số 91-KL/TW;
Căn cứ Kế hoạch số 158/KH-TU ngày 02/12/2024 của Tỉnh ủy Hà Giang về thực hiện Kết luận số 91-KL/TW;
Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau:

I. MỤC ĐÍCH, YÊU CẦU
"""
TAIL = "\nTrên đây là Kế hoạch triển khai thực hiện Kết luận số 91-KL/TW trên địa bàn tỉnh Hà Giang./.\n"


def write(tmp_path: Path, body: str, name: str = "kh.txt") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_same_plan_cited_with_another_number(tmp_path):
    """The 276/273 pattern: a Căn cứ list mirrored later with one number changed."""
    path = write(tmp_path, "1. Quán triệt, triển khai thực hiện Kết luận số 91-KL/TW, Nghị quyết số 51/NQ-CP, "
                           "Kế hoạch số 185/KH-TU đến cán bộ, công chức, viên chức trong toàn tỉnh.\n"
                           "II. NHIỆM VỤ, GIẢI PHÁP\n"
                           "1. Các sở, ban, ngành xây dựng kế hoạch thực hiện Kết luận số 91-KL/TW và Kế hoạch số "
                           "185/KH-TU phù hợp với thực tiễn.\n")
    found = plan_findings(load_plan(path))
    assert [(f.kind, f.severity, f.line) for f in found] == [
        ("citation-conflict", "error", line_of(path, "Kế hoạch số 185/KH-TU đến")),
        ("citation-conflict", "error", line_of(path, "185/KH-TU phù hợp"))]
    assert "158/KH-TU" in found[0].message and "185/KH-TU" in found[0].text
    assert str(line_of(path, "Căn cứ Kế hoạch số 158")) in found[0].message


def test_same_document_two_dates_and_two_issuers(tmp_path):
    path = write(tmp_path, "1. Bảo đảm sự thống nhất trong chỉ đạo.\nII. NHIỆM VỤ, GIẢI PHÁP\n"
                           "1. Sở Giáo dục và Đào tạo chủ trì tổ chức hội nghị quán triệt Kết luận số 91-KL/TW "
                           "ngày 12/9/2024 của Bộ Chính trị.\n"
                           "2. Sở Nội vụ chủ trì rà soát biên chế giáo viên theo Nghị quyết số 51/NQ-CP ngày "
                           "18/3/2025 của Ủy ban nhân dân tỉnh.\n")
    found = {f.line: f for f in plan_findings(load_plan(path))}
    date = found[line_of(path, "ngày 12/9/2024")]
    assert date.severity == "error" and "12/9/2024" in date.message and "12/8/2024" in date.message
    issuer = found[line_of(path, "của Ủy ban nhân dân tỉnh.")]
    assert "Chính phủ" in issuer.message and issuer.kind == "citation-conflict"
    assert len(found) == 2


def test_different_documents_are_not_conflicts(tmp_path):
    """Near numbers cited in full with their own dates, or side by side, are two documents."""
    path = write(tmp_path, "1. Bảo đảm sự thống nhất trong chỉ đạo.\nII. NHIỆM VỤ, GIẢI PHÁP\n"
                           "1. Sở Văn hóa, Thể thao và Du lịch chủ trì tiếp tục thực hiện Kế hoạch số 142/KH-TU "
                           "ngày 24/4/2024 của Tỉnh ủy về phổ cập giáo dục.\n"
                           "2. Sở Lao động - Thương binh và Xã hội chủ trì thực hiện Kế hoạch số 145/KH-TU ngày "
                           "11/7/2023 của Tỉnh ủy về giáo dục nghề nghiệp.\n"
                           "3. Sở Tư pháp chủ trì phổ biến Chỉ thị số 21-CT/TW và Chỉ thị số 29-CT/TW của Ban Bí "
                           "thư trong các cơ sở giáo dục.\n"
                           "4. Sở Giáo dục và Đào tạo chủ trì quán triệt Kết luận số 91-KL/TW của Bộ Chính trị và "
                           "Kế hoạch số 158/KH-TU của Ban Thường vụ Tỉnh ủy.\n")
    assert plan_findings(load_plan(path)) == []


def record(source: str, place: str, refs: list[dict], relations: list[dict] | None = None) -> Plan:
    return Plan(source, {"source": source, "document": {"kind": "Kế hoạch", "place": place},
                         "references": refs, "relations": relations or []})


def ref(doc_id: str, date: str | None, issuer: str | None, line: int = 9) -> dict:
    return {"id": doc_id, "kind": "Kế hoạch", "date": date, "issuer": issuer, "line": line,
            "source_text": f"Căn cứ Kế hoạch số {doc_id} của {issuer};"}


def test_across_plans_of_one_place():
    a = record("a.txt", "Hà Giang", [ref("158/KH-TU", "2024-12-02", "Tỉnh ủy Hà Giang")])
    b = record("b.txt", "Hà Giang", [ref("158/KH-TU", "2024-11-02", "Tỉnh ủy Hà Giang", line=12)])
    c = record("c.txt", "Hà Giang", [ref("158/KH-TU", "2024-12-02", "Ủy ban nhân dân tỉnh Hà Giang", line=7)])
    other = record("d.txt", "Tuyên Quang", [ref("158/KH-TU", "2025-01-20", "Tỉnh ủy Tuyên Quang")])
    found = cross_plan_findings([a, b, c, other])
    assert [(f.file, f.line, f.severity) for f in found] == [("b.txt", 12, "error"), ("c.txt", 7, "error")]
    assert "a.txt" in found[0].message and "2/12/2024" in found[0].message
    assert "Ủy ban nhân dân" in found[1].message


def test_across_plans_near_number_same_date_issuer_and_subject():
    def implements(i: str) -> list[dict]:
        return [{"from": i, "type": "implements", "to": "91-KL/TW"}]

    a = record("a.txt", "Hà Giang", [ref("158/KH-TU", "2024-12-02", "Tỉnh ủy Hà Giang")], implements("158/KH-TU"))
    b = record("b.txt", "Hà Giang", [ref("159/KH-TU", "2024-12-02", "Tỉnh ủy Hà Giang", 11)], implements("159/KH-TU"))
    c = record("c.txt", "Hà Giang", [ref("157/KH-TU", "2024-12-02", "Tỉnh ủy Hà Giang", 11)])  # another subject
    found = cross_plan_findings([a, b, c])
    assert [(f.file, f.line) for f in found] == [("b.txt", 11)]
    assert "158/KH-TU" in found[0].message


@pytest.mark.parametrize("a, b, near", [("276/KH-TU", "273/KH-TU", True), ("158/KH-TU", "185/KH-TU", True),
                                        ("2739/KH-UBND", "2793/KH-UBND", True), ("142-KH/TU", "105-KH/TU", False),
                                        ("276/KH-TU", "276/KH-UBND", False), ("5/KH-TU", "58/KH-TU", True),
                                        ("29-NQ/TW", "42-NQ/TW", False)])
def test_near_numbers(a, b, near):
    assert near_numbers(a, b) is near


def test_dates_and_issuers():
    assert dates_conflict("2024-10-24", "2024-10-25") and not dates_conflict("2024-10-24", "2024")
    assert not issuers_conflict("Ban Thường vụ Tỉnh ủy Kon Tum", "Tỉnh ủy Kon Tum")
    assert issuers_conflict("Tỉnh ủy Kon Tum", "Tỉnh ủy Bắc Kạn")
    assert issuers_conflict("Ban Bí thư", "Bộ Chính trị")
    assert not issuers_conflict("Ban Chấp hành", "Ban Chấp hành Trung ương Đảng khóa XIII")
