"""Ways real plans assign work (issue 14), one rule a test, on snippets written for these tests."""
from policykg.loaders.agencies import Gazetteer
from policykg.loaders.record import extract_text
from policykg.loaders.roles import read_roles


def tasks(body: str, head: str = "KẾ HOẠCH\n\nThực hiện Nghị quyết số 57-NQ/TW.\n\n") -> list[dict]:
    return extract_text(head + body)["tasks"]


def roles(task: dict) -> tuple[list[str], list[str], list[str]]:
    return task["lead"], task["support"], task["implement"]


def test_labelled_fields_make_one_task_under_their_heading():
    ts = tasks("II. NHIỆM VỤ\n\n1.1. Hoàn thiện cơ sở dữ liệu dân cư của tỉnh:\n\n"
               "a) Nhiệm vụ: Rà soát, làm sạch dữ liệu dân cư phối hợp với Bộ Công an.\n\n"
               "b) Cơ quan thực hiện:\n\n- Đơn vị chủ trì: Công an tỉnh.\n\n- Đơn vị phối hợp: Các sở, ban, ngành.\n\n"
               "c) Thời gian thực hiện: Hoàn thành trong năm 2026.\n")
    assert len(ts) == 1
    assert ts[0]["text"].startswith("Hoàn thiện cơ sở dữ liệu dân cư của tỉnh: Rà soát, làm sạch")
    assert roles(ts[0]) == (["Công an tỉnh"], ["Các sở, ban, ngành", "Bộ Công an"], [])
    assert ts[0]["deadline"] == "Hoàn thành trong năm 2026"


def test_a_bare_activity_number_adds_nothing_to_the_task_text():
    ts = tasks("III. NỘI DUNG HOẠT ĐỘNG\n\na) Hoạt động 1\n\n- Nội dung: Tổ chức lễ phát động tháng hành động.\n\n"
               "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành.\n")
    assert ts[0]["text"].startswith("Tổ chức lễ phát động")
    assert roles(ts[0])[:2] == (["Sở Nội vụ"], ["Các sở, ban, ngành"])


def test_a_trailer_after_the_last_bullet_covers_the_whole_run():
    ts = tasks("II. NHIỆM VỤ\n\n1. Phát triển công nghiệp chế biến\n\n- Rà soát danh mục dự án ưu tiên.\n\n"
               "- Đôn đốc tiến độ các dự án trọng điểm.\n\nLãnh đạo phụ trách: Phó Giám đốc Nguyễn Văn A.\n\n"
               "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng.\n")
    assert [t["text"][:12] for t in ts] == ["Rà soát danh", "Đôn đốc tiến"]
    assert all(roles(t)[:2] == (["Phòng Quản lý Công nghiệp"], ["Phòng Quản lý Năng lượng"]) for t in ts)


def test_a_trailer_beside_a_heading_covers_items_nested_below():
    ts = tasks("II. NỘI DUNG\n\n5. Hỗ trợ thi hành Luật\n\n- Các nội dung hỗ trợ bao gồm:\n\n"
               "+ Hướng dẫn áp dụng các văn bản quy định chi tiết;\n\n+ Tiếp nhận, xử lý kiến nghị của tổ chức;\n\n"
               "- Cơ quan thực hiện: Các sở, ngành theo chức năng, nhiệm vụ được giao.\n")
    assert [roles(t) for t in ts] == [([], [], ["Các sở, ban, ngành"])] * 2


def test_bullets_that_only_describe_the_work_leave_one_task():
    ts = tasks("II. NỘI DUNG\n\n1. Quan trắc môi trường nước nuôi tôm\n\n"
               "- Điểm quan trắc: tại 07 cửa sông cấp nước cho vùng nuôi.\n\n"
               "- Thông số, tần suất: 10 thông số, 02 lần/tháng; thời gian từ tháng 3 đến tháng 10 năm 2026.\n\n"
               "2. Tuyên truyền về quản lý chất lượng nước\n\n- Lắp đặt biển báo: tại các vùng nuôi.\n\n"
               "- Phát hành tờ rơi: cho các hộ nuôi.\n")
    assert ts[0]["text"].startswith("Quan trắc môi trường nước nuôi tôm: Điểm quan trắc")
    assert [t["text"][:10] for t in ts[1:]] == ["Lắp đặt bi", "Phát hành "]  # labels that are work


def test_scope_sections_and_subject_only_items_hold_no_tasks():
    ts = tasks("I. ĐỐI TƯỢNG, THỜI GIAN VÀ THÀNH PHẦN\n\n- Các cơ quan, đơn vị tham gia chương trình.\n\n"
               "II. NỘI DUNG GIÁM SÁT, ĐÁNH GIÁ\n\n1. Nội dung kiểm tra\n\n- Tình hình thực hiện chế độ báo cáo.\n\n"
               "- Tổng hợp tình hình thực hiện các dự án thành phần.\n")
    assert [t["text"][:20] for t in ts] == ["Tổng hợp tình hình t"]


def test_an_agency_heading_with_a_note_an_apposition_or_a_name_with_commas():
    ts = tasks("III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ (cơ quan thường trực của Ban Chỉ đạo):\n\n"
               "- Theo dõi, tổng hợp kết quả thực hiện.\n\n2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo\n\n"
               "- Bố trí kinh phí thực hiện.\n\n3. Viện Nghiên cứu Văn hóa, Nghệ thuật và Du lịch\n\n"
               "- Tổ chức đánh giá giữa kỳ.\n")
    assert [t["lead"] for t in ts] == [["Sở Nội vụ"], ["Sở Tài chính"],
                                        ["Viện Nghiên cứu Văn hóa, Nghệ thuật và Du lịch"]]


def test_headings_that_give_the_work_below_to_an_agency():
    ts = tasks("III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Thủy sản thực hiện "
               "các nội dung sau:\n\n- Lập dự toán kinh phí quan trắc.\n\n2. Sở Văn hóa, Thể thao và Du lịch\n\n"
               "Chủ trì, phối hợp với các cơ quan có liên quan tham mưu Ủy ban nhân dân tỉnh:\n\n"
               "a) Rà soát quy hoạch các thiết chế văn hóa.\n")
    assert roles(ts[0]) == (["Sở Nông nghiệp và Môi trường"], [], [])
    assert roles(ts[1]) == (["Sở Văn hóa, Thể thao và Du lịch"], ["Các cơ quan liên quan"], [])


def test_an_agency_labelled_bullet_that_works_with_a_partner():
    ts = tasks("III. TỔ CHỨC THỰC HIỆN\n\n1. Hướng dẫn kiểm kê tài sản\n\n"
               "+ Sở Tài chính phối hợp Ban Quản lý Khu kinh tế: hướng dẫn kiểm kê tài sản kết cấu hạ tầng.\n")
    assert roles(ts[0])[:2] == (["Sở Tài chính"], ["Ban Quản lý Khu kinh tế"])


def test_titles_stand_for_their_bodies():
    g = Gazetteer.default()
    assert [m.name for m in g.read_list("Giám đốc Sở Y tế, Chủ tịch UBND các xã, phường")[0]] == \
        ["Sở Y tế", "Ủy ban nhân dân cấp xã"]
    assert [m.name for m in g.read_list("Trưởng Ban Chỉ đạo")[0]] == ["Ban Chỉ đạo"]
    assert read_roles("Bộ trưởng Bộ Công an có trách nhiệm theo dõi việc thi hành", g).implement == ["Bộ Công an"]


def test_subjects_after_an_opening_clause_and_those_who_cooperate_beside_a_lead():
    g = Gazetteer.default()
    r = read_roles("Căn cứ tình hình thực tiễn, các sở, ban, ngành xây dựng kế hoạch thực hiện", g)
    assert r.implement == ["Các sở, ban, ngành"]
    r = read_roles("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan, đơn vị kịp thời phản ánh", g)
    assert r.implement == ["Các cơ quan, đơn vị"]
    r = read_roles("Sở Nội vụ chủ trì tham mưu; Sở Tư pháp và các sở, ban, ngành phối hợp thực hiện", g)
    assert (r.lead, r.support) == (["Sở Nội vụ"], ["Sở Tư pháp", "Các sở, ban, ngành"])


def test_a_departments_own_units_and_full_names_given_elsewhere_in_the_text():
    record = extract_text(
        "UBND TỈNH HÒA BÌNH MỚI\nSỞ CÔNG THƯƠNG\n\nKẾ HOẠCH\n\nThực hiện Nghị quyết số 57-NQ/TW.\n\n"
        "I. NHIỆM VỤ\n\n1. Rà soát quy hoạch cụm công nghiệp, báo cáo qua Văn phòng Ban Chỉ huy Phòng thủ dân sự.\n\n"
        "Đơn vị chủ trì: Văn phòng Sở; Đơn vị phối hợp: Văn phòng Ban Chỉ huy.\n")
    assert roles(record["tasks"][0])[:2] == (["Văn phòng Sở Công Thương"],
                                            ["Văn phòng Ban Chỉ huy Phòng thủ dân sự"])


def test_a_request_with_a_colon_and_an_empty_agency_field_over_its_lines():
    ts = tasks("III. TỔ CHỨC THỰC HIỆN\n\n6. Đề nghị: Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh\n\n"
               "- Tuyên truyền, vận động hội viên tham gia chương trình.\n\n"
               "IV. NỘI DUNG HOẠT ĐỘNG\n\na) Hoạt động 3\n\n- Nội dung: Tuyên truyền trên các phương tiện thông tin.\n\n"
               "- Cơ quan thực hiện:\n\n+ Sở Văn hóa và Thể thao chủ trì, phối hợp với các sở, ban, ngành;\n\n"
               "+ Sở Xây dựng đăng tải thông điệp trên bảng tin điện tử.\n")
    assert roles(ts[0])[0] == ["Hội Nông dân", "Liên minh Hợp tác xã"]
    assert ts[1]["text"].startswith("Tuyên truyền trên các phương tiện")
    assert roles(ts[1])[0] == ["Sở Văn hóa và Thể thao"] and "Các sở, ban, ngành" in roles(ts[1])[1]


def test_every_task_keeps_its_printed_number_path():
    ts = tasks("II. NHIỆM VỤ\n\n1. Về thể chế\n\n1.2. Hoàn thiện chính sách:\n\na) Rà soát văn bản quy phạm pháp luật.\n\n"
               "b) Tập huấn cho cán bộ:\n\n- Cấp tỉnh tổ chức tập huấn.\n\n- Cấp xã tổ chức tập huấn.\n\n"
               "Trên đây là Kế hoạch thực hiện Nghị quyết số 57-NQ/TW./.\n\nPHỤ LỤC II\n\nTT | Nhiệm vụ | Chủ trì | Thời gian |\n1 | Số hóa hồ sơ | Sở Nội vụ | 2026 |\n")
    assert [t["label"] for t in ts] == ["II.1.2.a", "II.1.2.b (1)", "II.1.2.b (2)", "Phụ lục II, dòng 1"]
