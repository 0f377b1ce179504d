"""Tasks nobody in particular is responsible for.

A task with no lead, support or implementing agency at all, or one whose agencies are only
collective groups ("Các sở, ban, ngành", "Các địa phương", "Các cơ quan, đơn vị liên quan"), leaves
no one accountable. A level of government named as a whole ("Ủy ban nhân dân cấp huyện", "Phòng
Giáo dục và Đào tạo cấp huyện") is a definite body in each district and counts as named.
"""
from __future__ import annotations

import bisect

from policykg.check.model import Finding, Plan, quote
from policykg.vietnamese.keys import loose_key

KIND = "unassigned-task"
ROLES = ("lead", "support", "implement")


def is_collective(name: str) -> bool:
    """True for a collective group that names no one in particular.

    Examples
    --------
    >>> is_collective("Các sở, ban, ngành"), is_collective("Ủy ban nhân dân cấp huyện"), is_collective("Sở Y tế")
    (True, False, False)
    """
    return loose_key(name).startswith("cac ")


def _sections(plan: Plan) -> list[tuple[int, str]]:
    """The plan's section headings in order (a Roman heading, else a top-level numbered one), as
    (line, title); empty when the plan's outline is not at hand."""
    if plan.outline is None:
        return []
    return [(node.line, f"{node.marker}. {node.text}" if node.marker else node.text)
            for node in plan.outline.root.walk()
            if node.line and (node.kind == "section" or (node.kind == "item" and node.parent is plan.outline.root))]


def _section_of(sections: list[tuple[int, str]], line: int | None) -> tuple[int | None, str]:
    """The section heading a line sits under, found by bisection (a plan has thousands of tasks)."""
    if line is None:
        return None, ""
    at = bisect.bisect_right(sections, (line, "\uffff")) - 1
    return sections[at] if at >= 0 else (None, "")


def _names_an_agency(text: str) -> bool:
    """Whether the task's own words name a body: then no agency read is a reading miss, not the
    plan's silence, and the plan is not blamed for it."""
    from policykg.loaders.agencies import Gazetteer  # here: the loaders are only needed for this check

    return any(m.kind != "group" for mentions, _, _ in Gazetteer.default().find_lists(text) for m in mentions)


def assignment_findings(plan: Plan) -> list[Finding]:
    """Tasks with no agency, one finding per section, and tasks with collective groups only.

    A task whose own words name an agency is not reported as unassigned (the reading missed it,
    the plan did not); the unassigned ones of a section are reported together, with their lines.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    list of Finding
        Severity ``warning``.

    Examples
    --------
    >>> from policykg.check.model import Plan
    >>> tasks = [{"text": "Rà soát", "line": 5}, {"text": "Tuyên truyền", "implement": ["Các sở, ban, ngành"], "line": 6},
    ...          {"text": "Kiểm tra", "lead": ["Sở Y tế"], "support": ["Các địa phương"], "line": 7},
    ...          {"text": "Tập huấn", "line": 8}]
    >>> [(f.line, f.message) for f in assignment_findings(Plan("p.txt", {"tasks": tasks}))]
    [(5, '2 tasks with no agency responsible (lines 5, 8)'), \
(6, 'task assigned only to collective groups (Các sở, ban, ngành), no named agency')]
    """
    out = []
    sections = _sections(plan)
    unassigned: dict[int | None, list[dict]] = {}
    titles: dict[int | None, str] = {}
    for task in plan.record.get("tasks") or []:
        names = [n for role in ROLES for n in task.get(role) or []]
        where = task.get("line")
        text = quote(task.get("source_text") or task.get("text"))
        if not names:
            if not _names_an_agency(task.get("source_text") or task.get("text") or ""):
                section, title = _section_of(sections, where)
                unassigned.setdefault(section, []).append(task)
                titles[section] = title
        elif all(is_collective(n) for n in names):
            groups = ", ".join(dict.fromkeys(names))
            out.append(Finding(KIND, "warning", plan.file, where, text,
                               f"task assigned only to collective groups ({groups}), no named agency"))
    for section, tasks in unassigned.items():
        lines = [t.get("line") for t in tasks]
        first = tasks[0]
        if len(tasks) == 1:
            message = "task with no agency responsible"
        else:
            shown = ", ".join(str(n) for n in lines[:12]) + (", …" if len(lines) > 12 else "")
            message = f"{len(tasks)} tasks with no agency responsible (lines {shown})"
        quoted = quote(titles[section]) if titles[section] and len(tasks) > 1 \
            else quote(first.get("source_text") or first.get("text"))
        out.append(Finding(KIND, "warning", plan.file, lines[0], quoted, message))
    return sorted(out, key=lambda f: f.line or 0)
