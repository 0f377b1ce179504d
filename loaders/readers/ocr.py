"""OCR for the PDF pages whose text layer cannot be used: Tesseract with its Vietnamese model.

Which pages (:func:`needs_ocr`): a page with images and next to no letters (a scan); a page whose
words mostly hold ``(cid:N)`` (fonts with no Unicode map: the text layer says which glyph was drawn,
not which letter -- Word's subset fonts printed through Ghostscript); a page whose non-ASCII words
are mostly not Vietnamese syllables (:func:`~.vnsyllable.syllable_score`, the legacy-encoding
reader's yardstick): a wrong map shifts the letters (``.LӇP WUD`` for ``Kiểm tra``). ``.VnTime`` and
``VNI-Times`` text is converted first (:func:`~.legacy.repair_text`), so it is not OCR'd. A page
with a good text layer never is: its text is exact, OCR's is not.

How a page is read: pypdfium2 (installed with pdfplumber) renders it at 300 dpi in grey, piped as a
PGM image to ``tesseract stdin stdout -l vie --psm 3 tsv``. The TSV word boxes become lines of
text, tables as ``cell | cell |`` rows (:func:`~.ocr_lines.tsv_lines`), and the look-alikes OCR
puts into document numbers are mended (:func:`~.ocr_lines.fix_text`). Rebuilding hard-wrapped
paragraphs is left to the shared layout stage.

Progress is one INFO record a page on the ``policykg.ocr`` logger (:func:`report`); when the
application has configured no logging -- the ``policykg`` command line -- it goes to stderr, as
:mod:`logging` itself does for warnings, so a long OCR run is never silent.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from policykg.loaders.readers import legacy
from policykg.loaders.readers.ocr_lines import DPI, Table, fix_text, tsv_lines
from policykg.loaders.readers.vnsyllable import syllable_score

logger = logging.getLogger("policykg.ocr")

INSTALL = "apt install tesseract-ocr tesseract-ocr-vie"
LANGUAGE = "vie"
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
