"""Dates checked where they are read: an impossible one ("ngày 31 tháng 02 năm 2013", a record's
"2024-13-45") is dropped with a warning naming its line, never stored as an invalid ``xsd:date``.

The warnings are :class:`ImpossibleDate` warnings (the standard ``warnings`` machinery, so the
reading stages need no extra return value); :func:`collecting_dates` gathers them around a call
for the batch and build commands, which print them beside the file's name.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")


class ImpossibleDate(UserWarning):
    """A date that no calendar has; the message names the line (or field) and the date."""


def is_real_date(text: str) -> bool:
    """True for an ISO date, year-month or year that exists (years 1000 to 9999).

    Examples
    --------
    >>> [is_real_date(t) for t in ("2020-11-05", "2024-02-29", "2025-01", "2019")]
    [True, True, True, True]
    >>> [is_real_date(t) for t in ("2013-02-31", "2024-13-45", "2023-02-29", "2025-00", "0000")]
    [False, False, False, False, False]
    """
    m = _ISO.fullmatch(text.strip())
    if not m:
        return False
    year = int(m["y"])
    if year < 1000:
        return False
    try:
        dt.date(year, int(m["m"] or 1), int(m["d"] or 1))
    except ValueError:
        return False
    return True


def looks_iso(text: str) -> bool:
    """True when ``text`` has the shape of an ISO date, year-month or year (real or not).

    Examples
    --------
    >>> looks_iso("2024-13-45"), looks_iso("Quý IV/2025")
    (True, False)
    """
    return bool(_ISO.fullmatch(text.strip()))


def checked(iso: str | None, line: int | None = None, printed: str | None = None) -> str | None:
    """``iso`` if it is a real date, else None with an :class:`ImpossibleDate` warning.

    Parameters
    ----------
    iso : str or None
    line : int, optional
        The line it was read from, named in the warning.
    printed : str, optional
        The date as printed, quoted in the warning.

    Examples
    --------
    >>> checked("2020-11-05")
    '2020-11-05'
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     checked("2013-02-31", 7, "ngày 31 tháng 02 năm 2013")
    >>> str(caught[0].message)
    "line 7: 'ngày 31 tháng 02 năm 2013' is not a real date; dropped"
    """
    if iso is None or is_real_date(iso):
        return iso
    where = f"line {line}: " if line is not None else ""
    warnings.warn(ImpossibleDate(f"{where}'{printed or iso}' is not a real date; dropped"), stacklevel=2)
    return None


def drop_impossible_dates(record: dict) -> list[str]:
    """Remove the impossible dates of a record (its document's, its references'), in place.

    Text that is not ISO-shaped is left as it is (it is stored as plain text, never as a date).

    Returns
    -------
    list of str
        One warning per date dropped, naming the reference's line when the record has it.

    Examples
    --------
    >>> rec = {"document": {"date": "2024-13-45"},
    ...        "references": [{"id": "12/NQ-CP", "date": "2013-02-31", "line": 4}, {"date": "2013-02-28"}]}
    >>> drop_impossible_dates(rec)
    ["document.date '2024-13-45' is not a real date; dropped", "line 4: the date '2013-02-31' of 12/NQ-CP is not a real date; dropped"]
    >>> rec["document"]["date"], rec["references"][0]["date"], rec["references"][1]["date"]
    (None, None, '2013-02-28')
    """
    found: list[str] = []
    doc = record.get("document")
    if isinstance(doc, dict) and _impossible(doc.get("date")):
        found.append(f"document.date '{doc['date']}' is not a real date; dropped")
        doc["date"] = None
    for n, ref in enumerate(record.get("references") or []):
        if isinstance(ref, dict) and _impossible(ref.get("date")):
            line = ref.get("line")
            where = f"line {line}: " if isinstance(line, int) else f"references[{n}]: "
            found.append(f"{where}the date '{ref['date']}' of {ref.get('id') or 'a reference'} "
                         "is not a real date; dropped")
            ref["date"] = None
    return found


def _impossible(value: Any) -> bool:
    return isinstance(value, str) and looks_iso(value) and not is_real_date(value)


def collecting_dates(function: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, list[str]]:
    """Call ``function`` and gather the :class:`ImpossibleDate` warnings it gives; any other
    warning passes on as usual.

    Examples
    --------
    >>> collecting_dates(checked, "2013-02-31", 3)
    (None, ["line 3: '2013-02-31' is not a real date; dropped"])
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ImpossibleDate)
        result = function(*args, **kwargs)
    dates = [str(w.message) for w in caught if issubclass(w.category, ImpossibleDate)]
    for w in caught:
        if not issubclass(w.category, ImpossibleDate):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result, dates
