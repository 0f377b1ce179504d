"""Tesseract's TSV output made into lines of text, and the characters OCR confuses mended.

:func:`tsv_lines` writes one OCR line a line in Tesseract's reading order, a blank line between its
paragraphs, a tab where a wide gap splits a line in two (the head's blocks side by side, as the
text-layer reader writes them), page numbers in the margins dropped; words in the cells of the
page's ruled tables (vector lines, there even when the fonts have no map) become ``cell | cell |``
rows. :func:`fix_text` mends the look-alikes OCR puts into document numbers. Running Tesseract and
choosing the pages is :mod:`~policykg.loaders.readers.ocr`'s.
"""
from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from statistics import median

from policykg.loaders.readers.pdflayout import VisualLine, drop_page_furniture

# The resolution pages are rendered at for OCR (ocr.render_pages), so the scale of the image read.
# 300 dpi puts 13-14 pt body text at the glyph height Tesseract's models read best; on the real
# Lao Cai PDF 200 and 400 dpi lost as many tone marks, and 400 dpi took 50 % longer.
DPI = 300

_NOISE_CONF = 30
# What Vietnamese text is written with, decomposed: ASCII letters and digits, đ, the vowel and
# tone marks, punctuation. A stamp's or a signature's strokes read as other letters and symbols.
_MARKS = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"
_VIETNAMESE = frozenset(string.ascii_letters + string.digits + "đĐ" + _MARKS + ".,;:!?()[]\"'“”‘’…%&+*=/-–—")
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Table = Sequence[Sequence[Box | None]]  # rows of cell boxes; None where a cell is spanned


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
