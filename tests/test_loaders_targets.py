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


# --- Values as printed: ranges, units, signs, parts of a whole --------------------------------

from policykg.loaders.outline import Node, Row  # noqa: E402
from policykg.loaders.target_tables import table_targets  # noqa: E402
from policykg.loaders.target_values import find_values  # noqa: E402


def values(text):
    return [(v.value, v.unit, v.kind) for v in find_values(text)]


def test_range_with_the_percent_sign_on_both_ends():
    assert values("chiếm 35%-40% tổng số hộ") == [("35-40", "%", "percent")]


def test_range_of_money_with_the_unit_on_both_ends():
    assert values("khoảng 1.250 tỷ đồng - 1.480 tỷ đồng") == [("1250-1480", "tỷ đồng", "measure")]


def test_growth_per_year_keeps_its_unit():
    assert values("tăng bình quân 6,5%/năm") == [("6.5", "%/năm", "percent")]


def test_rate_units_run_to_the_words_that_end_them():
    assert values("còn dưới 12 ca tử vong/1.000 trẻ đẻ sống vào năm 2028") == [
        ("12", "ca tử vong/1.000 trẻ đẻ sống", "rate")]
    assert values("dưới 40/100.000 dân số vào năm 2028") == [("40", "/100.000 dân số", "rate")]


def test_part_of_a_whole_keeps_both_numbers_without_leading_zeros():
    assert values("có 04/11 cụm công nghiệp có hệ thống thoát nước") == [("4/11", None, "fraction")]


def test_measures_with_thousands_dots_and_comma_decimals():
    assert values("trên 3.450 ha, khoảng 1.205,5 MW, đạt 2,75 tỷ USD") == [
        ("3450", "ha", "measure"), ("1205.5", "MW", "measure"), ("2.75", "tỷ USD", "measure")]


def test_ages_times_years_and_numbers_before_verbs_are_no_counts():
    assert values("trẻ 6 tuổi học 2 buổi, trong 03 tháng, năm 2027 đạt, độ tuổi từ 18 - 45 đạt") == []


def test_counts_in_words():
    assert values("có ít nhất hai bệnh viện vệ tinh") == [("2", None, "word")]


# --- Which numbers of a sentence are goals, and what they measure -------------------------------

def test_comparison_words_are_dropped_and_a_sign_is_kept():
    assert triples("Đến năm 2028: có ≥ 45% hợp tác xã ứng dụng thương mại điện tử.") == [
        ("hợp tác xã ứng dụng thương mại điện tử", "≥ 45", "%", 2028)]
    assert [t[1] for t in triples("Tỷ lệ che phủ rừng đạt không dưới 42%; tỷ lệ hộ nghèo dưới 1,5%.")] == ["42", "1.5"]


def test_a_labelled_share_with_a_purpose_clause_is_named_by_its_label():
    got = triples("- Vốn ngân sách tỉnh: để đầu tư các công trình do tỉnh quản lý, chiếm khoảng 30% "
                  "tổng vốn (khoảng 2.400 tỷ đồng).")
    assert got == [("Vốn ngân sách tỉnh", "30", "%", None), ("Vốn ngân sách tỉnh", "2400", "tỷ đồng", None)]


def test_a_breakdown_in_parentheses_is_named_after_its_whole():
    got = triples("+ Xây dựng mới bể chứa nước: 40 bể (Trong đó: huyện A: 15 bể, huyện B: 25 bể);",
                  heading_year=2030)
    assert [(t[0], t[1]) for t in got] == [("Xây dựng mới bể chứa nước", "40"),
                                          ("Xây dựng mới bể chứa nước: huyện A", "15"),
                                          ("Xây dựng mới bể chứa nước: huyện B", "25")]


def test_a_start_point_is_no_goal():
    assert triples("Chỉ tiêu 2: Tỷ lệ suy dinh dưỡng thể thấp còi giảm từ 18% xuống 14% vào năm 2027.") == [
        ("Tỷ lệ suy dinh dưỡng thể thấp còi", "14", "%", 2027)]


def test_a_yearly_goal_has_no_year_even_under_a_dated_heading():
    got = triples("Hằng năm, số lượt khách quốc tế tăng trên 8%; doanh thu du lịch tăng trên 10%.",
                  heading_year=2030, goal_section=True)
    assert [(t[1], t[3]) for t in got] == [("8", None), ("10", None)]
    got = triples("Hằng năm, giảm tai nạn giao thông; phấn đấu đến năm 2029 có ít nhất 60% xã không có tai nạn.",
                  heading_year=2030, goal_section=True)
    assert [(t[1], t[3]) for t in got] == [("60", 2029)]


def test_the_year_written_after_the_value_or_from_a_year_on():
    assert [(t[1], t[3]) for t in triples("Chỉ tiêu 1: Tỷ lệ lao động nữ có việc làm đạt 55% vào năm 2026.")] == [
        ("55", 2026)]
    assert [(t[1], t[3]) for t in triples("Chỉ tiêu 3: Từ năm 2027 trở đi, 100% trạm y tế có bác sĩ.")] == [
        ("100", 2027)]
    assert [(t[1], t[3]) for t in triples("Chỉ tiêu 4: Năm 2026 đạt 70% hộ dân dùng nước sạch.")] == [
        ("70", 2026)]


def test_one_indicator_with_several_years():
    assert triples("Tỷ lệ đô thị hóa năm 2027 đạt 38%, năm 2030 đạt 42,5%.") == [
        ("Tỷ lệ đô thị hóa", "38", "%", 2027), ("Tỷ lệ đô thị hóa", "42.5", "%", 2030)]
    assert [(t[0], t[1], t[3]) for t in triples("Số xã có chợ đạt chuẩn đạt 9 xã (năm 2027) và 14 xã (năm 2029).")] == [
        ("Số xã có chợ đạt chuẩn", "9", 2027), ("Số xã có chợ đạt chuẩn", "14", 2029)]


def test_a_condition_or_a_present_state_is_no_goal():
    assert triples("Đối với đơn vị có tỷ lệ nữ thấp dưới 20% có thể điều chỉnh chỉ tiêu.", goal_section=True) == []
    assert triples("Hiện nay toàn tỉnh có 64 trạm, trong đó 12 trạm đạt chuẩn (chiếm 18,7 %).", goal_section=True) == []


def test_a_count_inside_a_share_names_the_share():
    got = triples("Từ năm 2026 trở đi 100% thôn, bản mỗi tháng có ít nhất 02 buổi sinh hoạt cộng đồng.")
    assert [(t[1], t[3]) for t in got] == [("100", 2026)]


def test_one_as_an_article_is_no_count():
    assert triples("Tuyên truyền hướng đến xây dựng một cộng đồng văn minh, đạt nhiều kết quả.") == []
    assert [t[1] for t in triples("Chỉ tiêu 5: Có ít nhất một trung tâm phục hồi chức năng vào năm 2026.")] == ["1"]


def test_labelled_quantities_but_not_times_or_frequencies():
    assert triples("- Số lượng: 3.200 tờ rơi.") == [("Số lượng", "3200", None, None)]
    assert triples("- Thời gian: 02 ngày/lớp.") == []
    assert triples("+ Chỉ số: pH, độ đục; tần suất lấy mẫu: 04 đợt/năm; số lượng mẫu 96 mẫu/năm.") == [
        ("số lượng mẫu", "96", "mẫu/năm", None)]


def test_a_count_after_a_verb_of_making_in_a_task_has_no_year():
    got = triples("- Trong đó, ưu tiên hoàn thiện 07 phần mềm dùng chung của tỉnh, phục vụ người dân.")
    assert got == [("phần mềm dùng chung của tỉnh", "7", None, None)]


def test_counts_under_a_goals_heading_but_not_reference_numbers():
    assert triples("Đưa vào khai thác 04 mỏ cát, 02 mỏ đá.", goal_section=True) == [
        ("mỏ cát", "4", None, None), ("mỏ đá", "2", None, None)]
    assert triples("Thực hiện theo khoản 2 Điều 7 và các Mẫu số 01, 02 kèm theo.", goal_section=True) == []


def test_a_percentage_in_a_task_needs_the_shape_of_a_goal():
    assert triples("- Cấp hóa chất Cloramin B 25%, bình phun cho các xã.") == []
    assert triples("- Rà soát, cắt giảm ít nhất 15% giấy tờ; điện tử hóa 100% hồ sơ.") == [
        ("Rà soát, cắt giảm giấy tờ", "15", "%", None), ("điện tử hóa hồ sơ", "100", "%", None)]


def test_a_vision_year_is_not_the_year_of_a_goal():
    assert [t[3] for t in triples("Quy hoạch đến năm 2030, tầm nhìn đến năm 2050, tỷ lệ cây xanh đạt 12%.")] == [2030]


def test_a_qualifying_count_and_a_money_estimate_are_no_goals():
    assert triples("Phấn đấu hoàn thành mục tiêu cấp điện cho nhóm từ 20 hộ trở lên.") == []
    assert triples("+ Dự kiến kinh phí bằng 15% kinh phí quan trắc định kỳ.") == []


def test_an_indicator_named_after_its_verb():
    assert triples("- Hoàn thành các dự án điện với tổng công suất bổ sung khoảng 1.150 MW.", goal_section=True) == [
        ("tổng công suất bổ sung", "1150", "MW", None)]
    assert triples("Góp phần đạt chỉ số phát triển con người tăng bình quân 2%/năm.") == [
        ("chỉ số phát triển con người tăng", "2", "%/năm", None)]


# --- What the headings, lead-in lines and appendices above a paragraph say ----------------------

from policykg.loaders.normalise import normalise  # noqa: E402
from policykg.loaders.outline import build_outline  # noqa: E402
from policykg.loaders.targets import extract_targets  # noqa: E402


def doc_targets(*lines):
    outline = build_outline(normalise("\n".join(["KẾ HOẠCH", "Phát triển du lịch", "", *lines])))
    return [(t["text"], t["value"], t["year"]) for t in extract_targets(outline)]


def test_a_dated_heading_gives_its_items_the_year():
    assert doc_targets("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Nâng cao chất lượng dịch vụ.",
                       "2. Các chỉ tiêu chủ yếu đến năm 2029", "a) Trên 85% cơ sở lưu trú đạt chuẩn.",
                       "b) Có 06 khu du lịch cấp tỉnh.") == [
        ("cơ sở lưu trú đạt chuẩn", "85", 2029), ("khu du lịch cấp tỉnh", "6", 2029)]


def test_a_lead_in_line_gives_the_bullets_after_it_their_year_up_to_the_next_heading():
    got = doc_targets("I. NHIỆM VỤ", "1. Phát triển sản phẩm", "Đến năm 2028, phấn đấu:",
                      "- 70% điểm đến có bản đồ số.", "- Tỷ lệ khách hài lòng đạt 90%.",
                      "2. Quảng bá", "- Số hóa 100% ấn phẩm quảng bá.")
    assert got == [("điểm đến có bản đồ số", "70", 2028), ("Tỷ lệ khách hài lòng", "90", 2028),
                   ("ấn phẩm quảng bá", "100", None)]


def test_the_opening_line_gives_no_year():
    got = doc_targets("Căn cứ Quyết định số 12/QĐ-UBND về phát triển du lịch giai đoạn 2026 - 2030; "
                      "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", "I. NHIỆM VỤ",
                      "1. Tổ chức sự kiện", "- Số lượng: 04 lễ hội.")
    assert got == [("Số lượng", "4", None)]


def test_results_criteria_money_and_scope_hold_no_goals():
    got = doc_targets("I. KẾT QUẢ THỰC HIỆN NĂM 2025", "1. Tỷ lệ lấp đầy phòng đạt 65%.",
                      "II. TIÊU CHUẨN KHEN THƯỞNG", "- Có tỷ lệ khách quay lại đạt từ 40% trở lên.",
                      "III. NỘI DUNG", "1. Hiện trạng", "Toàn tỉnh có 320 cơ sở lưu trú, đạt 80% kế hoạch.",
                      "2. Phát triển", "- Phấn đấu 90% cơ sở lưu trú kết nối phần mềm.",
                      "IV. KINH PHÍ THỰC HIỆN", "1. Ngân sách tỉnh bảo đảm 60% kinh phí.")
    assert got == [("cơ sở lưu trú kết nối phần mềm", "90", None)]


def test_an_appendix_restating_the_goals_keeps_each_once_and_gives_the_year():
    got = doc_targets("I. MỤC TIÊU", "1. Mục tiêu cụ thể", "- Tỷ lệ hướng dẫn viên có thẻ đạt 95%.",
                      "II. NHIỆM VỤ", "1. Đào tạo", "- Phấn đấu tỷ lệ lao động du lịch qua đào tạo đạt tối thiểu 75%.",
                      "Trên đây là Kế hoạch phát triển du lịch./.", "PHỤ LỤC",
                      "CÁC CHỈ TIÊU PHÁT TRIỂN DU LỊCH ĐẾN NĂM 2030",
                      "TT | Chỉ tiêu | Cơ quan chủ trì |",
                      "1 | Tỷ lệ hướng dẫn viên có thẻ đạt 95%. | Sở Văn hóa |",
                      "2 | Tỷ lệ lao động du lịch qua đào tạo đạt tối thiểu 75%. | Sở Nội vụ |")
    assert got == [("Tỷ lệ hướng dẫn viên có thẻ", "95", 2030), ("tỷ lệ lao động du lịch qua đào tạo", "75", 2030)]


def test_an_appendix_of_costs_holds_no_goals():
    assert doc_targets("I. NHIỆM VỤ", "1. In tài liệu.", "Trên đây là Kế hoạch./.", "PHỤ LỤC",
                       "DỰ TOÁN KINH PHÍ THỰC HIỆN", "TT | Nội dung | ĐVT | Số lượng | Đơn giá |",
                       "1 | In tờ rơi | Tờ | 3.000 | 2.500 |") == []


def test_goals_of_one_list_worded_alike_are_two_goals_and_a_task_restating_one_is_not():
    got = doc_targets("I. MỤC TIÊU", "1. Chỉ tiêu đến năm 2027",
                      "- 75% người cao tuổi được khám sức khỏe định kỳ tại trạm y tế xã.",
                      "- 75% người khuyết tật được khám sức khỏe định kỳ tại trạm y tế xã.",
                      "II. NHIỆM VỤ", "1. Y tế cơ sở",
                      "- Tổ chức để 75% người cao tuổi được khám sức khỏe định kỳ tại trạm y tế xã.")
    assert [t[1:] for t in got] == [("75", 2027), ("75", 2027)]


# --- Indicator tables -------------------------------------------------------------------------

def table(*rows):
    return Node("table", rows=[Row(i, [c.strip() for c in r.split("|")]) for i, r in enumerate(rows, 1)])


def rows_read(node, year=None):
    return [(t["text"], t["value"], t["unit"], t["year"]) for t in table_targets(node, year, targets_in)]


def test_a_current_year_split_in_plan_and_estimate_is_read_from_the_right():
    got = rows_read(table("STT | Chỉ tiêu | Đơn vị tính | Năm hiện hành 2025 | Năm 2026 | Năm 2027",
                          "Kế hoạch | Ước thực hiện", "1 | 2 | 3 | 4 | 5 | 6 | 7",
                          "1 | Thu ngân sách | Tỷ đồng | 9.800 | 10.100 | 11.000 | 12.500"))
    assert got == [("Thu ngân sách", "11000", "Tỷ đồng", 2026), ("Thu ngân sách", "12500", "Tỷ đồng", 2027)]


def test_an_estimate_column_and_a_period_header_over_years():
    got = rows_read(table("TT | Chỉ tiêu | ĐVT | ƯTH năm 2025 | Giai đoạn 2026 - 2028",
                          "Năm 2026 | Năm 2027 | Năm 2028",
                          "I | Cây ăn quả | | | | |", "1 | Bưởi | | | | |",
                          "- | Diện tích | Ha | 1.200 | 1.250 | 1.300 | 1.400"))
    assert got == [("Bưởi: Diện tích", "1250", "Ha", 2026), ("Bưởi: Diện tích", "1300", "Ha", 2027),
                   ("Bưởi: Diện tích", "1400", "Ha", 2028)]


def test_an_agency_column_after_the_years_is_no_value():
    got = rows_read(table("STT | Chỉ tiêu | Đơn vị tính | Đến năm 2027 | Đến năm 2030 | Đơn vị chủ trì",
                          "1 | Tỷ lệ xã có nhà văn hóa | % | - | 98 | Sở VHTTDL"))
    assert got == [("Tỷ lệ xã có nhà văn hóa", "98", "%", 2030)]


def test_a_row_whose_years_hold_words_takes_the_value_of_its_indicator_for_the_last_year():
    got = rows_read(table("STT | Chỉ tiêu | Đơn vị tính | Năm 2027 | Năm 2030",
                          "1 | Hoàn thành số hóa di sản (100% di tích cấp tỉnh) | % | Đang triển khai | Hoàn thành"))
    assert got == [("Hoàn thành số hóa di sản (100% di tích cấp tỉnh)", "100", "%", 2030)]


def test_a_cost_table_is_no_indicator_table():
    assert rows_read(table("STT | Nội dung | ĐVT | Năm 2026 | Thành tiền", "1 | Hội nghị | Cuộc | 2 | 30.000.000")) == []


def test_parallel_bullets_of_one_task_list_are_distinct_goals():
    got = doc_targets("I. NHIỆM VỤ", "1. Sở Giáo dục và Đào tạo",
                      "- Phấn đấu 100% trường mầm non có phòng học ngoại ngữ.",
                      "- Phấn đấu 100% trường tiểu học có phòng học ngoại ngữ.",
                      "2. Sở Tài chính", "- Bảo đảm kinh phí để 100% trường mầm non có phòng học ngoại ngữ.")
    assert [t[0] for t in got] == ["trường mầm non có phòng học ngoại ngữ", "trường tiểu học có phòng học ngoại ngữ"]


def test_a_note_or_a_next_predicate_after_the_value_is_not_the_indicator():
    assert triples("d) Tổng hợp nhu cầu đất cho các thiết chế thể thao đến năm 2030 dự kiến là 12.500 m2 "
                   "(diện tích cụ thể xác định theo từng dự án).") == [
        ("nhu cầu đất cho các thiết chế thể thao", "12500", "m2", 2030)]
    assert triples("Trong giai đoạn 2026 - 2030, bảo đảm phủ sóng di động đạt 100% và triển khai dịch vụ số.") == [
        ("bảo đảm phủ sóng di động", "100", "%", 2030)]
