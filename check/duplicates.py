"""Duplicated tasks: the same task, with the same assignment, written twice in one plan.

Two tasks are duplicates when their first words (the record's ``text``) are the same once case,
punctuation and numbering are set aside, their lead, support and implementing agencies and their
deadline are the same, and their full printed text (the whole paragraph or table row, row number
left out) is at least 90% alike. Whole texts are compared, never shared phrases, so tasks that
merely share "các sở, ban, ngành" or an agency's name are not duplicates.

A table (an appendix, mostly) that restates the body's tasks is how plans are written, so a table
row and a paragraph are not compared with each other; two rows, or two paragraphs, are.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from policykg.check.model import Finding, Plan, quote
from policykg.vietnamese.keys import exact_key

KIND = "duplicate-task"
SIMILARITY = 0.9
_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.?|[a-zđ]\))\s*\|\s*")
_MARKER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\s*[).]|[-–+•·●▪*])\s*")


def normalise_text(text: str | None) -> str:
    """The exact key (:func:`policykg.vietnamese.keys.exact_key`) without list numbering: the form
    tasks are compared in.

    Examples
    --------
    >>> normalise_text("7 | Tham mưu triển khai Đề án; | Sở Y tế |") == normalise_text("8 | Tham mưu triển khai đề án | Sở Y tế")
    True
    >>> normalise_text("a) Rà soát, sắp xếp.")
    'rà soát sắp xếp'
    """
    text = _ROW_NUMBER.sub("", text or "")
    text = _MARKER.sub("", text)
    return exact_key(text)


def assignment(task: dict) -> tuple:
    """Who does a task and by when, as a comparable value.

    Examples
    --------
    >>> assignment({"lead": ["Sở Y tế"], "support": [], "deadline": "Năm 2026"}) == \\
    ...     assignment({"lead": ["sở y tế"], "implement": [], "deadline": "năm 2026."})
    True
    """
    def names(role: str) -> frozenset[str]:
        return frozenset(normalise_text(n) for n in task.get(role) or [])

    return names("lead"), names("support"), names("implement"), normalise_text(task.get("deadline"))


def is_row(task: dict) -> bool:
    """Whether a task was read from a table row (its source text joins the row's cells with " | ")."""
    return " | " in (task.get("source_text") or "")


def _describe(task: dict) -> str:
    parts = []
    for role, label in (("lead", "lead"), ("support", "support"), ("implement", "implement")):
        if task.get(role):
            parts.append(f"{label}: {'; '.join(task[role])}")
    if task.get("deadline"):
        parts.append(f"deadline: {task['deadline']}")
    return " | ".join(parts) or "no agency, no deadline"


def duplicate_findings(plan: Plan) -> list[Finding]:
    """Tasks of a plan that repeat an earlier task and its assignment.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    list of Finding
        Severity ``warning``, one per repeat, at the repeat's line, naming the first one.

    Examples
    --------
    >>> from policykg.check.model import Plan
    >>> t = lambda n, line: {"text": "Tham mưu triển khai Đề án phát triển giáo dục mầm non", "lead": ["Sở Giáo dục và Đào tạo"],
    ...                      "deadline": "Năm 2026", "line": line,
    ...                      "source_text": f"{n} | Tham mưu triển khai Đề án phát triển giáo dục mầm non | Sở Giáo dục và Đào tạo | Năm 2026"}
    >>> [(f.line, f.severity) for f in duplicate_findings(Plan("p.txt", {"tasks": [t(7, 20), t(8, 21)]}))]
    [(21, 'warning')]
    """
    firsts: dict[tuple, list[dict]] = {}
    out = []
    for task in plan.record.get("tasks") or []:
        key = (normalise_text(task.get("text")), assignment(task))
        if not key[0]:
            continue
        full = normalise_text(task.get("source_text") or task.get("text"))
        match = None
        for earlier in firsts.get(key, []):
            if earlier.get("line") is not None and earlier.get("line") == task.get("line"):
                continue
            if is_row(earlier) != is_row(task):
                continue
            other = normalise_text(earlier.get("source_text") or earlier.get("text"))
            if full == other or SequenceMatcher(None, full, other, autojunk=False).ratio() >= SIMILARITY:
                match = earlier
                break
        if match is None:
            firsts.setdefault(key, []).append(task)
            continue
        out.append(Finding(KIND, "warning", plan.file, task.get("line"),
                           quote(task.get("source_text") or task.get("text")),
                           f"the same task and assignment as line {match.get('line')} ({_describe(task)})"))
    return out
