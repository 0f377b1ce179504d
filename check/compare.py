"""How two citations of documents compare: issuers, dates and numbers.

Used by :mod:`policykg.check.citations` to tell one document cited differently from two documents.
"""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Iterable, Iterator

from policykg.graph.agencies import national_name
from policykg.graph.places import canonical_place, split_locality
from policykg.vietnamese.keys import loose_key

ID = re.compile(r"(?P<num>\d+)(?P<rest>[a-z]?(?:/\d{4})?[-/].+)")
_PARTY = re.compile(r"\b(?:tinh uy|thanh uy|huyen uy|thi uy|quan uy|dang bo|dang uy)\b")
_CENTRAL_ALIASES = {"trung uong": "ban chap hanh trung uong dang"}


def issuer_key(issuer: str | None) -> tuple[str, str | None] | None:
    """What an issuer is, for comparison: (kind of body, place or None).

    Examples
    --------
    >>> issuer_key("Ban Thường vụ Tỉnh ủy Bắc Kạn") == issuer_key("Tỉnh ủy Bắc Kạn")
    True
    >>> issuer_key("Ủy ban nhân dân tỉnh Kon Tum"), issuer_key("Trung ương")
    (('uy ban nhan dan', 'Kon Tum'), ('ban chap hanh trung uong dang', None))
    """
    if not issuer or not issuer.strip():
        return None
    national = national_name(issuer)
    if national is not None:
        return loose_key(national), None
    body, place = split_locality(issuer)
    key = loose_key(body)
    if key in _CENTRAL_ALIASES:
        return _CENTRAL_ALIASES[key], None
    if "ban can su" in key:
        key = "ban can su dang"
    elif _PARTY.search(key):
        key = "cap uy"
    elif "uy ban nhan dan" in key or key.startswith("ubnd"):
        key = "uy ban nhan dan"
    elif "hoi dong nhan dan" in key or key.startswith("hdnd"):
        key = "hoi dong nhan dan"
    return key, canonical_place(place)


def issuers_conflict(a: str | None, b: str | None) -> bool:
    """True when two printed issuers cannot be the same body.

    Examples
    --------
    >>> issuers_conflict("Tỉnh ủy Bắc Kạn", "Ban Thường vụ Tỉnh ủy"), issuers_conflict("Bộ Chính trị", "Ban Bí thư")
    (False, True)
    >>> issuers_conflict("Tỉnh ủy Lai Châu", "Thành ủy Lai Châu"), issuers_conflict(None, "Chính phủ")
    (True, False)
    >>> issuers_conflict("Ban Chấp hành", "Ban Chấp hành Trung ương Đảng khóa XIII")
    False
    """
    ka, kb = issuer_key(a), issuer_key(b)
    if ka is None or kb is None:
        return False
    fa, fb = loose_key(a or ""), loose_key(b or "")
    if fa.startswith(fb) or fb.startswith(fa):
        return False  # one printed short, e.g. cut by a line break ("của Ban Chấp hành")
    return ka[0] != kb[0] or (ka[1] is not None and kb[1] is not None and ka[1] != kb[1])


def dates_conflict(a: str | None, b: str | None) -> bool:
    """True when two ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) cannot be the same day.

    Examples
    --------
    >>> dates_conflict("2024-10-24", "2024"), dates_conflict("2024-10-24", "2024-10-25"), dates_conflict(None, "2020")
    (False, True, False)
    """
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] != b[:n]


def near_numbers(a: str, b: str) -> bool:
    """Two ids of the same symbol whose numbers differ by a small edit.

    One digit changed, added, dropped or two adjacent digits swapped; two such edits when both
    numbers have at least four digits.

    Examples
    --------
    >>> near_numbers("276/KH-TU", "273/KH-TU"), near_numbers("276/KH-TU", "267/KH-TU")
    (True, True)
    >>> near_numbers("142-KH/TU", "105-KH/TU"), near_numbers("276/KH-TU", "273-KH/TU"), near_numbers("29-CT/TW", "42-CT/TW")
    (False, False, False)
    """
    ma, mb = ID.fullmatch(a), ID.fullmatch(b)
    if not ma or not mb or ma["rest"] != mb["rest"] or ma["num"] == mb["num"]:
        return False
    na, nb = ma["num"].lstrip("0") or "0", mb["num"].lstrip("0") or "0"
    limit = 2 if min(len(na), len(nb)) >= 4 else 1
    return _edit_distance(na, nb) <= limit


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps cost one)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def symbol_suffix(doc_id: str) -> str | None:
    """The id without its number ("/KH-TU" of "276/KH-TU"), or None for an id without one.

    Examples
    --------
    >>> symbol_suffix("276/KH-TU"), symbol_suffix("182-KH/TU"), symbol_suffix("Luật Giáo dục 2019")
    ('/KH-TU', '-KH/TU', None)
    """
    m = ID.fullmatch(doc_id)
    return m["rest"] if m else None


def near_pairs(ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs of ids (sorted) with the same symbol and near numbers, compared within each symbol only.

    Examples
    --------
    >>> list(near_pairs(["276/KH-TU", "91-KL/TW", "273/KH-TU", "276/KH-UBND"]))
    [('273/KH-TU', '276/KH-TU')]
    """
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(set(ids)):
        if (suffix := symbol_suffix(doc_id)) is not None:
            by_suffix[suffix].append(doc_id)
    for suffix in sorted(by_suffix):
        for a, b in combinations(by_suffix[suffix], 2):
            if near_numbers(a, b):
                yield a, b
