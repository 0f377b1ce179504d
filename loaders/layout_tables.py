"""Tables written one cell a line, with lone ``|`` lines between cells (Markdown of portal pages).

A row opens with a ``|`` line, its cells are separated by ``|`` lines and it closes with one, so
two ``|`` lines in a row mark the boundary between rows, and each empty cell adds one more. The
first row fixes the column count, which settles whether a run of ``|`` lines holds empty cells
or ends the row. A table ends where a ``|`` line is followed by a blank line (or an emphasis
mark alone, which the page printed for an empty paragraph).

Two kinds of table come out differently: a layout table (the document's two-column head, the
signature block) becomes its cells' lines, one unit a line, as the head reader expects; a data
table becomes ``cell | cell | cell |`` rows, each cell's wrapped lines joined.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

Numbered = tuple[int, str]
Cell = list[Numbered]

_EMPTY_MARK = re.compile(r"^\s*\*+(?:\s+\*+)*\s*$")
_ROW_START = re.compile(r"^\**\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]?|[A-H]\.?)\s*\**$")
_LAYOUT_CELL = re.compile(r"CỘNG H[OÒ]A XÃ|Độc lập - Tự do|ĐẢNG CỘNG SẢN|^\**\s*Số\s*:|Nơi nhận|^\**\s*(?:TM|KT|T/M)\.|"
                          r"ngày\s+\d{0,2}\s*\n?\s*tháng|^\**\s*(?:ỦY|UỶ) BAN NHÂN", re.IGNORECASE)
_FURNITURE_CELL = re.compile(r"^\**\s*(?:Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành|Ngày hiệu lực|"
                             r"Ngày công báo|Số công báo|Tình trạng|Lĩnh vực|Cơ quan ban hành)\s*:?\s*\**\s*:?\s*$",
                             re.IGNORECASE)
_MAX_CELL_LINES = 80
# Rows a page left out, marked by a line of dots ("…......", ". . .").
_ELISION = re.compile(r"^\s*[.…·](?:\s*[.…·]){2,}\s*$")
_AFTER_TABLE = re.compile(r"^\**\s*(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|[IVX]{1,5}\s*[.\-–]\s+[A-ZĐ]|PHỤ LỤC)")


def is_pipe_line(text: str) -> bool:
    """A lone ``|`` (a cell boundary), whatever spaces surround it."""
    return text.strip() == "|"


def _blank(text: str) -> bool:
    return not text.strip() or bool(_EMPTY_MARK.match(text))


def parse_cell_table(lines: Sequence[Numbered], start: int) -> tuple[list[list[Cell]], int] | None:
    """Read the one-cell-a-line table that opens at ``lines[start]`` (a ``|`` line).

    Parameters
    ----------
    lines : sequence of (line number, text)
    start : int
        Index of the opening ``|`` line.

    Returns
    -------
    (rows, end) or None
        Rows of cells (each cell its numbered lines) and the index after the table; None when
        what follows is not a table (a stray ``|``).

    Examples
    --------
    >>> text = ["|", "TT", "|", "Nhiệm vụ", "|", "|", "1", "|", "Rà soát", "|", "", "Sau bảng"]
    >>> rows, end = parse_cell_table(list(enumerate(text, 1)), 0)
    >>> [[" ".join(t for _, t in cell) for cell in row] for row in rows], end
    ([['TT', 'Nhiệm vụ'], ['1', 'Rà soát']], 10)
    """
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    cell: Cell = []
    ncols = 0
    i = start + 1
    while i < len(lines):
        no, text = lines[i]
        if not is_pipe_line(text):
            if len(cell) >= _MAX_CELL_LINES:
                return None
            cell.append((no, text))
            i += 1
            continue
        row.append(cell)
        cell = []
        run = 1
        while i + run < len(lines) and is_pipe_line(lines[i + run][1]):
            run += 1
        after = i + run
        if after >= len(lines) or _blank(lines[after][1]):
            rows.append(row)
            return _trimmed(rows), after
        nxt = lines[after][1]
        if run == 1:
            if ncols and len(row) >= ncols:
                # A full row, then (past a "…......" line where the page left rows out) a row
                # number with its bar: the table goes on.
                k = after + 2 if _ELISION.match(nxt) and after + 1 < len(lines) and \
                    is_pipe_line(lines[after + 1][1]) else after
                if k + 1 < len(lines) and _ROW_START.match(lines[k][1].strip()) and is_pipe_line(lines[k + 1][1]):
                    rows.append(row)
                    row = []
                    i = k
                    continue
            # A full row closed by one bar, or text that opens a section, is where the table ends
            # when the page has no blank line after it.
            if (ncols and len(row) >= ncols) or _AFTER_TABLE.match(nxt.strip()):
                rows.append(row)
                return _trimmed(rows), after
            i = after
            continue
        if not ncols:
            ncols = len(row)
        fits_empty = len(row) + run - 1 <= ncols
        ends_row = not fits_empty or _ROW_START.match(nxt.strip()) is not None or len(row) >= ncols
        if ends_row:
            row.extend([] for _ in range(max(run - 2, 0)))
            rows.append(row)
            row = []
        else:
            row.extend([] for _ in range(run - 1))
        i = after
    if cell or row:
        row.append(cell)
        rows.append(row)
    return (_trimmed(rows), len(lines)) if rows else None


def _trimmed(rows: list[list[Cell]]) -> list[list[Cell]]:
    out = []
    for row in rows:
        cells = [[(no, t) for no, t in cell if t.strip()] for cell in row]
        if any(cells):
            out.append(cells)
    return out


def _cell_text(cell: Cell) -> str:
    return "\n".join(t for _, t in cell)


def table_is_furniture(rows: list[list[Cell]]) -> bool:
    """A portal's attribute table (Số hiệu / Loại văn bản / Người ký ...), not the document's."""
    labels = sum(1 for row in rows for cell in row if cell and _FURNITURE_CELL.match(_cell_text(cell)))
    return labels >= 2


def looks_like_head(texts: Iterable[str]) -> bool:
    """Whether cell texts are the document's head or signature block (motto, number, date line).

    Examples
    --------
    >>> looks_like_head(["UBND TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]), looks_like_head(["TT", "Nhiệm vụ"])
    (True, False)
    """
    return any(_LAYOUT_CELL.search(text) for text in texts)


def is_layout_table(rows: list[list[Cell]]) -> bool:
    """The document's head or signature block laid out as a table."""
    return len(rows) <= 3 and looks_like_head(_cell_text(cell) for row in rows for cell in row)


def layout_table_lines(rows: list[list[Cell]],
                       paragraphs: Callable[[Cell, bool], list[Numbered]]) -> list[Numbered]:
    """The lines a table stands for: a layout table's units one a line, a data table's rows.

    Parameters
    ----------
    rows : list of rows of cells
    paragraphs : callable
        Rebuilds the paragraphs of one cell's lines (the layout stage's own rules).

    Returns
    -------
    list of (line number, text)
    """
    out: list[Numbered] = []
    if is_layout_table(rows):
        for row in rows:
            for cell in row:
                out.extend(paragraphs(cell, True))
        return out
    for row in rows:
        texts = [" ".join(t for _, t in paragraphs(cell, False)).replace("|", "/") for cell in row]
        first = next((cell[0][0] for cell in row if cell), None)
        if first is not None and any(texts):
            out.append((first, " | ".join(texts) + " |"))
    return out
