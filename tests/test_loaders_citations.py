"""The citation grammar and the relations it reads between documents."""
import pytest

from policykg.loaders.citation_links import relations_in
from policykg.loaders.citations import find_citations, normalise_id


def ids(text):
    return [c.id for c in find_citations(text)]


@pytest.mark.parametrize("printed, expected", [
    ("Nghị quyết số 42 - NQ/TW", "42-NQ/TW"),
    ("Kết luận số 91- KL/TW", "91-KL/TW"),
    ("Chương trình hành động số 78- CTr/TU", "78-CTr/TU"),
    ("Quyết định số 1234 /QĐ-UBND", "1234/QĐ-UBND"),
    ("Nghị định số 111/2022/NĐ-CP", "111/2022/NĐ-CP"),
    ("Nghị quyết số 686/NQ-UBTVQH15", "686/NQ-UBTVQH15"),
    ("Kế hoạch số 224-KH/ThU", "224-KH/ThU"),
    ("Quyết định số 522/QĐ/TTg", "522/QĐ-TTg"),
    ("Kế hoạch số: 17/KH-SGDĐT", "17/KH-SGDĐT"),
    ("KẾT LUẬN SỐ 91-KL/TW", "91-KL/TW"),
])
def test_ids_with_stray_spaces_and_typos(printed, expected):
    assert ids(f"Thực hiện {printed} của cơ quan") == [expected]


def test_date_and_issuer_variants():
    c = find_citations("Kế hoạch số 15-KH/TU, ngày 03 tháng 02 năm 2025 của Ban Thường vụ Tỉnh ủy về việc")[0]
    assert (c.kind, c.date, c.issuer) == ("Kế hoạch", "2025-02-03", "Ban Thường vụ Tỉnh ủy")
    c = find_citations("Quyết định số 7/QĐ-TTg ngày 9/1/ 2024 của Thủ tướng Chính phủ phê duyệt")[0]
    assert (c.date, c.issuer) == ("2024-01-09", "Thủ tướng Chính phủ")
    c = find_citations("Nghị quyết số 5-NQ/TW năm 2019 của Ban Chấp hành Trung ương Đảng khóa XII về")[0]
    assert (c.date, c.issuer) == ("2019", "Ban Chấp hành Trung ương Đảng khóa XII")


def test_issuer_stops_before_the_next_document():
    c = find_citations("Nghị quyết số 3/NQ-CP ngày 2/3/2025 của Chính phủ và Kế hoạch số 8-KH/TU")[0]
    assert c.issuer == "Chính phủ"


def test_bare_symbol_gets_kind_from_symbol():
    c = find_citations("tiếp tục thực hiện 36-CT/TW trong toàn ngành")[0]
    assert (c.id, c.kind) == ("36-CT/TW", "Chỉ thị")


def test_laws_cited_by_name():
    assert ids("theo Luật Giáo dục năm 2019 và Luật Ngân sách nhà nước và các quy định") == \
        ["Luật Giáo dục 2019", "Luật Ngân sách nhà nước"]
    assert ids("triển khai Luật sửa đổi, bổ sung một số điều của Luật Giáo dục đại học và việc đổi mới") == \
        ["Luật sửa đổi, bổ sung một số điều của Luật Giáo dục đại học"]
    assert ids("văn bản pháp luật hiện hành; Khi Luật được ban hành") == []


def test_implements_chain_from_nested_phrases():
    text = ("Triển khai Kế hoạch số 10-KH/TU ngày 1/2/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận "
            "số 91-KL/TW ngày 12/8/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 29-NQ/TW")
    assert [(a.id, b.id) for a, b in relations_in(text)] == [("10-KH/TU", "91-KL/TW"), ("91-KL/TW", "29-NQ/TW")]


def test_decision_issuing_a_plan_implements():
    text = "Quyết định số 4/QĐ-TTg của Thủ tướng Chính phủ ban hành Kế hoạch thực hiện Kết luận số 60-KL/TW"
    assert [(a.id, b.id) for a, b in relations_in(text)] == [("4/QĐ-TTg", "60-KL/TW")]


def test_amendment_and_plain_lists_are_not_implements():
    assert relations_in("Nghị định số 1/2024/NĐ-CP sửa đổi, bổ sung Nghị định số 2/2020/NĐ-CP") == []
    text = ("thực hiện Kết luận số 91-KL/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 29-NQ/TW, "
            "Kế hoạch số 7/KH-UBND, Kế hoạch số 8-KH/TU")
    assert [(a.id, b.id) for a, b in relations_in(text)] == [("91-KL/TW", "29-NQ/TW")]


def test_coordinated_targets_with_va():
    text = ("Kế hoạch số 6/KH-UBND của UBND tỉnh về thực hiện Nghị quyết số 68/NQ-CP của Chính phủ và "
            "Chương trình hành động số 7-CTr/TU")
    assert [(a.id, b.id) for a, b in relations_in(text)] == [("6/KH-UBND", "68/NQ-CP"), ("6/KH-UBND", "7-CTr/TU")]


def test_normalise_id_keeps_years_and_party_symbols():
    assert normalise_id("88/2014/QH13") == "88/2014/QH13"
    assert normalise_id("09 - NQ/TU") == "09-NQ/TU"


@pytest.mark.parametrize("text, issuer", [
    ("Căn cứ Thông tư số 15/2023/TT-BNNPTNT ngày 12/6/2023 của Bộ Nông nghiệp và PTNT về hướng dẫn",
     "Bộ Nông nghiệp và PTNT"),
    ("Căn cứ Thông tư số 08/2022/TT-BTC ngày 02/3/2022 của Bộ trưởng Bộ Tài chính hướng dẫn", "Bộ trưởng Bộ Tài chính"),
    ("Quyết định số 210/QĐ-SYT ngày 04/4/2025 của Giám đốc Sở Y tế về việc", "Giám đốc Sở Y tế"),
    ("Kế hoạch số 03-KH/BCĐ ngày 10/7/2025 của Ban Chỉ đạo Trung ương, Ủy ban nhân dân tỉnh", "Ban Chỉ đạo Trung ương"),
    ("Kế hoạch số 12-KH/TU ngày 05/01/2026 của Tỉnh ủy Gia Lai ngày 05/01/2026 về", "Tỉnh ủy Gia Lai"),
    ("Công văn số 45/VPCP-KGVX ngày 03/02/2025 của Văn phòng Chính phủ về", "Văn phòng Chính phủ"),
])
def test_the_issuer_of_a_citation_is_the_whole_body_name(text, issuer):
    (citation,) = [c for c in find_citations(text) if c.issuer]
    assert citation.issuer == issuer


def test_a_guessed_body_name_never_runs_on_into_the_sentence():
    text = "Chương trình số 15-CTr/TU ngày 20/8/2025 của Tỉnh ủy Gia Lai thành các chương trình, đề án"
    (citation,) = find_citations(text)
    assert citation.issuer.startswith("Tỉnh ủy Gia Lai") and "các" not in citation.issuer


@pytest.mark.parametrize("text, pair", [
    ("Nghị quyết số 12/NQ-CP ngày 02/3/2025 của Chính phủ ban hành Chương trình hành động của Chính phủ thực hiện "
     "Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị", ("12/NQ-CP", "66-NQ/TW")),
    ("Quyết định số 310/QĐ-UBND ngày 05/3/2025 của UBND tỉnh về việc phê duyệt “Chiến lược chuyển đổi số tỉnh đến "
     "năm 2030 triển khai thực hiện Quyết định số 942/QĐ-TTg ngày 15/6/2021", ("310/QĐ-UBND", "942/QĐ-TTg")),
    ("Quyết định số 95/QĐ-TTg ngày 20/01/2020 của Thủ tướng Chính phủ về ban hành Kế hoạch triển khai Kết luận số "
     "54-KL/TW ngày 07/8/2019 của Bộ Chính trị", ("95/QĐ-TTg", "54-KL/TW")),
    ("Kế hoạch số 77/KH-UBND ngày 01/4/2026 của UBND tỉnh về việc thực hiện “Đề án 05-ĐA/TU của Tỉnh ủy",
     ("77/KH-UBND", "05-ĐA/TU")),
])
def test_implements_read_through_the_plan_a_document_issues_or_approves(text, pair):
    assert pair in [(a.id, b.id) for a, b in relations_in(text)]


def test_the_next_document_of_a_list_may_restate_its_kind():
    text = ("Kế hoạch số 21/KH-UBND ngày 14/5/2025 của UBND tỉnh về triển khai thực hiện Nghị quyết số 71/NQ-CP "
            "ngày 01/4/2025 của Chính phủ và Kế hoạch hành động số 30-KH/TU, ngày 24/4/2025 của Tỉnh ủy")
    assert [(a.id, b.id) for a, b in relations_in(text)] == [("21/KH-UBND", "71/NQ-CP"), ("21/KH-UBND", "30-KH/TU")]


@pytest.mark.parametrize("text", [
    "Nghị quyết số 6/NQ-UBTVQH15 ngày 18/9/2023 của Ủy ban Thường vụ Quốc hội giám sát chuyên đề về thực hiện "
    "Nghị quyết số 88/2014/QH13",  # A supervises the carrying out of B
    "Quyết định số 8/QĐ-UBND ngày 01/02/2025 của UBND tỉnh; Kế hoạch của Sở về thực hiện Nghị quyết số 9/NQ-CP",
    "Thông tư số 3/2025/TT-BTC ngày 01/02/2025 của Bộ Tài chính sửa đổi, bổ sung Thông tư số 4/2024/TT-BTC",
])
def test_no_implements_where_the_words_between_say_otherwise(text):
    assert relations_in(text) == []
