"""Deadlines: the time that governs a task, as printed, and the years it falls due.

Every Vietnamese deadline rule lives here, once: :func:`deadline_of` reads a task's deadline from
its words and its trailer or table cell (:func:`time_value`); :func:`due_years` turns the printed
deadline ("Quý IV/2025", "Giai đoạn 2026 - 2030", "hằng năm") into due years when the graph is built
(``pkg:dueYear``, ``pkg:recurs``, ``pkg:recursFrom``), so "what falls due in 2026" is a SPARQL
filter, not text matching.

GUIDE.md decides what counts: a time that governs the item's main action, as printed. A time that
only describes a noun ("kế hoạch … hằng năm", "chi thường xuyên", "chế độ báo cáo hằng ngày"), a
bare "định kỳ" and the plan's own horizon are not deadlines. Every pattern is a regular expression
compiled at import with no nested repetition, so reading an item is linear in its length.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from policykg.vietnamese.tones import nfc_modern

_I = re.IGNORECASE
_Y = r"(?:19|20)\d\d"
# A year as plans print it, for the rules other rooms read around deadlines (a plan's horizon).
YEAR = _Y
# A recurrence: "hằng năm", "hàng quý", "mỗi tháng", "hằng ngày".
_EVERY = r"(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng|tuần|ngày)"
_QUARTER = rf"Qu[ýí]\s+(?:IV|I{{1,3}}|[1-4])\s*(?:/|-|\s+năm\s+)\s*{_Y}"
_MONTH = rf"tháng\s+\d{{1,2}}\s*(?:/|-|\s+năm\s+)\s*{_Y}"
# A day with its month: "15/12", "15/12/2026", "15 tháng 12", "01 tháng 01 năm 2026".
_DM = rf"\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*{_Y})?|\d{{1,2}}\s+tháng\s+\d{{1,2}}(?:\s+năm\s+{_Y})?"
_CLOCK = r"\d{1,2}\s*(?:h|giờ)(?:\s*\d\d)?\s*['’]?"
# "(trước ngày 15 tháng 12)" after a period: the period's own due day.
_PAREN_TIME = r"\s*\((?:trước|chậm nhất|từ|vào|trong)\b[^()]{1,60}\)"

# 1. A labelled time inside the item: "Thời gian thực hiện: Quý IV/2026", "thời hạn hoàn thành: …";
# with no colon the value must open with a time word ("Thời gian thực hiện sau khi … ban hành",
# "thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026"). "trong thời gian …" is a period (rule 8).
_TIME_WORD = r"(?:sau khi|khi|trước|từ|đến|trong|vào|năm|quý|quí|tháng|hằng|hàng|thường xuyên|định kỳ|ngày|\d)"
_OPENS_WITH_TIME = re.compile(rf"{_TIME_WORD}\b|chậm nhất|hoàn thành|thực hiện|triển khai|theo\b", _I)
_LABEL = re.compile(
    r"(?<!trong )\bthời\s+(?:gian|hạn)(?:\s+[^\W\d]+){0,3}?"
    rf"(?:\s*:\s*(?P<t>(?:[^.;()]|\([^()]*\))+)|\s+(?P<u>{_TIME_WORD}\b(?:[^.;()]|\([^()]*\))+))", _I)
# 2. A day to act by, as many days as listed, and its recurrence: "trước ngày 01/6 và 15/11 hằng năm",
# "chậm nhất ngày 17 tháng 12", "trước ngày 20 hằng tháng", "trước 30/6/2026", "trước 19h00’ hằng ngày".
_BY_DAY = re.compile(
    r"(?:trước|chậm nhất(?:\s+(?:là|vào))?|muộn nhất|không muộn hơn)\s+"
    rf"(?:ngày\s+(?:{_DM}|\d{{1,2}})(?:\s*(?:,|và|hoặc)\s*(?:ngày\s+)?(?:{_DM}))*"
    rf"|\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*{_Y})?|{_CLOCK}(?:\s*(?:,|và)\s*{_CLOCK})*)"
    rf"(?:\s+{_EVERY})?", _I)
# A span of days or months the work takes: "(từ ngày 15/11 đến ngày 15/12)", "từ tháng 3 đến tháng 11 hằng
# năm", "từ tháng 10/2025 đến khi kết thúc kiểm kê".
_POINT = rf"(?:ngày\s+(?:{_DM})|tháng\s+\d{{1,2}}(?:\s*/\s*{_Y}|\s+năm\s+{_Y})?|năm\s+{_Y}|{_QUARTER})"
_SPAN = re.compile(rf"từ\s+{_POINT}\s+(?:đến|tới)\s+(?:hết\s+)?(?:{_POINT}(?:\s+{_EVERY})?|khi\s+[^.;,()]+)", _I)
# 3. A period to finish in: "hoàn thành trong Quý II/2026", "xong trước năm 2027", "hoàn thành trong tháng 6/2026".
_COMPLETE_BY = re.compile(
    r"(?:hoàn thành|thực hiện xong|xong)\s+(?:trong|trước|vào|chậm nhất(?:\s+(?:trong|vào))?)\s+"
    rf"(?:{_QUARTER}|năm\s+{_Y}|{_MONTH})", _I)
# 4. "Định kỳ" with its periods, each perhaps with its day: "Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ",
# "Định kỳ hằng năm (trước ngày 15 tháng 12)", "định kỳ hằng năm hoặc đột xuất". A bare "định kỳ" is none.
# "sơ kết, tổng kết" after "định kỳ" are the work ("Định kỳ sơ kết, tổng kết …": bare định kỳ); in a list
# of periods they name one only with its day ("…, tổng kết năm (trước ngày 20/11 hằng năm)").
_PERIOD = (rf"(?:{_EVERY}|\d+\s+tháng|trong\s+(?:năm|quý|tháng)|(?:giữa|cuối)\s+nhiệm kỳ|(?:đầu|giữa|cuối)\s+năm)"
           rf"(?:{_PAREN_TIME})?")
_PERIODIC = re.compile(rf"định kỳ\s+{_PERIOD}"
                       rf"(?:\s*(?:,|và|hoặc)\s*(?:{_PERIOD}|(?:sơ kết|tổng kết)(?:\s+năm)?{_PAREN_TIME}))*"
                       r"(?:\s+hoặc\s+đột xuất)?", _I)
# 5. A time opening the item governs its main action: "Thường xuyên rà soát …", "Hằng năm, xây dựng …",
# "Năm 2026 tổ chức …", "Quý IV/2025 hoàn thành …".
_LEADING = re.compile(
    rf"^(?:(?:Thực hiện\s+)?Thường xuyên|{_EVERY}(?:\s+hoặc\s+đột xuất)?(?:{_PAREN_TIME})?"
    rf"|(?:Phấn đấu\s+)?Đến\s+(?:hết\s+)?năm\s+{_Y}|Trong\s+năm\s+{_Y}|Năm\s+{_Y}(?:\s*[-–]\s*{_Y})?"
    rf"|{_QUARTER})(?!\w)", _I)
# 6. A recurrence in brackets closing the work: "(thực hiện hằng năm)", "(thường xuyên)".
_PAREN_RECURRING = re.compile(
    rf"\((?:thực hiện\s+|triển khai\s+)?(?P<t>(?:định kỳ\s+)?{_EVERY}|thường xuyên)\)", _I)
# 7. The recurrence of a report clause: "Hằng năm báo cáo …", "…, báo cáo UBND tỉnh kết quả hằng năm",
# "và báo cáo hằng ngày". A report that is a noun ("chế độ báo cáo hằng ngày", "trong báo cáo … hằng
# năm") does not open a clause, and a plan noun before the recurrence ("kế hoạch hằng năm") keeps it.
_REPORT_EVERY = re.compile(
    rf"(?:^|(?<=[.;:,])\s*)(?P<t>{_EVERY}(?:\s+hoặc\s+đột xuất)?),?\s+(?:(?:tổng hợp|gửi),?\s+)?báo cáo\b"
    rf"|(?:^|[.;:,]\s*|\svà\s+)(?:(?:tổng hợp|gửi),?\s+)?báo cáo\b[^.;,:]*?"
    rf"(?<!kế hoạch)(?<!dự toán)(?<!ngân sách)(?<!chương trình)\s(?P<u>{_EVERY}(?:\s+hoặc\s+đột xuất)?)\b", _I)
# 8. A condition or period closing the item's first sentence: "… sau khi nước rút", "trong 24-48 giờ
# sau khi …", "trong thời hạn 10 ngày kể từ ngày nhận …", "trong thời gian diễn ra …", "trước, trong và
# sau …", "khi Bộ … có văn bản triển khai", "khi có hướng dẫn …", "khi Luật được ban hành". Other
# "khi" clauses ("khi cần thiết", "khi có yêu cầu") only qualify a sub-action.
_AUTHORITY = (r"(?:Chính phủ|Thủ tướng|Quốc hội|Trung ương|(?:các\s+)?Bộ|cấp trên|Ủy ban nhân dân|UBND"
              r"|Tỉnh ủy|Thành ủy|Hội đồng nhân dân|HĐND|cơ quan có thẩm quyền)")
_ISSUED = r"(?:ban hành|có văn bản|có hướng dẫn|hướng dẫn|phê duyệt|thông qua)"
# The pattern finds where the condition opens; it runs to the end of the sentence. Bounded windows
# ("khi" … "ban hành" within 120 characters) keep a failed try short, so the search stays linear.
_CONDITION = re.compile(
    r"(?:(?:trong(?:\s+vòng)?|chậm nhất|ngay)\s+"
    r"(?:\d+(?:\s*[-–]\s*\d+)?\s+(?:giờ|ngày(?:\s+làm việc)?|tuần|tháng)\s+)?)?(?:sau khi|ngay khi|kể từ khi)\s+\S"
    r"|trong(?:\s+vòng|\s+thời hạn)\s+\d+\s+(?:giờ|ngày(?:\s+làm việc)?|tuần|tháng)\s+(?:kể từ|sau|từ)\b"
    r"|(?:trong\s+thời\s+gian\s+)?trước,\s*trong\s+và\s+sau\b"
    r"|trong\s+thời\s+gian\s+(?!tới|qua|vừa qua|gần đây|sớm nhất|ngắn nhất|nhanh nhất|nhất định|quy định)\S"
    rf"|(?<!trước )(?<!trong )\bkhi\s+(?:có\s+(?:văn bản|hướng dẫn|quy định|quyết định|chỉ đạo)"
    rf"|{_AUTHORITY}\b.{{0,120}}?\s{_ISSUED}|.{{0,80}}?\sđược\s+(?:.{{0,40}}?\s)?(?:ban hành|phê duyệt|thông qua))\b",
    _I)
_SENTENCE_END = re.compile(r"[.;](?=\s|$)")
# A purpose or manner clause after the condition: the condition does not close the sentence.
_PURPOSE_AFTER = re.compile(r",\s*(?:bảo đảm|đảm bảo|nhằm|để|góp phần|đáp ứng|phù hợp|kịp thời|tránh|không để)\b", _I)
# A frequency closing an assignment line; "chi thường xuyên" is recurrent spending, not a time.
_FREQUENT_END = re.compile(r"(?<!chi )\b(thường xuyên|hằng năm|hàng năm)\s*\.?$", _I)
_EMPTY_VALUE = re.compile(r"^[\s\-–—…./x]*$", _I)
# How long, not by when: "01 ngày/hội nghị", "02 buổi".
_DURATION = re.compile(r"^\s*\d+\s*(?:giờ|ngày|buổi|tuần)(?:\s*/\s*[^\W\d]+(?:\s+[^\W\d]+)?)?\s*\.?\s*$", _I)
# "báo cáo … hằng quý được lưu trữ": a report that is the subject of a passive verb is a noun.
_PASSIVE_AFTER = re.compile(r"^[^.;]*?\bđược\b", _I)


def deadline_of(text: str, trailer: str | None = None) -> str | None:
    """The time that governs an item, as printed, or None.

    Rules, first that applies: the item's own labelled time ("Thời gian thực hiện: …"), then its
    trailer's (a trailer may cover a whole group, the label names this item's time); a period
    opening with its day in brackets ("Định kỳ hằng năm (trước ngày 15 tháng 12)"); the first of a day
    to act by, a span of days or months, "hoàn thành trong …"; "(thực hiện hằng năm)"; "định kỳ" with
    its periods; a time opening the item; the recurrence of a report clause; a condition or period
    closing the first sentence.

    Parameters
    ----------
    text : str
        The item's words.
    trailer : str, optional
        The time its trailer or table cell gives, already read by :func:`time_value`.

    Examples
    --------
    >>> deadline_of("Định kỳ hằng năm (trước ngày 15 tháng 12) báo cáo kết quả về Sở Nội vụ")
    'Định kỳ hằng năm (trước ngày 15 tháng 12)'
    >>> deadline_of("Rà soát quy định; định kỳ trước ngày 01/6 và 15/11 hằng năm báo cáo Sở Tư pháp")
    'trước ngày 01/6 và 15/11 hằng năm'
    >>> deadline_of("Thường xuyên lắng nghe, phản ánh"), deadline_of("bố trí ngân sách hằng năm cho")
    ('Thường xuyên', None)
    >>> deadline_of("Xây dựng quy chế phối hợp khi các Bộ có văn bản hướng dẫn.")
    'khi các Bộ có văn bản hướng dẫn'
    """
    if m := _LABEL.search(text):
        value = time_value(m.group("t") or m.group("u"))
        if value and not _OPENS_WITH_TIME.match(value):
            # "Thời gian trình: Hồ sơ … gửi Sở Nội vụ trước ngày 31/3/2026 …": the time inside the slot's sentence
            return deadline_of(value) or value
        return value
    if trailer:
        return trailer
    for m in (_PERIODIC.search(text), _LEADING.match(text.strip())):
        if m and "(" in m.group(0):
            return m.group(0)
    # A time inside the item: the first printed, nearest the main action.
    found = [m for m in (_BY_DAY.search(text), _SPAN.search(text), _COMPLETE_BY.search(text)) if m]
    if found:
        return min(found, key=lambda m: m.start()).group(0)
    if m := _PAREN_RECURRING.search(text):
        return m.group("t")
    if m := _PERIODIC.search(text):
        return m.group(0)
    if m := _LEADING.match(text.strip()):
        return m.group(0)
    if (m := _REPORT_EVERY.search(text)) and not _PASSIVE_AFTER.match(text[m.end():]):
        return m.group("t") or m.group("u")
    return _condition(text)


def _condition(text: str) -> str | None:
    """A condition or period closing the item's first sentence, when some work comes before it."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    m = _CONDITION.search(first)
    if not m or not first[:m.start()].rsplit(":", 1)[-1].strip() or _PURPOSE_AFTER.search(first, m.start()):
        return None  # "(…:) Sau khi …, X làm Y" opens the clause: the work is its second half, not a time
    return first[m.start():].strip()


def time_value(text: str | None) -> str | None:
    """The time a trailer line or a table's time column gives, as printed, or None.

    Spaces are joined, the closing full stop dropped; an empty or placeholder cell ("-", "…") and a
    duration ("01 ngày/hội nghị": how long, not by when) are None.

    Examples
    --------
    >>> time_value(" Quý IV/2025 -  Quý II/2026. "), time_value("Hoàn thành trong năm 2025;"), time_value(" - ")
    ('Quý IV/2025 - Quý II/2026', 'Hoàn thành trong năm 2025', None)
    """
    if text is None or _EMPTY_VALUE.match(text) or _DURATION.match(text):
        return None
    return re.sub(r"\s+", " ", text).strip().rstrip(".;,").strip() or None


def frequency_at_end(text: str) -> str | None:
    """A frequency closing an assignment line ("Cơ quan thực hiện: Sở X, thường xuyên"), or None.

    Examples
    --------
    >>> frequency_at_end("Sở Tư pháp thực hiện hằng năm."), frequency_at_end("bố trí kinh phí chi thường xuyên")
    ('hằng năm', None)
    """
    m = _FREQUENT_END.search(text)
    return m.group(1) if m else None


# Due years. A range ("2026 - 2030", "Quý IV/2025 - Quý II/2026", "Tháng 11 - 12/2025", "từ … đến …")
# falls due at its end; a deadline that follows another schedule or waits for an event ("Theo tiến độ
# …", "Sau khi Nghị định … 2025 ban hành") names years of documents, not due years.
_YEAR = re.compile(rf"(?<!\d)({_Y})(?!\d)")
_RANGE_SEP = re.compile(r"\s[-–—]\s|(?<=\d)\s*[-–—]\s*(?=\d)|\bđến(?:\s+hết)?\b", _I)
_RECURS = re.compile(rf"{_EVERY}|định kỳ|\d+\s+lần\s*/\s*(?:năm|quý|tháng|tuần|ngày)", _I)
_ONWARDS = re.compile(r"\bcác năm tiếp theo\b|\btrở đi\b", _I)
_NO_DUE_YEAR = re.compile(r"^\s*(?:theo\b|sau khi\b|khi\b|ngay khi\b)", _I)


def due_years(deadline: str | None) -> tuple[frozenset[int], int | None]:
    """The years a deadline falls due: named years, and the first year of a recurring one.

    Rules: every year a deadline names ("Năm 2026", "Quý IV/2025", "Tháng 5/2026", "trước ngày
    30/6/2026") is a due year; a range falls due in the year its end names ("2026 - 2030" in 2030,
    "Quý IV/2025 - Quý II/2026" in 2026, "Tháng 11 - 12/2025" in 2025, "từ tháng 11/2025 đến khi …"
    in 2025, its only year); a recurrence ("hằng năm", "hằng quý", "hằng tháng", "định kỳ 6 tháng",
    "02 lần/ngày") falls due every year, and "2024 và các năm tiếp theo" every year from 2024.
    "Thường xuyên" (ongoing), a deadline that follows another schedule or waits for an event ("Theo
    kế hoạch", "Sau khi … ban hành") and text without a year fall due in no particular year.

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
    >>> due_years("Quý IV/2025"), due_years("Giai đoạn 2026 - 2030"), due_years("Quý IV/2025 - Quý II/2026")
    ((frozenset({2025}), None), (frozenset({2030}), None), (frozenset({2026}), None))
    >>> due_years("Tháng 11 - 12/2025"), due_years("Từ tháng 11/2025 đến khi kết thúc kiểm kê")
    ((frozenset({2025}), None), (frozenset({2025}), None))
    >>> due_years("trước ngày 20 hằng tháng"), due_years("Định kỳ 6 tháng, hằng năm")
    ((frozenset(), 0), (frozenset(), 0))
    >>> due_years("Năm 2024 và các năm tiếp theo"), due_years("Thường xuyên")
    ((frozenset({2024}), 2024), (frozenset(), None))
    >>> due_years("Theo tiến độ của Luật An ninh mạng 2025")
    (frozenset(), None)
    """
    if not deadline:
        return frozenset(), None
    text = nfc_modern(deadline).lower()
    years: set[int] = set()
    if not _NO_DUE_YEAR.match(text):
        segments = [[int(y) for y in _YEAR.findall(part)] for part in _RANGE_SEP.split(text)]
        named = [ys for ys in segments if ys]
        if named:
            years.update(named[-1] if len(segments) > 1 else named[0])
    recurring: int | None = None
    if _RECURS.search(text):
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


# The last day a deadline allows, inside its due year: a day, a quarter's or a month's end.
_END_DAY = re.compile(rf"(\d{{1,2}})\s*(?:/|-|\s+tháng\s+)\s*(\d{{1,2}})\s*(?:/|-|\s+năm\s+)\s*({_Y})", _I)
_END_QUARTER = re.compile(rf"Qu[ýí]\s+(IV|I{{1,3}}|[1-4])\s*(?:/|-|\s+năm\s+)\s*({_Y})", _I)
_END_MONTH = re.compile(rf"tháng\s+(\d{{1,2}})\s*(?:/|-|\s+năm\s+)\s*({_Y})", _I)
_QUARTER_NUMBER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def deadline_end(deadline: str | None) -> dt.date | None:
    """The last day a one-off deadline allows, in its last due year (:func:`due_years`); None
    for a deadline that recurs or names no due year.

    Within the due year the latest day, quarter or month the deadline names is its end; a year
    alone ends on 31 December.

    Parameters
    ----------
    deadline : str or None
        The deadline as printed.

    Returns
    -------
    datetime.date or None

    Examples
    --------
    >>> deadline_end("Năm 2025"), deadline_end("Quý IV/2025 - Quý II/2026"), deadline_end("trước ngày 20/12/2025")
    (datetime.date(2025, 12, 31), datetime.date(2026, 6, 30), datetime.date(2025, 12, 20))
    >>> deadline_end("tháng 6 năm 2026"), deadline_end("Hằng năm"), deadline_end("trước ngày 05 tháng 12")
    (datetime.date(2026, 6, 30), None, None)
    """
    years, recurring = due_years(deadline)
    if recurring is not None or not years or deadline is None:
        return None
    year = max(years)
    text = nfc_modern(deadline)
    ends = [dt.date(year, 12, 31)]
    for day, month, named in _END_DAY.findall(text):
        try:
            ends.append(dt.date(int(named), int(month), int(day)))
        except ValueError:  # "31/02/2026" names no day
            pass
    text = _END_DAY.sub(" ", text)
    ends += [_month_end(int(named), 3 * _QUARTER_NUMBER[q.upper()]) for q, named in _END_QUARTER.findall(text)]
    text = _END_QUARTER.sub(" ", text)
    ends += [_month_end(int(named), int(m)) for m, named in _END_MONTH.findall(text) if 1 <= int(m) <= 12]
    precise = [end for end in ends[1:] if end.year == year]
    return max(precise) if precise else ends[0]
