"""Deadlines as plans print them: one case per style, each on a snippet written for the test.

:func:`deadline_of` reads the time that governs an item (GUIDE.md, "Deadlines:"); :func:`time_value`
reads a trailer's or a table column's value; :func:`due_years` turns the printed time into due years.
"""
import pytest

from policykg.loaders.deadlines import deadline_of, due_years, falls_due, frequency_at_end, time_value


@pytest.mark.parametrize("value, expected", [
    ("Quý IV/2025 - Quý II/2026.", "Quý IV/2025 - Quý II/2026"),  # a range of quarters
    ("2026 - 2030", "2026 - 2030"),  # a range of years
    ("Hoàn thành trong năm 2025.", "Hoàn thành trong năm 2025"),  # the verb is kept as printed
    ("Thực hiện\nthường xuyên.", "Thực hiện thường xuyên"),  # a value wrapped over two lines
    ("Định kỳ 6 tháng, hằng năm", "Định kỳ 6 tháng, hằng năm"),
    ("Tháng 5/2026", "Tháng 5/2026"),
    ("Theo kế hoạch riêng;", "Theo kế hoạch riêng"),  # a time slot that points elsewhere is still its value
    ("", None), (" - ", None), ("…", None),  # empty and placeholder cells
    ("01 ngày/hội nghị", None), ("02 buổi", None),  # how long, not by when
])
def test_time_column_and_trailer_values(value, expected):
    assert time_value(value) == expected


def test_the_trailer_gives_the_time_unless_the_item_labels_its_own():
    assert deadline_of("Rà soát danh mục thủ tục, báo cáo trước ngày 10/10/2026.", "Năm 2026") == "Năm 2026"
    item = "Đôn đốc các đơn vị kiểm kê tài sản. Thời gian thực hiện: Từ tháng 9/2026 đến khi kết thúc kiểm kê."
    assert deadline_of(item, "Trước ngày 30/6/2027") == "Từ tháng 9/2026 đến khi kết thúc kiểm kê"


@pytest.mark.parametrize("text, expected", [
    ("Lập danh mục dự án. Thời gian hoàn thành: Quý III/2026.", "Quý III/2026"),
    ("Tổng hợp số liệu (Sở Tài chính chủ trì; thời hạn: Tháng 8/2026).", "Tháng 8/2026"),
    ("Ban hành quy chế phối hợp.\nThời gian thực hiện sau khi Đề án được phê duyệt.",
     "sau khi Đề án được phê duyệt"),  # the label with no colon
    ("Lấy mẫu nước ao nuôi; thời gian lấy mẫu từ tháng 4 đến tháng 9 năm 2026; 20 mẫu/năm.",
     "từ tháng 4 đến tháng 9 năm 2026"),
    ("Hoàn thành hồ sơ. Thời gian hoàn thành xong trước ngày 05/9/2026.", "trước ngày 05/9/2026"),
    ("Thời gian nộp hồ sơ: Các xã gửi hồ sơ về Sở Nội vụ trước ngày 10/4/2026 để thẩm định.",
     "trước ngày 10/4/2026"),  # a sentence in the slot: the time it holds
    ("Lấy mẫu bùn đáy; thời gian lấy mẫu vào tháng 5 và tháng 9 năm 2026.", "vào tháng 5 và tháng 9 năm 2026"),
])
def test_a_labelled_time_inside_the_item(text, expected):
    assert deadline_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Các xã gửi số liệu về Sở Nội vụ trước ngày 20 hằng tháng để tổng hợp.", "trước ngày 20 hằng tháng"),
    ("Rà soát quy hoạch; định kỳ trước ngày 05/6 và 20/11 hằng năm báo cáo Sở Xây dựng.",
     "trước ngày 05/6 và 20/11 hằng năm"),
    ("Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh chậm nhất ngày 17 tháng 12.", "chậm nhất ngày 17 tháng 12"),
    ("Chủ trì hướng dẫn các xã; Trước ngày 15/12 hàng năm tổng hợp, báo cáo.", "Trước ngày 15/12 hàng năm"),
    ("Báo cáo tình hình cứu trợ trước 17h00’ hằng ngày.", "trước 17h00’ hằng ngày"),
    ("Nộp hồ sơ đề nghị khen thưởng trước 30/6/2026.", "trước 30/6/2026"),
    ("Tổ chức tập huấn cho cán bộ xã, hoàn thành trong Quý II/2026.", "hoàn thành trong Quý II/2026"),
    ("Tổ chức Tuần lễ sách (từ ngày 10/4 đến ngày 20/4) tại các trường học.", "từ ngày 10/4 đến ngày 20/4"),
    ("Quan trắc chất lượng nước từ tháng 4 đến tháng 10 hàng năm.", "từ tháng 4 đến tháng 10 hàng năm"),
    ("Kiểm kê tài sản từ ngày 01/02/2026 đến ngày 30/4/2026; báo cáo Sở Tài chính trước ngày 15/5/2026.",
     "từ ngày 01/02/2026 đến ngày 30/4/2026"),  # the first printed time is the main action's
])
def test_a_day_to_act_by_inside_the_item(text, expected):
    assert deadline_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Định kỳ hằng năm (trước ngày 10 tháng 12) báo cáo kết quả về Sở Y tế.",
     "Định kỳ hằng năm (trước ngày 10 tháng 12)"),  # the period keeps its day in brackets
    ("Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ, Sở Tư pháp tổ chức sơ kết.",
     "Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ"),
    ("Đánh giá kết quả, báo cáo Bộ Y tế định kỳ hằng năm hoặc đột xuất theo yêu cầu.",
     "định kỳ hằng năm hoặc đột xuất"),
    ("Định kỳ hàng tháng (trước ngày 5 hàng tháng), 6 tháng (trước ngày 5/6), tổng kết năm "
     "(trước ngày 5/12 hàng năm) gửi báo cáo.",
     "Định kỳ hàng tháng (trước ngày 5 hàng tháng), 6 tháng (trước ngày 5/6), tổng kết năm (trước ngày 5/12 hàng năm)"),
    ("Định kỳ rà soát, đề xuất sửa đổi quy chế.", None),  # a bare "định kỳ"
    ("Định kỳ sơ kết, tổng kết việc thực hiện Kế hoạch.", None),  # sơ kết, tổng kết are the work
    ("Báo cáo định kỳ, đột xuất tình hình thực hiện.", None),
])
def test_periodic(text, expected):
    assert deadline_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Thường xuyên rà soát, cập nhật cơ sở dữ liệu đất đai.", "Thường xuyên"),
    ("Hằng năm, xây dựng kế hoạch xúc tiến du lịch.", "Hằng năm"),
    ("Năm 2027 tổ chức tổng kết Đề án.", "Năm 2027"),
    ("Cập nhật dữ liệu dân cư. Thường xuyên phối hợp với Công an xã.", None),  # later sentence: a sub-action
    ("Các xã chủ động bố trí kinh phí (thực hiện hằng năm).", "hằng năm"),
])
def test_a_time_opening_the_item_or_closing_it_in_brackets(text, expected):
    assert deadline_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Các sở xây dựng kế hoạch chi tiết. Hằng năm báo cáo kết quả về Sở Nội vụ.", "Hằng năm"),
    ("Các bộ triển khai Kế hoạch. Hằng năm hoặc đột xuất báo cáo Thủ tướng Chính phủ.", "Hằng năm hoặc đột xuất"),
    ("Theo dõi, đôn đốc các xã, báo cáo Chủ tịch Ủy ban nhân dân tỉnh kết quả thực hiện hằng năm theo quy định.",
     "hằng năm"),
    ("Các trạm y tế giám sát dịch bệnh và báo cáo hằng ngày.", "hằng ngày"),
    ("Thiết lập chế độ báo cáo nhanh hàng ngày.", None),  # the report is a noun
    ("Số liệu quan trắc, báo cáo tổng hợp hằng quý được lưu trữ tại Sở.", None),  # the subject of a passive
    ("Đưa nội dung tuyên truyền vào trong báo cáo công tác hằng năm của đơn vị.", None),
])
def test_the_recurrence_of_a_report_clause(text, expected):
    assert deadline_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Xây dựng văn bản hướng dẫn khi Bộ Xây dựng có văn bản triển khai.", "khi Bộ Xây dựng có văn bản triển khai"),
    ("Tổ chức thực hiện Quy hoạch sau khi được Thủ tướng Chính phủ phê duyệt.",
     "sau khi được Thủ tướng Chính phủ phê duyệt"),
    ("Phun hóa chất diệt muỗi trong 24-48 giờ sau khi nước rút.", "trong 24-48 giờ sau khi nước rút"),
    ("Vệ sinh giếng nước ngay khi nước rút.", "ngay khi nước rút"),
    ("Gửi kế hoạch về Sở Tư pháp trong thời hạn 15 ngày kể từ ngày nhận Kế hoạch này.",
     "trong thời hạn 15 ngày kể từ ngày nhận Kế hoạch này"),
    ("Giữ vững trật tự an toàn xã hội trong thời gian trước, trong và sau Đại hội.",
     "trong thời gian trước, trong và sau Đại hội"),
    ("Ban hành quy định chi tiết khi Luật được ban hành.", "khi Luật được ban hành"),
    # conditions that only qualify a sub-action, or that do not close the sentence
    ("Đề xuất xuất kho hóa chất khi cần thiết.", None),
    ("Cung cấp số liệu khi có yêu cầu của cơ quan có thẩm quyền.", None),
    ("Sửa đổi quy định về biên chế sau khi Luật được ban hành, bảo đảm đồng bộ, khả thi.", None),
    ("Sau khi mở tài khoản, Ủy ban nhân dân xã chi trả trợ cấp.", None),
    ("Chi trả trợ cấp: Sau khi mở tài khoản, Ủy ban nhân dân xã ký hợp đồng chi trả.", None),
    ("Hỗ trợ doanh nghiệp trong thời gian tới.", None),
])
def test_a_condition_closing_the_first_sentence(text, expected):
    assert deadline_of(text) == expected


@pytest.mark.parametrize("text", [
    "Xây dựng Kế hoạch quan trắc môi trường hằng năm.",  # a time that describes a noun
    "Bố trí kinh phí chi thường xuyên trong dự toán ngân sách hằng năm.",
    "Lồng ghép vào Kế hoạch phát triển kinh tế - xã hội giai đoạn 2026 - 2030.",  # a period naming a plan
    "Định kỳ kiểm tra các cơ sở.",  # a bare "định kỳ"
    "Phấn đấu hoàn thiện hạ tầng số của tỉnh theo mục tiêu Chiến lược đến năm 2030.",  # the plan's horizon
])
def test_what_is_not_a_deadline(text):
    assert deadline_of(text) is None


def test_frequency_closing_an_assignment_line():
    assert frequency_at_end("Sở Nội vụ chủ trì; các sở thực hiện thường xuyên.") == "thường xuyên"
    assert frequency_at_end("Sở Tài chính bố trí từ nguồn chi thường xuyên") is None


@pytest.mark.parametrize("deadline, years, recurring", [
    ("Quý IV/2025", {2025}, None), ("Quí IV-2025", {2025}, None),
    ("Quý IV/2025 - Quý II/2026", {2026}, None),  # a range of quarters falls due at its end
    ("2026 - 2030", {2030}, None), ("năm 2026 - 2027", {2027}, None),
    ("Tháng 5/2026", {2026}, None), ("Tháng 11 - 12/2025", {2025}, None),
    ("Từ ngày 01/01/2026 đến ngày 31/3/2026", {2026}, None),
    ("từ tháng 3 đến tháng 10 năm 2026", {2026}, None),
    ("Từ tháng 11/2025 đến khi kết thúc kiểm kê", {2025}, None),  # an open end: its only year
    ("trước ngày 31/5/2026", {2026}, None), ("trước ngày 15 tháng 12 năm 2025", {2025}, None),
    ("Hoàn thành trong năm 2025", {2025}, None),
    ("trước ngày 20 hằng tháng", set(), 0), ("hằng quý", set(), 0), ("Tháng 12 hằng năm", set(), 0),
    ("Định kỳ 6 tháng, hằng năm", set(), 0), ("02 lần/ngày", set(), 0),
    ("trước ngày 01/6 và 15/11 hằng năm", set(), 0),
    ("Năm 2026, hàng năm", {2026}, 0), ("Quý IV năm 2025 và các năm tiếp theo", {2025}, 2025),
    ("Thường xuyên", set(), None), ("Thực hiện thường xuyên", set(), None),
    ("Theo tiến độ được giao của Luật Đất đai 2024", set(), None),  # the year of a law, not a due year
    ("Sau khi Nghị định số 10/2026/NĐ-CP được ban hành", set(), None),
    ("trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch", set(), None),
])
def test_due_years_follow_every_printed_form(deadline, years, recurring):
    assert due_years(deadline) == (frozenset(years), recurring)


def test_falls_due_in_a_year():
    assert falls_due("Quý IV/2025 - Quý II/2026", 2026) and not falls_due("Quý IV/2025 - Quý II/2026", 2025)
    assert falls_due("trước ngày 20 hằng tháng", 2031) and not falls_due("Thường xuyên", 2026)
