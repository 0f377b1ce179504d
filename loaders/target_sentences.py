"""Targets stated in sentences: "Đến năm 2030, tỷ lệ … đạt 98,85%", "Hình thành mới 05 Khu công
nghiệp, nâng tổng số lên 12 KCN; tỷ lệ lấp đầy đạt trên 80%".

A paragraph is cut into clauses (at ";" and sentence ends); each clause's values
(:func:`policykg.loaders.target_values.find_values`) are kept when the words around them make
them a goal, and each kept value owns the piece of the clause from the separator before it, whose
words name the indicator. The year is the one the text gives the goal ("đến năm 2030", the end of
"giai đoạn 2026 - 2030", "vào năm 2025"): in the value's own words, right after it, earlier in the
paragraph, or in the heading or lead-in line above (``heading_year``); a goal worded "Hằng năm" /
"mỗi năm" is a yearly one and has none; the plan's horizon is never borrowed.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from policykg.loaders.target_values import Value, find_values

__all__ = ["YEAR_CUE", "targets_in"]

# A year cue; "tầm nhìn đến năm 2045" is a vision, not the year of a goal.
YEAR_CUE = re.compile(
    r"(?:(?<!nhìn )(?:đến|tới|vào|trong|hết|cuối|từ|sau)\s+(?:hết\s+|cuối\s+)?"
    r"(?:(?:tháng\s+\d{1,2}(?:\s+và\s+tháng\s+\d{1,2})?\s+)?năm\s+)?"
    r"|(?:trong\s+)?(?:giai đoạn|thời kỳ)\s+(?:từ\s+)?(?:năm\s+)?\d{4}\s*[-–]\s*(?:năm\s+)?|(?:^|[:;,(]\s*|phấn đấu\s+)năm\s+"
    # "Tỷ lệ che phủ rừng năm 2026 đạt 45%": a year its verb follows
    r"|\bnăm\s+(?=\d{4}\s+(?:đạt|là|có|tăng|giảm|còn|lên)\b))"
    r"(?P<y>(?:19|20)\d{2})(?![\d/])", re.IGNORECASE)
# A yearly goal ("Hằng năm, số vụ … tăng trên 3%", "giảm hàng năm 1%") has no target year.
_ANNUAL = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.IGNORECASE)
# Case matters: "Đạt" in a place name ("Hoằng Đạt") is no cue.
_TARGET_CUE = re.compile(r"[Pp]hấn đấu|[Đđ]ến năm|[Mm]ục tiêu|[Cc]hỉ tiêu|\bđạt\b|[Ss]ố lượng|[Tt]ổng số|[Dd]ự kiến|"
                         r"hoàn thiện|[Hh]ình thành")
# Clauses that state a fact, a condition or a budget, not a goal.
_NOT_GOAL = re.compile(
    r"(?<!phát )\b(?:hiện nay|hiện có|hiện đạt|đã đạt|ước đạt|ước thực hiện|so với cùng kỳ|tính đến|dự báo tình hình)\b"
    r"|^(?:Đối với|Trường hợp|Nếu|Khi)\b.*\b(?:có thể|thì)\b|^Dự kiến\s+(?:kinh phí|dự toán|chi phí)\b",
    re.IGNORECASE)
_CLAUSE_END = re.compile(r";|\.\s+(?=[A-ZĐÀ-Ỹ(])|\n")
_SEPARATOR = re.compile(r",\s+|\s+và\s+|\s*\(\s*|;\s*")
_CLOSED = re.compile(r"(?:\s*(?:trở lên|trở đi))?(?P<sep>,\s+|\s+và\s+|;\s*)")
_COMPARATOR = (r"(?:trên|dưới|ít nhất|tối thiểu|tối đa|khoảng|từ|hơn|gần|không quá|không dưới|không thấp hơn|xấp xỉ|"
               r"trở lên|đạt mức|ở mức)")
_TRAIL_COMPARATORS = re.compile(rf"(?:\s*\b{_COMPARATOR})+\s*$", re.IGNORECASE)  # on 80 characters at most
_END_COMPARATORS = re.compile(rf"(?:\s*\b{_COMPARATOR}[,:;(]?)+$", re.IGNORECASE)
# Words that make the number after them a goal: any count after the strong ones, after the weak
# ones only in a goal context.
_STRONG_LEAD = re.compile(
    r"(?:hình thành|thành lập|xây dựng|lắp đặt|đầu tư|phát triển|trồng)(?:\s+mới)?\s*$|(?:hoàn thiện|nâng tổng số"
    r"[^\d;:]{0,60}?\s+lên|dự kiến(?:\s+là)?|(?:số lượng|tổng số)(?:\s+(?!với\b|tại\b|tần\b)[^\W\d_]+){0,8}\s*:?)\s*$",
    re.IGNORECASE)
_WEAK_LEAD = re.compile(r"\b(?:có|đạt|là|lên|còn|gồm|bao gồm|xuống|tới|cho|với|thêm|chiếm|phấn đấu)\s*$", re.IGNORECASE)
_PERCENT_LEAD = re.compile(
    r"\b(?:đạt|lên|xuống|còn|tới|tại|cho|chiếm|là|bảo đảm|đảm bảo|giảm|tăng|số hóa|phấn đấu|duy trì|hoàn thành|có|"
    r"được|dự kiến)\s*:?\s*$", re.IGNORECASE)
_EQUIVALENT = re.compile(r"(?:\s+[^\W\d_]+){0,4}\s*\(\s*(?:(?:khoảng|tương đương|tức|bằng)\s+)?", re.IGNORECASE)
_GOAL_WORDS = re.compile(r"phấn đấu|mục tiêu|năm \d{4}", re.IGNORECASE)
# A number that points at a part of a text or a level, not a quantity ("khoản 2 Điều 7", "mức độ 3").
_REFERENCE = re.compile(r"\b(?:Điều|khoản|điểm|mục|số|phụ lục|lần thứ|khóa|mức độ|cấp độ|loại|hạng|tại|ở|trong|của|theo|từ)"
                        r"(?:\s+\d{1,3}\s*(?:,|và))*\s*$", re.IGNORECASE)
_MARKS = " -–+•·"  # bullet marks a line may still carry
# "Thời gian: 01 ngày/hội nghị", "tần suất quan trắc: 02 đợt/tháng": how long or how often, not a goal.
_TIME_LABEL = re.compile(r"(?:thời gian|thời hạn|tần suất|thời điểm|địa điểm|ngày|tháng)\b", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s?[^\W\d_]")
# A start point: "giảm từ 23 … xuống 18 …" sets 18, not 23.
_FROM = re.compile(r"\btừ\s*$", re.IGNORECASE)
_BASELINE = re.compile(r"\s*(?:\S+\s+){0,6}?(?:xuống|lên|còn)\s+(?:mức\s+)?(?:\S+\s+)?\d", re.IGNORECASE)
_LABEL = re.compile(r"^(?:(?:Chỉ tiêu|Mục tiêu)\s+\d+\s*[:.]\s*|\(\d+\)\s*|\d+\)\s*)", re.IGNORECASE)
_LEAD_WORDS = re.compile(
    r"^(?:(?:[-–+•·]|và|hoặc|trong đó|riêng|đồng thời|phấn đấu|hằng năm|hàng năm|mỗi năm|cụ thể|gồm|bao gồm|"
    rf"{YEAR_CUE.pattern}(?:\s+trở đi)?|{_COMPARATOR})\s*[,:]?\s*)+", re.IGNORECASE)
# Trailing words and phrases of no meaning for the indicator (looked for in a window at the end).
_TAIL = re.compile(
    rf"(?:\s*\b(?:đạt|là|chiếm|lên|còn|xuống|có|ở mức|dự kiến|đạt tỷ lệ|đạt tỉ lệ|phấn đấu|bình quân|{_COMPARATOR}"
    r"|(?:(?:vào|đến|trong|từ)\s+(?:cuối\s+|hết\s+)?)?năm\s+\d{4}(?:\s+trở đi)?)[,:;(]?)+$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s+(?:(?:vào|đến|trong|từ)\s+(?:cuối\s+|hết\s+)?năm\s+\d{4}"
                         r"|(?:trong\s+)?(?:giai đoạn|thời kỳ)\s+\d{4}\s*[-–]\s*\d{4})", re.IGNORECASE)
_HEADS = (r"tỷ lệ|tỉ lệ|tỷ trọng|tỷ số|tỷ suất|tổng(?!\s+(?:hợp|kết))|chỉ số|nhu cầu|diện tích|sản lượng|giá trị|"
          r"kim ngạch|quy mô|tốc độ|công suất|ngân sách|kinh phí|vốn")
_INDICATOR_HEAD = re.compile(rf"^(?:{_HEADS}|số(?!\s+hóa)|mức)\b", re.IGNORECASE)
# The indicator a sentence names after its verb ("góp phần đạt chỉ số sản xuất … tăng 12%").
_INNER_HEAD = re.compile(rf"\b(?:{_HEADS})\b", re.IGNORECASE)
# After a share, "tổng chi ngân sách", "so với GRDP" name what it is a share of, not the indicator.
_DENOMINATOR = re.compile(r"^(?:tổng|so với|trên tổng|GRDP|GDP)\b", re.IGNORECASE)
# Words after the indicator that say why or how, not what ("…, đáp ứng yêu cầu …", "như Nghị quyết …").
_CONNECTOR = re.compile(r",?\s+(?:đảm bảo|bảo đảm|nhằm|để|góp phần|gắn với|đáp ứng|phù hợp với|theo đúng|như)\s")
_ACTION = re.compile(r"^(?:tăng|giảm|nâng|duy trì|bảo đảm|đảm bảo|giữ vững)\s+(?=(?:tỷ|tỉ|số|tổng|chỉ số|mức)\b)",
                     re.IGNORECASE)
_WITH_HEAD = re.compile(r"\bvới\s+(?=(?:tổng|tỷ lệ|tỉ lệ|công suất|diện tích|quy mô)\b)", re.IGNORECASE)
_FROM_VALUE = re.compile(r"\s+(?:tăng|giảm)\s+từ\s+\d[^;]*$", re.IGNORECASE)
_SERIES = re.compile(r"(?:,|\bvà|\bhoặc)$")
_YEAR_IN_PARENS = re.compile(r"\s*\(\s*(?:năm\s+)?(?:19|20)\d{2}\s*\)")
_PAREN_YEAR = re.compile(r"(?:\s+[^\W\d_]+){0,3}?\s*\(\s*(?:năm\s+)?(?P<y>(?:19|20)\d{2})\s*\)")
_AFTER_END = re.compile(r",\s|\s\(|;")
_NOT_NOUN = re.compile(r"\s*(?:\(|(?:và|hoặc|nhưng|đồng thời)\b)", re.IGNORECASE)
_PURPOSE = re.compile(r"^(?:để|nhằm|trong đó|gồm|bao gồm|theo)\b", re.IGNORECASE)
_BREAKDOWN = re.compile(r"\(\s*(?:trong đó|gồm|bao gồm)\s*:", re.IGNORECASE)


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append((start, m.start() + (1 if m.group(0).startswith(".") else 0)))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _strip_end(text: str, tail: re.Pattern = _TAIL) -> str:
    """``text`` without its trailing punctuation and words of ``tail``, taken off from the end; each
    look is at the last 120 characters, so the whole is linear in the text."""
    end = len(text)
    while True:
        while end and text[end - 1] in " ,:;(":
            end -= 1
        # The window opens at a word's start, so that no cut syllable reads as a tail word.
        m = tail.search(text, text.rfind(" ", 0, max(0, end - 120)) + 1, end)
        if not m or m.start() == end:
            return text[:end]
        end = m.start()


def _accept(v: Value, text: str, floor: int, goal: int, after_percent: bool, follows: bool) -> bool:
    """Whether the words before and after a value make it a goal. ``goal``: 2 under a goals
    heading, 1 in a paragraph with a goal's words, else 0; ``follows``: a goal's value ends at
    ``floor``."""
    raw = text[max(floor, v.start - 80):v.start].rstrip()
    if follows and goal and _SERIES.search(raw):
        return True  # "12 xã (năm 2027) và 20 xã (năm 2030)": the next of a series
    back = _TRAIL_COMPARATORS.sub("", raw).rstrip()
    # "khoảng", "trên", "ít nhất" mark a goal's quantity; "từ" alone ("nhóm từ 30 hộ") does not.
    compared = len(back) < len(raw) and not _FROM.search(raw)
    if _FROM.search(raw) and _BASELINE.match(text, v.end, v.end + 60):
        return False
    if v.kind == "percent":
        return bool(goal) or compared or bool(_PERCENT_LEAD.search(back) or _WORD_AFTER.match(text, v.end, v.end + 2))
    label = back.endswith(":") and not _TIME_LABEL.match(re.split(r"[,;(]\s*", back[:-1])[-1].strip(_MARKS))
    if after_percent:
        # "100% xã … có ít nhất 04 tin": a count inside the percentage's noun phrase qualifies it.
        piece = re.split(r",\s+|\s+và\s+", back)[-1].strip()
        if piece and not (_WEAK_LEAD.fullmatch(piece) or _STRONG_LEAD.search(piece)):
            return False
    if v.kind == "word":
        # "xây dựng một Thành phố an toàn": "một" is an article unless a comparator or a goal's
        # words ("phấn đấu đến năm 2030, hình thành một trường …") count it.
        strong = _STRONG_LEAD.search(back) and (v.value != "1" or _GOAL_WORDS.search(raw))
        return bool(strong) or (compared and bool(_WEAK_LEAD.search(back)))
    if label or _STRONG_LEAD.search(back):
        return True
    if not goal:
        return False
    at_start = not _LEAD_WORDS.sub("", back) or back.endswith(("(", ";"))
    # Under a goals heading a count is a goal unless it numbers a reference ("Điều 9", "tại 07 cửa sông").
    return at_start or compared or bool(_WEAK_LEAD.search(back)) or (
        goal == 2 and v.kind in ("count", "fraction") and not _REFERENCE.search(raw))


def _pieces(text: str, clause: tuple[int, int], values: list[Value]) -> list[tuple[int, int]]:
    """Each value's piece of the clause: from the last separator between it and the value before."""
    starts = [clause[0]]
    for prev, v in zip(values, values[1:]):
        # A value its separator closes ("đạt 99,5%, từ …") ends its piece there; a value that leads
        # its noun ("100% các điểm …, … và 100% …") runs on to the last separator before the next.
        if (closed := _CLOSED.match(text, prev.end, v.start)) is not None:
            starts.append(closed.start("sep"))
            continue
        seps = list(_SEPARATOR.finditer(text, prev.end, v.start))
        starts.append(seps[-1].start() if seps else prev.end)
    return list(zip(starts, starts[1:] + [clause[1]]))


def _indicator(piece: str, v: Value, offset: int) -> str:
    """The indicator a value measures, in the piece's words.

    "X đạt 95%" gives X; "100% X …" and "hình thành 05 X, …" give X; "Nhãn: 20.000 tấn" gives the
    label; a value in the middle of its words keeps them ("đạt 38% trẻ em trong độ tuổi nhà trẻ").
    """
    v_start, v_end = v.start - offset, v.end - offset
    before = _LEAD_WORDS.sub("", _LABEL.sub("", _LEAD_WORDS.sub("", piece[:v_start].strip(" ,;("))))
    labelled = before.rstrip().endswith(":")
    label, _, rest = before.partition(": ") if ": " in before else ("", "", before)
    rest = _strip_end(_FROM_VALUE.sub("", _LEAD_WORDS.sub("", rest)))
    if m := _WITH_HEAD.search(rest):
        rest = rest[m.end():]
    rest = _ACTION.sub("", rest)
    after = _YEAR_AFTER.split(_YEAR_IN_PARENS.sub("", piece[v_end:]))[0]
    after = _CONNECTOR.split(re.sub(r"^\s*(?:trở lên|trở đi)?[\s.;,)]*", "", after))[0]
    # "43.346.068 m2 (Diện tích … sẽ được xác định …)", "đạt 100% và triển khai …": a note on the
    # value or the next predicate, not the indicator.
    after = "" if _NOT_NOUN.match(after) else _strip_end(after).strip(" ,.;)(")
    if v.kind in ("count", "fraction", "word"):
        after = _counted(after)
    if rest and _DENOMINATOR.match(after):
        after = ""  # "chiếm 45% GRDP", "20% tổng chi ngân sách": what the share is of
    if not after and not _INDICATOR_HEAD.match(rest) and (m := _INNER_HEAD.search(rest)):
        rest = rest[m.start():]  # "góp phần đạt chỉ số … 12%": the indicator after the verb
    if (v.kind in ("count", "fraction", "word") and rest and len(after.split()) <= 1 and not labelled
            and not _INDICATOR_HEAD.match(rest)):
        return f"{rest} {after}".strip()  # "giải quyết việc làm cho khoảng 59.000 người"
    if label and (not rest or _PURPOSE.match(rest) or len(rest.split()) > 12):
        return label
    if label and len(label.split()) <= 8:
        rest = f"{label}: {rest}" if rest else label
    if not rest or (after and (len(rest.split()) <= 2 or v.kind in ("count", "fraction", "word"))
                    and not _INDICATOR_HEAD.match(rest) and not labelled):
        return after  # "thu hút 45-50% học sinh", "hoàn thiện 11 cơ sở dữ liệu": the value leads its noun
    if labelled or not after or _INDICATOR_HEAD.match(rest) or ":" in rest:
        return rest
    middle = piece[:v_start].strip(" ,;(")
    return _LEAD_WORDS.sub("", _strip_end(_LABEL.sub("", middle), _END_COMPARATORS)) + " " + after


def _counted(after: str) -> str:
    """What a count counts: its noun up to the first comma that closes a phrase of three words or
    more ("huyện, thành phố đạt chuẩn" keeps its list of nouns)."""
    words, last = 0, 0
    for m in _AFTER_END.finditer(after):
        words, last = words + len(after[last:m.start()].split()), m.start()
        if words >= 3:
            return after[:m.start()]
    return after


def _breakdown_of(text: str, v: Value, floor: int) -> bool:
    """Whether a value stands in a "(Trong đó: A: 25, B: 33)" breakdown of the value before it."""
    window = text[max(floor, v.start - 300):v.start]
    opened = window.rfind("(")
    return opened >= 0 and ")" not in window[opened:] and bool(_BREAKDOWN.match(window, opened))


def _year_of(text: str, v: Value, piece: tuple[int, int], sentence_start: int, cues: list[tuple[int, int]],
             annual: list[tuple[int, int]], fallback: int | None) -> int | None:
    """The year of a value: in its own words before it, right after it ("đạt 50% vào năm 2025",
    "80% (năm 2030)"), earlier in the paragraph, else ``fallback``; None for a yearly goal."""
    k = bisect_right(cues, (v.start, 10_000))
    cue_end, cue_year = cues[k - 1] if k else (-1, None)
    # A yearly word governs when it opens the sentence or stands right before or after the value.
    yearly = -1
    i = bisect_right(annual, (v.start, 0))
    if i and 0 <= v.start - annual[i - 1][1] <= 12:
        yearly = annual[i - 1][0]
    j = bisect_right(annual, (sentence_start - 1, 0))
    if yearly < 0 and j < len(annual) and annual[j][0] <= min(sentence_start + 25, v.start - 1):
        yearly = annual[j][0]
    yearly_after = i < len(annual) and 0 <= annual[i][0] - v.end <= 4
    if cue_end > max(piece[0], yearly):
        return cue_year
    if yearly < 0 and not yearly_after:
        tail = _AFTER_END.search(text, v.end, piece[1])
        if m := YEAR_CUE.search(text, v.end, tail.start() if tail else piece[1]) or _PAREN_YEAR.match(text, v.end):
            return int(m["y"])
    if cue_end > yearly:
        return cue_year
    return None if yearly >= 0 or yearly_after else fallback


def targets_in(text: str, *, heading_year: int | None = None, goal_section: bool = False) -> list[dict]:
    """Targets stated in one paragraph.

    Parameters
    ----------
    text : str
    heading_year : int, optional
        The year a heading or lead-in line above gives its goals.
    goal_section : bool
        The paragraph lies under a goals heading (MỤC TIÊU, CHỈ TIÊU): counts need no cue word.

    Returns
    -------
    list of dict
        ``text``, ``value``, ``unit``, ``year`` of each target.

    Examples
    --------
    >>> [(t["text"], t["value"], t["year"]) for t in targets_in(
    ...     "Đến năm 2030, tỷ lệ trường đạt chuẩn cấp Mầm non đạt 60%, cấp Tiểu học đạt 78%.")]
    [('tỷ lệ trường đạt chuẩn cấp Mầm non', '60', 2030), ('cấp Tiểu học', '78', 2030)]
    >>> [(t["value"], t["year"]) for t in targets_in("Phấn đấu thu hút 45-50% học sinh; có khoảng 5-7 ngành.")]
    [('45-50', None), ('5-7', None)]
    """
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    values = find_values(text)
    if not values:
        return []
    starts = [v.start for v in values]
    goal = 2 if goal_section else int(bool(_TARGET_CUE.search(text)))
    cues = [(m.end(), int(m["y"])) for m in YEAR_CUE.finditer(text)]
    annual = [(m.start(), m.end()) for m in _ANNUAL.finditer(text)]
    out: list[dict] = []
    sentence_start = 0
    for start, end in _clauses(text):
        if text[max(0, start - 2):start].strip().endswith("."):
            sentence_start = start
        if _NOT_GOAL.search(text[start:end].strip(_MARKS)):
            continue
        kept: list[Value] = []
        after_percent, last = False, None
        for v in values[bisect_right(starts, start - 1):bisect_right(starts, end - 1)]:
            if last is not None and _EQUIVALENT.fullmatch(text, last.end, v.start):
                # "10% tổng vốn (khoảng 12.173 tỷ đồng)", "02 đợt/tháng (18 đợt/năm)": the value
                # before in other units, a goal when that one is.
                keep = bool(kept) and kept[-1] is last
            else:
                keep = _accept(v, text, kept[-1].end if kept else start, goal, after_percent, bool(kept))
            last = v
            if keep:
                kept.append(v)
                after_percent = after_percent or (v.kind == "percent" and bool(_WORD_AFTER.match(text, v.end)))
        previous = None
        for v, (a, b) in zip(kept, _pieces(text, (start, end), kept)):
            name = _indicator(text[a:b], v, a)
            own = _strip_end(_LEAD_WORDS.sub("", text[a:v.start].strip(" ,;(")))
            if not own and len(name.split()) <= 1 and previous:
                name = previous  # "60% vào năm 2025 và 80% vào năm 2030", "(khoảng 12.173 tỷ đồng)": the same indicator
            name = name or text[a:b]
            if previous and _breakdown_of(text, v, start) and ":" in text[a:v.start]:
                name = f"{previous.split(': ')[0]}: {name}"
            out.append({"text": re.sub(r"\s+", " ", name).strip(" ,.;:"), "value": v.value, "unit": v.unit,
                        "year": _year_of(text, v, (a, b), sentence_start, cues, annual, heading_year)})
            previous = previous if _breakdown_of(text, v, start) else name
    return out
