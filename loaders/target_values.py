"""The numbers a target can state, read out of a piece of text with their units.

A value is a percentage ("98,85%", "85%-90%", "12%/năm"), a rate ("180 sinh viên/vạn dân",
"dưới 4/100.000 trẻ sinh ra còn sống"), a measure ("1.700 ha", "2.989,5 MW", "91.299 tỷ đồng -
97.386 tỷ đồng"), a part of a whole ("5/8 huyện"), a count of a noun ("05 Khu công nghiệp") or a
count in words ("một cơ sở"). Which of them are goals is decided by the caller from the words around
them (:mod:`policykg.loaders.targets`); here they are only found and written the way GUIDE.md
writes them: a comma decimal turned to a point, thousands dots and leading zeros dropped, a range
as "a-b", a comparison sign kept ("> 60").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Bounded on purpose: "\d+(?:[.,]\d+)*" before a "%" that never comes backtracks quadratically on
# a long run of "1.1.1…". A number glued to letters ("3G", "NH4") is no value.
_NUM = r"(?<![\w.,/])\d{1,9}(?:[.,]\d{1,3}){0,4}(?![\w])"
_DASH = r"\s*[-–]\s*"
_SIGN = r"(?P<sign>(?:[><≥≤]=?)\s*)?"
PERCENT = re.compile(
    rf"{_SIGN}(?P<a>{_NUM})(?:\s*%)?(?:{_DASH}(?P<b>{_NUM}))?\s*%(?P<per>/\s*(?:năm|tháng|quý))?")
# Units of measure as printed; a noun after a number that is none of them is what is counted.
UNITS = (r"tỷ đồng|triệu đồng|nghìn đồng|ngàn đồng|tỷ USD|triệu USD|nghìn USD|USD|đồng|km2|km²|km|m2|m²|m3|ha|"
         r"tấn|kg|MW|kWh|kW|GW|lần|lượt người|lượt khách|lượt")
_MEASURE = re.compile(
    rf"{_SIGN}(?P<a>{_NUM})(?:\s*(?:{UNITS}))?(?:{_DASH}(?P<b>{_NUM}))?\s*(?P<unit>{UNITS})(?![\w/])",
    re.IGNORECASE)
# "X/Y" after a number: "sinh viên/vạn dân", "mẫu/năm", "/100.000 trẻ sinh ra còn sống". The words
# after the slash run to a word that starts the rest of the sentence ("vào năm 2025").
_RATE = re.compile(
    rf"{_SIGN}(?P<a>{_NUM})\s*(?P<unit>(?:[^\W\d_]+\s){{0,4}}[^\W\d_]*/\s*(?:\d{{1,3}}(?:\.\d{{3}}){{0,3}}\s*)?"
    r"[^\W\d_]+(?:\s[^\W\d_]+){0,7})")
_RATE_STOP = re.compile(
    r"\s(?:vào|đến|tới|trong|từ|trở|năm|tại|của|và|hoặc|so|đạt|là|có|được|trên|dưới|theo|cho|với|khi|để|mỗi|hằng|hàng)\b.*$",
    re.IGNORECASE)
_FRACTION = re.compile(r"(?<![\w.,/])(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\w.,/])(?=\s+[^\W\d_])")
# A count is a number before a noun; times and ages are no counts ("5 tuổi", "03 tháng"), nor is a
# number before a verb or a preposition ("từ 15 - 60 đạt 98%").
_COUNT = re.compile(
    rf"{_SIGN}(?P<a>{_NUM})(?:{_DASH}(?P<b>{_NUM}))?\s+(?!(?:năm|tháng|ngày|giờ|phút|tuổi|quý|tuần|buổi|đợt|lần|"
    r"tầng|điểm số|giây|đạt|là|có|được|và|hoặc|trở|tới|đến|trên|dưới|của|theo|tại|trong|ngoài|với|về|cho)\b)(?=[^\W\d_])", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}$")
WORD_NUMBERS = {"một": "1", "hai": "2", "ba": "3", "bốn": "4", "sáu": "6", "bảy": "7", "tám": "8", "chín": "9",
                "mười": "10"}
_WORD_COUNT = re.compile(
    r"(?<!\w)(?P<a>một|hai|ba|bốn|sáu|bảy|tám|chín|mười)\s+(?!(?:số|trong|cách|phần|lần|vài|năm|tháng|ngày|"
    r"buổi|nửa|chiều|mặt)\b)(?=[^\W\d_])", re.IGNORECASE)


@dataclass(frozen=True)
class Value:
    """One number of a text: its span (sign included), the form GUIDE.md writes and its unit.

    ``kind`` is ``percent``, ``rate``, ``measure``, ``fraction``, ``count`` or ``word``.
    """

    start: int
    end: int
    value: str
    unit: str | None
    kind: str


def clean_value(raw: str, sign: str | None = None) -> str:
    """A value as GUIDE.md prints it: comma decimal to point, thousands dots and leading zeros
    dropped, a range kept, a comparison sign kept.

    Parameters
    ----------
    raw : str
        The number as printed, or a range of two ("95- 97").
    sign : str, optional
        A comparison sign printed before it (">", "≥").

    Returns
    -------
    str

    Examples
    --------
    >>> clean_value("98,85"), clean_value("1.700"), clean_value("02"), clean_value("95- 97"), clean_value("60", "> ")
    ('98.85', '1700', '2', '95-97', '> 60')
    """
    parts = []
    for num in re.split(r"\s*[-–]\s*", raw.strip()):
        num = re.sub(r"\.(?=\d{3}(?!\d))", "", num).replace(",", ".")
        parts.append(re.sub(r"^0+(?=\d)", "", num))
    value = "-".join(parts)
    return f"{sign.strip()} {value}" if sign and sign.strip() else value


def _cleaned(m: re.Match) -> str:
    raw = m["a"] + (f"-{m['b']}" if m["b"] else "")
    return clean_value(raw, m["sign"])


def _rate_unit(unit: str) -> str:
    return _RATE_STOP.sub("", unit).strip()


def find_values(text: str) -> list[Value]:
    """Every value printed in ``text``, in order, overlapping readings resolved to the longest.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Value

    Examples
    --------
    >>> [(v.value, v.unit, v.kind) for v in find_values("đạt 85%-90%, khoảng 91.299 tỷ đồng - 97.386 tỷ đồng")]
    [('85-90', '%', 'percent'), ('91299-97386', 'tỷ đồng', 'measure')]
    >>> [(v.value, v.unit) for v in find_values("Tỷ lệ tử vong dưới 4/100.000 trẻ sinh ra còn sống vào năm 2025")]
    [('4', '/100.000 trẻ sinh ra còn sống')]
    >>> [(v.value, v.kind) for v in find_values("05/12 khu công nghiệp và 02 cụm có một trạm")]
    [('5/12', 'fraction'), ('2', 'count'), ('1', 'word')]
    """
    found: list[Value] = []
    for m in PERCENT.finditer(text):
        found.append(Value(m.start(), m.end(), _cleaned(m), "%" + (m["per"] or "").replace(" ", ""), "percent"))
    for m in _RATE.finditer(text):
        unit = _rate_unit(m["unit"])
        head = unit.split("/")[0]
        # "4/100.000 trẻ" is a rate per hundred thousand; "5/8 huyện" is a part of a whole.
        if "/" not in unit or (not head and not re.match(r"/\s*(?:1|10)0{2,}|/\s*1(?:\.000)+", unit)):
            continue
        end = m.start("unit") + len(unit)
        found.append(Value(m.start(), end, clean_value(m["a"], m["sign"]), unit, "rate"))
    for m in _MEASURE.finditer(text):
        found.append(Value(m.start(), m.end(), _cleaned(m), m["unit"], "measure"))
    for m in _FRACTION.finditer(text):
        value = f"{clean_value(m['a'])}/{clean_value(m['b'])}"
        found.append(Value(m.start(), m.end(), value, None, "fraction"))
    for m in _COUNT.finditer(text):
        if _YEAR_LIKE.match(m["a"]):
            continue  # "năm 2030 đạt", "2026 - 2030, phấn đấu": years, not counts
        found.append(Value(m.start(), m.end("a") if not m["b"] else m.end("b"), _cleaned(m), None, "count"))
    for m in _WORD_COUNT.finditer(text):
        found.append(Value(m.start(), m.end("a"), WORD_NUMBERS[m["a"].lower()], None, "word"))
    # Longest reading first at each start; a reading inside a longer one is dropped.
    found.sort(key=lambda v: (v.start, -(v.end - v.start)))
    out: list[Value] = []
    for v in found:
        if out and v.start < out[-1].end:
            continue
        out.append(v)
    return out
