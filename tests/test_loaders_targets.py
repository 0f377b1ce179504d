"""Targets from sentences and indicator tables."""
from policykg.loaders.record import extract_text
from policykg.loaders.targets import clean_value, targets_in


def triples(text, **kw):
    return [(t["text"], t["value"], t["unit"], t["year"]) for t in targets_in(text, **kw)]


def test_range_percentage_and_year():
    assert triples("Phấn đấu đến năm 2030 thu hút 45-50% học sinh vào học nghề.") == [
        ("học sinh vào học nghề", "45-50", "%", 2030)]


def test_decimal_comma_and_year_carried_in_the_paragraph():
    assert triples("Đến năm 2030, tỷ lệ biết chữ đạt 98,85%. Tỉ lệ hoàn thành tiểu học đạt 99%.") == [
        ("tỷ lệ biết chữ", "98.85", "%", 2030), ("Tỉ lệ hoàn thành tiểu học", "99", "%", 2030)]


def test_several_values_in_one_sentence():
    assert [t[1:] for t in triples("Tỷ lệ trường chuẩn cấp Mầm non đạt 60%, cấp Tiểu học đạt 78%.")] == [
        ("60", "%", None), ("78", "%", None)]


def test_counts_units_and_words_around_the_number():
    got = triples("Phấn đấu có 02 trường chất lượng cao; đạt 180 sinh viên/vạn dân; có trên 70% xã đạt chuẩn.")
    assert got == [("trường chất lượng cao", "2", None, None),
                   ("đạt 180 sinh viên/vạn dân", "180", "sinh viên/vạn dân", None),
                   ("xã đạt chuẩn", "70", "%", None)]


def test_no_target_without_a_value():
    assert triples("Thực hiện giáo dục bắt buộc 9 năm cho trẻ em 3, 4 tuổi.") == []


def test_heading_year_applies_below():
    assert triples("- Tỷ lệ tốt nghiệp đạt từ 90% trở lên.", heading_year=2030) == [
        ("Tỷ lệ tốt nghiệp", "90", "%", 2030)]


def test_clean_value_rules():
    assert [clean_value(v) for v in ("1.700", "02", "95- 97", "0,7")] == ["1700", "2", "95-97", "0.7"]
    assert clean_value("60", "> ") == "> 60"


def test_indicator_table_one_target_per_year():
    text = "\n".join(["KẾ HOẠCH", "Về giáo dục", "", "I. MỤC TIÊU", "2. Các chỉ tiêu đến năm 2025 và 2030",
                      "STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030 |",
                      "1 | Tỷ lệ trẻ đi học đúng tuổi | % | 95 | > 97 |",
                      "2 | Tỷ lệ trường đạt chuẩn | % | - | 80 |"])
    got = [(t["text"], t["value"], t["year"]) for t in extract_text(text)["targets"]]
    assert got == [("Tỷ lệ trẻ đi học đúng tuổi", "95", 2025), ("Tỷ lệ trẻ đi học đúng tuổi", "> 97", 2030),
                   ("Tỷ lệ trường đạt chuẩn", "80", 2030)]


def test_counts_with_thousands_decimals_and_units():
    assert triples("Đến năm 2030, diện tích hữu cơ đạt 1.387 ha; số sách đạt 0,8 bản/người.", goal_section=True) == [
        ("diện tích hữu cơ", "1387", "ha", 2030), ("số sách", "0.8", "bản/người", 2030)]


def test_indicator_table_with_a_long_unit():
    text = "\n".join(["KẾ HOẠCH", "Về y tế", "", "I. MỤC TIÊU",
                      "STT | Chỉ tiêu | Đơn vị tính | Năm 2027 | Năm 2030 |",
                      "1 | Số giường bệnh | giường bệnh/vạn dân | 37 | 38 |"])
    got = [(t["value"], t["unit"], t["year"]) for t in extract_text(text)["targets"]]
    assert got == [("37", "giường bệnh/vạn dân", 2027), ("38", "giường bệnh/vạn dân", 2030)]
