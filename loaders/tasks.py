"""Tasks: the numbered, lettered or bulleted items of the tasks, solutions and organisation
sections, and the rows of task tables, each with its agencies, deadline and cited documents.

Decisions follow GUIDE.md: a heading whose items are listed below it is not a task, its items are;
a single paragraph under a heading is one task; paragraphs closed by an assignment trailer
("Cơ quan thực hiện: …", "Đơn vị chủ trì …:") form one task each; purposes, goals, funding and the
closing "Trên đây là Kế hoạch …" are not tasks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.deadlines import deadline_of
from policykg.loaders.outline import Node, Outline
from policykg.loaders.roles import Block, Roles, read_roles
from policykg.loaders.task_heads import (
    BARE_LABEL,
    FIELD_TASK,
    HEADER_INTRO,
    NOTE,
    PERSON_LINE,
    PREFIX,
    TRAILER,
    Trailers,
    first_words,
    is_trailer,
    read_header,
    read_trailers,
)
from policykg.loaders.task_tables import item_label, table_tasks

Cite = Callable[[str, tuple[str, ...]], list[str]]

TASK_SECTIONS = {"tasks", "organisation", "report", None}
# Checked in this order: a title that mixes goals and tasks ("MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP") holds
# tasks, while one about past results ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ") does not.
_SECTION_KEYS = [
    ("situation", r"TÌNH HÌNH|KẾT QUẢ|THỰC TRẠNG|HIỆN TRẠNG|^ĐÁNH GIÁ|SỰ CẦN THIẾT|CĂN CỨ"),
    ("article", r"ĐIỀU \d+"),
    ("organisation", r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|TRÁCH NHIỆM"),
    ("tasks", r"NHIỆM VỤ|GIẢI PHÁP|NỘI DUNG"),
    ("funding", r"KINH PHÍ|NGUỒN LỰC TÀI CHÍNH|NGUỒN VỐN"),
    ("report", r"CHẾ ĐỘ BÁO CÁO|THÔNG TIN BÁO CÁO|BÁO CÁO"),
    ("purpose", r"MỤC ĐÍCH|YÊU CẦU|QUAN ĐIỂM"),
    ("goal", r"MỤC TIÊU|CHỈ TIÊU|ĐỊNH HƯỚNG|TẦM NHÌN"),
    # Who and when the plan covers ("ĐỐI TƯỢNG, THỜI GIAN VÀ THÀNH PHẦN THỰC HIỆN"): no work to do.
    ("scope", r"^(?:ĐỐI TƯỢNG|PHẠM VI|THÀNH PHẦN|THỜI GIAN|ĐỊA ĐIỂM|THỜI ĐIỂM)"),
]
# Under a NỘI DUNG heading an item that only names a subject is no task ("Tình hình …", "Việc …").
_SUBJECT_ONLY = re.compile(r"^(?:Tình hình|Việc|Mức độ|Tồn tại|Phương hướng|Thời gian|Địa điểm|Đối tượng|Hiện trạng|"
                           r"Thành phần|Phạm vi|Nội dung)\b")
_TASK_HEADING = re.compile(r"NHIỆM VỤ|GIẢI PHÁP")
_CONTENT_HEADING = re.compile(r"NỘI DUNG")
_SPACES = re.compile(r"\s+")
_CLOSED = re.compile(r"[.:;]$")
# Compiled once: a Roman-level heading is searched anywhere, a lower one matched at its start.
_SECTION_RES = [(name, re.compile(pattern), re.compile(rf"(?:{pattern})\b")) for name, pattern in _SECTION_KEYS]
_NO_SAY = "no say"  # a node whose own text names no section type: its parent's decides


def section_type(node: Node) -> str | None:
    """What kind of section a node lies in, from the nearest heading that says so.

    Roman-level headings are matched anywhere in their text ("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU");
    lower headings only at their start ("4. Kinh phí thực hiện"), since a task heading may mention
    "nhiệm vụ" in passing. Worked out once per node (kept in ``node.memo``): a node's type is its
    own heading's, else its parent's, so a walk over the outline costs one match per heading.

    Examples
    --------
    >>> root = Node("root")
    >>> section = root.add(Node("section", "II. NHIỆM VỤ, GIẢI PHÁP", marker="II"))
    >>> item = section.add(Node("item", "1. Tuyên truyền về nhiệm vụ", marker="1"))
    >>> section_type(item.add(Node("para", "Sở Y tế chủ trì."))), section_type(root)
    ('tasks', None)
    """
    known = node.memo.get("section", _NO_SAY)
    if known is not _NO_SAY:
        return known  # type: ignore[return-value]
    own = _own_section_type(node)
    found = own if own != _NO_SAY else (section_type(node.parent) if node.parent is not None else None)
    node.memo["section"] = found
    return found


def _own_section_type(node: Node) -> str | None:
    if node.kind == "appendix":
        return "appendix"
    if not node.is_heading:
        return _NO_SAY
    upper = node.text.upper()
    short = node.kind == "item" and len(node.text.split()) <= 12
    for name, anywhere, at_start in _SECTION_RES:
        if node.kind == "section" and anywhere.search(upper):
            return name
        if short and at_start.match(upper):
            return name
    return _NO_SAY


@dataclass
class _Ctx:
    gazetteer: Gazetteer
    cite: Cite
    tasks: list[dict] = field(default_factory=list)
    nodes: dict[int, Node] = field(default_factory=dict)
    cover: list[Trailers | None] = field(default_factory=list)

    def label(self, line: int) -> str:
        """The item's printed number path ("II.1.3", "II.1.a", "IV.2 -"), as officials cite it."""
        node = self.nodes.get(line)
        chain = [n for n in ([node] if node else []) + list(node.ancestors() if node else []) if n.marker
                 and n.kind in ("section", "item", "bullet") and n.marker not in ("closing", "attached")]
        label = item_label([n.marker for n in reversed(chain)])
        if node is not None and node.kind == "bullet" and node.parent is not None:
            # Bullets print no number: the n-th bullet of its item.
            bullets = [c for c in node.parent.children if c.kind == "bullet" and c.marker == node.marker]
            label = f"{label} ({bullets.index(node) + 1})" if label else f"({bullets.index(node) + 1})"
        return label

    def under_content(self, line: int) -> bool:
        """Whether the node at ``line`` lies under a NỘI DUNG heading rather than NHIỆM VỤ / GIẢI PHÁP."""
        node = self.nodes.get(line)
        for n in node.ancestors() if node else ():
            if n.is_heading and _TASK_HEADING.search(n.text.upper()):
                return False
            if n.is_heading and _CONTENT_HEADING.search(n.text.upper()):
                return True
        return False

    def emit(self, text: str, line: int, notes: tuple[str, ...], block: Block | None,
             trailers: Trailers | None = None, roles_line: int | None = None, roles_text: str | None = None) -> None:
        text = _SPACES.sub(" ", text).strip()
        if not text or text.endswith(":") and not trailers:
            return
        if _SUBJECT_ONLY.match(text) and self.under_content(line) or PERSON_LINE.match(text):
            return
        if trailers is None and self.cover and self.cover[-1] is not None:
            trailers = self.cover[-1]
        if trailers and (trailers.lead or trailers.support or trailers.implement):
            roles = trailers.roles()
            if trailers.lead:
                # The item's own words still say whom the lead works with ("phối hợp với Bộ X").
                own = read_roles(text, self.gazetteer, Block(roles.lead, roles.support))
                roles = Roles(own.lead, own.support, own.implement + roles.implement).tidy()
            first = trailers.lines[0]
            roles_line, roles_text = first.line, " ".join(n.text for n in trailers.lines)
        else:
            roles = read_roles(text, self.gazetteer, block)
        task = {
            "text": first_words(text),
            "lead": roles.lead,
            "support": roles.support,
            "implement": roles.implement,
            "deadline": deadline_of(text, trailers.deadline if trailers else None),
            "refs": self.cite(text, notes),
            "line": line,
            "source_text": text,
            "label": self.label(line),
        }
        if roles_line is not None and roles_line != line:
            task["roles_line"], task["roles_text"] = roles_line, roles_text
        self.tasks.append(task)


def extract_tasks(outline: Outline, gazetteer: Gazetteer, cite: Cite) -> list[dict]:
    """All tasks of a document, in document order.

    Parameters
    ----------
    outline : Outline
    gazetteer : Gazetteer
    cite : callable
        ``cite(text, footnote_numbers) -> ids`` of documents the text cites.

    Returns
    -------
    list of dict
        GUIDE.md task records plus ``line`` and ``source_text`` (and ``roles_line`` /
        ``roles_text`` when the agencies were assigned on another line).

    Examples
    --------
    >>> from policykg.loaders.normalise import normalise
    >>> from policykg.loaders.outline import build_outline
    >>> o = build_outline(normalise("I. NHIỆM VỤ\\n1. Thường xuyên rà soát, bổ sung các quy định về cấp phép."))
    >>> [(t["text"], t["deadline"]) for t in extract_tasks(o, Gazetteer.default(), lambda text, notes: [])]
    [('Thường xuyên rà soát, bổ sung các quy định về cấp phép.', 'Thường xuyên')]
    """
    ctx = _Ctx(gazetteer, cite, nodes={n.line: n for n in outline.root.walk() if n.line})
    _walk(outline.root, None, ctx)
    for table in outline.tables():
        if section_type(table) in TASK_SECTIONS | {"appendix"}:
            table_tasks(table, ctx)
    ctx.tasks.sort(key=lambda t: t["line"])
    return ctx.tasks


def _walk(node: Node, block: Block | None, ctx: _Ctx) -> None:
    for child in node.children:
        if child.kind in ("table", "appendix"):
            continue
        if section_type(child) not in TASK_SECTIONS:
            continue
        if child.kind == "para":
            if child.marker == "closing":
                if "trước ngày" in child.text:
                    ctx.emit(child.text, child.line, child.notes, block)
                continue
            if is_trailer(child) or NOTE.match(child.text):
                continue
            header = read_header(child.text, ctx.gazetteer)
            if header and (not header[1] or header[1].endswith(":")):
                block = header[0]
                continue
            if block and child.text.endswith(":") and HEADER_INTRO.match(child.text):
                # "Chủ trì, phối hợp với X …:" under an agency's heading: X supports all that follows.
                block = Block(block.lead, block.support + read_roles(child.text, ctx.gazetteer, block).support)
                continue
            if node.kind == "root":
                continue  # the opening, before any section
            ctx.emit(child.text, child.line, child.notes, block)
        elif child.kind == "section":
            _walk(child, None, ctx)
        elif is_trailer(child) and not child.children:
            continue  # read by the heading above as covering its items
        else:
            _visit(child, block, ctx)


def _visit(node: Node, block: Block | None, ctx: _Ctx) -> None:
    kids = [c for c in node.children if c.kind not in ("table",) and not NOTE.match(c.text)
            and c.marker != "closing"]
    header = read_header(node.text, ctx.gazetteer)
    sub_items = [c for c in kids if c.is_heading and not is_trailer(c)]
    if _field_items(node, kids, block, ctx):
        return
    if header:
        inner, rest = header
        if rest and not rest.endswith(":"):
            paras = [c for c in kids if c.kind == "para" and not is_trailer(c)]
            trailers = [c for c in kids if is_trailer(c)]
            ctx.emit(rest, node.line, node.notes, inner,
                     read_trailers(trailers, ctx.gazetteer) if trailers else None)
            for para in paras:
                ctx.emit(para.text, para.line, para.notes, inner)
            for item in sub_items:
                _visit(item, inner, ctx)
            return
        paras = [c for c in kids if c.kind == "para" and not is_trailer(c)]
        if len(paras) == 1 and not sub_items and node.marker.isalpha() and not PREFIX.match(node.text) \
                and _topic_siblings(node, ctx.gazetteer):
            # Among topic items written "title + paragraph", an agency-titled item reads the same way.
            ctx.emit(f"{node.text} {paras[0].text}", node.line, node.notes + paras[0].notes, inner)
            return
        _walk(node, inner, ctx)
        return
    if sub_items:
        if not _described(node, sub_items, ctx):
            # A trailer beside the items ("- Cơ quan thực hiện: …") covers every one of them.
            cover = [c for c in kids if is_trailer(c)] + _hoisted_trailers(sub_items)
            outer = ctx.cover[-1] if ctx.cover else None
            ctx.cover.append(read_trailers(cover, ctx.gazetteer) if cover else outer)
            _walk(node, block, ctx)
            ctx.cover.pop()
        else:
            text = " ".join(n.text for n in node.walk() if n is not node and n.kind != "table")
            ctx.emit(f"{node.text}: {text}", node.line, node.notes, block)
        return
    _leaf(node, kids, block, ctx)
    for closing in (c for c in node.children if c.marker == "closing" and "trước ngày" in c.text):
        ctx.emit(closing.text, closing.line, closing.notes, block)


# A task written as labelled fields: "a) Nhiệm vụ: …", "b) Cơ quan thực hiện: …", "c) Thời gian: …".
def _hoisted_trailers(items: list[Node]) -> list[Node]:
    """Trailers printed after the last of several bullets close the whole run of bullets, though
    the outline hangs them under the last one."""
    bullets = [i for i in items if i.kind == "bullet"]
    if len(bullets) < 2 or items[-1] is not bullets[-1]:
        return []
    tail = [c for c in bullets[-1].children if c.kind == "para"]
    if not tail or any(not (is_trailer(c) or PERSON_LINE.match(c.text)) for c in tail):
        return []
    return [c for c in tail if is_trailer(c)]


def _with_children(label: Node) -> Node:
    """A label whose value is the lines below it ("- Cơ quan thực hiện:" over "+ Sở X chủ trì, …") as
    one line, so the agencies below are read as the label's."""
    m = TRAILER.match(label.text)
    kids = [k for k in label.children if not TRAILER.match(k.text)]
    if not m or m["rest"].strip() or not kids:
        return label
    return Node("para", text=f"{label.text.rstrip()} " + "; ".join(k.text.rstrip(" .;") for k in kids),
                line=label.line)


def _field_items(node: Node, items: list[Node], block: Block | None, ctx: _Ctx) -> bool:
    """Read a heading whose items are the fields of one assignment; False when they are not.

    The task field's own words make one task under the heading ("1.1. Xây dựng …: <words>"); the
    bullets below it make one task each; the agency and time fields cover them all.
    """
    fields = [c for c in items if FIELD_TASK.match(c.text)]
    labelled = [c for c in items if TRAILER.match(c.text)]
    if not fields or not labelled:
        return False
    trailer_nodes = [n for c in labelled for n in [_with_children(c), *c.children] if TRAILER.match(n.text)]
    trailers = read_trailers(trailer_nodes, ctx.gazetteer)
    for item in fields:
        field = FIELD_TASK.match(item.text)
        assert field is not None  # fields holds only the items that match
        rest = field["rest"].strip()
        if rest:
            # A heading that only numbers the work ("Hoạt động 1") adds nothing to its text.
            head = "" if BARE_LABEL.match(node.text) else f"{node.text.rstrip(' :')}: "
            ctx.emit(f"{head}{rest}", item.line, node.notes + item.notes, block, trailers)
        for kid in item.children:
            if kid.kind in ("para", "bullet", "item") and not TRAILER.match(kid.text):
                ctx.emit(kid.text, kid.line, kid.notes, block, trailers)
    return True


# "- Điểm quan trắc: …", "- Hình thức: …": a short label that describes one side of the work.
_DESCRIBED = re.compile(r"^(?!Về\b)(?P<label>[^:;,.]{2,45}?(?:,[^:;.]{1,30}?){0,3}):\s*\S")


# Words that open a piece of work: a bullet labelled with one ("- Lắp đặt trạm 5G: …") is a task.
_WORK_VERB = re.compile(
    r"^(?:Lắp đặt|Nâng cấp|Xây dựng|Triển khai|Kiểm tra|Thử nghiệm|Thu thập|Tổ chức|Rà soát|Tuyên truyền|Đầu tư|"
    r"Chuyển đổi|Hướng dẫn|Phát triển|Tăng cường|Đẩy mạnh|Thực hiện|Ban hành|Hoàn thiện|Nghiên cứu|Đào tạo|"
    r"Bồi dưỡng|Phối hợp|Chủ trì|Tham mưu|Theo dõi|Giám sát|Đánh giá|Báo cáo|Tổng hợp|Lập|Cập nhật|Ứng dụng|"
    r"Số hóa|Bảo đảm|Đảm bảo|Duy trì|Củng cố|Kiện toàn|Sắp xếp|Thành lập|Phổ biến|Quán triệt|Lồng ghép|Vận động|"
    r"Huy động|Bố trí|Cải thiện|Nâng cao|Mở rộng|Hỗ trợ|Khuyến khích|Tiếp tục|Chỉ đạo|Rà soát|Xử lý|Khắc phục)\b")


def _described(node: Node, items: list[Node], ctx: _Ctx) -> bool:
    """Whether a heading's bullets only describe its one task ("- Điểm quan trắc: …",
    "- Thông số, tần suất: …"), so the heading is the task rather than each bullet."""
    if node.text.rstrip().endswith(":") or not items or any(i.kind != "bullet" for i in items) or len(items) < 2:
        return False
    labelled = [i for i in items if (m := _DESCRIBED.match(i.text)) and len(m["label"].split()) <= 8
                and not _WORK_VERB.match(m["label"]) and not TRAILER.match(i.text)
                and read_header(i.text, ctx.gazetteer) is None]
    return len(labelled) * 5 >= len(items) * 3


def _topic_siblings(node: Node, gazetteer: Gazetteer) -> bool:
    """Whether most items beside this one are topic titles rather than agency headings."""
    siblings = [s for s in (node.parent.children if node.parent else []) if s is not node and s.kind == node.kind]
    if not siblings:
        return False
    topics = sum(1 for s in siblings if read_header(s.text, gazetteer) is None)
    return topics * 2 > len(siblings)


def _leaf(node: Node, kids: list[Node], block: Block | None, ctx: _Ctx) -> None:
    """A heading with only paragraphs and assignment trailers below it."""
    if not any(is_trailer(k) for k in kids):
        paras = [k for k in kids if k.kind == "para"]
        if not paras:
            ctx.emit(node.text, node.line, node.notes, block)
        elif len(paras) == 1:
            # The paragraph opens a sentence of its own: its subject is the item's agency.
            joint = " " if _CLOSED.search(node.text) else ": "
            ctx.emit(f"{node.text}{joint}{paras[0].text}", node.line, node.notes + paras[0].notes, block)
        else:
            for para in paras:
                ctx.emit(para.text, para.line, para.notes, block)
        return
    segments: list[tuple[list[Node], list[Node]]] = [([], [])]
    for kid in kids:
        if is_trailer(kid):
            segments[-1][1].append(kid)
        else:
            if segments[-1][1]:
                segments.append(([], []))
            segments[-1][0].append(kid)
    for index, (paras, trailers) in enumerate(segments):
        parts = ([node] if index == 0 else []) + paras
        if not parts:
            continue
        text = " ".join(p.text for p in parts)
        notes = tuple(n for p in parts for n in p.notes)
        ctx.emit(text, parts[0].line, notes, block,
                 read_trailers(trailers, ctx.gazetteer) if trailers else None)
