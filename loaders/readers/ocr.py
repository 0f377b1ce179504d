"""OCR for the PDF pages whose text layer cannot be used: Tesseract with its Vietnamese model.

Which pages (:func:`needs_ocr`): a page with images and next to no letters (a scan); a page whose
words mostly hold ``(cid:N)`` (fonts with no Unicode map: the text layer says which glyph was drawn,
not which letter -- Word's subset fonts printed through Ghostscript); a page whose non-ASCII words
are mostly not Vietnamese syllables (:func:`~.vnsyllable.syllable_score`, the legacy-encoding
reader's yardstick): a wrong map shifts the letters (``.LӇP WUD`` for ``Kiểm tra``). ``.VnTime`` and
``VNI-Times`` text is converted first (:func:`~.legacy.repair_text`), so it is not OCR'd. A page
with a good text layer never is: its text is exact, OCR's is not.

How a page is read: pypdfium2 (installed with pdfplumber) renders it at 300 dpi in grey, piped as a
PGM image to ``tesseract stdin stdout -l vie --psm 3 tsv``. From the TSV word boxes,
:func:`tsv_lines` writes one OCR line a line in Tesseract's reading order, a blank line between its
paragraphs, a tab where a wide gap splits a line in two (the head's blocks side by side, as the
text-layer reader writes them), page numbers in the margins dropped; words in the cells of the
page's ruled tables (vector lines, there even when the fonts have no map) become ``cell | cell |``
rows. :func:`fix_text` mends the look-alikes OCR puts into document numbers. Rebuilding
hard-wrapped paragraphs is left to the shared layout stage.

Progress is one INFO record a page on the ``policykg.ocr`` logger (:func:`report`); when the
application has configured no logging -- the ``policykg`` command line -- it goes to stderr, as
:mod:`logging` itself does for warnings, so a long OCR run is never silent.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import string
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from statistics import median

from policykg.loaders.readers import legacy
from policykg.loaders.readers.pdflayout import VisualLine, drop_page_furniture
from policykg.loaders.readers.vnsyllable import syllable_score

logger = logging.getLogger("policykg.ocr")

INSTALL = "apt install tesseract-ocr tesseract-ocr-vie"
LANGUAGE = "vie"
# 300 dpi puts 13-14 pt body text at the glyph height Tesseract's models read best; on the real
# Lao Cai PDF 200 and 400 dpi lost as many tone marks, and 400 dpi took 50 % longer.
DPI = 300
# Fully automatic segmentation: the header's side-by-side blocks and the body come out as blocks.
PSM = 3
# A page that takes longer than this is not going to finish (a huge poster, a hung process).
TIMEOUT_S = 180
# Pages larger than A2 are rendered smaller, so a poster does not make a gigapixel image.
_MAX_PIXELS = 36_000_000

# A scan: images on the page and fewer letters than a short line (a stamp, a page number).
SCAN_LETTERS = 40
# Share of words containing (cid:N) above which the text layer is taken as unmapped glyph ids.
CID_WORDS = 0.2
# Vietnamese text scores above 0.9, mis-mapped text below 0.3 (see vnsyllable); judged only on
# pages with enough non-ASCII words, so an English or numeric page is never called garbage.
MIN_SYLLABLES = legacy.MIN_SCORE
MIN_SCORED_WORDS = 10

_CID = re.compile(r"\(cid:\d+\)")
_NOISE_CONF = 30
# What Vietnamese text is written with, decomposed: ASCII letters and digits, đ, the vowel and
# tone marks, punctuation. A stamp's or a signature's strokes read as other letters and symbols.
_MARKS = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"
_VIETNAMESE = frozenset(string.ascii_letters + string.digits + "đĐ" + _MARKS + ".,;:!?()[]\"'“”‘’…%&+*=/-–—")
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Table = Sequence[Sequence[Box | None]]  # rows of cell boxes; None where a cell is spanned


class OcrError(Exception):
    """OCR cannot run or failed; the message is one line saying why (and what to install)."""


def needs_ocr(text: str, images: int) -> str | None:
    """Why a page's text layer cannot be used, or None when it can.

    Parameters
    ----------
    text : str
        The page's text as pdfplumber extracts it (unmapped glyphs as ``(cid:N)``).
    images : int
        How many images the page draws.

    Returns
    -------
    str or None
        ``"no text layer"``, ``"fonts without a Unicode map"`` or ``"text is not Vietnamese"``.

    Examples
    --------
    >>> needs_ocr("Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về phát triển", 0)
    >>> needs_ocr("3", images=1)
    'no text layer'
    >>> needs_ocr("(cid:38)(cid:43)(cid:1258) (cid:49)(cid:42) HÒA XÃ", 0)
    'fonts without a Unicode map'
    >>> needs_ocr(".LӇP WUD YLӋF WKӵF KLӋQ NӃ KRҥFK SKġW WULӇQ NKRD KӑF YĠ FĴQJ QJKӋ WUĪQ őӏD EĠQ", 0)
    'text is not Vietnamese'
    """
    words = text.split()
    cids = sum(1 for word in words if _CID.search(word))
    if words and cids >= CID_WORDS * len(words):
        return "fonts without a Unicode map"
    letters = sum(1 for c in _CID.sub("", text) if c.isalpha())
    if letters < SCAN_LETTERS:
        return "no text layer" if images else None
    valid, total = syllable_score(legacy.repair_text(text))
    if total >= MIN_SCORED_WORDS and valid < MIN_SYLLABLES * total:
        return "text is not Vietnamese"
    return None


@lru_cache(maxsize=8)
def _languages(binary: str, tessdata: str | None) -> frozenset[str]:
    """The languages ``binary`` has models for (cached: one call a process, not one a page)."""
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    # The first line is a heading ("List of available languages in ..."); older versions print
    # the list on stderr.
    return frozenset((out.stdout + "\n" + out.stderr).split())


def find_tesseract() -> str:
    """The ``tesseract`` binary on PATH, checked to have the Vietnamese model.

    Raises
    ------
    OcrError
        Tesseract or its ``vie`` model is missing; the message says what to install.
    """
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrError(f"Tesseract is not installed: {INSTALL}")
    if LANGUAGE not in _languages(binary, os.environ.get("TESSDATA_PREFIX")):
        raise OcrError(f"Tesseract has no Vietnamese model ({LANGUAGE}): {INSTALL}")
    return binary


def available() -> bool:
    """Whether OCR can run here: Tesseract on PATH with its Vietnamese model."""
    try:
        find_tesseract()
    except OcrError:
        return False
    return True


def render_pages(path: Path, indices: Sequence[int], dpi: int = DPI) -> Iterator[tuple[int, bytes, float]]:
    """Render pages (zero-based ``indices``) of a PDF as greyscale PGM images, one at a time.

    Yields ``(index, image, scale)``: the page number, a binary PGM (``P5``) image and its pixels
    per PDF point (``dpi / 72``, less for a page too large for 36 megapixels at ``dpi``).

    Raises
    ------
    OcrError
        pypdfium2 missing or unable to open or render the file.
    """
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise OcrError("rendering pages for OCR needs pypdfium2: pip install pypdfium2") from None
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise OcrError(f"cannot open the PDF to render it for OCR ({exc})") from None
    try:
        for index in indices:
            page = document[index]
            width, height = page.get_size()
            scale = min(dpi / 72, (_MAX_PIXELS / max(width * height, 1)) ** 0.5)
            bitmap = page.render(scale=scale, grayscale=True)
            yield index, _pgm(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride), scale
    except pdfium.PdfiumError as exc:
        raise OcrError(f"cannot render page {index + 1} for OCR ({exc})") from None
    finally:
        document.close()


def _pgm(buffer: bytes, width: int, height: int, stride: int) -> bytes:
    """A binary PGM of one-byte grey pixels; rows padded to ``stride`` are cut to ``width``.

    PGM, not PNG: Tesseract reads it from stdin all the same, and nothing is spent compressing.
    """
    if stride != width:
        buffer = b"".join(buffer[row * stride: row * stride + width] for row in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + buffer


def run_tesseract(image: bytes, binary: str, *, dpi: int = DPI, psm: int = PSM) -> str:
    """Run Tesseract with the Vietnamese model on one image; return its TSV output.

    Raises
    ------
    OcrError
        Tesseract failed or timed out; the message carries its last line of stderr.
    """
    # One thread: on a shared or small machine Tesseract's OpenMP threads spin against each other;
    # measured here, a page took 8.3 s with them and 1.9 s without.
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    command = [binary, "stdin", "stdout", "-l", LANGUAGE, "--psm", str(psm), "--dpi", str(dpi), "tsv"]
    try:
        done = subprocess.run(command, input=image, capture_output=True, env=env, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise OcrError(f"Tesseract took over {TIMEOUT_S} s on one page") from None
    except OSError as exc:
        raise OcrError(f"cannot run Tesseract ({exc.strerror or exc})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"Tesseract failed ({said[-1] if said else f'exit status {done.returncode}'})")
    return done.stdout.decode("utf-8", "replace")


# --- TSV words -> lines -------------------------------------------------------------------------

class _Word:
    __slots__ = ("text", "left", "top", "right", "bottom", "key")

    def __init__(self, cols: list[str]) -> None:
        left, top, width, height = (int(c) for c in cols[6:10])
        self.text = cols[11]
        self.left, self.top, self.right, self.bottom = left, top, left + width, top + height
        self.key = (int(cols[2]), int(cols[3]), int(cols[4]))  # block, paragraph, line


def _parse_tsv(tsv: str) -> tuple[list[_Word], float]:
    """The recognised words, in Tesseract's reading order, and the page height in pixels."""
    words: list[_Word] = []
    height = 0.0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or not cols[0].isdigit():
            continue
        if cols[0] == "1" and cols[9].isdigit():
            height = float(cols[9])
        elif cols[0] == "5":
            # A "|" is a ruling line read as a glyph; left in, it would make a line look like a
            # table row. A low-confidence word with letters Vietnamese has not is a stamp's or a
            # signature's strokes.
            cols[11] = cols[11].replace("|", "").strip()
            try:
                if cols[11] and not (float(cols[10]) < _NOISE_CONF and _foreign(cols[11])):
                    words.append(_Word(cols))
            except ValueError:  # a row Tesseract wrote badly is one word lost, not a failed file
                continue
    return words, height


def _foreign(word: str) -> bool:
    return not set(unicodedata.normalize("NFD", word)) <= _VIETNAMESE


def _line_text(words: list[_Word], tab_gap: float) -> str:
    parts = [words[0].text]
    for before, word in zip(words, words[1:]):
        parts.append(("\t" if word.left - before.right > tab_gap else " ") + word.text)
    return "".join(parts)


def _cell_of(word: _Word, cells: list[tuple[Box, int, int, int]]) -> tuple[int, int, int] | None:
    cx, cy = (word.left + word.right) / 2, (word.top + word.bottom) / 2
    for (x0, top, x1, bottom), table, row, col in cells:
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return table, row, col
    return None


def tsv_lines(tsv: str, tables: Sequence[Table] = (), scale: float = DPI / 72) -> list[str]:
    """Lines of text from Tesseract's TSV output (see the module docstring).

    Parameters
    ----------
    tsv : str
        Tesseract's ``tsv`` output for one page.
    tables : sequence of Table
        The page's ruled tables as rows of cell boxes in PDF points (pdfplumber's coordinates).
    scale : float
        Pixels per PDF point of the image that was read.

    Returns
    -------
    list of str
        One OCR line a line; a blank line between paragraphs and around tables; table rows as
        ``cell | cell |``.

    Examples
    --------
    >>> row = lambda b, p, l, x, y, t: f"5\\t1\\t{b}\\t{p}\\t{l}\\t1\\t{x}\\t{y}\\t{30 * len(t)}\\t40\\t95\\t{t}"
    >>> tsv = "\\n".join(["(heading)", "1\\t1\\t0\\t0\\t0\\t0\\t0\\t0\\t2480\\t3508\\t-1\\t",
    ...     row(1, 1, 1, 400, 300, "ỦY"), row(1, 1, 1, 500, 300, "BAN"), row(1, 1, 1, 1200, 300, "CỘNG"),
    ...     row(2, 1, 1, 400, 600, "Thực"), row(2, 1, 1, 540, 600, "hiện"), row(2, 1, 2, 400, 660, "Nghị"),
    ...     row(2, 2, 1, 400, 760, "1."), row(2, 2, 1, 460, 760, "Mục"), row(3, 1, 1, 1220, 3380, "2")])
    >>> tsv_lines(tsv)  # a wide gap is a tab; the page number at the foot is dropped
    ['ỦY BAN\\tCỘNG', '', 'Thực hiện', 'Nghị', '', '1. Mục']
    """
    words, height = _parse_tsv(tsv)
    if not words:
        return []
    size = median(w.bottom - w.top for w in words)
    # Wider than three word heights (and 24 pt), as the text-layer reader's column gap.
    tab_gap = max(3 * size, 24 * scale)
    cells = [((box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale), t, r, c)
             for t, table in enumerate(tables) for r, row in enumerate(table)
             for c, box in enumerate(row) if box is not None]
    in_cells: dict[tuple[int, int, int], list[_Word]] = {}
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for word in words:
        cell = _cell_of(word, cells) if cells else None
        if cell is not None:
            in_cells.setdefault(cell, []).append(word)
        else:
            lines.setdefault(word.key, []).append(word)
    visual = []
    for key, members in lines.items():
        members.sort(key=lambda w: w.left)
        top, bottom = min(w.top for w in members), max(w.bottom for w in members)
        visual.append((key, VisualLine([], top, bottom, members[0].left, members[-1].right, size,
                                       text=_line_text(members, tab_gap))))
    kept = {id(line) for line in drop_page_furniture([v for _, v in visual], height or 1e9)}
    blocks: list[tuple[float, list[str]]] = []  # (top, lines) of each table, to place among lines
    for t, table in enumerate(tables):
        rows = _table_rows(table, t, in_cells)
        if rows:
            blocks.append((min(box[1] for row in table for box in row if box) * scale, rows))
    blocks.sort(key=lambda block: block[0])
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for key, line in visual:
        while blocks and blocks[0][0] <= (line.top + line.bottom) / 2:
            out.extend(["", *blocks.pop(0)[1]])
            previous = None
        if id(line) not in kept:
            continue
        if previous is not None and key[:2] != previous or previous is None and out:
            out.append("")
        out.append(line.text)
        previous = key[:2]
    for _, rows in blocks:
        out.extend(["", *rows])
    return out


def _table_rows(table: Table, t: int, in_cells: dict[tuple[int, int, int], list[_Word]]) -> list[str]:
    rows = []
    for r, row in enumerate(table):
        texts = []
        for c, box in enumerate(row):
            # A cell's words in Tesseract's order (line by line), as one line of text.
            found = sorted(in_cells.get((t, r, c), []), key=lambda w: (w.key, w.left))
            texts.append(" ".join(w.text for w in found) if box else "")
        if any(texts):
            rows.append(" | ".join(texts) + " |")
    return rows


# --- text fixes ---------------------------------------------------------------------------------

# Slash look-alikes OCR reads in "1105/KH": fraction slash, division slash, full-width, big solidus.
_SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/", "\uff0f": "/", "\u29f8": "/"})
# Dash look-alikes between two letters or digits, as in a number ("57–NQ/TW", "QĐ—SCT"): a hyphen.
# A dash with spaces around it is punctuation and stays.
_DASH_IN_WORD = re.compile(r"(?<=[\w/])[\u2010-\u2015\u2212\ufe63\uff0d](?=\w)")
# OCR splits a number at its slash ("1105 /KH-ĐKT", "10 /3/2026"): the space goes.
_SPACED_SLASH = re.compile(r"(?<=\d) +(?=/[\dA-ZĐ])|(?<=\d/) +(?=[A-ZĐ])")


def fix_text(text: str) -> str:
    """Mend the characters OCR confuses inside document numbers; NFC.

    Examples
    --------
    >>> fix_text("Số: 1105⁄KH–ĐKT ngày 10 /3/2026; Nghị quyết số 57—NQ∕TW, 1105 /KH-ĐKT")
    'Số: 1105/KH-ĐKT ngày 10/3/2026; Nghị quyết số 57-NQ/TW, 1105/KH-ĐKT'
    >>> fix_text("Độc lập – Tự do – Hạnh phúc")
    'Độc lập – Tự do – Hạnh phúc'
    """
    text = unicodedata.normalize("NFC", text).translate(_SLASHES)
    return _SPACED_SLASH.sub("", _DASH_IN_WORD.sub("-", text))


# --- pages --------------------------------------------------------------------------------------

def report(message: str) -> None:
    """One progress line: an INFO record on ``policykg.ocr``, or stderr when logging is unset.

    The fallback is :data:`logging.lastResort`'s rule applied to INFO: an application that
    configured logging gets the record and decides; the CLI, which configures none, shows it.
    """
    if logging.getLogger().handlers or logger.handlers:
        logger.info(message)
    else:
        print(message, file=sys.stderr, flush=True)


def ocr_pages(path: Path, indices: Sequence[int], *, tables: Mapping[int, Sequence[Table]] | None = None,
              progress: Callable[[int], None] | None = None) -> dict[int, list[str]]:
    """OCR pages of a PDF into lines (:func:`tsv_lines`, then :func:`fix_text`).

    Parameters
    ----------
    path : Path
        The PDF.
    indices : sequence of int
        Zero-based numbers of the pages to read.
    tables : dict, optional
        Each page's ruled tables (see :func:`tsv_lines`), by page number.
    progress : callable, optional
        Called with the page number before each page is read.

    Returns
    -------
    dict
        Each page's lines, by page number.

    Raises
    ------
    OcrError
        Tesseract or its Vietnamese model missing (with what to install), or OCR failed.
    """
    binary = find_tesseract()
    out: dict[int, list[str]] = {}
    for index, image, scale in render_pages(path, indices):
        if progress is not None:
            progress(index)
        tsv = run_tesseract(image, binary, dpi=round(72 * scale))
        lines = tsv_lines(tsv, (tables or {}).get(index, ()), scale)
        out[index] = [fix_text(line) for line in lines]
    return out
