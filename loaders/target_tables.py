"""Indicator tables: a row per indicator, a column per year, one target per year cell.

The header names the columns: the indicator ("Chỉ tiêu", "Nội dung"), its unit ("Đơn vị tính",
"ĐVT") and the years ("Năm 2026", "Đến năm 2030", "Kế hoạch 2027"). A column of the current year's
plan or estimate ("Năm hiện hành 2025", "Ước thực hiện", "ƯTH năm 2025") reports where things stand
and gives no target; it may be split under its header into two sub-columns ("Kế hoạch | Ước thực
hiện"), so a row with more numbers than year columns is read from its right end. A row under a
group row ("1 | Cà phê |" then "- | Diện tích | Ha | …") names its indicator "Cà phê: Diện tích".
A row whose year cells hold words ("Hoàn thành") while its indicator names a value ("(100% số
huyện)") gives that value for the last year column; a table of indicator sentences with no year
columns (an appendix restating the goals, "TT | Chỉ tiêu | Chủ trì") is read sentence by sentence.
"""
from __future__ import annotations

import re
from typing import Callable

from policykg.loaders.outline import Node, Row
from policykg.loaders.target_values import clean_value

_NUM = r"\d{1,9}(?:[.,]\d{1,3}){0,4}"
_CELL_VALUE = re.compile(rf"\s*(?P<sign>[><≥≤]=?\s*)?(?P<num>{_NUM}(?:\s*[-–]\s*{_NUM})?)\s*%?\s*")
_STT = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.?)$")
_SUB = re.compile(r"^[-–+*]\s*")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}")
_CURRENT = re.compile(r"hiện hành|ước|ƯTH|UTH|thực hiện|\bTH\b|đánh giá", re.IGNORECASE)
_TEXT_HEAD = re.compile(r"chỉ tiêu|mục tiêu|nội dung|sản phẩm|danh mục", re.IGNORECASE)
_UNIT_HEAD = re.compile(r"đơn vị tính|\bđvt\b", re.IGNORECASE)
_COST_HEAD = re.compile(r"đơn giá|thành tiền|dự toán|kinh phí", re.IGNORECASE)
_FILLER = {"", "-", "–", "x", "X", "..."}

ReadCell = Callable[..., list[dict]]


def cell_value(cell: str) -> str | None:
    """The value a table cell holds, or None.

    Examples
    --------
    >>> cell_value("1.700"), cell_value("> 97"), cell_value("95- 97"), cell_value("Hoàn thành")
    ('1700', '> 97', '95-97', None)
    """
    m = _CELL_VALUE.fullmatch(cell)
    return clean_value(m["num"], m["sign"]) if m else None


def _years(header: list[str]) -> list[tuple[int, bool]]:
    """(year, is a current-year column) of each year column, in order; period headers skipped."""
    out = []
    for cell in header:
        found = _YEAR.findall(cell)
        if len(found) == 1 and not _RANGE.search(cell):
            out.append((int(found[0]), bool(_CURRENT.search(cell))))
    return out


def _text_index(cells: list[str]) -> int | None:
    start = 1 if cells and (_STT.match(cells[0]) or _SUB.fullmatch(cells[0] + " ") or not cells[0]) else 0
    return next((i for i in range(start, len(cells)) if re.search(r"[^\W\d_]", cells[i])
                 and cell_value(cells[i]) is None), None)


def _value_run(cells: list[str]) -> list[str]:
    run = []
    for cell in cells:
        if cell_value(cell) is None and cell not in _FILLER and len(cell.split()) > 3:
            break
        run.append(cell)
    return run


def table_targets(table: Node, heading_year: int | None, read_cell: ReadCell) -> list[dict]:
    """Targets of one indicator table.

    Parameters
    ----------
    table : Node
        A ``table`` node of the outline.
    heading_year : int, optional
        The year the heading above gives (for a table with a single target column).
    read_cell : callable
        Reads targets out of a sentence (:func:`policykg.loaders.targets.targets_in`).

    Returns
    -------
    list of dict

    Examples
    --------
    >>> from policykg.loaders.targets import targets_in
    >>> rows = [Row(1, ["STT", "Chỉ tiêu", "ĐVT", "Năm hiện hành 2025", "Năm 2026", "Năm 2027"]),
    ...         Row(2, ["Kế hoạch", "Ước thực hiện"]), Row(3, ["1", "Vốn đầu tư", "Tỷ đồng", "70", "72", "80", "90"])]
    >>> [(t["value"], t["year"]) for t in table_targets(Node("table", rows=rows), None, targets_in)]
    [('80', 2026), ('90', 2027)]
    """
    rows = table.rows
    first = next((i for i, r in enumerate(rows) if r.cells and _STT.match(r.cells[0]) and _text_index(r.cells)
                  is not None), None)
    if first is None:
        return []
    header = [c for r in rows[:first] for c in r.cells]
    years = _years(header)
    named_unit = any(_UNIT_HEAD.search(c) for c in header)
    if not (years or named_unit) and not any(re.search(r"chỉ tiêu|mục tiêu", c, re.IGNORECASE) for c in header):
        return []
    if not any(_TEXT_HEAD.search(c) for c in header) and not years:
        return []
    if any(_COST_HEAD.search(c) for c in header):
        return []  # a cost estimate (đơn giá, thành tiền): money to spend, not goals
    out: list[dict] = []
    group = ""
    for row in rows[first:]:
        out.extend(_row_targets(row, years, named_unit, heading_year, read_cell, group))
        cells = row.cells
        if cells and _STT.match(cells[0]) and (i := _text_index(cells)) is not None:
            group = cells[i]
    return out


def _row_targets(row: Row, years: list[tuple[int, bool]], named_unit: bool, heading_year: int | None,
                 read_cell: ReadCell, group: str) -> list[dict]:
    cells = row.cells
    text_i = _text_index(cells)
    if text_i is None:
        return []
    text = _SUB.sub("", cells[text_i])
    if group and (not cells[0] or _SUB.match(cells[0] + " ") or _SUB.match(cells[text_i])):
        text = f"{group}: {text}"  # a sub-row of the group row above it
    rest = cells[text_i + 1:]
    unit = None
    if rest and cell_value(rest[0]) is None and rest[0] not in _FILLER and (named_unit or len(rest[0]) <= 15):
        unit, rest = rest[0], rest[1:]
    run = _value_run(rest)
    # Cells past the year columns that hold no number (an agency column, blanks) are no values.
    while len(run) > max(len(years), 1) and cell_value(run[-1]) is None:
        run.pop()
    if len(run) > len(years) and years:
        run = run[len(run) - len(years):]  # a current-year column split in two: read from the right
    source = " | ".join(cells)
    found = []
    for k, raw in enumerate(run):
        value = cell_value(raw)
        if value is None or (years and k >= len(years)) or (years and years[k][1]):
            continue
        year = years[k][0] if years else heading_year
        found.append({"text": text, "value": value, "unit": unit or None, "year": year})
    if not found and not any(cell_value(c) for c in run):
        # Year cells in words ("Hoàn thành"), or an indicator sentence: the value is in the text.
        last = next((y for y, current in reversed(years) if not current), heading_year)
        found = [dict(t, text=text if years else t["text"]) for t in
                 read_cell(cells[text_i], heading_year=last, goal_section=True)]
    for t in found:
        t["line"], t["source_text"] = row.line, source
    return found
