"""Tasks and their agencies, one test per assignment style the loaders know."""
from policykg.loaders.record import extract_text

HEAD = "KẾ HOẠCH\nThực hiện công tác năm 2026\n\n"


def tasks(body: str) -> list[dict]:
    return extract_text(HEAD + body)["tasks"]


def roles(task):
    return task["lead"], task["support"], task["implement"]


def test_co_quan_thuc_hien_with_a_lead():
    ts = tasks("II. NHIỆM VỤ\n1. Nâng cao chất lượng dạy nghề cho lao động nông thôn trên toàn tỉnh.\n"
               "Cơ quan thực hiện: Sở Nội vụ chủ trì; Sở Tài chính, các sở, ban, ngành liên quan triển khai "
               "thực hiện thường xuyên.")
    assert len(ts) == 1
    assert roles(ts[0]) == (["Sở Nội vụ"], ["Sở Tài chính", "Các sở, ban, ngành"], [])
    assert ts[0]["deadline"] == "thường xuyên"


def test_co_quan_thuc_hien_without_a_split_is_implement():
    ts = tasks("II. NHIỆM VỤ\n1. Rà soát mạng lưới trường lớp trên địa bàn toàn tỉnh.\n"
               "Cơ quan thực hiện: Sở Giáo dục và Đào tạo, UBND các huyện, thành phố tổ chức thực hiện.")
    assert roles(ts[0]) == ([], [], ["Sở Giáo dục và Đào tạo", "Ủy ban nhân dân cấp huyện"])


def test_paragraphs_closed_by_trailers_are_one_task_each():
    ts = tasks("II. NHIỆM VỤ\n1. Đổi mới công tác quản lý giáo dục ở các cấp học.\nTăng cường kiểm tra.\n"
               "Cơ quan thực hiện: Sở Y tế chủ trì.\nPhát triển mạng lưới y tế trường học ở các địa bàn.\n"
               "Cơ quan thực hiện: Sở Tư pháp chủ trì.")
    assert [t["text"][:20] for t in ts] == ["Đổi mới công tác quả", "Phát triển mạng lưới"]
    assert [t["lead"] for t in ts] == [["Sở Y tế"], ["Sở Tư pháp"]]


def test_don_vi_chu_tri_tham_muu_and_phoi_hop_bullets():
    ts = tasks("III. NỘI DUNG, NHIỆM VỤ\n1. Chuyển đổi số\na) Số hóa hồ sơ\nSố hóa toàn bộ hồ sơ học sinh các cấp.\n"
               "· Đơn vị chủ trì tham mưu: Phòng Kế hoạch - Tài chính Sở GDĐT.\n"
               "· Đơn vị phối hợp thực hiện: Các phòng thuộc Sở, phòng GDĐT các huyện, thành phố.\n"
               "· Thời gian thực hiện: Năm 2026 và các năm tiếp theo.")
    assert len(ts) == 1
    assert ts[0]["text"].startswith("Số hóa hồ sơ Số hóa toàn bộ")
    assert roles(ts[0]) == (["Phòng Kế hoạch - Tài chính"],
                            ["Các phòng thuộc Sở", "Phòng Giáo dục và Đào tạo cấp huyện"], [])
    assert ts[0]["deadline"] == "Năm 2026 và các năm tiếp theo"


def test_agency_block_with_chu_tri_and_phoi_hop_items():
    ts = tasks("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\na) Chủ trì, phối hợp với Sở Tài chính rà soát chế độ.\n"
               "b) Phối hợp với Sở Nội vụ, các đơn vị có liên quan bố trí biên chế.\n"
               "c) Phối hợp với các địa phương tuyên truyền.\nd) Chỉ đạo các cơ sở y tế thực hiện.")
    assert [roles(t) for t in ts] == [
        (["Sở Y tế"], ["Sở Tài chính"], []),
        (["Sở Nội vụ"], ["Sở Y tế", "Các đơn vị có liên quan"], []),
        (["Sở Y tế"], ["Các địa phương"], []),
        (["Sở Y tế"], [], []),
    ]


def test_block_header_with_colon_and_support():
    ts = tasks("III. NHIỆM VỤ, GIẢI PHÁP\n2.1. Sở Tài chính: Chủ trì, phối hợp với Sở Xây dựng:\n"
               "- Bố trí vốn đầu tư công.\n- Căn cứ quy định, Sở Nội vụ chủ trì thẩm định đề án.")
    assert [roles(t) for t in ts] == [(["Sở Tài chính"], ["Sở Xây dựng"], []), (["Sở Nội vụ"], [], [])]


def test_agency_colon_task_and_de_nghi():
    ts = tasks("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương: Theo dõi thị trường.\n"
               "2. Đề nghị Ủy ban MTTQ Việt Nam tỉnh: Vận động nhân dân tham gia.")
    assert [(t["text"], t["lead"]) for t in ts] == [
        ("Theo dõi thị trường.", ["Sở Công Thương"]),
        ("Vận động nhân dân tham gia.", ["Ủy ban Mặt trận Tổ quốc Việt Nam"])]


def test_giao_chu_tri_and_subject_implement():
    ts = tasks("III. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Tư pháp chủ trì, phối hợp với UBND các xã, phường thực hiện.\n"
               "2. Các phòng, ban, đoàn thể định kỳ hằng năm báo cáo kết quả.")
    assert roles(ts[0]) == (["Sở Tư pháp"], ["Ủy ban nhân dân cấp xã"], [])
    assert roles(ts[1]) == ([], [], ["Các phòng, ban", "Các đoàn thể"])
    assert ts[1]["deadline"] == "định kỳ hằng năm"


def test_appendix_task_table():
    body = ("II. NHIỆM VỤ\n1. Việc chung trong năm.\nTrên đây là Kế hoạch./.\nPHỤ LỤC\n"
            "STT\tTên nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
            "1.\tTổng kết đề án xây dựng xã hội học tập\tSở GD&ĐT\tCác sở, ban ngành, địa phương\tNăm 2027")
    t = tasks(body)[-1]
    assert t["text"] == "Tổng kết đề án xây dựng xã hội học tập"
    assert roles(t) == (["Sở Giáo dục và Đào tạo"], ["Các sở, ban, ngành", "Các địa phương"], [])
    assert t["deadline"] == "Năm 2027"


def test_purpose_funding_and_closing_are_not_tasks():
    ts = tasks("I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nII. NHIỆM VỤ\n1. Rà soát chính sách.\n"
               "III. KINH PHÍ\nNgân sách nhà nước.\nTrên đây là Kế hoạch triển khai./.")
    assert [t["text"] for t in ts] == ["Rà soát chính sách."]


def test_deadline_before_a_date_wins():
    ts = tasks("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\nĐịnh kỳ hằng năm tổng hợp, báo cáo (trước ngày 15 tháng 12).")
    assert ts[0]["deadline"] == "trước ngày 15 tháng 12"


def test_task_refs_include_its_footnotes():
    body = ("II. NHIỆM VỤ\n1. Triển khai chương trình ngoại ngữ¹ cho học sinh các cấp.\n"
            "¹ Theo Kế hoạch số 9/KH-UBND ngày 2/3/2024 của UBND tỉnh.")
    assert tasks(body)[0]["refs"] == ["9/KH-UBND"]


def test_table_with_implementing_column_and_group_rows():
    body = ("II. NHIỆM VỤ\nTT | Nội dung nhiệm vụ | Cơ quan thực hiện | Thời hạn |\n"
            "I | Công tác tuyên truyền | | |\n1 | Tổ chức hội nghị quán triệt | Sở Tư pháp; UBND cấp huyện | Quý II/2026 |")
    ts = tasks(body)
    assert [(t["text"], t["implement"], t["deadline"]) for t in ts] == [
        ("Tổ chức hội nghị quán triệt", ["Sở Tư pháp", "Ủy ban nhân dân cấp huyện"], "Quý II/2026")]


def test_trailer_labels_with_both_nouns():
    ts = tasks("II. NHIỆM VỤ\n1. Kiểm tra an toàn thực phẩm trong trường học.\n- Cơ quan, đơn vị chủ trì: Sở Y tế.\n"
               "- Cơ quan phối hợp: Sở Công Thương.\n- Sản phẩm: Báo cáo kết quả.")
    assert len(ts) == 1 and (ts[0]["lead"], ts[0]["support"]) == (["Sở Y tế"], ["Sở Công Thương"])


def test_mixed_goal_and_task_section_holds_tasks():
    ts = tasks("II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP\n1. Sở Y tế chủ trì nâng cấp trạm y tế xã.")
    assert [t["lead"] for t in ts] == [["Sở Y tế"]]


def test_giao_block_without_colon_after_the_agency():
    ts = tasks("III. TỔ CHỨC THỰC HIỆN\n1. Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã thực hiện các nhiệm vụ sau:\n"
               "- Rà soát hộ kinh doanh.\n- Kiểm tra an toàn thực phẩm, hoàn thành trong Quý II/2026.")
    assert [roles(t) for t in ts] == [(["Phòng Kinh tế"], ["Công an xã"], [])] * 2
    assert ts[1]["deadline"] == "hoàn thành trong Quý II/2026"


def test_closing_paragraph_is_not_part_of_the_last_task():
    ts = tasks("II. NHIỆM VỤ\n1. Sở Y tế chủ trì kiểm tra.\nTrên đây là Kế hoạch thực hiện Kế hoạch số 3/KH-UBND./.")
    assert ts[0]["text"] == "Sở Y tế chủ trì kiểm tra." and ts[0]["refs"] == []


def test_names_with_verb_like_syllables():
    ts = tasks("II. NHIỆM VỤ\n1. Phòng Chuyển đổi số, Chi cục Phát triển nông thôn tổ chức tập huấn.")
    assert ts[0]["implement"] == ["Phòng Chuyển đổi số", "Chi cục Phát triển nông thôn"]


def test_assignment_and_time_in_parentheses():
    ts = tasks("II. NHIỆM VỤ\n1. Tổng kết công tác cải cách hành chính (Sở Nội vụ chủ trì, phối hợp các sở, ngành "
               "liên quan; thời gian: Quý IV/2026).\n2. Các huyện, thành phố chủ động bố trí kinh phí (thực hiện hằng năm).")
    assert [(t["lead"], t["support"], t["implement"], t["deadline"]) for t in ts] == [
        (["Sở Nội vụ"], ["Các sở, ban, ngành"], [], "Quý IV/2026"),
        ([], [], ["Ủy ban nhân dân cấp huyện"], "hằng năm")]


def test_several_trailer_labels_on_one_line_and_responsibility_label():
    ts = tasks("II. NHIỆM VỤ\n1. Kiểm tra an toàn thực phẩm tại các bếp ăn tập thể.\n"
               "Đơn vị chủ trì: Sở Y tế; Đơn vị phối hợp: Sở Công Thương; Thời gian: năm 2026.\n"
               "2. Rà soát cơ sở giáo dục ngoài công lập trên địa bàn.\nTrách nhiệm thực hiện: Sở Tư pháp.")
    assert [(t["lead"], t["support"], t["implement"], t["deadline"]) for t in ts] == [
        (["Sở Y tế"], ["Sở Công Thương"], [], "năm 2026"), ([], [], ["Sở Tư pháp"], None)]


def test_table_with_a_two_row_header():
    ts = tasks("II. NHIỆM VỤ\nTT | Nội dung nhiệm vụ | Cơ quan thực hiện | | Thời gian |\n"
               " | | Chủ trì | Phối hợp | |\n1 | Tiêm chủng mở rộng cho trẻ em | Sở Y tế | UBND cấp xã | Năm 2026 |")
    assert [(t["text"], t["lead"], t["support"], t["deadline"]) for t in ts] == [
        ("Tiêm chủng mở rộng cho trẻ em", ["Sở Y tế"], ["Ủy ban nhân dân cấp xã"], "Năm 2026")]


def test_agencies_doing_their_part_in_a_later_clause_support_the_lead():
    ts = tasks("II. NHIỆM VỤ\n1. Phổ biến Luật Việc làm.\n"
               "- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch; Sở Tư pháp "
               "và các sở, ban, ngành chủ động tổ chức triển khai Luật thuộc phạm vi của cơ quan, đơn vị.")
    assert roles(ts[0]) == (["Sở Nội vụ"], ["Sở Tư pháp", "Các sở, ban, ngành"], [])


def test_clauses_of_a_field_with_no_lead_all_implement():
    ts = tasks("II. NHIỆM VỤ\n1. Rà soát văn bản quy phạm pháp luật.\n"
               "- Cơ quan thực hiện: Sở Tư pháp rà soát văn bản của tỉnh; các sở, ban, ngành rà soát văn bản "
               "thuộc lĩnh vực quản lý.")
    assert roles(ts[0]) == ([], [], ["Sở Tư pháp", "Các sở, ban, ngành"])
