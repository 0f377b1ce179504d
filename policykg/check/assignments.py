"""Tasks nobody in particular is responsible for.

A task with no lead, support or implementing agency at all, or one whose agencies are only
collective groups ("Các sở, ban, ngành", "Các địa phương", "Các cơ quan, đơn vị liên quan"), leaves
no one accountable. A level of government named as a whole ("Ủy ban nhân dân cấp huyện", "Phòng
Giáo dục và Đào tạo cấp huyện") is a definite body in each district and counts as named.
"""
from __future__ import annotations

from policykg.check.model import Finding, Plan, quote
from policykg.graph.text import fold_key

KIND = "unassigned-task"
ROLES = ("lead", "support", "implement")


def is_collective(name: str) -> bool:
    """True for a collective group that names no one in particular.

    Examples
    --------
    >>> is_collective("Các sở, ban, ngành"), is_collective("Ủy ban nhân dân cấp huyện"), is_collective("Sở Y tế")
    (True, False, False)
    """
    return fold_key(name).startswith("cac ")


def assignment_findings(plan: Plan) -> list[Finding]:
    """Tasks with no agency, or with collective groups only.

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
    ...          {"text": "Kiểm tra", "lead": ["Sở Y tế"], "support": ["Các địa phương"], "line": 7}]
    >>> [(f.line, f.message) for f in assignment_findings(Plan("p.txt", {"tasks": tasks}))]
    [(5, 'task with no agency responsible'), (6, 'task assigned only to collective groups (Các sở, ban, ngành), no named agency')]
    """
    out = []
    for task in plan.record.get("tasks") or []:
        names = [n for role in ROLES for n in task.get(role) or []]
        where = task.get("line")
        text = quote(task.get("source_text") or task.get("text"))
        if not names:
            out.append(Finding(KIND, "warning", plan.file, where, text, "task with no agency responsible"))
        elif all(is_collective(n) for n in names):
            groups = ", ".join(dict.fromkeys(names))
            out.append(Finding(KIND, "warning", plan.file, where, text,
                               f"task assigned only to collective groups ({groups}), no named agency"))
    return out
