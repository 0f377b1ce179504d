"""Reader for PDF files with a text layer (pdfplumber): text in reading order, ruled tables as rows.

Each page's ruled tables are found by pdfplumber's line detection and written as
``cell | cell | cell |`` rows at their place on the page; the words outside them are grouped into
lines and paragraphs by :mod:`.pdflayout`. A PDF without a text layer -- a scan -- is refused with a
message that it needs OCR first: guessing at its text would give an empty or made-up record.
Text typed in the legacy ``.VnTime`` / ``VNI-Times`` fonts is converted to Unicode.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from policykg.loaders.read import ReadError, register_reader
from policykg.loaders.readers import legacy
from policykg.loaders.readers.pdflayout import (
    VisualLine,
    drop_page_furniture,
    group_lines,
    paragraphs,
)

_CID = re.compile(r"\(cid:\d+\)")
# Below this many characters of text a page, with images present, the file is taken as a scan.
_SCAN_CHARS_PER_PAGE = 40


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.extract():
        cells = [" ".join((cell or "").split()).replace("|", "/") for cell in row]
        if any(cells):
            rows.append(" | ".join(cells) + " |")
    return rows


def _inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def page_lines(page) -> list[VisualLine]:
    """One pdfplumber page as visual lines: text lines and table blocks, top to bottom."""
    tables = [t for t in page.find_tables() if len(t.columns) >= 2 and t.rows]
    boxes = [t.bbox for t in tables]
    words = [w for w in page.extract_words(extra_attrs=["size"], x_tolerance=1.5, y_tolerance=2)
             if not _inside(w, boxes)]
    lines = group_lines(words)
    for table in tables:
        x0, top, x1, bottom = table.bbox
        rows = _table_rows(table)
        if rows:
            lines.append(VisualLine([], top, bottom, x0, x1, 0, kind="table", rows=rows))
    lines.sort(key=lambda l: l.top)
    return drop_page_furniture(lines, float(page.height))


def _open_errors():
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    return PDFPasswordIncorrect, PDFEncryptionError, (PDFSyntaxError, PSException, PdfminerException)


@register_reader(".pdf")
def read_pdf(path: Path) -> str:
    """Read a PDF's text layer into text (see the module docstring).

    Raises
    ------
    ReadError
        pdfplumber missing, not a PDF, password-protected, corrupt or truncated, no text layer
        (a scan: needs OCR), or fonts without a Unicode mapping.
    """
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(path, "reading .pdf needs pdfplumber: pip install pdfplumber") from None
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise ReadError(path, "not a PDF file (no %PDF header)")
    password, encryption, broken = _open_errors()
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            images = 0
            for page in pdf.pages:
                lines = page_lines(page)
                images += len(page.images)
                pages.append(lines)
    except password:
        raise ReadError(path, "password-protected PDF: save an unprotected copy") from None
    except encryption as exc:
        raise ReadError(path, f"encrypted PDF that cannot be opened ({exc})") from None
    except broken as exc:
        # pdfplumber wraps pdfminer's errors: the wrapped one says what happened.
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, password):
            raise ReadError(path, "password-protected PDF: save an unprotected copy") from None
        raise ReadError(path, f"corrupt or truncated PDF ({type(inner).__name__})") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, AssertionError) as exc:
        # pdfminer trips over malformed objects with plain Python errors.
        raise ReadError(path, f"malformed PDF ({type(exc).__name__}: {exc})") from None
    text = unicodedata.normalize("NFC", "\n".join(paragraphs(pages)))
    return _check_text(path, text, len(pages), images)


def _check_text(path: Path, text: str, n_pages: int, images: int) -> str:
    letters = sum(1 for c in text if c.isalpha())
    if letters < _SCAN_CHARS_PER_PAGE * max(n_pages, 1):
        if images:
            raise ReadError(path, f"no text layer ({n_pages} page(s) of images): a scanned PDF "
                                  "needs OCR first, e.g. ocrmypdf -l vie in.pdf out.pdf")
        if not letters:
            raise ReadError(path, "the PDF has no text")
    cids = len(_CID.findall(text))
    if cids > 0.2 * max(len(text.split()), 1):
        raise ReadError(path, "the PDF's fonts have no Unicode mapping (text reads as (cid:N)); "
                              "it needs OCR or the source document")
    return legacy.repair_text(text)
