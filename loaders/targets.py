"""Targets: every quantified goal, from sentences ("Đến năm 2030, tỷ lệ … đạt 98,85%") and from
indicator tables (one target per indicator and year column).

A sentence is cut into segments, one per value: "tỷ lệ trường đạt chuẩn cấp Mầm non đạt 60%, cấp
Tiểu học đạt 78%" gives "tỷ lệ trường đạt chuẩn cấp Mầm non" = 60 and "cấp Tiểu học" = 78. The
year is the one the text gives the goal ("đến năm 2030", the end of "giai đoạn 2026 - 2030"), in
the segment, earlier in the same paragraph, or in the heading above; never the plan's horizon.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher

from policykg.loaders.outline import Node, Outline
from policykg.loaders.tasks import section_type

TARGET_SECTIONS = {"goal", "tasks", "organisation", "report", None}
_CMP = r"(?:(?:trên|dưới|ít nhất|tối thiểu|tối đa|khoảng|từ|hơn|gần|trở lên|không thấp hơn)\s+)*"
# Bounded on purpose: "\d+(?:[.,]\d+)*" before a "%" that never comes backtracks quadratically on
# a long run of "1.1.1…".
_NUM = r"(?<![\d.,])\d{1,9}(?:[.,]\d{1,3}){0,4}"
_PERCENT = re.compile(rf"(?P<sign>[><≥≤]\s*)?{_CMP}(?P<num>{_NUM}(?:\s*[-–]\s*{_NUM})?)\s*%")
# Measurement units a count is printed with ("1.700 ha"); a bare noun after the number ("02 trường")
# is what is counted, so its unit is null.
_MEASURE = r"ha|km2|km|m2|m²|m3|m|tấn|kg|tỷ đồng|triệu đồng|nghìn đồng|đồng|USD|MW|kWh|lượt người|lượt"
_COUNT = re.compile(
    rf"\b(?:có|đạt)\s+{_CMP}(?P<num>{_NUM}(?:\s*[-–]\s*{_NUM})?)\s+"
    rf"(?P<unit>[^\W\d_]+(?:\s[^\W\d_]+)?/[^\W\d_]+(?:\s[^\W\d_]+)?|(?:{_MEASURE})(?![\w/]))?"
    r"(?=[^\W\d_]|\s|$|[.;,])", re.IGNORECASE)
_FRACTION = re.compile(r"^(?P<num>\d{1,3}/\d{1,3})\s+(?=[^\W\d_])")
_YEAR_CUE = re.compile(
    r"(?:(?:đến|tới|vào|trong|hết|cuối)\s+(?:năm\s+)?|giai đoạn\s+\d{4}\s*[-–]\s*|^năm\s+)(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE)
_TARGET_CUE = re.compile(r"phấn đấu|đến năm|mục tiêu|chỉ tiêu|đạt", re.IGNORECASE)
_SEGMENT_CUE = re.compile(r"(?:phấn đấu|trong đó|riêng|(?:đến|tới)\s+(?:năm\s+)?\d{4})\s*,?\s*", re.IGNORECASE)
_LEAD_CUE = re.compile(r"^(?:[-–+•·]\s*)?(?:(?:phấn đấu|trong đó|riêng|đến năm \d{4}|đến \d{4})\s*,?\s*)*",
                       re.IGNORECASE)
_SPLIT = re.compile(r"(;\s+|,\s+|\s+và\s+|\s*\(\s*(?=trong đó)|\.\s+)")


def clean_value(raw: str, sign: str | None = None) -> str:
    """A value as GUIDE.md prints it: comma decimal to point, thousands dots and leading zeros
    dropped, a range kept, a comparison sign kept.

    Examples
    --------
    >>> clean_value("98,85"), clean_value("1.700"), clean_value("02"), clean_value("95- 97"), clean_value("60", "> ")
    ('98.85', '1700', '2', '95-97', '> 60')
    """
    parts = []
    for num in re.split(r"\s*[-–]\s*", raw.strip()):
        num = re.sub(r"\.(?=\d{3}(?!\d))", "", num).replace(",", ".")
        num = re.sub(r"^0+(?=\d)", "", num)
        parts.append(num)
    value = "-".join(parts)
    return f"{sign.strip()} {value}" if sign and sign.strip() else value


_NUMBER_WORDS = {"một": "1", "hai": "2", "ba": "3", "bốn": "4", "sáu": "6", "bảy": "7", "tám": "8",
                 "chín": "9", "mười": "10"}
_WORD_COUNT = re.compile(r"\b(?:hình thành|xây dựng|thành lập)\s+(?P<num>một|hai|ba|bốn|sáu|bảy|tám|chín|mười)\s+"
                         r"(?!số\b)(?=[^\W\d_])", re.IGNORECASE)


def _values(segment: str, goal_context: bool) -> list[tuple[int, int, str, str | None]]:
    """(start, end, value, unit) of every value in a segment."""
    found = [(m.start(), m.end(), clean_value(m["num"], m["sign"]), "%") for m in _PERCENT.finditer(segment)]
    if goal_context:
        for m in _COUNT.finditer(segment):
            if not any(a <= m.start("num") < b for a, b, _, _ in found):
                found.append((m.start(), m.end(), clean_value(m["num"]), m["unit"]))
        for m in _WORD_COUNT.finditer(segment):
            found.append((m.start(), m.end(), _NUMBER_WORDS[m["num"].lower()], None))
        cue = _LEAD_CUE.match(segment.strip())
        offset = len(segment) - len(segment.lstrip()) + (cue.end() if cue else 0)
        if m := _FRACTION.match(segment[offset:]):
            found.append((offset + m.start(), offset + m.end(), m["num"], None))
    return sorted(found)


def _segments(sentence: str) -> list[str]:
    """Cut a sentence so that each piece holds one value; value-less pieces join the next one."""
    pieces = _SPLIT.split(sentence)
    out: list[str] = []
    current = ""
    has_value = False
    for i in range(0, len(pieces), 2):
        piece = pieces[i]
        sep = pieces[i + 1] if i + 1 < len(pieces) else ""
        piece_value = bool(_PERCENT.search(piece) or _COUNT.search(piece) or _FRACTION.match(piece.strip()))
        starts_cue = bool(_SEGMENT_CUE.match(piece.strip()))
        if current and ((piece_value and has_value) or (starts_cue and piece_value) or sep.startswith(";")
                        and has_value):
            out.append(current)
            current, has_value = "", False
        current += piece + (sep if not sep.strip().startswith(";") else "")
        has_value = has_value or piece_value
        if sep.strip().startswith((";", ".")):
            out.append(current)
            current, has_value = "", False
    if current.strip():
        out.append(current)
    out = [re.sub(r"(?:\s+và)+$", "", s.strip(" ,;.")).strip(" ,;.") for s in out]
    return [s for s in out if s]


def _indicator(segment: str, start: int, end: int) -> str:
    """The indicator a value measures, in the segment's words.

    "X đạt 95%" gives X; "có 01 cơ sở …" and "100% giáo viên …" give what follows the value;
    a value in the middle ("đạt 38% trẻ em trong độ tuổi nhà trẻ") keeps the whole segment.
    """
    before = _LEAD_CUE.sub("", segment[:start].strip())
    after = segment[end:]
    after_core = re.sub(r"^\s*(?:trở lên)?[\s.;,)]*", "", after)
    before_core = re.sub(r"\s*(?:đạt|là|lên|ở mức|chiếm|duy trì|đạt tỉ lệ|đạt tỷ lệ|có|tới|cho)\s*$", "", before,
                         flags=re.IGNORECASE).strip(" ,")
    if not after_core.strip() and len(before_core.split()) >= 2:
        return before_core
    if (not before_core or re.fullmatch(r"(?:có|đạt|thu hút|hình thành|xây dựng|duy trì)", before_core, re.IGNORECASE)) \
            and after.strip(" ,.;)"):
        return after.strip(" ,.;)")
    text = _LEAD_CUE.sub("", segment.strip())
    return re.sub(r"\s+", " ", text).strip(" ,.;")


def _year_before(text: str) -> int | None:
    years = [int(m["y"]) for m in _YEAR_CUE.finditer(text)]
    return years[-1] if years else None


def _heading_year(node: Node) -> int | None:
    for n in [node, *node.ancestors()]:
        if n.is_heading and (y := _year_before(n.text)):
            return y
    return None


def targets_in(text: str, *, heading_year: int | None = None, goal_section: bool = False) -> list[dict]:
    """Targets stated in one paragraph.

    Examples
    --------
    >>> [(t["text"], t["value"], t["year"]) for t in targets_in(
    ...     "Đến năm 2030, tỷ lệ trường đạt chuẩn cấp Mầm non đạt 60%, cấp Tiểu học đạt 78%.")]
    [('tỷ lệ trường đạt chuẩn cấp Mầm non', '60', 2030), ('cấp Tiểu học', '78', 2030)]
    >>> [(t["value"], t["year"]) for t in targets_in("Phấn đấu thu hút 45-50% học sinh; có khoảng 5-7 ngành.")]
    [('45-50', None), ('5-7', None)]
    """
    out = []
    goal_context = goal_section or bool(_TARGET_CUE.search(text))
    # Year cues of the paragraph, found once: a segment takes the last one before it.
    cue_ends = [(m.end(), int(m["y"])) for m in _YEAR_CUE.finditer(text)]
    offset = 0
    for segment in _segments(text):
        pos = text.find(segment, offset)
        offset = pos + len(segment) if pos >= 0 else offset
        k = bisect_right(cue_ends, (max(pos, 0), 10_000))
        paragraph_year = cue_ends[k - 1][1] if pos > 0 and k else None
        for start, end, value, unit in _values(segment, goal_context):
            year = _year_before(segment[:start]) or paragraph_year
            if year is None:
                after = _YEAR_CUE.search(segment[end:])
                year = int(after["y"]) if after else heading_year
            out.append({"text": _indicator(segment, start, end), "value": value, "unit": unit, "year": year})
    return out


def _table_targets(table: Node) -> list[dict]:
    rows = table.rows
    first_data = next((i for i, r in enumerate(rows) if r.cells and re.match(r"^\d+(\.\d+)*\.?$", r.cells[0])), None)
    if first_data is None:
        return []
    header = [c for r in rows[:first_data] for c in r.cells]
    if not any(re.search(r"chỉ tiêu|mục tiêu", c, re.IGNORECASE) for c in header):
        return []
    years = [int(y) for c in header for y in re.findall(r"\b((?:19|20)\d{2})\b", c)]
    named_unit = any(re.search(r"đơn vị tính|đvt", c, re.IGNORECASE) for c in header)
    out = []
    for row in rows[first_data:]:
        cells = row.cells[1:]
        text_i = next((i for i, c in enumerate(cells) if len(c.split()) >= 2 and not _cell_value(c)), None)
        if text_i is None:
            continue
        nxt = cells[text_i + 1] if text_i + 1 < len(cells) else None
        # With a unit column in the header, the cell after the indicator is its unit however long.
        unit = nxt if nxt is not None and not _cell_value(nxt) and (named_unit or len(nxt) <= 15) else None
        start = text_i + (2 if unit is not None else 1)
        value_cells = cells[start:start + max(len(years), 1)]
        for k, raw in enumerate(value_cells):
            value = _cell_value(raw)
            if value is None:
                continue
            year = years[k] if k < len(years) else (_heading_year(table) if not years else None)
            out.append({"text": cells[text_i], "value": value, "unit": unit or None, "year": year,
                        "line": row.line, "source_text": " | ".join(row.cells)})
    return out


def _cell_value(cell: str) -> str | None:
    m = re.fullmatch(rf"\s*(?P<sign>[><≥≤]\s*)?(?P<num>{_NUM}(?:\s*[-–]\s*{_NUM})?)\s*%?\s*", cell)
    return clean_value(m["num"], m["sign"]) if m else None


def extract_targets(outline: Outline) -> list[dict]:
    """All targets of a document, with ``line`` and ``source_text``.

    Parameters
    ----------
    outline : Outline

    Returns
    -------
    list of dict
    """
    out: list[dict] = []
    seen: set[tuple[str, str, int | None]] = set()
    stated: list[dict] = []
    for node in outline.root.walk():
        if node.kind in ("root", "appendix") or section_type(node) not in TARGET_SECTIONS:
            continue
        if node.kind == "table":
            found = _table_targets(node)
        elif node.parent is not None and node.parent.kind == "root" and node.kind == "para":
            continue  # the opening
        else:
            kind = section_type(node)
            found = targets_in(node.text, heading_year=_heading_year(node.parent) if node.parent else None,
                               goal_section=kind == "goal")
            for t in found:
                t["line"], t["source_text"] = node.line, node.text
        for t in found:
            key = (re.sub(r"\W+", " ", t["text"].casefold()).strip(), t["value"], t["year"])
            if key in seen:
                continue
            if node.kind != "table" and any(_restated(t, other) for other in stated):
                continue
            seen.add(key)
            out.append(t)
            if node.kind != "table":
                stated.append(t)
    return out


def _restated(a: dict, b: dict) -> bool:
    """The same goal written twice in running text (a plan repeats its budget floor, say)."""
    if (a["value"], a["year"], a["unit"]) != (b["value"], b["year"], b["unit"]):
        return False
    ka, kb = (re.sub(r"\W+", " ", t["text"].casefold()).strip() for t in (a, b))
    return len(ka.split()) >= 5 and SequenceMatcher(None, ka, kb).ratio() >= 0.7
