"""Stage 2: normalisation, on snippets written for the tests."""
from policykg.loaders.normalise import clean_line, normalise
from policykg.vietnamese.tones import fix_tones
from policykg.vietnamese.tones import nfc_modern as nfc


def test_modern_tone_placement_keeps_case():
    assert fix_tones("hoà nhập, khoá học, Uỷ ban, UỶ BAN, thuỷ lợi, sức khoẻ") == \
        "hòa nhập, khóa học, Ủy ban, ỦY BAN, thủy lợi, sức khỏe"


def test_tone_fix_leaves_qu_and_inner_syllables():
    assert fix_tones("quý, quà, toàn diện, ngoài") == "quý, quà, toàn diện, ngoài"


def test_nfc_composes_decomposed_text():
    decomposed = "Ủy ban".encode("utf-8").decode("utf-8")
    import unicodedata
    assert nfc(unicodedata.normalize("NFD", decomposed)) == "Ủy ban"


def test_conversion_artefacts_are_removed():
    line = "[bookmark: _GoBack]Báo cáo ***(trước ngày 15 tháng 12)*** về Sở (*nếu có*)"
    assert clean_line(line) == "Báo cáo (trước ngày 15 tháng 12) về Sở (nếu có)"


def test_markdown_escapes_and_headings():
    assert clean_line(r"## 2\. Nhiệm vụ") == "2. Nhiệm vụ"


def test_superscript_footnote_taken_out_of_the_flow_with_its_marker():
    text = normalise("Tỷ lệ đạt 90%² trong\n\n² Theo Quyết định số 12/QĐ-UBND.\n\nnăm học 2026.")
    body = [l for l in text.lines if l.text]
    assert [(l.text, l.notes) for l in body] == [("Tỷ lệ đạt 90% trong năm học 2026.", ("2",))]
    assert text.footnotes["2"].text == "Theo Quyết định số 12/QĐ-UBND."


def test_real_superscript_is_kept_when_no_footnote_has_its_number():
    text = normalise("Diện tích 500 m² sân chơi.")
    assert text.lines[0].text == "Diện tích 500 m² sân chơi."


def test_word_footnote_reference_and_inline_body():
    text = normalise("Đề án phổ cập[footnoteRef:3] [3: Theo Kế hoạch số 5/KH-UBND.] năm 2026")
    assert text.lines[0].notes == ("3",)
    assert "footnote" not in text.lines[0].text
    assert text.footnotes["3"].text == "Theo Kế hoạch số 5/KH-UBND."


def test_lone_page_number_dropped():
    text = normalise("Đoạn một.\n12\nĐoạn hai.")
    assert [l.text for l in text.lines if l.text] == ["Đoạn một.", "Đoạn hai."]


def test_repeated_web_furniture_dropped_everywhere():
    menu = ["- Trang chủ văn bản pháp luật", "- Văn bản liên quan cùng lĩnh vực", "- Tra cứu văn bản mới nhất"]
    raw = "\n".join(menu + ["KẾ HOẠCH", "Nội dung chính của kế hoạch."] + menu)
    lines = [l.text for l in normalise(raw).lines if l.text]
    assert lines == ["KẾ HOẠCH", "Nội dung chính của kế hoạch."]


def test_page_break_inside_a_numbered_item_is_joined():
    text = normalise("3. Bố trí kinh phí để hợp\n\nđồng giáo viên theo quy định.\n\n4. Mục khác.")
    assert [l.text for l in text.lines if l.text] == [
        "3. Bố trí kinh phí để hợp đồng giáo viên theo quy định.", "4. Mục khác."]


def test_lettered_item_is_not_joined_to_previous_line():
    text = normalise("a) Việc thứ nhất\nb) Việc thứ hai")
    assert [l.text for l in text.lines if l.text] == ["a) Việc thứ nhất", "b) Việc thứ hai"]


def test_tab_only_line_is_an_empty_cell_not_blank():
    text = normalise("\tSTT\n\t\n\tChỉ tiêu")
    assert [l.text for l in text.lines] == ["\tSTT", "\t", "\tChỉ tiêu"]
