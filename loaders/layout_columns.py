"""Tables laid out in columns by a PDF tool (``pdftotext -layout``): put back in row order.

Such a tool prints a table as text columns padded with spaces: each cell's words wrap inside its
column, so one row spans several lines and the cells of a row come interleaved line by line. The
columns can be told apart by the header row, whose labels (STT, Nhiệm vụ, Chủ trì, Phối hợp,
Thời gian ...) stand at the left edge of each column. Every later fragment belongs to the column
it starts in; a new row starts where the first column holds a row number. The table ends at a
line that crosses the columns (a paragraph or a section heading).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

Numbered = tuple[int, str]

_GAP = re.compile(r"\S(?:\S| (?! ))*")  # runs of text separated by two or more spaces
_LABEL = re.compile(r"^(?:STT|TT|Số TT|Nội dung|Nhiệm vụ|Tên nhiệm vụ|Sản phẩm|Đơn vị|Cơ quan|Chủ trì|"
                    r"Phối hợp|Thời gian|Thời hạn|Chỉ tiêu|Năm\b|Kết quả|Ghi chú|Kinh phí|Nguồn|Lộ trình)",
                    re.IGNORECASE)
_FIRST_LABEL = re.compile(r"^(?:STT|TT|Số TT)$", re.IGNORECASE)
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.?|[a-zđ]\))$")
# A section or item heading printed after the table, off its first column.
_HEADING = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)[.)\-]\s+\S")
_SLACK = 3


def chunks(text: str) -> list[tuple[int, str]]:
    """The runs of a line that two or more spaces separate, with their start columns.

    Examples
    --------
    >>> chunks("1    Rà soát văn bản   Sở Tư pháp")
    [(0, '1'), (5, 'Rà soát văn bản'), (23, 'Sở Tư pháp')]
    """
    text = text.replace("\t", "    ")
    return [(m.start(), m.group(0)) for m in _GAP.finditer(text)]


def _header(text: str) -> list[int] | None:
    found = chunks(text)
    if len(found) < 3 or not _FIRST_LABEL.match(found[0][1]):
        return None
    if sum(1 for _, t in found if _LABEL.match(t)) < 0.6 * len(found):
        return None
    return [start for start, _ in found]


def _column(start: int, cols: list[int]) -> int:
    return max((k for k, c in enumerate(cols) if c <= start + _SLACK), default=0)


def _crosses(start: int, text: str, cols: list[int]) -> bool:
    """A run that reaches well into the next column is running text, not a cell."""
    k = _column(start, cols)
    return k + 1 < len(cols) and start + len(text) > cols[k + 1] + _SLACK


def read_column_table(lines: Sequence[Numbered], start: int) -> tuple[list[Numbered], int] | None:
    """Read the column-laid table whose header row is ``lines[start]``.

    Returns
    -------
    (rows, end) or None
        ``cell | cell | … |`` rows, each numbered by its first line, and the index after the
        table; None when ``lines[start]`` is no table header.

    Examples
    --------
    >>> text = ["STT  Nhiệm vụ             Chủ trì     Thời gian",
    ...         "1    Rà soát các văn bản   Sở Tư       Quý IV",
    ...         "     quy phạm              pháp        năm 2026",
    ...         "2    Tập huấn              Sở Nội vụ   2027",
    ...         "Các sở, ngành tổ chức thực hiện nghiêm túc Kế hoạch này."]
    >>> rows, end = read_column_table(list(enumerate(text, 1)), 0)
    >>> [t for _, t in rows], end
    (['STT | Nhiệm vụ | Chủ trì | Thời gian |', '1 | Rà soát các văn bản quy phạm | Sở Tư pháp | Quý IV năm 2026 |', \
'2 | Tập huấn | Sở Nội vụ | 2027 |'], 4)
    """
    cols = _header(lines[start][1])
    if cols is None:
        return None
    rows: list[tuple[int, list[list[str]]]] = [(lines[start][0], [[t] for _, t in chunks(lines[start][1])])]
    i = start + 1
    while i < len(lines):
        no, text = lines[i]
        if not text.strip():
            i += 1
            continue
        found = chunks(text)
        if any(_crosses(s, t, cols) for s, t in found) or (_HEADING.match(found[0][1]) and _column(found[0][0], cols)):
            break
        first = found[0]
        if _column(first[0], cols) == 0 and _ROW_NUMBER.match(first[1]):
            rows.append((no, [[] for _ in cols]))
        for s, t in found:
            rows[-1][1][_column(s, cols)].append(t)
        i += 1
    if len(rows) < 2:
        return None
    out = [(no, " | ".join(" ".join(cell) for cell in cells) + " |") for no, cells in rows]
    return out, i
