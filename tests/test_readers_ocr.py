"""OCR route of the .pdf reader: which pages go to OCR, what OCR gives, the install hint without it.

Fixtures are written here: a scanned page (a text PDF rendered to a picture and wrapped as a PDF)
and a page whose font has no Unicode map (``/ToUnicode`` renamed away, so the text layer holds only
glyph ids). Tests that run Tesseract skip, with the reason, when it or its ``vie`` model is absent;
the install hint is tested by hiding the binary, so it runs everywhere.
"""
from __future__ import annotations

import logging
import os
import re
import sys

import pytest

from policykg.loaders.read import ReadError, read_document
from policykg.loaders.readers import ocr, ocr_lines

pytest.importorskip("pdfplumber", reason="pdfplumber is an install requirement: pip install -e .")
from conftest import SHARED  # noqa: E402
from test_readers_make import text_to_pdf, vietnamese_font  # noqa: E402

HINT = "apt install tesseract-ocr tesseract-ocr-vie"
PLAN = ("ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\n"
        "KẾ HOẠCH\n"
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia\n"
        "1. Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu dùng chung, hoàn thành trong "
        "năm 2025.\n"
        "2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch số 215/KH-UBND theo quy định.")


def tesseract_vie() -> bool:
    """Whether ``tesseract`` is installed with the Vietnamese language data."""
    return ocr.available()


needs_tesseract = pytest.mark.skipif(
    not tesseract_vie(), reason=f"Tesseract with its Vietnamese model is not installed ({HINT})")


def shifted(text: str) -> str:
    """Text as a font with a wrong Unicode map shows it: every letter's code moved (K -> .)."""
    out = []
    for c in text:
        if c.isascii() and c.isalpha():
            out.append(chr(ord(c) - 29))
        elif not c.isascii():
            out.append(chr(ord(c) - 0x1EC3 + 0x04C7) if ord(c) > 0x1E00 else chr(ord(c) + 0x40))
        else:
            out.append(c)
    return "".join(out)


def scanned_pdf(text: str, path, pages: int = 1):
    """``text`` printed by fpdf2, each page rendered to a 200 dpi picture, wrapped as a PDF."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 writes the test PDFs: pip install -e '.[test]'")
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 comes with pdfplumber")
    source = text_to_pdf(text, path.with_suffix(".text.pdf"))
    document = pdfium.PdfDocument(str(source))
    out = fpdf.FPDF(format="A4")
    for index in range(pages):
        picture = path.with_suffix(f".{index}.png")
        document[min(index, len(document) - 1)].render(scale=200 / 72).to_pil().save(picture)
        out.add_page()
        out.image(str(picture), x=0, y=0, w=210, h=297)
    document.close()
    out.output(str(path))
    return path


def unmapped_pdf(text: str, path):
    """``text`` in a font whose ``/ToUnicode`` map is gone: the text layer is glyph ids only.

    Written uncompressed so the key can be renamed in place (same length: the offsets hold).
    """
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 writes the test PDFs: pip install -e '.[test]'")
    font = vietnamese_font()
    if font is None:
        pytest.skip("no TrueType font with Vietnamese letters (pip install fontpkg-noto-sans)")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_compression(False)
    pdf.add_page()
    pdf.add_font("body", "", str(font))
    pdf.set_font("body", size=13)
    pdf.multi_cell(0, 7, text)
    data = bytes(pdf.output())
    assert b"/ToUnicode" in data
    path.write_bytes(data.replace(b"/ToUnicode", b"/NoUnicode"))
    return path


def no_tesseract(monkeypatch, tmp_path):
    """PATH without a tesseract binary."""
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))


def forbid_ocr(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("a page with a good text layer went to OCR")
    monkeypatch.setattr(ocr, "ocr_pages", fail)


# --- which pages --------------------------------------------------------------------------------

def test_needs_ocr_tells_good_text_from_garbage():
    assert ocr.needs_ocr(PLAN, images=0) is None
    assert ocr.needs_ocr(PLAN, images=3) is None  # a stamp or logo does not make a scan
    assert ocr.needs_ocr("Annual report of the provincial people's committee, 2025 " * 3, 0) is None
    assert ocr.needs_ocr("KÕ ho¹ch thùc hiÖn NghÞ quyÕt sè 57 cña Bé ChÝnh trÞ vÒ khoa häc c«ng nghÖ "
                         "vµ chuyÓn ®æi sè", 0) is None  # TCVN3 (.VnTime): converted, not OCR'd
    assert ocr.needs_ocr("12", images=1) == "no text layer"
    assert ocr.needs_ocr("", images=0) is None  # an empty page: nothing to read either way
    assert ocr.needs_ocr(" ".join(f"(cid:{n})(cid:{n + 7})" for n in range(40)), 0) == \
        "fonts without a Unicode map"
    assert ocr.needs_ocr(shifted(PLAN), 0) == "text is not Vietnamese"


def test_fix_text_mends_numbers():
    assert ocr_lines.fix_text("Số: 215⁄KH–UBND; 57—NQ∕TW; 09／CT-TTg; ngày 22 /12/2024") == \
        "Số: 215/KH-UBND; 57-NQ/TW; 09/CT-TTg; ngày 22/12/2024"
    assert ocr_lines.fix_text("Độc lập - Tự do – Hạnh phúc") == "Độc lập - Tự do – Hạnh phúc"


TSV_HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def tsv(*words):
    rows = [TSV_HEAD, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    for block, par, line, x, y, w, text, *conf in words:
        rows.append(f"5\t1\t{block}\t{par}\t{line}\t1\t{x}\t{y}\t{w}\t40\t{conf[0] if conf else 95}\t{text}")
    return "\n".join(rows)


def test_tsv_lines_tables_and_noise():
    # A table of two columns at 100-400 and 400-700 pt, rows at 200-250 and 250-300 pt; at
    # 300 dpi (scale 300/72) that is pixels 417-1667 wide, 833-1250 high.
    table = [[(100, 200, 400, 250), (400, 200, 700, 250)],
             [(100, 250, 400, 300), (400, 250, 700, 300)]]
    out = ocr_lines.tsv_lines(tsv(
        (1, 1, 1, 500, 600, 200, "KẾ"), (1, 1, 1, 720, 600, 250, "HOẠCH"),
        (1, 1, 1, 1000, 600, 100, "ŠŽ¿©", 3),                        # a stamp's strokes
        (2, 1, 1, 500, 900, 150, "Nhiệm"), (2, 1, 1, 660, 900, 60, "vụ"),
        (2, 1, 1, 1660, 900, 20, "|"),                                # a ruling line read as "|"
        (2, 1, 1, 1700, 900, 150, "Chủ"), (2, 1, 1, 1860, 900, 60, "trì"),
        (2, 1, 2, 500, 1100, 120, "Rà"), (2, 1, 2, 630, 1100, 120, "soát"),
        (2, 1, 2, 1700, 1100, 100, "Sở"), (2, 1, 2, 1810, 1100, 100, "Y"), (2, 1, 3, 1700, 1150, 100, "tế"),
        (3, 1, 1, 500, 1400, 120, "Nơi"), (3, 1, 1, 630, 1400, 120, "nhận:")),
        tables=[table], scale=300 / 72)
    assert out == ["KẾ HOẠCH", "", "Nhiệm vụ | Chủ trì |", "Rà soát | Sở Y tế |", "", "Nơi nhận:"]


# --- the reader's routes ------------------------------------------------------------------------

def test_good_text_layer_never_goes_to_ocr(tmp_path, monkeypatch):
    forbid_ocr(monkeypatch)
    text = read_document(text_to_pdf(PLAN, tmp_path / "plan.pdf"))
    assert "Nghị quyết số 57-NQ/TW" in text and "215/KH-UBND" in text


def test_mixed_document_ocrs_only_bad_pages_in_page_order(tmp_path, monkeypatch):
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 writes the test PDFs: pip install -e '.[test]'")
    image = pytest.importorskip("PIL.Image")
    font = vietnamese_font()
    if font is None:
        pytest.skip("no TrueType font with Vietnamese letters (pip install fontpkg-noto-sans)")
    picture = tmp_path / "page.png"
    image.new("L", (400, 560), color=235).save(picture)
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("body", "", str(font))
    for page in ("text", "scan", "text"):
        pdf.add_page()
        if page == "scan":
            pdf.image(str(picture), x=0, y=0, w=210, h=297)
        else:
            pdf.set_font("body", size=13)
            pdf.multi_cell(0, 7, f"Trang {pdf.page_no()}: {PLAN}")
    pdf.output(str(tmp_path / "mixed.pdf"))
    asked = []

    def fake(path, indices, *, tables=None, progress=None):
        asked.extend(indices)
        return {i: ["PHỤ LỤC OCR"] for i in indices}

    monkeypatch.setattr(ocr, "ocr_pages", fake)
    text = read_document(tmp_path / "mixed.pdf")
    assert asked == [1]
    assert text.index("Trang 1:") < text.index("PHỤ LỤC OCR") < text.index("Trang 3:")


@pytest.mark.parametrize("make", [scanned_pdf, unmapped_pdf], ids=["scan", "no-unicode-map"])
def test_install_hint_without_tesseract(make, tmp_path, monkeypatch):
    path = make(PLAN, tmp_path / "plan.pdf")
    no_tesseract(monkeypatch, tmp_path)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message and "page 1 of 1 needs OCR" in message and message.endswith(HINT)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for tesseract")
def test_install_hint_without_vietnamese_model(tmp_path, monkeypatch):
    path = scanned_pdf(PLAN, tmp_path / "plan.pdf")
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'List of available languages (2):'\necho eng\necho osd\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(ReadError, match=r"no Vietnamese model \(vie\): " + re.escape(HINT)):
        read_document(path)


def key_words(text: str) -> None:
    """What OCR of PLAN must get right: the kind, the numbers, the names (tone marks may slip)."""
    assert "KẾ HOẠCH" in text
    assert "57-NQ/TW" in text and "22/12/2024" in text and "215/KH-UBND" in text
    assert "Bộ Chính trị" in text and "Sở Tài chính" in text


@needs_tesseract
def test_scanned_page_is_read_by_ocr(tmp_path, caplog):
    path = scanned_pdf(PLAN, tmp_path / "scan.pdf", pages=2)
    caplog.set_level(logging.INFO, logger="policykg.ocr")
    text = read_document(path)
    key_words(text)
    assert text.index("215/KH-UBND") < text.rindex("KẾ HOẠCH")  # page 2 after page 1
    assert [r.getMessage() for r in caplog.records if r.name == "policykg.ocr"] == \
        ["OCR page 1/2: scan.pdf", "OCR page 2/2: scan.pdf"]


@needs_tesseract
def test_font_without_unicode_map_is_read_by_ocr(tmp_path):
    key_words(read_document(unmapped_pdf(PLAN, tmp_path / "unmapped.pdf")))


def test_progress_goes_to_stderr_when_logging_is_not_configured(monkeypatch, capsys):
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    ocr.report("OCR page 1/3: plan.pdf")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "OCR page 1/3: plan.pdf\n"


def test_blank_scan_says_no_text(tmp_path):
    image = pytest.importorskip("PIL.Image")
    fpdf = pytest.importorskip("fpdf")
    picture = tmp_path / "blank.png"
    image.new("L", (400, 560), color=235).save(picture)
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(str(picture), x=10, y=10, w=190)
    pdf.output(str(tmp_path / "blank.pdf"))
    expected = "no text" if tesseract_vie() else re.escape(HINT)
    with pytest.raises(ReadError, match=expected):
        read_document(tmp_path / "blank.pdf")


# --- the real PDF of ../shared/dev --------------------------------------------------------------

DEV_PDF = SHARED / "dev" / "docs" / "laocai_kh1105_dkt_sct_kiemtra_vlncn.pdf"


def dev_pdf():
    if not DEV_PDF.is_file():
        pytest.skip(f"no real PDF at {DEV_PDF} (../shared/dev/docs beside the repository)")
    if not tesseract_vie():
        pytest.skip(f"its fonts have no Unicode map: reading it needs OCR ({HINT})")
    return DEV_PDF


def test_dev_pdf_is_read_by_ocr():
    text = read_document(dev_pdf())
    assert "Số: 1105/KH-ĐKT" in text and "KẾ HOẠCH" in text
    assert re.search(r"ngày 10 tháng 3 năm 2026", text)
    assert "(cid:" not in text and "|" in text  # the annex's ruled table comes out as rows


def test_dev_pdf_record():
    from policykg.loaders import extract_file

    record = extract_file(dev_pdf())
    document = record["document"]
    # The head also prints the number of the decision that set up the inspection team
    # ("SỐ 1050/QĐ-SCT" under its name): the plan's own is the one on the "Số:" line.
    assert (document["kind"], document["id"], document["date"]) == ("Kế hoạch", "1105/KH-ĐKT", "2026-03-10")
    assert len(record["tasks"]) > 0
