"""Deadlines already past, and deadlines after the plan's own horizon.

A task's deadline (as printed: "Năm 2025", "Quý IV/2026", "trước ngày 20/12/2025", "2022",
"tháng 6/2026") is read as the last day it allows, by the loaders' deadline rules
(:func:`policykg.loaders.deadlines.deadline_end`, built on the due years the graph stores). When
that day is before ``today`` the deadline is past (``warning``). Recurring deadlines ("hằng năm",
"định kỳ", "các năm tiếp theo"), ongoing ones ("Thường xuyên") and a day with no year ("trước ngày
05 tháng 12") are not judged.

The plan's horizon is the latest year its title, opening and goal headings aim at ("đến năm 2030",
"giai đoạn 2026 - 2030", "tầm nhìn đến năm 2045"); dates of cited documents do not count. A
deadline year after it is a ``warning``.
"""
from __future__ import annotations

import datetime as dt
import re

from policykg.check.model import Finding, Plan, quote
from policykg.loaders.deadlines import YEAR, deadline_end

KIND_PAST = "deadline-past"
KIND_HORIZON = "deadline-after-horizon"
# The plan's aims, not its deadlines: these are read from the title and goals, never from a task.
_HORIZON = re.compile(rf"(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?(?P<a>{YEAR})"
                      rf"|giai đoạn\s+{YEAR}\s*[-–]\s*(?P<b>{YEAR})"
                      rf"|(?:tầm nhìn|định hướng)\s+(?:đến\s+)?(?:năm\s+)?(?P<c>{YEAR})"
                      rf"|năm học\s+{YEAR}\s*[-–]\s*(?P<d>{YEAR})",
                      re.IGNORECASE)


def horizon_years(text: str | None) -> list[int]:
    """Years a piece of text aims at ("đến năm 2030", "giai đoạn 2026-2030").

    Examples
    --------
    >>> horizon_years("Kế hoạch phát triển giáo dục giai đoạn 2026 - 2030, tầm nhìn đến năm 2045")
    [2030, 2045]
    >>> horizon_years("Thực hiện Quyết định số 628/QĐ-TTg ngày 11/5/2020")
    []
    """
    return [int(next(g for g in m.groups() if g)) for m in _HORIZON.finditer(text or "")]


def plan_horizon(plan: Plan) -> int | None:
    """The latest year a plan aims at, from its title, opening and goal headings; None if unsaid.

    Examples
    --------
    >>> from policykg.check.model import plan_from_text
    >>> plan_horizon(plan_from_text("KẾ HOẠCH\\nPhát triển giáo dục giai đoạn 2026 - 2030\\nI. MỤC TIÊU\\n1. Mục tiêu đến năm 2030"))
    2030
    """
    from policykg.loaders.tasks import section_type

    texts = [plan.document.get("title") or ""]
    if plan.head is not None:
        texts += [l.text for l in plan.head.title_lines + plan.head.opening if not l.text.strip().startswith("Căn cứ")]
    if plan.outline is not None:
        texts += [n.text for n in plan.outline.root.walk()
                  if n.is_heading and len(n.text.split()) <= 20 and section_type(n) == "goal"]
    years = [y for t in texts for y in horizon_years(t)]
    return max(years) if years else None


def deadline_findings(plan: Plan, today: dt.date | None = None) -> list[Finding]:
    """Past deadlines and deadlines after the plan's horizon.

    Parameters
    ----------
    plan : Plan
    today : datetime.date, optional
        The day deadlines are judged on; defaults to today.

    Returns
    -------
    list of Finding
        Severity ``warning``.

    Examples
    --------
    >>> from policykg.check.model import Plan
    >>> rec = {"document": {"title": "Thực hiện Đề án đến năm 2025"},
    ...        "tasks": [{"text": "Rà soát", "deadline": "Năm 2024", "line": 5}, {"text": "Tổng kết", "deadline": "Năm 2027", "line": 6}]}
    >>> [(f.kind, f.line) for f in deadline_findings(Plan("p.txt", rec), dt.date(2025, 3, 1))]
    [('deadline-past', 5), ('deadline-after-horizon', 6)]
    """
    today = today or dt.date.today()
    horizon = plan_horizon(plan)
    out = []
    for task in plan.record.get("tasks") or []:
        deadline = task.get("deadline")
        end = deadline_end(deadline)
        if end is None:
            continue
        text = quote(task.get("source_text") or task.get("text"))
        if end < today:
            out.append(Finding(KIND_PAST, "warning", plan.file, task.get("line"), text,
                               f"deadline '{deadline}' ended {end.isoformat()}, before {today.isoformat()}"))
        if horizon is not None and end.year > horizon:
            out.append(Finding(KIND_HORIZON, "warning", plan.file, task.get("line"), text,
                               f"deadline '{deadline}' is after the plan's horizon ({horizon})"))
    return out
