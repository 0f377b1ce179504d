"""Targets: every quantified goal, from sentences ("Đến năm 2030, tỷ lệ … đạt 98,85%") and from
indicator tables (:mod:`policykg.loaders.target_tables`).

A paragraph is cut into clauses (at ";" and sentence ends); each clause's values
(:func:`policykg.loaders.target_values.find_values`) are kept when the words around them make
them a goal, and each kept value owns the piece of the clause from the separator before it, whose
words name the indicator. The year is the one the text gives the goal ("đến năm 2030", the end of
"giai đoạn 2026 - 2030", "vào năm 2025"), in the clause, earlier in the paragraph or in a heading
or lead-in line above; an item worded "Hằng năm" / "mỗi năm" sets a yearly goal and has none; the
plan's horizon is never borrowed.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from policykg.loaders.outline import Node, Outline
from policykg.loaders.target_tables import table_targets
from policykg.loaders.target_values import Value, clean_value, find_values

__all__ = ["clean_value", "extract_targets", "targets_in"]

# A year cue; "tầm nhìn đến năm 2045" is a vision, not the year of a goal.
YEAR_CUE = re.compile(
    r"(?:(?<!nhìn )(?:đến|tới|vào|trong|hết|cuối|từ|sau)\s+(?:hết\s+|cuối\s+)?"
    r"(?:(?:tháng\s+\d{1,2}(?:\s+và\s+tháng\s+\d{1,2})?\s+)?năm\s+)?"
    r"|(?:giai đoạn|thời kỳ)\s+(?:từ\s+)?(?:năm\s+)?\d{4}\s*[-–]\s*(?:năm\s+)?|(?:^|[:;,(]\s*|phấn đấu\s+)năm\s+)"
    r"(?P<y>(?:19|20)\d{2})(?![\d/])", re.IGNORECASE)
# A yearly goal ("Hằng năm, số vụ … tăng trên 3%", "giảm hàng năm 1%") has no target year.
_ANNUAL = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.IGNORECASE)
# Case matters: "Đạt" in a place name ("Hoằng Đạt") is no cue.
_TARGET_CUE = re.compile(r"[Pp]hấn đấu|[Đđ]ến năm|[Mm]ục tiêu|[Cc]hỉ tiêu|\bđạt\b|[Ss]ố lượng|[Tt]ổng số|[Dd]ự kiến|"
                         r"hoàn thiện|[Hh]ình thành")
# Headings whose items hold no goals: past results, criteria of an award, money, scope. A Roman
# section says so anywhere in its title, a lower heading at its start ("1. Hiện trạng").
_PAST_HEAD = re.compile(r"TÌNH HÌNH|KẾT QUẢ|THỰC TRẠNG|HIỆN TRẠNG|BỐI CẢNH|ĐÁNH GIÁ|SỰ CẦN THIẾT|DỰ BÁO (?:NHỮNG |CÁC )?TÁC ĐỘNG")
_GOAL_HEAD = re.compile(r"MỤC TIÊU|CHỈ TIÊU|ĐỊNH HƯỚNG")
_NO_GOAL_HEAD = re.compile(r"CĂN CỨ|TIÊU CHUẨN|TIÊU CHÍ|KHEN THƯỞNG|ĐIỀU KIỆN|THANG ĐIỂM|ĐIỂM CHUẨN|SỐ LƯỢNG ĐỀ NGHỊ|"
                           r"KINH PHÍ|DỰ TOÁN|PHẠM VI|ĐỐI TƯỢNG|THỜI GIAN|ĐỊA ĐIỂM|THỦ TỤC|HỒ SƠ|ĐIỀU \d")
_COST_HEAD = re.compile(r"KINH PHÍ|DỰ TOÁN|ĐƠN GIÁ|CHI PHÍ")
_OPEN_HEAD = re.compile(r"^(?:CÁC\s+)?(?:GIẢI PHÁP|NHIỆM VỤ|NỘI DUNG|TỔ CHỨC THỰC HIỆN)")
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
_TRAIL_COMPARATORS = re.compile(rf"(?:\s*\b{_COMPARATOR})+\s*$", re.IGNORECASE)
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
_LEAD_GOAL = re.compile(r"phấn đấu|mục tiêu|chỉ tiêu|dự kiến|đến năm \d{4}", re.IGNORECASE)
_GOAL_WORDS = re.compile(r"phấn đấu|mục tiêu|năm \d{4}", re.IGNORECASE)
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
# One trailing word or phrase of no meaning for the indicator; stripped repeatedly, one at a time.
_TAIL = re.compile(
    rf"\s*\b(?:đạt|là|chiếm|lên|còn|xuống|có|ở mức|dự kiến|đạt tỷ lệ|đạt tỉ lệ|phấn đấu|bình quân|{_COMPARATOR}"
    r"|(?:vào|đến|trong|từ)\s+(?:cuối\s+|hết\s+)?năm\s+\d{4}(?:\s+trở đi)?)$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s+(?:vào|đến|trong|từ)\s+(?:cuối\s+|hết\s+)?năm\s+\d{4}", re.IGNORECASE)
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
_AFTER_END = re.compile(r",\s|\s\(|;")
_PURPOSE = re.compile(r"^(?:để|nhằm|trong đó|gồm|bao gồm|theo)\b", re.IGNORECASE)
_BREAKDOWN = re.compile(r"\(\s*(?:trong đó|gồm|bao gồm)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class _Context:
    """What the headings and lead-in lines above a paragraph say about its goals."""

    year: int | None = None
    goal: bool = False
    closed: bool = False  # past results, award criteria, money or scope: no goals


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append((start, m.start() + (1 if m.group(0).startswith(".") else 0)))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _strip_tail(text: str) -> str:
    while True:
        cut = _TAIL.sub("", text.rstrip(" ,:;(")).rstrip(" ,:;(")
        if cut == text:
            return text
        text = cut


def _accept(v: Value, text: str, floor: int, goal: bool, after_percent: bool) -> bool:
    """Whether the words before and after a value make it a goal."""
    raw = text[max(floor, v.start - 80):v.start].rstrip()
    back = _TRAIL_COMPARATORS.sub("", raw).rstrip()
    # "khoảng", "trên", "ít nhất" mark a goal's quantity; "từ" alone ("nhóm từ 30 hộ") does not.
    compared = len(back) < len(raw) and not _FROM.search(raw)
    if _FROM.search(raw) and _BASELINE.match(text, v.end, v.end + 60):
        return False
    if v.kind == "percent":
        return goal or compared or bool(_PERCENT_LEAD.search(back) or _WORD_AFTER.match(text, v.end, v.end + 2))
    label = back.endswith(":") and not _TIME_LABEL.match(re.split(r"[,;(]\s*", back[:-1])[-1].strip())
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
    return at_start or compared or bool(_WEAK_LEAD.search(back))


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
    rest = _strip_tail(_FROM_VALUE.sub("", _LEAD_WORDS.sub("", rest)))
    if m := _WITH_HEAD.search(rest):
        rest = rest[m.end():]
    rest = _ACTION.sub("", rest)
    if not _INDICATOR_HEAD.match(rest) and (m := _INNER_HEAD.search(rest)):
        rest = rest[m.start():]
    after = _YEAR_AFTER.split(piece[v_end:])[0]
    after = _CONNECTOR.split(re.sub(r"^\s*(?:trở lên|trở đi)?[\s.;,)]*", "", after))[0]
    after = _strip_tail(after).strip(" ,.;)(")
    if v.kind in ("count", "fraction", "word"):
        after = _counted(after)
    if rest and _DENOMINATOR.match(after):
        after = ""  # "chiếm 45% GRDP", "20% tổng chi ngân sách": what the share is of
    if v.kind in ("count", "fraction", "word") and rest and len(after.split()) <= 1 and not _INDICATOR_HEAD.match(rest):
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
    return _LEAD_WORDS.sub("", _TRAIL_COMPARATORS.sub("", _LABEL.sub("", middle))) + " " + after


def _counted(after: str) -> str:
    """What a count counts: its noun up to the first comma that closes a phrase of three words or
    more ("huyện, thành phố đạt chuẩn" keeps its list of nouns)."""
    for m in _AFTER_END.finditer(after):
        if len(after[:m.start()].split()) >= 3:
            return after[:m.start()]
    return after


def _breakdown_of(text: str, v: Value, floor: int) -> bool:
    """Whether a value stands in a "(Trong đó: A: 25, B: 33)" breakdown of the value before it."""
    window = text[max(floor, v.start - 300):v.start]
    opened = window.rfind("(")
    return opened >= 0 and ")" not in window[opened:] and bool(_BREAKDOWN.match(window, opened))


def _year_of(text: str, v: Value, piece_end: int, sentence_start: int, cues: list[tuple[int, int]],
             annual: list[tuple[int, int]], fallback: int | None) -> int | None:
    k = bisect_right(cues, (v.start, 10_000))
    cue = cues[k - 1][0] if k else None
    # A yearly word governs when it opens the sentence or stands right before or after the value.
    yearly = None
    i = bisect_right(annual, (v.start, 0))
    if i and 0 <= v.start - annual[i - 1][1] <= 12:
        yearly = annual[i - 1][0]
    j = bisect_right(annual, (sentence_start - 1, 0))
    if yearly is None and j < len(annual) and annual[j][0] <= min(sentence_start + 25, v.start - 1):
        yearly = annual[j][0]
    if cue is not None and (yearly is None or cue > yearly):
        return cues[k - 1][1]
    if yearly is not None or (i < len(annual) and 0 <= annual[i][0] - v.end <= 4):
        return None
    tail = _AFTER_END.search(text, v.end, piece_end)
    if m := YEAR_CUE.search(text, v.end, tail.start() if tail else piece_end):
        return int(m["y"])
    return fallback


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
    goal = goal_section or bool(_TARGET_CUE.search(text))
    cues = [(m.end(), int(m["y"])) for m in YEAR_CUE.finditer(text)]
    annual = [(m.start(), m.end()) for m in _ANNUAL.finditer(text)]
    out: list[dict] = []
    sentence_start = 0
    for start, end in _clauses(text):
        if text[max(0, start - 2):start].strip().endswith("."):
            sentence_start = start
        if _NOT_GOAL.search(text[start:end].strip()):
            continue
        kept: list[Value] = []
        after_percent, last = False, None
        for v in values[bisect_right(starts, start - 1):bisect_right(starts, end - 1)]:
            if last is not None and _EQUIVALENT.fullmatch(text, last.end, v.start):
                # "10% tổng vốn (khoảng 12.173 tỷ đồng)", "02 đợt/tháng (18 đợt/năm)": the value
                # before in other units, a goal when that one is.
                keep = bool(kept) and kept[-1] is last
            else:
                keep = _accept(v, text, kept[-1].end if kept else start, goal, after_percent)
            last = v
            if keep:
                kept.append(v)
                after_percent = after_percent or (v.kind == "percent" and bool(_WORD_AFTER.match(text, v.end)))
        previous = None
        for v, (a, b) in zip(kept, _pieces(text, (start, end), kept)):
            name = _indicator(text[a:b], v, a)
            if not name:  # "(khoảng 12.173 tỷ đồng)" restates the value before; else the piece is all there is
                name = previous if previous and text[a:v.start].lstrip().startswith("(") else text[a:b]
            if previous and _breakdown_of(text, v, start) and ":" in text[a:v.start]:
                name = f"{previous.split(': ')[0]}: {name}"
            out.append({"text": re.sub(r"\s+", " ", name).strip(" ,.;:"), "value": v.value, "unit": v.unit,
                        "year": _year_of(text, v, b, sentence_start, cues, annual, heading_year)})
            previous = previous if _breakdown_of(text, v, start) else name
    return out


def _closes(node: Node) -> bool | None:
    """True for a heading over no goals, False for a heading that opens goals or tasks again, None
    when it says neither."""
    lead_in = node.kind == "para" and node.text.rstrip().endswith(":")
    if not (node.is_heading or lead_in) or (node.kind != "section" and len(node.text.split()) > 12):
        return None
    upper = node.text.upper().strip()
    anywhere = node.kind == "section"
    if (_PAST_HEAD.search(upper) if anywhere else _PAST_HEAD.match(upper)):
        return True
    if _GOAL_HEAD.search(upper) or _OPEN_HEAD.match(upper):
        return False
    return True if (_NO_GOAL_HEAD.search(upper) if anywhere else _NO_GOAL_HEAD.match(upper)) else None


def _child_context(ctx: _Context, node: Node) -> _Context:
    """The context a heading, or a lead-in line ending in ":", gives what follows it."""
    closes = _closes(node)
    if closes is not None:
        goal = bool(_GOAL_HEAD.search(node.text.upper())) and not closes
        ctx = replace(ctx, goal=goal, closed=closes)
    elif node.kind == "para" and _LEAD_GOAL.search(node.text):
        ctx = replace(ctx, goal=True)  # "Trong đó, … dự kiến: …. Cụ thể:" over the lines it details
    years = [int(m["y"]) for m in YEAR_CUE.finditer(node.text)]
    return replace(ctx, year=years[-1]) if years else ctx


def _appendix_context(appendix: Node) -> _Context:
    """An appendix is read by its title ("PHỤ LỤC" and the lines before its first table): one of
    results or costs holds no goals, one of "CHỈ TIÊU … ĐẾN NĂM 2030" holds goals of that year."""
    lines = [appendix.text]
    for child in appendix.children[:4]:
        if child.kind == "table":
            break
        lines.append(child.text)
    title = " ".join(lines)
    upper = title.upper()
    years = [int(m["y"]) for m in YEAR_CUE.finditer(title)]
    return _Context(year=years[-1] if years else None, goal=bool(_GOAL_HEAD.search(upper)),
                    closed=bool(_PAST_HEAD.search(upper) or _COST_HEAD.search(upper)))


def extract_targets(outline: Outline) -> list[dict]:
    """All targets of a document, with ``line`` and ``source_text``.

    Parameters
    ----------
    outline : Outline

    Returns
    -------
    list of dict

    Examples
    --------
    >>> from policykg.loaders.normalise import normalise
    >>> from policykg.loaders.outline import build_outline
    >>> o = build_outline(normalise("I. MỤC TIÊU\\n1. Chỉ tiêu đến năm 2030\\n- Hằng năm giảm 2% hộ nghèo.\\n"
    ...                             "- Có 05 xã đạt chuẩn.\\nII. NHIỆM VỤ\\n1. Số hóa 100% hồ sơ."))
    >>> [(t["value"], t["year"]) for t in extract_targets(o)]
    [('2', None), ('5', 2030), ('100', None)]
    """
    out: list[dict] = []
    by_value: dict[str, list[tuple[dict, Node]]] = {}

    def add(found: list[dict], node: Node, source: str, restating: bool) -> None:
        """Keep new goals; a goal restated (in tasks, a table or an appendix) is kept once."""
        for t in found:
            t.setdefault("line", node.line)
            t.setdefault("source_text", source)
            bucket = by_value.setdefault(clean_value(t["value"]), [])
            # The last few of the same value are enough to look at: a restatement is near or exact.
            # Rows of one table, items of one sentence, are distinct goals however alike their words.
            twin = next((o for o, where in reversed(bucket[-50:])
                         if _same(t, o, restating and where is not node)), None)
            if twin is None:
                out.append(t)
                bucket.append((t, node))
            elif twin["year"] is None and t["year"] is not None:
                twin["year"] = t["year"]  # an appendix restating a goal gives the year the text left out

    def visit(node: Node, ctx: _Context, in_appendix: bool) -> None:
        lead = ctx
        for child in node.children:
            if child.kind in ("section", "item"):
                lead = ctx  # a lead-in line covers the bullets after it, up to the next heading
            here = _child_context(lead, child) if child.is_heading else lead
            if child.kind == "appendix":
                here = _appendix_context(child)
            own = here if here.closed else lead  # a heading's own words stand under the heading above
            if child.kind == "table":
                if not own.closed:
                    add(table_targets(child, own.year, targets_in), child, "", True)
            elif child.marker != "closing" and not own.closed and not (node.kind == "root" and child.kind == "para"):
                add(targets_in(child.text, heading_year=own.year, goal_section=own.goal), child, child.text,
                    in_appendix or not own.goal)
            if child.kind == "para" and node.kind != "root" and child.text.rstrip().endswith(":"):
                lead = _child_context(lead, child)  # "Đến năm 2030, phấn đấu:" over the lines below it
            visit(child, here, in_appendix or child.kind == "appendix")

    visit(outline.root, _Context(), False)
    return out


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _same(a: dict, b: dict, restating: bool) -> bool:
    """The same goal written twice: the same words, or (outside a goals list) a restatement.

    Two items of one goals list are two goals even when worded alike ("80% người bị bạo lực gia
    đình …", "80% người bị bạo lực trên cơ sở giới …"); a task, a table row or an appendix that
    repeats a goal with other words around it restates it.
    """
    if clean_value(a["value"]) != clean_value(b["value"]):
        return False
    if a["year"] != b["year"] and not (restating and None in (a["year"], b["year"])):
        return False
    ka, kb = _key(a["text"])[:200], _key(b["text"])[:200]
    if ka == kb:
        return True
    if not restating or min(len(ka.split()), len(kb.split())) < 3:
        return False
    return (ka in kb or kb in ka) or SequenceMatcher(None, ka, kb).ratio() >= 0.7
