"""Deadlines: the time that governs a task, as printed, and the years it falls due.

Every Vietnamese deadline rule lives here, once: :func:`deadline_of` reads a task's deadline from
its words and its trailer; :func:`due_years` turns the printed deadline ("Quý IV/2025", "Giai đoạn
2026 - 2030", "hằng năm") into due years when the graph is built (``pkg:dueYear``, ``pkg:recurs``,
``pkg:recursFrom``), so "what falls due in 2026" is a SPARQL filter, not text matching.
"""
from __future__ import annotations

import re

from policykg.loaders.normalise import nfc

_DEADLINE_DATE = re.compile(
    r"trước ngày\s+\d{1,2}(?:\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"
    r"(?:\s+(?:hằng|hàng)\s+năm)?", re.IGNORECASE)
_DEADLINE_PERIODIC = re.compile(r"định kỳ\s+(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần)", re.IGNORECASE)
_DEADLINE_LEADING = re.compile(
    r"^(?:Thường xuyên|Hằng năm|Hàng năm|Hằng quý|Hàng quý|Định kỳ (?:trong|hằng|hàng) (?:năm|quý|tháng)|Phấn đấu đến năm \d{4}|Đến năm \d{4}|"
    r"Trong năm \d{4}|Năm \d{4}|Quý [IV]+(?:/|\s+năm\s+)\d{4})\b", re.IGNORECASE)
_COMPLETE_BY = re.compile(
    r"(?:hoàn thành|thực hiện xong|xong)\s+(?:trong|trước|vào|chậm nhất)\s+(?:(?:Quý|quý)\s+[IV]+(?:/|\s+năm\s+)\d{4}"
    r"|năm\s+\d{4}|tháng\s+\d{1,2}(?:/|\s+năm\s+)\d{4})")
_INLINE_TIME = re.compile(r"Thời (?:gian|hạn)(?: thực hiện| hoàn thành)?\s*:\s*(?P<t>[^.;()]{2,60})", re.IGNORECASE)
# "(thực hiện hằng năm)" closing an item governs its action.
_PAREN_RECURRING = re.compile(r"\((?:thực hiện\s+|triển khai\s+)?(?P<t>(?:định kỳ\s+)?(?:hằng|hàng) năm|thường xuyên)\)",
                              re.IGNORECASE)
_AFTER_APPROVAL = re.compile(r"sau khi được [^.;,]{3,60}?(?:phê duyệt|ban hành)(?=\s*\.?\s*$)", re.IGNORECASE)
_FREQUENT_END = re.compile(r"\b(thường xuyên|hằng năm|hàng năm)\s*\.?$", re.IGNORECASE)


def deadline_of(text: str, trailer: str | None = None) -> str | None:
    """The time that governs an item, as printed, or None.

    Examples
    --------
    >>> deadline_of("Định kỳ hằng năm ((trước ngày 20 tháng 12)) tổng hợp báo cáo")
    'trước ngày 20 tháng 12'
    >>> deadline_of("Thường xuyên lắng nghe, phản ánh"), deadline_of("bố trí ngân sách hằng năm cho")
    ('Thường xuyên', None)
    """
    if m := _DEADLINE_DATE.search(text):
        return m.group(0)
    if trailer:
        return trailer
    if m := _INLINE_TIME.search(text):
        return m.group("t").strip()
    if m := _COMPLETE_BY.search(text):
        return m.group(0)
    if m := _PAREN_RECURRING.search(text):
        return m.group("t")
    if m := _DEADLINE_PERIODIC.search(text):
        return m.group(0)
    if m := _DEADLINE_LEADING.match(text.strip()):
        return m.group(0)
    if m := _AFTER_APPROVAL.search(text):
        return m.group(0)
    return None


def frequency_at_end(text: str) -> str | None:
    """A frequency closing an assignment line ("Cơ quan thực hiện: Sở X, thường xuyên"), or None.

    Examples
    --------
    >>> frequency_at_end("Sở Tư pháp thực hiện hằng năm."), frequency_at_end("Sở Tư pháp")
    ('hằng năm', None)
    """
    m = _FREQUENT_END.search(text)
    return m.group(1) if m else None

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
