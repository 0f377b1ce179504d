"""Fixture makers for the reader tests: plain text written out as a .docx (python-docx) or a .pdf
(fpdf2), the way a clerk's Word file or its PDF export would carry it.

- table rows (``a | b |`` or ``a<TAB>b`` with two or more cells) become a real table, bordered;
- ``[footnoteRef:n] [n: body]`` becomes a real footnote (.docx) or a superscript mark with the
  note printed small at the end (.pdf);
- with ``word_numbering=True`` a leading "1.", "a)", "II.", "-" is taken off the text and given to
  Word's automatic numbering instead, so the reader must recover it;
- ``[bookmark: ...]`` is dropped.

The tests at the bottom check the makers themselves, so a reader test cannot pass on a broken
fixture.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

FOOTNOTE = re.compile(r"\[footnoteRef:(\d+)\](?:\s*\[\1:\s*([^\[\]]*)\])?")
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
MARKER = re.compile(r"^(?P<n>[IVX]+|\d+|[a-z]|[A-Z])(?P<p>[.)])\s+(?=\S)|^(?P<b>[-+])\s+(?=\S)")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def split_blocks(text: str) -> list[tuple[str, Any]]:
    """Lines of text as ("para", str) and ("table", rows) blocks."""
    blocks: list[tuple[str, Any]] = []
    for raw in text.splitlines():
        line = BOOKMARK.sub("", raw).rstrip()
        cells = None
        if "|" in line:
            cells = [c.strip() for c in line.rstrip().rstrip("|").split("|")]
        elif "\t" in line.strip():
            cells = [c.strip() for c in line.strip().split("\t")]
        if cells is not None and sum(1 for c in cells if c) >= 2:
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        else:
            # Leading tabs, tab-only lines and blank lines are kept (as a Word file has empty
            # paragraphs): some converted documents mark table cells and empty cells that way.
            blocks.append(("para", line.lstrip(" ")))
    return blocks


# --- .docx --------------------------------------------------------------------------------------

def _marker_format(number: str) -> tuple[str, int]:
    if number.isdigit():
        return "decimal", int(number)
    if set(number) <= set("IVX"):
        values = {"I": 1, "V": 5, "X": 10}
        total = sum(values[c] for c in number)
        total -= 2 * sum(values[a] for a, b in zip(number, number[1:]) if values[a] < values[b])
        return "upperRoman", total
    if number.islower():
        return "lowerLetter", ord(number) - ord("a") + 1
    return "upperLetter", ord(number) - ord("A") + 1


class _WordNumbering:
    """Adds one abstract list and a list instance per numbered paragraph (startOverride = its
    number), so Word -- and the reader -- draw exactly the number the text had."""

    def __init__(self, document) -> None:
        from docx.oxml import parse_xml

        self.parse_xml = parse_xml
        self.root = document.part.numbering_part.element
        self.next_abstract = 900
        self.next_num = 900

    def add(self, paragraph, fmt: str, start: int, suffix: str) -> None:
        text = "%1" + suffix if fmt != "bullet" else suffix
        abstract = self.parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{self.next_abstract}">'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="space"/></w:lvl></w:abstractNum>')
        first_num = self.root.find(f"{{{W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        self.root.append(self.parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{self.next_num}">'
            f'<w:abstractNumId w:val="{self.next_abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(self.parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{self.next_num}"/></w:numPr>'))
        self.next_abstract += 1
        self.next_num += 1


class _Footnotes:
    def __init__(self, document) -> None:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        self.bodies: list[tuple[int, str]] = []
        self.document = document
        self._make = lambda xml: document.part.relate_to(
            Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml, document.part.package),
            RT.FOOTNOTES)

    def reference(self, paragraph, body: str) -> None:
        from docx.oxml import parse_xml

        note_id = len(self.bodies) + 1
        self.bodies.append((note_id, body))
        paragraph._p.append(parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'))

    def finish(self) -> None:
        if not self.bodies:
            return
        from xml.sax.saxutils import escape

        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(body)}</w:t></w:r></w:p>'
            f'</w:footnote>' for i, body in self.bodies)
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               f'<w:footnotes xmlns:w="{W_NS}">'
               f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
               f'</w:r></w:p></w:footnote>{notes}</w:footnotes>')
        self._make(xml.encode("utf-8"))


def _add_text(paragraph, text: str, footnotes: _Footnotes) -> None:
    position = 0
    for match in FOOTNOTE.finditer(text):
        if text[position:match.start()]:
            paragraph.add_run(text[position:match.start()])
        footnotes.reference(paragraph, (match.group(2) or "").strip())
        position = match.end()
    if text[position:]:
        paragraph.add_run(text[position:])


def text_to_docx(text: str, path: Path, *, word_numbering: bool = False) -> Path:
    """Write plain text as a .docx (see the module docstring)."""
    import docx

    document = docx.Document()
    numbering = _WordNumbering(document) if word_numbering else None
    footnotes = _Footnotes(document)
    for kind, content in split_blocks(text):
        if kind == "table":
            width = max(len(r) for r in content)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for cells in content:
                row = table.add_row().cells
                for cell, value in zip(row, cells):
                    cell.text = FOOTNOTE.sub("", value)
            continue
        paragraph = document.add_paragraph()
        match = MARKER.match(content) if numbering else None
        if match and numbering is not None:
            if match.group("b"):
                numbering.add(paragraph, "bullet", 1, match.group("b"))
            else:
                fmt, start = _marker_format(match.group("n"))
                numbering.add(paragraph, fmt, start, match.group("p"))
            content = content[match.end():]
        _add_text(paragraph, content, footnotes)
    footnotes.finish()
    document.save(str(path))
    return path


# --- .pdf ---------------------------------------------------------------------------------------

def vietnamese_font() -> Path | None:
    """A TrueType font with Vietnamese letters: the test extra's Noto Sans, else a system one."""
    try:
        import fontpkg_noto_sans

        found = sorted((Path(fontpkg_noto_sans.__file__).parent / "files").glob("NotoSans[[]*.ttf"))
        if found:
            return found[0]
    except ImportError:
        pass
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"):
        if Path(candidate).exists():
            return Path(candidate)
    return None


def text_to_pdf(text: str, path: Path) -> Path:
    """Write plain text as a PDF: A4, indented paragraphs, ruled tables, page numbers at the top,
    footnote marks as superscripts with the notes at the end."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 writes the test PDFs: pip install -e '.[test]'")
    font = vietnamese_font()
    if font is None:
        pytest.skip("no TrueType font with Vietnamese letters (pip install fontpkg-noto-sans)")

    base: Any = fpdf.FPDF  # a module found at run time

    class Doc(base):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("body", size=10)
                self.cell(0, 6, str(self.page_no()), align="C")
                self.ln(8)

    pdf = Doc(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("body", "", str(font))
    pdf.add_page()
    notes: list[tuple[str, str]] = []
    for kind, content in split_blocks(text):
        if kind == "table":
            width = max(len(r) for r in content)
            pdf.set_font("body", size=8)
            with pdf.table(borders_layout="ALL", line_height=4.5, text_align="LEFT",
                           first_row_as_headings=False) as table:
                for cells in content:
                    row = table.row()
                    for value in cells + [""] * (width - len(cells)):
                        row.cell(FOOTNOTE.sub("", value))
            pdf.ln(2)
            continue
        content = " ".join(content.split("\t")).strip()
        if not content:
            continue  # an empty paragraph prints nothing
        pdf.set_font("body", size=11)
        pdf.set_x(pdf.l_margin + 10)
        position = 0
        for match in FOOTNOTE.finditer(content):
            pdf.write(6, content[position:match.start()])
            pdf.char_vpos = "SUP"
            pdf.write(6, match.group(1))
            pdf.char_vpos = "LINE"
            notes.append((match.group(1), (match.group(2) or "").strip()))
            position = match.end()
        pdf.write(6, content[position:])
        pdf.ln(8)
    for number, body in notes:
        pdf.set_font("body", size=9)
        pdf.char_vpos = "SUP"
        pdf.write(5, number)
        pdf.char_vpos = "LINE"
        pdf.set_font("body", size=9)  # fpdf2 keeps the superscript's scaled size otherwise
        pdf.write(5, " " + body)
        pdf.ln(6)
    pdf.output(str(path))
    return path


# --- the makers' own checks ---------------------------------------------------------------------

SAMPLE = ("KẾ HOẠCH\n"
          "I. MỤC ĐÍCH\n"
          "1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai[footnoteRef:1] "
          "[1: Theo Kế hoạch số 12/KH-UBND.] thực hiện.\n"
          "a) Tổ chức hội nghị quán triệt.\n"
          "STT | Nhiệm vụ | Đơn vị chủ trì |\n"
          "1 | Tuyên truyền | Sở Thông tin và Truyền thông |\n")


def test_split_blocks_finds_tables_and_paragraphs():
    blocks = split_blocks(SAMPLE + "\tchỉ một ô\n\n")
    assert [k for k, _ in blocks] == ["para", "para", "para", "para", "table", "para", "para"]
    assert blocks[-2:] == [("para", "\tchỉ một ô"), ("para", "")]
    assert blocks[4][1][1] == ["1", "Tuyên truyền", "Sở Thông tin và Truyền thông"]


def test_docx_maker_moves_numbers_into_word_numbering(tmp_path):
    docx = pytest.importorskip("docx")
    path = text_to_docx(SAMPLE, tmp_path / "a.docx", word_numbering=True)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "MỤC ĐÍCH" in texts and not any(t.startswith(("I.", "1.", "a)")) for t in texts)


def test_pdf_maker_writes_a_text_layer(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    path = text_to_pdf(SAMPLE, tmp_path / "a.pdf")
    with pdfplumber.open(path) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "Sở Giáo dục và Đào tạo" in text and "Tuyên truyền" in text
