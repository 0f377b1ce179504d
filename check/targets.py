"""Targets without a year, and one indicator given two values in one plan.

A target whose text gives no year ("tỷ lệ … đạt 95%" with no "đến năm …") cannot be checked
later: ``info``. The same indicator (same words, at least four of them, case and punctuation set
aside), for the same year and unit, stated with two different values is a contradiction:
``error``, reported at the later statement.
"""
from __future__ import annotations

import re

from policykg.check.duplicates import normalise_text
from policykg.check.model import Finding, Plan, quote

KIND_NO_YEAR = "target-no-year"
KIND_CONFLICT = "target-conflict"
MIN_WORDS = 4


def same_value(a: str | None, b: str | None) -> bool:
    """Whether two printed target values say the same ("95" and "95.0"; "95-97" and "95 - 97").

    Examples
    --------
    >>> same_value("95", "95.0"), same_value("95-97", "95 - 97"), same_value("> 60", "60")
    (True, True, False)
    """
    def parts(v: str | None) -> tuple:
        text = re.sub(r"\s+", "", str(v or ""))
        out: list[float | str] = []
        for piece in re.split(r"([-–/><≥≤])", text):
            try:
                out.append(float(piece))
            except ValueError:
                out.append(piece)
        return tuple(p for p in out if p != "")

    return parts(a) == parts(b)


def _show(target: dict) -> str:
    unit = target.get("unit") or ""
    sep = "" if unit in ("%", "") else " "
    return f"{target.get('value')}{sep}{unit}"


def target_findings(plan: Plan) -> list[Finding]:
    """Targets without a year and conflicting values of one indicator.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    list of Finding

    Examples
    --------
    >>> from policykg.check.model import Plan
    >>> t = lambda v, y, line: {"text": "Tỷ lệ trường mầm non đạt chuẩn quốc gia", "value": v, "unit": "%", "year": y, "line": line}
    >>> [(f.kind, f.line) for f in target_findings(Plan("p.txt", {"targets": [t("60", 2030, 5), t("65", 2030, 9), t("70", None, 12)]}))]
    [('target-conflict', 9), ('target-no-year', 12)]
    """
    out = []
    stated: dict[tuple, dict] = {}
    for target in plan.record.get("targets") or []:
        text = quote(target.get("source_text") or target.get("text"))
        where = target.get("line")
        if target.get("year") is None:
            out.append(Finding(KIND_NO_YEAR, "info", plan.file, where, text,
                               f"target '{target.get('text')}' ({_show(target)}) has no year"))
            continue
        indicator = normalise_text(target.get("text"))
        if len(indicator.split()) < MIN_WORDS:
            continue
        key = (indicator, target.get("year"), normalise_text(target.get("unit")))
        first = stated.setdefault(key, target)
        if first is not target and not same_value(first.get("value"), target.get("value")):
            out.append(Finding(KIND_CONFLICT, "error", plan.file, where, text,
                               f"'{target.get('text')}' for {target.get('year')} is {_show(target)} here but "
                               f"{_show(first)} at line {first.get('line')}"))
    return out
