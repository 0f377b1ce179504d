"""policykg.check: find what is wrong in a plan before it is signed.

One module per finding family; each finding is a :class:`Finding` (kind, severity, file, line,
quoted text, message).

==========================  ========  =====================================================
kind                        severity  module
==========================  ========  =====================================================
``citation-conflict``       error     :mod:`citations` (one document, two numbers/dates/issuers)
``duplicate-task``          warning   :mod:`duplicates`
``unassigned-task``         warning   :mod:`assignments` (no agency, or collective groups only)
``target-no-year``          info      :mod:`targets`
``target-conflict``         error     :mod:`targets` (one indicator, two values)
``count-mismatch``          warning   :mod:`counts` ("11 chỉ tiêu" over a table of 13)
``deadline-past``           warning   :mod:`deadlines`
``deadline-after-horizon``  warning   :mod:`deadlines`
``not-loaded``              info      :mod:`coverage` (implements a document not loaded)
``coverage-gap``            info      :mod:`coverage` (a task group every other place has)
``shacl``                   error     :mod:`shapes` (SHACL violations of the graph)
``unreadable``              error     a file that could not be read
==========================  ========  =====================================================

:func:`check_files` reads documents (or ``.json`` records) and runs every check, the graph checks
on an in-memory store of the files given; :func:`check_store` runs them over everything loaded in
a store, with the records rebuilt from the graph (checks that need the text are skipped there).

>>> from policykg.check import check_plans
>>> from policykg.check.model import plan_from_text
>>> plan = plan_from_text("KẾ HOẠCH\\nI. NHIỆM VỤ\\n1. Rà soát chính sách y tế.\\n- Thời gian thực hiện: Năm 2020.")
>>> [(f.kind, f.line) for f in check_plans([plan], today=__import__("datetime").date(2025, 1, 1), graph=False)]
[('deadline-past', 3), ('unassigned-task', 3)]
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from policykg.check import assignments, citations, counts, coverage, deadlines, duplicates, shapes, targets
from policykg.check.model import SEVERITIES, Finding, Plan, load_plan, plan_from_text
from policykg.graph.store import GraphStore

__all__ = ["SEVERITIES", "Finding", "Plan", "check_files", "check_plans", "check_store", "has_errors",
           "load_plan", "plan_from_text"]


def plan_findings(plan: Plan, today: dt.date | None = None) -> list[Finding]:
    """Every check that looks at one plan alone.

    Parameters
    ----------
    plan : Plan
    today : datetime.date, optional

    Returns
    -------
    list of Finding
    """
    return [*citations.plan_findings(plan), *duplicates.duplicate_findings(plan),
            *assignments.assignment_findings(plan), *targets.target_findings(plan),
            *counts.count_findings(plan), *deadlines.deadline_findings(plan, today)]


def check_plans(plans: list[Plan], today: dt.date | None = None, *, graph: bool = True,
                shacl: bool = True) -> list[Finding]:
    """Run the checks on plans already read.

    Parameters
    ----------
    plans : list of Plan
    today : datetime.date, optional
        The day deadlines are judged on (default: today).
    graph : bool
        Also build an in-memory graph of the plans for the graph checks (not-loaded, SHACL).
    shacl : bool
        Run the SHACL check (the slowest one) when ``graph`` is on.

    Returns
    -------
    list of Finding
        Sorted by file, line and severity; no finding twice.
    """
    found: list[Finding] = []
    for plan in plans:
        found += plan_findings(plan, today)
    found += citations.cross_plan_findings(plans)
    found += coverage.coverage_findings(plans)
    if graph and plans:
        found += _graph_findings(plans, shacl)
    return _tidy(found)


def _graph_findings(plans: list[Plan], shacl: bool) -> list[Finding]:
    from policykg.graph import build_records, open_store

    store = open_store(":memory:")
    files = {plan.source: plan.file for plan in plans}
    build_records([plan.record for plan in plans], store)
    out = coverage.not_loaded_findings(store, files)
    if shacl:
        out += shapes.shape_findings(store, files)
    return out


def check_files(paths: Iterable[Path | str], today: dt.date | None = None, *, shacl: bool = True,
                max_mb: float | None = None) -> list[Finding]:
    """Check documents: files, or folders searched for every document the loaders read and every
    ``.json`` extraction record.

    Parameters
    ----------
    paths : iterable of Path or str
    today : datetime.date, optional
        The day deadlines are judged on (default: today).
    shacl : bool
        Validate the graph of the files against the SHACL shapes.
    max_mb : float, optional
        Largest document accepted, in megabytes (default that of ``policykg extract``).

    Returns
    -------
    list of Finding
        A file that cannot be read gives one ``unreadable`` error and the others are still checked.

    Examples
    --------
    >>> check_files(["/no/such/plan.txt"])[0].message
    'no such file or folder'
    """
    from policykg.loaders import ReadError
    from policykg.loaders.batch import expand_paths
    from policykg.vietnamese.messages import one_line, printable

    given = [Path(p) for p in paths]
    files, problems = expand_paths(given)
    found = [Finding("unreadable", "error", p.split(": ")[0], None, "", "no such file or folder") for p in problems]
    plans = []
    for path in files:
        try:
            plans.append(load_plan(path, max_mb=max_mb) if max_mb else load_plan(path))
        except (ReadError, OSError, ValueError, UnicodeDecodeError) as exc:
            found.append(Finding("unreadable", "error", printable(path), None, "", one_line(exc, limit=200)))
        except Exception as exc:  # one document that trips the loaders must not stop the others
            found.append(Finding("unreadable", "error", printable(path), None, "", one_line(
                f"extraction failed ({type(exc).__name__}: {exc}); please report this file", limit=200)))
    return _tidy(found + check_plans(plans, today, shacl=shacl))


def check_store(store: GraphStore, today: dt.date | None = None, *, shacl: bool = True) -> list[Finding]:
    """Check everything loaded in a store.

    The records are rebuilt from the graph (:mod:`policykg.check.store`), so every record check
    runs (citations from the lines the graph quotes, duplicates, assignments, targets, deadlines
    with the horizon of the title), plus the graph checks: documents implemented but not loaded,
    citation conflicts across the plans of one place, SHACL. Count mismatches and coverage gaps
    need the text and are skipped.

    Parameters
    ----------
    store : GraphStore
    today : datetime.date, optional
    shacl : bool

    Returns
    -------
    list of Finding

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "place": "Kon Tum",
    ...     "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}, "tasks": [{"text": "Rà soát", "line": 5}]}], store)
    >>> [(f.file, f.line, f.kind) for f in check_store(store)]
    [('a.txt', 5, 'unassigned-task')]
    """
    from policykg.check.store import plans_from_store

    plans = plans_from_store(store)
    found: list[Finding] = []
    for plan in plans:
        found += plan_findings(plan, today)
    found += citations.cross_plan_findings(plans)
    found += coverage.not_loaded_findings(store)
    if shacl:
        found += shapes.shape_findings(store)
    return _tidy(found)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error.

    Examples
    --------
    >>> has_errors([Finding("x", "warning", "a", 1, "", "")]), has_errors([Finding("x", "error", "a", 1, "", "")])
    (False, True)
    """
    return any(f.severity == "error" for f in findings)


def _tidy(findings: list[Finding]) -> list[Finding]:
    return sorted(dict.fromkeys(findings), key=Finding.sort_key)
