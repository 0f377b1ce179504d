"""The layout stage (loaders/layout*.py) on snippets written for these tests, in the style of the
pages people get: portal Markdown, hard-wrapped text, text from PDF tools."""
from policykg.loaders.layout import breaks_between, layout, open_after, plain, starts_lower
from policykg.loaders.layout_columns import read_column_table
from policykg.loaders.layout_tables import parse_cell_table
from policykg.loaders.normalise import normalise
from policykg.loaders.record import extract_text


def lines_of(text: str) -> list[str]:
    return [t for _, t in layout(enumerate(text.split("\n"), 1)) if t]


def clean(text: str) -> list[str]:
    return [line.text for line in normalise(text).lines if line.text]


WRAPPED = """Thực hiện Nghị quyết số
57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ; Ủy ban nhân
dân tỉnh ban hành Kế hoạch thực hiện như sau:

I. MỤC
ĐÍCH, YÊU CẦU

1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính rà soát các cơ chế, chính sách
hỗ trợ doanh nghiệp đổi mới sáng tạo trên địa bàn tỉnh.

2. Sở Nội vụ tham mưu kiện toàn tổ chức bộ máy; hoàn thành trong Quý IV/2026."""


def test_wrapped_paragraphs_are_rebuilt_across_names_citations_and_headings():
    out = lines_of(WRAPPED)
    assert out[0].startswith("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024")
    assert "Ủy ban nhân dân tỉnh ban hành" in out[0]
    assert out[1] == "I. MỤC ĐÍCH, YÊU CẦU"
    assert out[2].endswith("đổi mới sáng tạo trên địa bàn tỉnh.")
    assert out[3].startswith("2. Sở Nội vụ")
    assert len(out) == 4


def test_a_citation_broken_inside_its_kind_word_is_joined():
    text = "\n".join(["Triển khai Kết luận số 91-KL/TW của Bộ Chính trị và Nghị",
                      "quyết số 29-NQ/TW về đổi mới căn bản, toàn diện giáo dục và đào tạo, đáp ứng yêu cầu",
                      "công nghiệp hóa, hiện đại hóa."] * 4)
    out = lines_of(text)
    assert "và Nghị quyết số 29-NQ/TW" in out[0]


def test_text_one_paragraph_a_line_passes_through_unchanged():
    text = ("KẾ HOẠCH\n\nThực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ về chương trình cắt giảm "
            "thủ tục hành chính, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n"
            "1. Bảo đảm sự thống nhất trong chỉ đạo.\nTiếp tục rà soát, cắt giảm thủ tục hành chính.\n"
            "Cơ quan thực hiện: Sở Tư pháp chủ trì.")
    assert lines_of(text) == [line for line in text.split("\n") if line]


def test_emphasis_spans_decide_joins_and_are_removed():
    assert open_after(["**CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM**", "Độc lập - Tự do - Hạnh phúc"]) == [True, False, False]
    assert plain("**- **Triển khai *rà soát*") == "- Triển khai rà soát"
    text = "**I. MỤC ĐÍCH,\nYÊU CẦU**\n\n**1. Mục đích**\n\nBảo đảm sự lãnh đạo\nthống nhất của cấp ủy.\n" * 3
    out = lines_of(text)
    assert out[:3] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Bảo đảm sự lãnh đạo thống nhất của cấp ủy."]


def test_signals_between_two_lines():
    s = type("S", (), {"width": 80, "blank_separated": False, "indented": False, "hard_wrapped": True})()
    assert breaks_between("hoàn thành.", "b) Sở Y tế chủ trì", False, s)
    assert not breaks_between("phê duyệt tại Quyết định số", "1229/QĐ-UBND ngày 28/02/2025", False, s)
    assert breaks_between("KẾ HOẠCH", "TRIỂN KHAI THỰC HIỆN", False, s)  # the kind line stands alone
    assert not breaks_between("giai đoạn 2021", "- 2025 của tỉnh", False, s)  # a range, not a bullet
    assert breaks_between("Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", "Sở Y tế", False, s)
    assert starts_lower("ban nhân dân") and not starts_lower("a) Rà soát") and not starts_lower("Đẩy mạnh")


PORTAL_HEAD = """|
|
Bản quyền văn bản thuộc về cổng thông tin. Đang tải văn bản...
|
**Số hiệu:**
|
45/KH-UBND
|
|
**Loại văn bản:**
|
Kế hoạch
|
|
**ỦY BAN NHÂN
DÂN **
TỈNH HÒA BÌNH MỚI
-------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
45/KH-UBND
|
*Hòa Bình Mới, ngày 03
tháng 12 năm 2026*
|

** **

**KẾ HOẠCH**

TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024
CỦA BỘ CHÍNH TRỊ

Thực hiện Nghị quyết số
57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Ủy ban nhân dân tỉnh ban hành Kế hoạch như
sau:

**I. NHIỆM VỤ**

1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài
chính rà soát cơ chế, chính sách hỗ trợ đổi mới sáng tạo.
"""


def test_portal_head_table_becomes_one_unit_a_line_and_furniture_goes():
    out = clean(PORTAL_HEAD)
    assert out[:5] == ["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH MỚI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                       "Độc lập - Tự do - Hạnh phúc", "Số: 45/KH-UBND"]
    assert out[5] == "Hòa Bình Mới, ngày 03 tháng 12 năm 2026"
    assert not any("Đang tải" in line or "Loại văn bản" in line or line.startswith("-") for line in out)


def test_portal_page_reads_as_a_record():
    record = extract_text(PORTAL_HEAD)
    doc = record["document"]
    assert (doc["kind"], doc["id"], doc["date"], doc["place"]) == ("Kế hoạch", "45/KH-UBND", "2026-12-03",
                                                                     "Hòa Bình Mới")
    assert record["implements"] == ["57-NQ/TW"]
    assert record["tasks"][0]["lead"] == ["Sở Khoa học và Công nghệ"]
    assert record["tasks"][0]["support"] == ["Sở Tài chính"]


CELL_TABLE = """|
**TT**
|
**Nội dung
nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Thời gian**
|
|
**I**
|
**NHÓM GIẢI PHÁP VỀ THỂ CHẾ**
|
|
1
|
Rà soát, sửa đổi các quy định
về hỗ trợ doanh nghiệp
|
Sở Tài chính
|
|
|
2
|
Tập huấn cho cán bộ cấp xã
|
Sở Nội vụ
|
Quý II/2026
|

Sau bảng."""


def test_cells_one_a_line_become_rows_with_empty_cells_and_group_rows():
    numbered = list(enumerate(CELL_TABLE.split("\n"), 1))
    rows, end = parse_cell_table(numbered, 0)
    texts = [[" ".join(plain(t) for _, t in cell) for cell in row] for row in rows]
    assert texts[0] == ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]
    assert texts[1] == ["I", "NHÓM GIẢI PHÁP VỀ THỂ CHẾ"]
    assert texts[2] == ["1", "Rà soát, sửa đổi các quy định về hỗ trợ doanh nghiệp", "Sở Tài chính", ""]
    assert texts[3] == ["2", "Tập huấn cho cán bộ cấp xã", "Sở Nội vụ", "Quý II/2026"]
    assert numbered[end][1] == ""
    out = lines_of(CELL_TABLE)
    assert out[2] == "1 | Rà soát, sửa đổi các quy định về hỗ trợ doanh nghiệp | Sở Tài chính |  |"
    assert out[-1] == "Sau bảng."


def test_a_cell_table_ends_after_a_full_row_when_no_blank_line_follows():
    text = "|\nTT\n|\nNội dung\n|\n|\n1\n|\nRà soát văn bản\n|\n**II. TỔ CHỨC THỰC HIỆN**\n1. Sở Tư pháp thực hiện."
    rows, end = parse_cell_table(list(enumerate(text.split("\n"), 1)), 0)
    assert len(rows) == 2 and text.split("\n")[end] == "**II. TỔ CHỨC THỰC HIỆN**"


PDFTEXT = """ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   TỈNH HÒA BÌNH MỚI                        Độc lập - Tự do - Hạnh phúc

   Số: 45/KH-UBND                     Hòa Bình Mới, ngày 03 tháng 12 năm 2026

                                  KẾ HOẠCH
          Triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị
       Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển
khoa học, công nghệ, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:
       1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành rà soát cơ chế, chính sách
hỗ trợ doanh nghiệp đổi mới sáng tạo.
       2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch theo quy định của pháp luật về ngân
sách nhà nước."""


def test_pdf_tool_text_side_by_side_head_and_indented_paragraphs():
    out = lines_of(PDFTEXT)
    assert out[:6] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH HÒA BÌNH MỚI",
                       "Độc lập - Tự do - Hạnh phúc", "Số: 45/KH-UBND", "Hòa Bình Mới, ngày 03 tháng 12 năm 2026"]
    assert out[-2].startswith("1. Sở Khoa học") and out[-2].endswith("đổi mới sáng tạo.")
    assert out[-1].startswith("2. Sở Tài chính") and out[-1].endswith("ngân sách nhà nước.")


def test_columns_laid_out_by_a_pdf_tool_are_read_back_by_row():
    text = ["STT  Nhiệm vụ                  Chủ trì       Thời gian",
            "                                              hoàn thành",
            "1    Rà soát quy định về hỗ     Sở Tư         Quý IV",
            "     trợ doanh nghiệp           pháp          năm 2026",
            "",
            "2    Tập huấn cán bộ            Sở Nội vụ     2027",
            "                     III. TỔ CHỨC THỰC HIỆN"]
    rows, end = read_column_table(list(enumerate(text, 1)), 0)
    assert [t for _, t in rows] == ["STT | Nhiệm vụ | Chủ trì | Thời gian hoàn thành |",
                                    "1 | Rà soát quy định về hỗ trợ doanh nghiệp | Sở Tư pháp | Quý IV năm 2026 |",
                                    "2 | Tập huấn cán bộ | Sở Nội vụ | 2027 |"]
    assert end == 6


def test_a_number_alone_opens_the_next_paragraph_and_a_split_bold_heading_is_one():
    text = ("**3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp**\n\n"
            "**Phụ nữ tỉnh và các tổ chức thành viên**\n\n- Tuyên truyền, vận động hội viên tham gia.\n\n"
            "4.\n\nSở Tư pháp hướng dẫn việc thi hành pháp luật trên địa bàn tỉnh.\n\n") * 2
    out = lines_of(text + WRAPPED)
    assert out[0] == ("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh và "
                      "các tổ chức thành viên")
    assert out[2] == "4. Sở Tư pháp hướng dẫn việc thi hành pháp luật trên địa bàn tỉnh."


def test_layout_is_linear_in_its_input():
    # Doubling the text doubles the work: a sign of no quadratic rescans. Counted in output, not seconds.
    unit = WRAPPED + "\n\n" + CELL_TABLE + "\n\n"
    small, large = layout(enumerate((unit * 50).split("\n"), 1)), layout(enumerate((unit * 100).split("\n"), 1))
    assert len(large) == 2 * len(small)


def test_a_place_name_broken_by_the_wrap_is_read_whole():
    text = ("UBND TỈNH PHÚ\nTHỌ\n\nSố: 21/KH-UBND\n\nPhú Thọ, ngày 02 tháng 12 năm 2026\n\nKẾ HOẠCH\n\n"
            "Thực hiện Kế hoạch số 15-KH/TU ngày 20/11/2026 của Ban Thường vụ Tỉnh ủy Phú\n"
            "Thọ về phát triển khoa học, công nghệ, Ủy ban nhân dân tỉnh Phú\n"
            "Thọ ban hành Kế hoạch thực hiện như sau:\n\nI. NHIỆM VỤ\n\n1. Sở Khoa học và Công nghệ chủ trì rà\n"
            "soát các chương trình khoa học và công nghệ của tỉnh, phối hợp với các sở, ban,\n"
            "ngành đề xuất nhiệm vụ mới.\n\n2. Sở Tài chính bố trí kinh phí thực hiện các nhiệm\n"
            "vụ khoa học và công nghệ theo quy định của pháp luật về ngân sách nhà\nnước.\n")
    record = extract_text(text)
    assert record["document"]["place"] == "Phú Thọ"
    assert record["document"]["issuer"] == "Ủy ban nhân dân tỉnh Phú Thọ"
    assert [r["issuer"] for r in record["references"]] == ["Ban Thường vụ Tỉnh ủy Phú Thọ"]


def test_a_cell_table_goes_on_past_rows_the_page_left_out():
    text = ["|", "TT", "|", "Nhiệm vụ", "|", "Chủ trì", "|", "|",
            "1", "|", "Rà soát quy chế", "|", "Sở Tư pháp", "|",
            "…...................", "|",
            "4", "|", "Tổ chức diễn tập", "|", "Sở Nội vụ", "|", "|", "", "Sau bảng"]
    rows, end = parse_cell_table(list(enumerate(text, 1)), 0)
    cells = [[" ".join(t for _, t in cell) for cell in row] for row in rows]
    assert cells == [["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát quy chế", "Sở Tư pháp"],
                     ["4", "Tổ chức diễn tập", "Sở Nội vụ"]]
    assert text[end - 1] == "|" and text[end] == ""
