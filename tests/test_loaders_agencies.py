"""Agency names through the gazetteer."""
from policykg.loaders.agencies import Gazetteer

G = Gazetteer.default()


def names(text):
    return [m.name for m in G.read_list(text)[0]]


def test_abbreviations_resolve():
    assert names("Sở GD&ĐT, Sở KH&ĐT, Sở LĐTBXH, Sở TT&TT, Sở VHTTDL") == [
        "Sở Giáo dục và Đào tạo", "Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội",
        "Sở Thông tin và Truyền thông", "Sở Văn hóa, Thể thao và Du lịch"]


def test_old_tone_and_case_variants():
    assert names("Uỷ ban MTTQ Việt Nam tỉnh và UBND các huyện, thị xã, thành phố") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban nhân dân cấp huyện"]


def test_groups_and_mixed_mentions_split():
    assert names("các sở, ban, ngành, địa phương") == ["Các sở, ban, ngành", "Các địa phương"]
    assert names("các sở, ngành địa phương") == ["Các sở, ban, ngành", "Các địa phương"]
    assert names("Ủy ban nhân dân các xã, phường và các tổ chức chính trị - xã hội liên quan") == [
        "Ủy ban nhân dân cấp xã", "Các tổ chức chính trị - xã hội"]


def test_qualifiers_are_dropped():
    assert names("các cơ sở giáo dục trên địa bàn tỉnh, Công an tỉnh") == ["Các cơ sở giáo dục", "Công an tỉnh"]


def test_unknown_names_read_from_agency_words():
    assert names("Trường Cao đẳng Nghề Miền Núi, Báo Sông Hồng tổ chức") == [
        "Trường Cao đẳng Nghề Miền Núi", "Báo Sông Hồng"]


def test_parent_office_after_a_unit_is_not_a_second_agency():
    assert names("Phòng Kế hoạch - Tài chính Sở GDĐT chủ trì") == ["Phòng Kế hoạch - Tài chính"]


def test_sentence_words_are_not_agencies():
    assert names("Ban hành kế hoạch") == []
    assert names("Hội nghị triển khai") == []
    assert names("Trường hợp cần thiết") == []


def test_user_gazetteer_extends(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("Trung tâm Giáo dục nghề nghiệp tỉnh\tagency\tTTGDNN tỉnh\n", encoding="utf-8")
    g = G.extended([extra])
    assert [m.name for m in g.read_list("TTGDNN tỉnh, Sở Y tế")[0]] == [
        "Trung tâm Giáo dục nghề nghiệp tỉnh", "Sở Y tế"]
    assert g.kind_of("Các sở, ban, ngành") == "group"


def test_gazetteer_line_without_kind_reads_its_second_cell_as_an_alias():
    from policykg.loaders.agencies import Gazetteer

    g = Gazetteer.from_tsv("Trung tâm Khuyến công\tTTKC\nBan Dân tộc\tnational\tUBDT\n")
    assert g.kind_of("TTKC") == "agency"
    assert g.canonical("TTKC") == "Trung tâm Khuyến công"
    assert g.kind_of("Ban Dân tộc") == "national"


def test_a_table_cell_may_name_the_related_agencies_without_cac():
    # a "Cơ quan phối hợp" column says "Cơ quan có liên quan" where running text says "các cơ quan"
    mentions, _ = Gazetteer.default().read_list("Cơ quan có liên quan")
    assert [m.name for m in mentions] == ["Các cơ quan liên quan"]


def test_a_general_department_or_corporation_is_read_by_its_head_word():
    mentions, _ = Gazetteer.default().read_list("Tổng cục Thống kê và Tổng công ty Điện lực miền Bắc")
    assert [m.name for m in mentions] == ["Tổng cục Thống kê", "Tổng công ty Điện lực miền Bắc"]


def test_a_verb_is_lower_case_through_so_a_name_holding_its_syllables_goes_on():
    # "hình thành" (to form) is a verb; "Truyền hình Thành phố" is the end of a name
    mentions, _ = Gazetteer.default().read_list("Đài Phát thanh và Truyền hình Thành phố chủ động đưa tin")
    assert [m.name for m in mentions] == ["Đài Phát thanh và Truyền hình Thành phố"]
    mentions, _ = Gazetteer.default().read_list("Trung tâm Văn hóa tỉnh hình thành mạng lưới")
    assert [m.name for m in mentions] == ["Trung tâm Văn hóa"]
