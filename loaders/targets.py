"""Targets: every quantified goal of a document, from its sentences
(:mod:`policykg.loaders.target_sentences`) and its indicator tables
(:mod:`policykg.loaders.target_tables`).

Which goals a paragraph may hold is read from the headings above it: goals and tasks sections hold
them, sections of past results, award criteria, money or scope do not, and an appendix is read by
its title. A heading's year ("Các chỉ tiêu cụ thể đến năm 2030") or a lead-in line's ("Đến năm
2030, phấn đấu:" over the bullets after it) is the year of the goals below that give none. A goal
restated in a task, a table row or an appendix is kept once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from policykg.loaders.outline import Node, Outline
from policykg.loaders.target_labels import tidy_label
from policykg.loaders.target_sentences import YEAR_CUE, targets_in
from policykg.loaders.target_tables import table_targets
from policykg.loaders.target_values import clean_value

__all__ = ["clean_value", "extract_targets", "targets_in"]

# Headings whose items hold no goals: past results, criteria of an award, money, scope. A Roman
# section says so anywhere in its title, a lower heading at its start ("1. Hiện trạng").
_PAST_HEAD = re.compile(r"TÌNH HÌNH|KẾT QUẢ|THỰC TRẠNG|HIỆN TRẠNG|BỐI CẢNH|ĐÁNH GIÁ|SỰ CẦN THIẾT|DỰ BÁO (?:NHỮNG |CÁC )?TÁC ĐỘNG")
_GOAL_HEAD = re.compile(r"MỤC TIÊU|CHỈ TIÊU|ĐỊNH HƯỚNG")
_NO_GOAL_HEAD = re.compile(r"CĂN CỨ|TIÊU CHUẨN|TIÊU CHÍ|KHEN THƯỞNG|ĐIỀU KIỆN|THANG ĐIỂM|ĐIỂM CHUẨN|SỐ LƯỢNG ĐỀ NGHỊ|"
                           r"KINH PHÍ|DỰ TOÁN|PHẠM VI|ĐỐI TƯỢNG|THỜI GIAN|ĐỊA ĐIỂM|THỦ TỤC|HỒ SƠ|ĐIỀU \d")
_COST_HEAD = re.compile(r"KINH PHÍ|DỰ TOÁN|ĐƠN GIÁ|CHI PHÍ")
_OPEN_HEAD = re.compile(r"^(?:CÁC\s+)?(?:GIẢI PHÁP|NHIỆM VỤ|NỘI DUNG|TỔ CHỨC THỰC HIỆN)")
_LEAD_GOAL = re.compile(r"phấn đấu|mục tiêu|chỉ tiêu|dự kiến|đến năm \d{4}", re.IGNORECASE)


@dataclass(frozen=True)
class _Context:
    """What the headings and lead-in lines above a paragraph say about its goals."""

    year: int | None = None
    goal: bool = False
    closed: bool = False  # past results, award criteria, money or scope: no goals


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
    exact: dict[tuple, dict] = {}
    by_value: dict[str, list[tuple[dict, Node, str]]] = {}

    def add(found: list[dict], node: Node, source: str, restating: bool) -> None:
        """Keep new goals; a goal restated (in tasks, a table or an appendix) is kept once."""
        for t in found:
            t.setdefault("line", node.line)
            t.setdefault("source_text", source)
            t["text"] = tidy_label(t["text"])  # whichever rule cut it, a label that stands alone
            value, key = clean_value(t["value"]), _key(t["text"])
            twin = exact.get((value, t["year"], key))
            if twin is None and restating:
                # The last few of the same value are enough to look at: a restatement is near.
                # Rows of one table, bullets of one list, are distinct goals however alike.
                twin = next((o for o, where, k in reversed(by_value.get(value, [])[-50:])
                             if where.parent is not node.parent and where is not node
                             and _restates(t, key, o, k)), None)
            if twin is None:
                out.append(t)
                exact[(value, t["year"], key)] = t
                by_value.setdefault(value, []).append((t, node, key))
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
    return re.sub(r"\W+", " ", text[:300].casefold()).strip()[:200]


def _restates(a: dict, ka: str, b: dict, kb: str) -> bool:
    """Whether goal ``a`` (words ``ka``) restates ``b``: a task, a table row or an appendix that
    repeats a goal with other words around it. Two items of one goals list are two goals even
    when worded alike ("80% người bị bạo lực gia đình …", "80% người bị bạo lực trên cơ sở giới …"):
    only restatements are compared this loosely."""
    if a["year"] != b["year"] and None not in (a["year"], b["year"]):
        return False
    if ka == kb:
        return True
    if min(len(ka.split()), len(kb.split())) < 3:
        return False
    return ka in kb or kb in ka or SequenceMatcher(None, ka, kb).ratio() >= 0.7
