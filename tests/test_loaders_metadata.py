"""Document head: kind, number, date, place, issuer, title, implements and based_on."""
from policykg.loaders.record import extract_text

DEPARTMENT_DRAFT = """UBND TỈNH HÀ GIANG
SỞ Y TẾ
Số:    /KH-SYT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Giang, ngày    tháng    năm 2026
KẾ HOẠCH
Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương
Thực hiện Kế hoạch số 77/KH-UBND ngày 01/3/2026 của UBND tỉnh Hà Giang về thực hiện Nghị quyết số 20-NQ/TW, Sở Y tế ban hành Kế hoạch như sau:
I. NHIỆM VỤ
1. Nâng cao chất lượng khám chữa bệnh.
"""

PEOPLES_COMMITTEE = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 1520/KH-UBND | Cà Mau, ngày 07 tháng 5 năm 2025 |
KẾ HOẠCH
TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 36-CT/TW CỦA BỘ CHÍNH TRỊ TRÊN ĐỊA BÀN TỈNH
Căn cứ Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị về tăng cường phòng, chống ma túy;
Căn cứ Kế hoạch số 12-KH/TU ngày 2/1/2025 của Tỉnh ủy Cà Mau về thực hiện Chỉ thị số 36-CT/TW;
Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện Chỉ thị số 36-CT/TW của Bộ Chính trị trên địa bàn tỉnh như sau:
I. NHIỆM VỤ
1. Tuyên truyền phòng chống ma túy.
"""


def test_department_draft_head():
    r = extract_text(DEPARTMENT_DRAFT)
    assert r["document"] == {"kind": "Kế hoạch", "id": None, "issuer": "Sở Y tế tỉnh Hà Giang",
                             "place": "Hà Giang", "date": "2026",
                             "title": "Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương"}
    assert r["implements"] == ["20-NQ/TW", "77/KH-UBND"]
    assert r["based_on"] == []
    assert {"from": "77/KH-UBND", "type": "implements", "to": "20-NQ/TW"} in \
        [{k: x[k] for k in ("from", "type", "to")} for x in r["relations"]]


def test_peoples_committee_head_from_pipe_cells_and_capitals():
    r = extract_text(PEOPLES_COMMITTEE)
    d = r["document"]
    assert (d["kind"], d["id"], d["issuer"], d["place"], d["date"]) == (
        "Kế hoạch", "1520/KH-UBND", "Ủy ban nhân dân tỉnh Cà Mau", "Cà Mau", "2025-05-07")
    assert d["title"].startswith("triển khai thực hiện Chỉ thị số 36-CT/TW") or \
        d["title"].startswith("Kế hoạch triển khai thực hiện Chỉ thị số 36-CT/TW") or \
        d["title"].lower().startswith("triển khai thực hiện chỉ thị số 36-ct/tw")
    assert r["implements"] == ["36-CT/TW"]
    assert r["based_on"] == ["36-CT/TW", "12-KH/TU"]
    refs = {x["id"]: x for x in r["references"]}
    assert "1520/KH-UBND" not in refs
    assert refs["12-KH/TU"]["issuer"] == "Tỉnh ủy Cà Mau"


def test_place_from_text_when_there_is_no_date_line():
    r = extract_text("KẾ HOẠCH\nVề phát triển du lịch\n\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
                     "I. NHIỆM VỤ\n1. Quảng bá du lịch tỉnh Ninh Bình và kết nối với tỉnh Ninh Bình.")
    assert r["document"]["place"] == "Ninh Bình"
    assert r["document"]["issuer"] == "Ủy ban nhân dân tỉnh Ninh Bình"


def test_provenance_and_guide_shape():
    from policykg.loaders.record import guide_record
    r = extract_text(DEPARTMENT_DRAFT)
    assert r["tasks"][0]["line"] == 10
    assert r["provenance"]["implements"][0]["line"] == 7
    g = guide_record(r)
    assert "provenance" not in g and "line" not in g["tasks"][0]
    assert set(g) == {"source", "document", "implements", "based_on", "references", "relations", "tasks", "targets"}


PARTY_PROGRAMME = """ĐẢNG BỘ TỈNH ĐIỆN BIÊN
TỈNH ỦY
*
Số 21-CTr/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Điện Biên Phủ, ngày 10 tháng 3 năm 2025
CHƯƠNG TRÌNH HÀNH ĐỘNG
Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ

I. NHIỆM VỤ, GIẢI PHÁP
1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc tuyên truyền sâu rộng.
"""

DECISION_WITH_PLAN = """ỦY BAN NHÂN DÂN TỈNH SƠN LA
Số: 45/QĐ-UBND
Sơn La, ngày 02 tháng 01 năm 2026
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch thực hiện Chỉ thị số 30-CT/TW ngày 20/1/2024 của Ban Bí thư
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị số 30-CT/TW.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
KẾ HOẠCH
Thực hiện Chỉ thị số 30-CT/TW
I. NHIỆM VỤ
1. Sở Nội vụ chủ trì rà soát bộ máy.
II. PHÂN CÔNG
1. Sở Tài chính bố trí kinh phí.
"""


def test_party_programme_head():
    r = extract_text(PARTY_PROGRAMME)
    d = r["document"]
    assert (d["kind"], d["id"], d["issuer"], d["place"], d["date"]) == (
        "Chương trình hành động", "21-CTr/TU", "Tỉnh ủy Điện Biên", "Điện Biên", "2025-03-10")
    assert r["implements"] == ["57-NQ/TW"]
    task = r["tasks"][0]
    assert task["lead"] == ["Ban Tuyên giáo Tỉnh ủy"] and task["support"] == ["Các cấp ủy trực thuộc Tỉnh ủy"]


def test_decision_with_an_attached_plan():
    r = extract_text(DECISION_WITH_PLAN)
    assert (r["document"]["kind"], r["document"]["id"], r["document"]["place"]) == ("Quyết định", "45/QĐ-UBND", "Sơn La")
    assert r["implements"] == ["30-CT/TW"]
    assert [(t["text"], t["lead"], t["implement"]) for t in r["tasks"]] == [
        ("Sở Nội vụ chủ trì rà soát bộ máy.", ["Sở Nội vụ"], []),
        ("Sở Tài chính bố trí kinh phí.", [], ["Sở Tài chính"])]


def test_commune_head_and_level():
    r = extract_text("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nXÃ TÂN PHÚ | Độc lập - Tự do - Hạnh phúc |\n"
                     "Số: 12/KH-UBND | Tân Phú, ngày 3 tháng 11 năm 2025 |\nKẾ HOẠCH\nVề chuyển đổi số\n\n"
                     "I. NHIỆM VỤ\n1. Công an xã, Trạm Y tế xã tuyên truyền phòng chống dịch.")
    assert (r["document"]["issuer"], r["document"]["place"]) == ("Ủy ban nhân dân xã Tân Phú", "Xã Tân Phú")
    assert r["tasks"][0]["implement"] == ["Công an xã", "Trạm Y tế xã"]


def test_centrally_run_city_is_a_place_in_its_own_right():
    r = extract_text("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nSố: 5/KH-UBND\nCần Thơ, ngày 1 tháng 2 năm 2026\n"
                     "KẾ HOẠCH\nVề y tế cơ sở\n")
    assert (r["document"]["issuer"], r["document"]["place"]) == ("Ủy ban nhân dân thành phố Cần Thơ", "Cần Thơ")


def test_national_document_has_no_place_and_names_its_adopting_body():
    r = extract_text("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 95-KL/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 4 tháng 4 năm 2026\n"
                     "KẾT LUẬN\nCỦA BAN BÍ THƯ\nvề công tác dân vận trong tình hình mới\n")
    d = r["document"]
    assert (d["kind"], d["id"], d["issuer"], d["place"]) == ("Kết luận", "95-KL/TW", "Ban Bí thư", None)


def test_capitals_in_a_title_do_not_make_a_second_document():
    r = extract_text("KẾ HOẠCH\nTRIỂN KHAI CHƯƠNG TRÌNH HÀNH ĐỘNG SỐ 61-CTR/TU CỦA TỈNH ỦY\n\n"
                     "Thực hiện Chương trình hành động số 61-CTr/TU ngày 2/2/2026 của Tỉnh ủy, Ủy ban nhân dân tỉnh "
                     "ban hành Kế hoạch như sau:\nI. NHIỆM VỤ\n1. Sở Y tế chủ trì thực hiện.")
    assert r["implements"] == ["61-CTr/TU"] and [x["id"] for x in r["references"]] == ["61-CTr/TU"]


def test_commune_plan_places_provincial_bodies_in_its_province():
    r = extract_text("ỦY BAN NHÂN DÂN\nXÃ BÌNH AN\nSố: 9/KH-UBND\nBình An, ngày 2 tháng 12 năm 2025\nKẾ HOẠCH\n"
                     "Thực hiện Kế hoạch số 41/KH-UBND ngày 1/11/2025 của Ủy ban nhân dân tỉnh về thực hiện "
                     "Kế hoạch số 7-KH/TU của Tỉnh ủy\n\nI. NHIỆM VỤ\n1. Rà soát theo hướng dẫn của Ủy ban nhân dân "
                     "tỉnh Gia Lai.")
    refs = {x["id"]: x["issuer"] for x in r["references"]}
    assert r["document"]["place"] == "Xã Bình An"
    assert refs == {"41/KH-UBND": "Ủy ban nhân dân tỉnh Gia Lai", "7-KH/TU": "Tỉnh ủy Gia Lai"}


def test_provincial_body_is_left_bare_when_the_province_is_unknown():
    r = extract_text("ỦY BAN NHÂN DÂN\nXÃ BÌNH AN\nSố: 9/KH-UBND\nBình An, ngày 2 tháng 12 năm 2025\nKẾ HOẠCH\n"
                     "Thực hiện Kế hoạch số 7-KH/TU của Tỉnh ủy\n")
    assert r["references"][0]["issuer"] == "Tỉnh ủy"
