""".pdf reader: paragraphs rebuilt from lines, ruled tables, footnote marks, page numbers dropped;
broken and locked files refused with a reason, and scans too when Tesseract is missing. Layout rules
are also tested on synthetic words, so they do not depend on one PDF writer."""
from __future__ import annotations

import pytest

from policykg.loaders.read import ReadError, read_document
from policykg.loaders.readers.pdflayout import group_lines, paragraphs

pytest.importorskip("pdfplumber", reason="pdfplumber is an install requirement: pip install -e .")
from test_readers_make import text_to_pdf, vietnamese_font  # noqa: E402

LONG = ("Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ và Ủy ban nhân dân "
        "các huyện, thành phố triển khai thực hiện các nhiệm vụ trọng tâm về đổi mới căn bản, "
        "toàn diện giáo dục và đào tạo trên địa bàn tỉnh trong giai đoạn 2025 - 2030.")


def test_paragraphs_tables_and_footnotes(tmp_path):
    text = ("KẾ HOẠCH\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n"
            f"1. {LONG}\n"
            "a) Tổ chức hội nghị quán triệt[footnoteRef:1] [1: Theo Kế hoạch số 12/KH-UBND.] đến "
            "cán bộ, công chức.\n"
            "STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |\n"
            "1 | Tuyên truyền, phổ biến | Sở Văn hóa, Thể thao và Du lịch | Năm 2025 |\n")
    lines = read_document(text_to_pdf(text, tmp_path / "a.pdf")).split("\n")
    assert lines[:3] == ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", f"1. {LONG}"]  # wrapped lines rejoined
    assert lines[3] == "a) Tổ chức hội nghị quán triệt¹ đến cán bộ, công chức."
    assert lines[4:6] == ["STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |",
                          "1 | Tuyên truyền, phổ biến | Sở Văn hóa, Thể thao và Du lịch | Năm 2025 |"]
    assert lines[-1] == "¹ Theo Kế hoạch số 12/KH-UBND."


def test_page_numbers_dropped_and_paragraph_across_pages_joined(tmp_path):
    paras = [f"{n}. {LONG}" for n in range(1, 16)]
    lines = read_document(text_to_pdf("\n".join(paras), tmp_path / "long.pdf")).split("\n")
    assert lines == paras  # page numbers printed at the top of pages 2.. are gone


def test_scanned_pdf_without_tesseract_says_what_to_install(tmp_path, monkeypatch):
    """Scans go to OCR (tests/test_readers_ocr.py); without Tesseract, one line names the packages."""
    fpdf = pytest.importorskip("fpdf")
    image = pytest.importorskip("PIL.Image")
    picture = tmp_path / "scan.png"
    image.new("L", (400, 560), color=235).save(picture)
    pdf = fpdf.FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(picture), x=10, y=10, w=190)
    pdf.output(str(tmp_path / "scan.pdf"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract binary on it
    with pytest.raises(ReadError, match=r"pages 1-2 of 2 need OCR \(no text layer\), but Tesseract is "
                                        r"not installed: apt install tesseract-ocr tesseract-ocr-vie$"):
        read_document(tmp_path / "scan.pdf")


def test_truncated_pdf(tmp_path):
    good = text_to_pdf(LONG, tmp_path / "good.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ReadError, match="corrupt or truncated PDF"):
        read_document(cut)


def test_password_protected_pdf(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    font = vietnamese_font()
    if font is None:
        pytest.skip("no Vietnamese font")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("body", "", str(font))
    pdf.set_font("body", size=12)
    pdf.write(6, LONG)
    pdf.set_encryption(owner_password="owner", user_password="reader")
    pdf.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(ReadError, match="password-protected"):
        read_document(tmp_path / "locked.pdf")


def test_not_a_pdf(tmp_path):
    (tmp_path / "x.pdf").write_text("Kế hoạch", encoding="utf-8")
    with pytest.raises(ReadError, match="not a PDF"):
        read_document(tmp_path / "x.pdf")


# --- layout rules on synthetic words --------------------------------------------------------------

def word(text, x0, top, size=12.0, width=None):
    return {"text": text, "x0": x0, "x1": x0 + (width or 6 * len(text)), "top": top,
            "bottom": top + size, "size": size}


def line_words(text, x0, top, size=12.0, right=None):
    """Words of one line; with ``right`` the spaces stretch so the line ends there (justified)."""
    parts = text.split()
    natural = sum(6 * len(w) for w in parts)
    space = (right - x0 - natural) / max(len(parts) - 1, 1) if right else 3
    words, x = [], x0
    for w in parts:
        words.append(word(w, x, top, size))
        x += 6 * len(w) + space
    return words


def test_indent_gap_and_short_line_start_paragraphs():
    full = "Sở Giáo dục và Đào tạo chủ trì phối hợp với Sở Tài chính triển khai"
    words = (line_words("Mở đầu đoạn văn thứ nhất được thụt vào đầu dòng", 100, 100, right=500)
             + line_words(full, 70, 114, right=500)
             + line_words("kết thúc.", 70, 128)          # short: the paragraph ends here
             + line_words(full, 70, 142, right=500)      # not indented, but after a short line
             + line_words(full, 70, 156, right=500)
             + line_words(full, 70, 190, right=500))     # after a wide gap
    out = paragraphs([group_lines(words)])
    assert len(out) == 3
    assert out[0].endswith(f"{full} kết thúc.") and out[1] == f"{full} {full}" and out[2] == full


def test_superscript_digit_and_wide_gap():
    words = [word("đề", 70, 100), word("án", 88, 100), word("2", 101, 97, size=7),
             word("ỦY", 70, 130), word("BAN", 90, 130), word("CỘNG", 300, 130), word("HÒA", 335, 130)]
    lines = group_lines(words)
    assert [l.text for l in lines] == ["đề án²", "ỦY BAN\tCỘNG HÒA"]
