"""Tasks given as rows of a table (Chủ trì / Phối hợp / Thời gian / Sản phẩm columns, group rows,
a two-row header), and the printed number path by which officials cite a task ("II.1.3",
"Phụ lục II, dòng 12").
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policykg.loaders.deadlines import time_value
from policykg.loaders.outline import Node, Row
from policykg.loaders.roles import Roles
from policykg.loaders.task_heads import first_words

if TYPE_CHECKING:
    from policykg.loaders.tasks import _Ctx

_TASK_COLUMN = re.compile(r"nhiệm vụ|nội dung|tên|công việc|đề án|hoạt động", re.IGNORECASE)


def item_label(markers: list[str]) -> str:
    """A printed number path from the markers of an item and its headings, outermost first.

    Sub-numbers already carry their parents ("1.2" under "1."), bullets add nothing one can cite.

    Examples
    --------
    >>> item_label(["II", "1", "1.2", "a"]), item_label(["III", "2", "-"]), item_label(["Điều 2"])
    ('II.1.2.a', 'III.2', 'Điều 2')
    """
    parts: list[str] = []
    for marker in markers:
        if marker in "-–+•·●▪○◦*" or not marker:
            continue
        if parts and marker.startswith(parts[-1] + "."):
            parts[-1] = marker
        else:
            parts.append(marker)
    return ".".join(parts)


def row_label(title: str, number: str, line: int) -> str:
    """A table row as officials cite it: the table's title and the row's number ("Phụ lục I, dòng 3").

    Examples
    --------
    >>> row_label("Phụ lục I", "3", 40), row_label("", "", 40)
    ('Phụ lục I, dòng 3', 'bảng, dòng 40')
    """
    where = title or "bảng"
    return f"{where}, dòng {number}" if number else f"{where}, dòng {line}"


def _table_title(table: Node, ctx: _Ctx) -> str:
    """How a table is cited: its appendix's title ("PHỤ LỤC I"), else its heading's number path."""
    appendix = next((a for a in table.ancestors() if a.kind == "appendix"), None)
    if appendix is not None:
        m = re.match(r"(?:PHỤ LỤC|Phụ lục)\s*(?:số\s*)?(?P<n>[IVX]+|\d+)?\b", appendix.text)
        return f"Phụ lục {m['n']}" if m and m["n"] else "Phụ lục"
    return ctx.label(table.parent.line) if table.parent is not None and table.parent.line else ""


def table_tasks(table: Node, ctx: _Ctx) -> None:
    """The tasks of one table whose header names a task column and an agency or time column."""
    rows = table.rows
    title = _table_title(table, ctx)
    header_at = next((i for i, r in enumerate(rows)
                      if any(re.search(r"chủ trì|thực hiện|phụ trách", c.lower()) for c in r.cells)
                      and any(_TASK_COLUMN.search(c) for c in r.cells)), None)
    if header_at is None:
        return
    header = [c.lower() for c in rows[header_at].cells]
    below = rows[header_at + 1].cells if header_at + 1 < len(rows) else []
    if len(below) < len(header):  # a leading empty cell read as the row's border
        below = [""] * (len(header) - len(below)) + below
    if any(re.search(r"chủ trì|phối hợp", c, re.IGNORECASE) for c in below) and not (below and below[0].strip()):
        # A two-row header: "Cơ quan thực hiện" spans "Chủ trì | Phối hợp" on the row below.
        header = [b.lower() if b.strip() else h for h, b in zip(header + [""] * len(below), below)] \
            + header[len(below):]
        header_at += 1

    def col(pattern: str, exclude: str | None = None) -> int | None:
        for i, c in enumerate(header):
            if re.search(pattern, c) and not (exclude and re.search(exclude, c)):
                return i
        return None

    lead_c = col(r"chủ trì|phụ trách")
    support_c = col(r"phối hợp")
    implement_c = col(r"thực hiện", r"thời|chủ trì|phối hợp|nội dung|nhiệm vụ") if lead_c is None else None
    time_c = col(r"thời gian|thời hạn|tiến độ|hoàn thành")
    text_c = col(_TASK_COLUMN.pattern, r"chủ trì|phối hợp|thời|sản phẩm")
    if text_c is None:
        return
    for row in rows[header_at + 1:]:
        _row_task(row, text_c, lead_c, support_c, time_c, implement_c, ctx, title)


def _row_task(row: Row, text_c: int, lead_c: int | None, support_c: int | None, time_c: int | None,
              implement_c: int | None, ctx: _Ctx, table_title: str = "") -> None:
    cells = row.cells

    def cell(i: int | None) -> str:
        return cells[i].strip() if i is not None and i < len(cells) else ""

    text = cell(text_c)
    assigned = cell(lead_c) or cell(support_c) or cell(implement_c) or cell(time_c)
    group_row = bool(cells) and re.fullmatch(r"[IVX]+\.?|[A-ZĐ]\.?", cells[0].strip() or "-")
    if not text or (not assigned and (text.isupper() or group_row)):
        return  # a row that heads a group of tasks
    lead = [m.name for m in ctx.gazetteer.read_list(cell(lead_c))[0]]
    support = [m.name for m in ctx.gazetteer.read_list(cell(support_c))[0]]
    implement = [m.name for m in ctx.gazetteer.read_list(cell(implement_c))[0]]
    roles = Roles(lead, support, implement).tidy()
    ctx.tasks.append({
        "text": first_words(text),
        "lead": roles.lead,
        "support": roles.support,
        "implement": roles.implement,
        "deadline": time_value(cell(time_c)),
        "refs": ctx.cite(text, ()),
        "line": row.line,
        "source_text": " | ".join(cells),
        "label": row_label(table_title, cells[0].strip() if cells else "", row.line),
    })
