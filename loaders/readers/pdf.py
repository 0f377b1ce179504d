"""Reader for PDF files (pdfplumber): text in reading order, ruled tables as rows; OCR where needed.

Each page takes one of two routes. A page with a good text layer is read from it: its ruled tables
are found by pdfplumber's line detection and written as ``cell | cell | cell |`` rows at their place
on the page, and the words outside them are grouped into lines and paragraphs by
:mod:`.pdflayout`; text typed in the legacy ``.VnTime`` / ``VNI-Times`` fonts is converted to
Unicode. A page without one -- a scan, fonts with no Unicode map (``(cid:N)``), or a map so wrong
the letters are shifted -- is read by OCR (:mod:`.ocr`: Tesseract with its Vietnamese model), one
progress line a page. Pages come out in page order whatever their route. When some page needs OCR
and Tesseract is not installed, the file is refused with one line saying what to install:
guessing at its text would give an empty or made-up record.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from policykg.loaders.read import ReadError, register_reader
from policykg.loaders.readers import legacy, ocr
from policykg.loaders.readers.pdflayout import (
    VisualLine,
    drop_page_furniture,
    group_lines,
    paragraphs,
)


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


def page_tables(page) -> list:
    """A pdfplumber page's ruled tables of two columns or more."""
    return [t for t in page.find_tables() if len(t.columns) >= 2 and t.rows]


def page_lines(page, tables: list | None = None) -> list[VisualLine]:
    """One pdfplumber page as visual lines: text lines and table blocks, top to bottom."""
    tables = page_tables(page) if tables is None else tables
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


def _page_text(lines: list[VisualLine]) -> str:
    return "\n".join("\n".join(line.rows) if line.kind == "table" else line.text for line in lines)


def _page_list(indices: list[int], total: int) -> str:
    """Which pages, counted from 1, for a message.

    >>> _page_list([2], 5), _page_list([0, 1, 2, 4], 5)
    ('page 3 of 5', 'pages 1-3, 5 of 5')
    """
    spans: list[list[int]] = []
    for n in (i + 1 for i in sorted(indices)):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
    return f"page{'s' if len(indices) > 1 else ''} {text} of {total}"


@register_reader(".pdf")
def read_pdf(path: Path) -> str:
    """Read a PDF into text, page by page from its text layer or by OCR (see the module docstring).

    Raises
    ------
    ReadError
        pdfplumber missing, not a PDF, password-protected, corrupt or truncated, no text at all,
        or pages that need OCR when Tesseract or its Vietnamese model is not installed.
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
    pages: list[list[VisualLine]] = []
    to_ocr: dict[int, str] = {}  # page number -> why its text layer cannot be used
    grids: dict[int, list[ocr.Table]] = {}
    try:
        with pdfplumber.open(path) as pdf:
            for index, page in enumerate(pdf.pages):
                tables = page_tables(page)
                lines = page_lines(page, tables)
                reason = ocr.needs_ocr(_page_text(lines), len(page.images))
                if reason:
                    to_ocr[index] = reason
                    # The ruling lines are vector graphics, still there when the text is not.
                    grids[index] = [[list(row.cells) for row in table.rows] for table in tables]
                    lines = []
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
    read = _ocr(path, to_ocr, grids, len(pages)) if to_ocr else {}
    text = unicodedata.normalize("NFC", _assemble(pages, read))
    if not any(c.isalpha() for c in text):
        raise ReadError(path, "the PDF has no text" + (" (OCR found none either)" if read else ""))
    return text


def _ocr(path: Path, to_ocr: dict[int, str], grids: Mapping[int, Sequence[ocr.Table]],
         total: int) -> dict[int, list[str]]:
    """OCR the pages that need it, one progress line a page; a ReadError when OCR cannot run."""
    def progress(index: int) -> None:
        ocr.report(f"OCR page {index + 1}/{total}: {path.name}")

    try:
        return ocr.ocr_pages(path, sorted(to_ocr), tables=grids, progress=progress)
    except ocr.OcrError as exc:
        why = ", ".join(sorted(set(to_ocr.values())))
        verb = "needs" if len(to_ocr) == 1 else "need"
        raise ReadError(path, f"{_page_list(list(to_ocr), total)} {verb} OCR ({why}), but {exc}") from None


def _assemble(pages: list[list[VisualLine]], read: dict[int, list[str]]) -> str:
    """All pages in page order: runs of text-layer pages as paragraphs, OCR'd pages as lines."""
    parts: list[str] = []
    run: list[list[VisualLine]] = []

    def flush() -> None:
        # Legacy fonts are judged over the whole run: more text, a surer guess at the encoding.
        if run:
            parts.append(legacy.repair_text("\n".join(paragraphs(run))))
            run.clear()

    for index, lines in enumerate(pages):
        if index in read:
            flush()
            parts.append("\n".join(read[index]))
        else:
            run.append(lines)
    flush()
    return "\n".join(part for part in parts if part)
