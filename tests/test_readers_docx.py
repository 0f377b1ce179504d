""".docx reader: paragraph order, Word numbering recovered as text, tables, footnotes, legacy fonts,
and a clear reason for every broken file."""
from __future__ import annotations

import zipfile

import pytest

from policykg.loaders.read import ReadError, read_document

docx = pytest.importorskip("docx", reason="python-docx is an install requirement: pip install -e .")
from docx.oxml import parse_xml  # noqa: E402
from test_readers_make import W_NS, text_to_docx  # noqa: E402

NS = f'xmlns:w="{W_NS}"'
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def add_abstract(document, abstract_id: int, levels: list[tuple[str, str, int]]) -> None:
    """Add an abstract list: one (numFmt, lvlText, start) per level."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text, start) in enumerate(levels))
    root = document.part.numbering_part.element
    element = parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num = root.find(f"{{{W_NS}}}num")
    first_num.addprevious(element) if first_num is not None else root.append(element)


def add_num(document, num_id: int, abstract_id: int, restart_at: int | None = None) -> None:
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>'
                if restart_at is not None else "")
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


def numbered(document, text: str, num_id: int, level: int = 0):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def lines_of(document, tmp_path, name="a.docx") -> list[str]:
    path = tmp_path / name
    document.save(path)
    return read_document(path).split("\n")


def test_multilevel_numbering_counts_like_word(tmp_path):
    d = docx.Document()
    add_abstract(d, 500, [("upperRoman", "%1.", 1), ("decimal", "%2.", 1), ("lowerLetter", "%3)", 1)])
    add_num(d, 500, 500)
    for text, level in [("MỤC TIÊU", 0), ("Mục tiêu chung", 1), ("Tăng tỷ lệ", 2), ("Giảm tỷ lệ", 2),
                        ("Mục tiêu cụ thể", 1), ("NHIỆM VỤ", 0), ("Tuyên truyền", 1)]:
        numbered(d, text, 500, level)
    assert lines_of(d, tmp_path) == ["I. MỤC TIÊU", "1. Mục tiêu chung", "a) Tăng tỷ lệ",
                                     "b) Giảm tỷ lệ", "2. Mục tiêu cụ thể", "II. NHIỆM VỤ",
                                     "1. Tuyên truyền"]


def test_compound_numbers_and_lists_sharing_a_definition(tmp_path):
    d = docx.Document()
    add_abstract(d, 600, [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)])
    add_num(d, 600, 600)
    add_num(d, 601, 600)                 # same definition: Word continues the count
    add_num(d, 602, 600, restart_at=5)   # "restart numbering" at 5
    numbered(d, "Sở Giáo dục và Đào tạo chủ trì", 600)
    numbered(d, "Tổ chức hội nghị", 600, 1)
    numbered(d, "Sở Tài chính phối hợp", 601)
    numbered(d, "Kiểm tra, giám sát", 601, 1)
    numbered(d, "Sở Nội vụ thẩm định", 602)
    assert lines_of(d, tmp_path) == ["1. Sở Giáo dục và Đào tạo chủ trì", "1.1. Tổ chức hội nghị",
                                     "2. Sở Tài chính phối hợp", "2.1. Kiểm tra, giám sát",
                                     "5. Sở Nội vụ thẩm định"]


def test_numbering_from_a_style_and_bullets(tmp_path):
    d = docx.Document()
    d.add_paragraph("Ủy ban nhân dân tỉnh chỉ đạo", style="List Number")
    d.add_paragraph("Các sở, ngành phối hợp", style="List Number")
    add_abstract(d, 700, [("bullet", "\uf0b7", 1)])
    add_abstract(d, 701, [("bullet", "-", 1)])
    add_num(d, 700, 700)
    add_num(d, 701, 701)
    numbered(d, "Tuyên truyền sâu rộng", 700)
    numbered(d, "Kiểm tra định kỳ", 701)
    assert lines_of(d, tmp_path) == ["1. Ủy ban nhân dân tỉnh chỉ đạo", "2. Các sở, ngành phối hợp",
                                     "- Tuyên truyền sâu rộng", "- Kiểm tra định kỳ"]


def test_tables_rows_with_merged_cells_and_box_tables(tmp_path):
    d = docx.Document()
    d.add_paragraph("Phụ lục")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["STT", "Nhiệm vụ", "Đơn vị chủ trì"], ["1", "Tuyên truyền", "Sở Tư pháp"],
                             ["2", "Kiểm tra | rà soát", None]]):
        for c, value in enumerate(row):
            if value is not None:
                t.cell(r, c).text = value
    t.cell(1, 2).merge(t.cell(2, 2))  # one agency for both rows
    box = d.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "Nơi nhận: như trên"
    wide = d.add_table(rows=1, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 1)).text = "Tổng hợp"
    wide.cell(0, 2).text = "Sở Tài chính"
    assert lines_of(d, tmp_path) == ["Phụ lục", "STT | Nhiệm vụ | Đơn vị chủ trì |",
                                     "1 | Tuyên truyền | Sở Tư pháp |",
                                     "2 | Kiểm tra / rà soát | Sở Tư pháp |",
                                     "Nơi nhận: như trên", "Tổng hợp | Sở Tài chính |"]


def test_footnotes_at_their_reference_numbered_in_order(tmp_path):
    text = ("Triển khai theo đề án[footnoteRef:7] [7: Đề án phổ cập giáo dục mầm non.] của tỉnh.\n"
            "Thực hiện Kế hoạch số 12/KH-UBND[footnoteRef:9] [9: Ban hành ngày 02/01/2025.]\n")
    out = read_document(text_to_docx(text, tmp_path / "f.docx")).split("\n")
    assert out == ["Triển khai theo đề án[footnoteRef:1] [1: Đề án phổ cập giáo dục mầm non.] của tỉnh.",
                   "Thực hiện Kế hoạch số 12/KH-UBND[footnoteRef:2] [2: Ban hành ngày 02/01/2025.]"]


def test_numbering_survives_the_fixture_round_trip(tmp_path):
    text = "I. MỤC ĐÍCH\n1. Sở Y tế chủ trì\nb) Phối hợp kiểm tra\n- Báo cáo kết quả\n"
    path = text_to_docx(text, tmp_path / "n.docx", word_numbering=True)
    assert not any(p.text[:2] in ("I.", "1.", "b)", "- ") for p in docx.Document(str(path)).paragraphs)
    assert read_document(path) == text.rstrip("\n")


def test_tracked_changes_fields_and_text_boxes(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Sở Tài chính ")
    p._p.append(parse_xml(
        f'<w:del {NS} w:id="1" w:author="a"><w:r><w:delText>không </w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {NS} w:id="2" w:author="a"><w:r><w:t>bố trí kinh phí</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:r {NS}><w:instrText> PAGE </w:instrText></w:r>'))
    box = d.add_paragraph()
    box._p.append(parse_xml(
        f'<w:r {NS} xmlns:mc="{MC}"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<w:txbxContent><w:p><w:r><w:t>Dự thảo</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Dự thảo</w:t></w:r></w:p></w:txbxContent>'
        f'</w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    assert [line for line in lines_of(d, tmp_path) if line] == ["Sở Tài chính bố trí kinh phí", "Dự thảo"]


def test_runs_in_legacy_vietnamese_fonts_are_converted(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Së Tµi chÝnh").font.name = ".VnTime"
    p.add_run(" và ")
    p.add_run("Sôû Taøi chính").font.name = "VNI-Times"
    d.add_paragraph().add_run("kÕ ho¹ch").font.name = ".VnTimeH"
    assert lines_of(d, tmp_path) == ["Sở Tài chính và Sở Tài chính", "KẾ HOẠCH"]


def test_truncated_docx_is_refused_with_a_reason(tmp_path):
    good = text_to_docx("Sở Giáo dục và Đào tạo chủ trì.\n", tmp_path / "good.docx")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ReadError, match="truncated or corrupt"):
        read_document(cut)


@pytest.mark.parametrize("content, reason", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy .doc renamed .docx"),
    (b"", "truncated or corrupt"),
])
def test_other_files_named_docx(tmp_path, content, reason):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_document(path)


def test_zip_that_is_not_a_word_package(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "Xin chào")
    with pytest.raises(ReadError, match="corrupt .docx package"):
        read_document(path)


def test_document_without_text_says_so(tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(path)
    with pytest.raises(ReadError, match="no text"):
        read_document(path)
