"""Findings as the ``policykg check`` command prints them: a table, JSON, and a summary line."""
from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from policykg.check.model import SEVERITIES, Finding

_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def at_least(findings: Iterable[Finding], severity: str) -> list[Finding]:
    """The findings of ``severity`` or worse (``info`` keeps all, ``error`` keeps errors).

    Examples
    --------
    >>> fs = [Finding("a", "info", "f", 1, "", ""), Finding("b", "error", "f", 2, "", "")]
    >>> [f.kind for f in at_least(fs, "warning")]
    ['b']
    """
    return [f for f in findings if _RANK.get(f.severity, 9) <= _RANK[severity]]


def format_table(findings: list[Finding]) -> str:
    """One row per finding (severity, file:line, kind, message), the quoted text below it.

    Examples
    --------
    >>> print(format_table([Finding("duplicate-task", "warning", "kh.txt", 12, "Rà soát", "same as line 9")]))
    warning  kh.txt:12  duplicate-task  same as line 9
             “Rà soát”
    """
    if not findings:
        return "no findings"
    where = [f"{f.file}:{f.line}" if f.line is not None else f.file or "-" for f in findings]
    w_sev = max(len(f.severity) for f in findings)
    w_where = max(len(w) for w in where)
    w_kind = max(len(f.kind) for f in findings)
    rows = []
    for f, place in zip(findings, where):
        rows.append(f"{f.severity:<{w_sev}}  {place:<{w_where}}  {f.kind:<{w_kind}}  {f.message}")
        if f.text:
            rows.append(f"{'':<{w_sev}}  “{f.text}”")
    return "\n".join(rows)


def to_json(findings: list[Finding]) -> str:
    """The findings as a JSON array of objects (kind, severity, file, line, text, message).

    Examples
    --------
    >>> to_json([Finding("shacl", "error", "a.txt", None, "", "m")])
    '[\\n  {\\n    "kind": "shacl",\\n    "severity": "error",\\n    "file": "a.txt",\\n    "line": null,\\n    "text": "",\\n    "message": "m"\\n  }\\n]'
    """
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)


def summary(findings: list[Finding]) -> str:
    """One line: how many findings of each severity, in how many files.

    Examples
    --------
    >>> summary([Finding("a", "error", "x", 1, "", ""), Finding("b", "info", "y", 1, "", "")])
    '1 error, 0 warnings, 1 info in 2 files'
    """
    counts = Counter(f.severity for f in findings)
    files = len({f.file for f in findings if f.file})
    return (f"{counts['error']} error{'s' if counts['error'] != 1 else ''}, "
            f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, {counts['info']} info "
            f"in {files} file{'s' if files != 1 else ''}")
