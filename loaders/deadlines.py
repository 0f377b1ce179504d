"""Deadlines: the years a printed deadline falls due.

A task's deadline is kept as printed ("Quý IV/2025", "Giai đoạn 2026 - 2030", "hằng năm"); these
rules turn it into due years once, when the graph is built (``pkg:dueYear``, ``pkg:recurs``,
``pkg:recursFrom``), so "what falls due in 2026" is a SPARQL filter, not text matching.
"""
from __future__ import annotations

import re

from policykg.loaders.normalise import nfc

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")
_EVERY_YEAR = re.compile(r"\b(?:hằng|hàng) năm\b|\bmỗi năm\b")
_ONWARDS = re.compile(r"\bcác năm tiếp theo\b|\btrở đi\b")


def due_years(deadline: str | None) -> tuple[frozenset[int], int | None]:
    """The years a deadline falls due: named years, and the first year of a recurring one.

    Rules: every year a deadline names ("Năm 2026", "Quý IV/2025", "trước 30/6/2026") is a due
    year; a period "2026 - 2030" falls due in its last year; "hằng năm"/"hàng năm"/"mỗi năm"
    falls due every year, and "2024 và các năm tiếp theo" every year from 2024. "Thường xuyên"
    (ongoing) and text without a year fall due in no particular year.

    Parameters
    ----------
    deadline : str or None
        The deadline as printed.

    Returns
    -------
    (frozenset of int, int or None)
        The named due years, and the year from which it falls due every year
        (``0`` for every year, ``None`` if it does not recur).

    Examples
    --------
    >>> due_years("Quý IV/2025")
    (frozenset({2025}), None)
    >>> due_years("Giai đoạn 2026 - 2030")
    (frozenset({2030}), None)
    >>> due_years("trước ngày 20 tháng 12 hằng năm")
    (frozenset(), 0)
    >>> due_years("Năm 2024 và các năm tiếp theo")
    (frozenset({2024}), 2024)
    >>> due_years("Thường xuyên")
    (frozenset(), None)
    """
    if not deadline:
        return frozenset(), None
    text = nfc(deadline).lower()
    years: set[int] = set()
    for start, end in _RANGE.findall(text):
        years.add(int(end))
    text_wo_ranges = _RANGE.sub(" ", text)
    years.update(int(y) for y in _YEAR.findall(text_wo_ranges))
    recurring: int | None = None
    if _EVERY_YEAR.search(text):
        recurring = 0
    elif _ONWARDS.search(text) and years:
        recurring = min(years)
    return frozenset(years), recurring


def falls_due(deadline: str | None, year: int) -> bool:
    """True if a task with this deadline falls due in ``year`` (see :func:`due_years`).

    Examples
    --------
    >>> [falls_due(d, 2026) for d in ("Năm 2026", "2025", "hằng năm", "2024 và các năm tiếp theo", None)]
    [True, False, True, True, False]
    """
    years, recurring = due_years(deadline)
    return year in years or (recurring is not None and year >= recurring)
