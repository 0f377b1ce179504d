"""A count stated in the text that disagrees with the list it announces.

"Kế hoạch gồm 5 nhiệm vụ sau:" over four items, or "thực hiện 11 chỉ tiêu" in a plan whose
indicator table has 13 rows. A count phrase is a number (digits, or "hai" … "mười" after a verb
such as "gồm", "có", "thực hiện") followed by a noun that names list items: nhiệm vụ, giải pháp,
chỉ tiêu, mục tiêu, nội dung, đề án, chương trình, hoạt động, lĩnh vực (optionally "nhóm …").

The list it announces is, in order:

1. what follows the phrase when it ends its line with ":" or "(như) sau": the items under its
   heading, or the items or table right after its paragraph;
2. for "chỉ tiêu" / "mục tiêu" otherwise: the plan's indicator table, when it has exactly one
   (a table whose header names "Chỉ tiêu" or "Mục tiêu").

A phrase that counts another document's items ("8 nhóm nhiệm vụ của Kết luận số 91-KL/TW") is
left alone. A table's count is its numbered rows; with nested numbering (1, 1.1, 1.2, 2 …) the
top rows, the innermost rows and all rows are each accepted.
"""
from __future__ import annotations

import re

from policykg.check.model import Finding, Plan, quote
from policykg.loaders.citations import find_citations
from policykg.loaders.outline import Node

KIND = "count-mismatch"
_WORD_NUMBERS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_NOUN = (r"(?:nhóm\s+)?(?:nhiệm vụ|giải pháp|chỉ tiêu|mục tiêu|nội dung|đề án|chương trình|hoạt động"
         r"|lĩnh vực)")
_CUE = r"(?:gồm|bao gồm|có|thực hiện|triển khai|hoàn thành|đạt|với|xác định|đề ra|tập trung)"
_COUNT = re.compile(
    rf"(?:\b(?P<cue>{_CUE})\s+)?(?:(?<![\w/.,%])(?P<d>\d{{1,3}})|\b(?P<w>{'|'.join(_WORD_NUMBERS)}))"
    rf"\s+(?P<noun>{_NOUN})\b", re.IGNORECASE)
_ANNOUNCES = re.compile(r"^[^.;]{0,80}?:\s*$|^[^.;:]{0,80}?\b(?:như\s+)?sau(?:\s+đây)?\s*[.:]?\s*$", re.IGNORECASE)
_ELSEWHERE = re.compile(r"^[^.;:]{0,60}?\b(?:của|tại|theo|trong)\s*$", re.IGNORECASE)
_STT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
_INDICATOR_HEADER = re.compile(r"chỉ tiêu|mục tiêu", re.IGNORECASE)


def numbered_rows(table: Node) -> list[str]:
    """The row numbers (STT cells) of a table's data rows.

    Examples
    --------
    >>> from policykg.loaders.outline import Row
    >>> numbered_rows(Node("table", rows=[Row(1, ["STT", "Chỉ tiêu"]), Row(2, ["1.", "a"]), Row(3, ["1.1", "b"])]))
    ['1', '1.1']
    """
    out = []
    for row in table.rows:
        if row.cells and (m := _STT.match(row.cells[0].strip())):
            out.append(m.group(1))
    return out


def table_counts(table: Node) -> set[int]:
    """The counts a table can be said to hold: all numbered rows, its top rows, its innermost rows.

    Examples
    --------
    >>> from policykg.loaders.outline import Row
    >>> sorted(table_counts(Node("table", rows=[Row(1, ["1"]), Row(2, ["1.1"]), Row(3, ["1.2"]), Row(4, ["2"])])))
    [2, 4]
    """
    numbers = numbered_rows(table)
    if not numbers:
        return set()
    depths = [n.count(".") for n in numbers]
    return {len(numbers), depths.count(min(depths)), depths.count(max(depths))}


def _list_after(node: Node) -> tuple[set[int], str, int] | None:
    """Counts of the list right under or after a node: (counts, what, line)."""
    kids = [c for c in node.children if c.kind in ("item", "bullet", "table")]
    if not kids and node.parent is not None:
        siblings = node.parent.children
        at = next(i for i, c in enumerate(siblings) if c is node)
        kids = []
        for c in siblings[at + 1:]:
            if c.kind == "para" and not kids:
                continue
            if c.kind not in ("item", "bullet", "table") or (kids and c.kind != kids[0].kind):
                break
            kids.append(c)
            if c.kind == "table":
                break
    if not kids:
        return None
    if kids[0].kind == "table":
        counts = table_counts(kids[0])
        return (counts, "table rows", kids[0].line) if counts else None
    same = [k for k in kids if k.kind == kids[0].kind and k.rank == kids[0].rank]
    return {len(same)}, "items", kids[0].line


def _indicator_tables(plan: Plan) -> list[Node]:
    out: list[Node] = []
    if plan.outline is None:
        return out
    for table in plan.outline.tables():
        numbers = numbered_rows(table)
        if not numbers:
            continue
        first = next(i for i, r in enumerate(table.rows) if r.cells and _STT.match(r.cells[0].strip()))
        header = " ".join(c for r in table.rows[:first] for c in r.cells)
        if _INDICATOR_HEADER.search(header):
            out.append(table)
    return out


def count_findings(plan: Plan) -> list[Finding]:
    """Counts that disagree with the list they announce (plans with an outline only).

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    list of Finding
        Severity ``warning``.

    Examples
    --------
    >>> from policykg.check.model import plan_from_text
    >>> p = plan_from_text("KẾ HOẠCH\\nI. NHIỆM VỤ\\n1. Kế hoạch gồm 3 nhiệm vụ sau:\\na) Rà soát.\\nb) Kiểm tra.")
    >>> [(f.line, f.message) for f in count_findings(p)]
    [(3, 'the text announces 3 nhiệm vụ but 2 items follow (line 4)')]
    """
    if plan.outline is None:
        return []
    out = []
    indicator_tables = None
    for node in plan.outline.root.walk():
        if node.kind in ("root", "table", "appendix") or not node.text:
            continue
        for m in _COUNT.finditer(node.text):
            if m["w"] and not m["cue"]:
                continue  # "năm", "ba" … are numbers only after a verb that counts
            stated = int(m["d"]) if m["d"] else _WORD_NUMBERS[m["w"].lower()]
            rest = node.text[m.end():]
            if stated < 2 or _counts_elsewhere(rest):
                continue
            noun = m["noun"].lower()
            found = _list_after(node) if _ANNOUNCES.match(rest) else None
            if found is None and re.search(r"chỉ tiêu|mục tiêu", noun):
                if indicator_tables is None:
                    indicator_tables = _indicator_tables(plan)
                if len(indicator_tables) == 1:
                    table = indicator_tables[0]
                    found = table_counts(table), "indicator table rows", table.line
            if found is None or stated in found[0]:
                continue
            counts, what, line = found
            actual = max(counts)
            if line > node.line:
                message = f"the text announces {stated} {noun} but {actual} {what} follow (line {line})"
            else:
                message = (f"the text announces {stated} {noun} but the table at line {line} has {actual} "
                           f"{what.replace('table ', '')}")
            out.append(Finding(KIND, "warning", plan.file, node.line, quote(node.text, around=m.span()), message))
    return out


def _counts_elsewhere(rest: str) -> bool:
    """The count is of another document's items: "… của Kết luận số 91-KL/TW"."""
    cites = find_citations(rest[:200])
    return bool(cites) and bool(_ELSEWHERE.match(rest[:cites[0].start]))
