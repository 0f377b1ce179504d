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
from policykg.loaders.deadlines import deadline_of, frequency_at_end, time_value
from policykg.loaders.outline import Node, Outline, Row
from policykg.loaders.roles import Block, Roles, read_roles

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
_TRAILER = re.compile(
    r"^(?P<label>(?:Cơ quan|Đơn vị)(?:\s*,\s*(?:đơn vị|cơ quan))?(?:\s+(?:chủ trì|phối hợp|thực hiện|được giao))?"
    r"(?:\s+(?:thực hiện|tham mưu|chính))?|Chủ trì|Phối hợp|Sản phẩm|Kết quả đầu ra|Trách nhiệm(?: thực hiện)?"
    r"|Thời gian(?:\s+(?:thực hiện|hoàn thành|ban hành))?|Thời hạn(?:\s+(?:hoàn thành|thực hiện|ban hành))?"
    r"|Tiến độ(?:\s+thực hiện)?)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NOTE = re.compile(r"^\(.*\)\.?$")
_HEADER_INTRO = re.compile(r"^(?:Chủ trì|Căn cứ|Phối hợp|Có trách nhiệm|Chịu trách nhiệm|Thực hiện các nhiệm vụ)",
                           re.IGNORECASE)
_PREFIX = re.compile(r"^(?:Giao|Đề nghị)\s*:?\s+", re.IGNORECASE)
_TASK_COLUMN = re.compile(r"nhiệm vụ|nội dung|tên|công việc|đề án|hoạt động", re.IGNORECASE)
_WORDS = 30


def section_type(node: Node) -> str | None:
    """What kind of section a node lies in, from the nearest heading that says so.

    Roman-level headings are matched anywhere in their text ("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU");
    lower headings only at their start ("4. Kinh phí thực hiện"), since a task heading may mention
    "nhiệm vụ" in passing.
    """
    for n in [node, *node.ancestors()]:
        if n.kind == "appendix":
            return "appendix"
        if not n.is_heading:
            continue
        upper = n.text.upper()
        for name, pattern in _SECTION_KEYS:
            if n.kind == "section" and re.search(pattern, upper):
                return name
            if n.kind == "item" and len(n.text.split()) <= 12 and re.match(rf"(?:{pattern})\b", upper):
                return name
    return None


def _first_words(text: str, n: int = _WORDS) -> str:
    words = text.split()
    return " ".join(words[:n])


@dataclass
class Trailers:
    """The assignment lines closing a group of paragraphs."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    implement: list[str] = field(default_factory=list)
    deadline: str | None = None
    lines: list[Node] = field(default_factory=list)

    def roles(self) -> Roles:
        return Roles(self.lead, self.support, self.implement).tidy()


def is_trailer(node: Node) -> bool:
    return node.kind in ("para", "bullet") and bool(_TRAILER.match(node.text))


# Several labels on one line: "Đơn vị chủ trì: A; Đơn vị phối hợp: B; Thời gian: Năm 2026."
_NEXT_LABEL = re.compile(r"[;.]\s*(?=(?:Cơ quan|Đơn vị|Thời gian|Thời hạn|Tiến độ|Chủ trì|Phối hợp|Sản phẩm|Trách nhiệm)"
                         r"[^:;]{0,40}:)", re.IGNORECASE)


def read_trailers(nodes: list[Node], gazetteer: Gazetteer) -> Trailers:
    out = Trailers(lines=list(nodes))
    performers: list[str] = []
    parts = [part for node in nodes for part in _NEXT_LABEL.split(node.text)]
    for text in parts:
        m = _TRAILER.match(text)
        if not m:
            continue
        label, rest = m["label"].lower(), m["rest"].strip().rstrip(".;")
        if label.startswith(("thời", "tiến độ")):
            out.deadline = time_value(rest)
            continue
        if label.startswith(("sản phẩm", "kết quả")):
            continue
        names = [x.name for x in gazetteer.read_list(rest)[0]]
        if "chủ trì" in label or "chính" in label:
            out.lead += names
        elif "phối hợp" in label:
            out.support += names
        elif re.sub(r"\s*,\s*(?:đơn vị|cơ quan)", "", label.strip()) in (
                "cơ quan thực hiện", "đơn vị thực hiện", "cơ quan", "đơn vị", "đơn vị được giao", "cơ quan được giao",
                "trách nhiệm", "trách nhiệm thực hiện"):
            roles = read_roles(rest, gazetteer)
            if roles.empty():
                roles.implement = names  # a bare list: "Cơ quan thực hiện: A, B, C."
            out.lead += roles.lead
            out.support += roles.support
            performers += roles.implement
            if (f := frequency_at_end(rest)) and out.deadline is None:
                out.deadline = f
    if performers:
        if out.support and not out.lead:
            out.lead += performers  # "Đơn vị thực hiện: A" beside "Đơn vị phối hợp: B": A leads
        else:
            out.implement += performers
    return out


def read_header(text: str, gazetteer: Gazetteer) -> tuple[Block, str] | None:
    """An agency heading a block: "1. Sở Y tế", "Sở Tài chính: Chủ trì, phối hợp với …:",
    "Đề nghị Ủy ban MTTQ …: <task>". Returns the block and the words after the colon."""
    body = _PREFIX.sub("", text.strip())
    mentions, end = gazetteer.read_list(body)
    if not mentions:
        return None
    rest = body[end:].strip()
    if rest.startswith("(") and ")" in rest:  # "1. Sở Nội vụ (Cơ quan thường trực …):"
        rest = rest[rest.index(")") + 1:].strip()
    if re.match(r"[-–]\s", rest) and not _ACTION.search(rest):
        rest = ""  # "1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo": an apposition
    if rest.endswith(":") and _FOLLOWING_WORK.search(rest) and not re.match(r"(?:làm\s+)?chủ trì\b", rest, re.I):
        # "Sở X chỉ đạo Chi cục Y thực hiện các nội dung sau:": X heads the items below.
        return Block([m.name for m in mentions]), ""
    if rest.startswith(",") and len(mentions) == 1 and _NAME_ONLY.match(body) and not _ACTION.search(body):
        # An agency alone on its line whose name holds commas the gazetteer does not know
        # ("Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam"): the whole line is the name.
        return Block([body.rstrip(" :")]), ""
    if (m := re.match(r"phối hợp(?:\s+(?:với|cùng))?\s+", rest)) and ":" in rest:
        # "Sở X phối hợp Ban Y: hướng dẫn …": X leads the item, Y supports it.
        partners, stop = gazetteer.read_list(rest, m.end())
        if partners and rest[stop:].lstrip().startswith(":"):
            return Block([x.name for x in mentions], [x.name for x in partners]), rest[stop:].lstrip()[1:].strip()
    if rest and not rest.startswith(":"):
        # "Giao Sở X chủ trì, phối hợp với Y thực hiện các nhiệm vụ sau:" heads a block too
        if text.rstrip().endswith(":") and re.match(r"(?:làm\s+)?chủ trì\b", rest, re.IGNORECASE):
            roles = read_roles(body, gazetteer)
            return Block(roles.lead or [m.name for m in mentions], roles.support), ""
        return None
    rest = rest[1:].strip() if rest.startswith(":") else ""
    block = Block([m.name for m in mentions])
    if rest.endswith(":") and _HEADER_INTRO.match(rest):
        roles = read_roles(rest, gazetteer, block)
        block.support = roles.support
    return block, rest


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
            if n.is_heading and re.search(r"NHIỆM VỤ|GIẢI PHÁP", n.text.upper()):
                return False
            if n.is_heading and re.search(r"NỘI DUNG", n.text.upper()):
                return True
        return False

    def emit(self, text: str, line: int, notes: tuple[str, ...], block: Block | None,
             trailers: Trailers | None = None, roles_line: int | None = None, roles_text: str | None = None) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        if not text or text.endswith(":") and not trailers:
            return
        if _SUBJECT_ONLY.match(text) and self.under_content(line) or _PERSON_LINE.match(text):
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
            "text": _first_words(text),
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


def item_label(markers: list[str]) -> str:
    """A printed number path from the markers of an item and its headings, outermost first.

    Sub-numbers already carry their parents ("1.2" under "1."), bullets add nothing one can cite.

    Examples
    --------
    >>> item_label(["II", "1", "1.2", "a"]), item_label(["III", "2", "-"]), item_label(["Điều 2"])
    ('II.1.2.a', 'III.2', 'Điều 2')
    """
    parts: list[str] = []
    for marker in markers:
        if marker in "-–+•·●▪○◦*" or not marker:
            continue
        if parts and marker.startswith(parts[-1] + "."):
            parts[-1] = marker
        else:
            parts.append(marker)
    return ".".join(parts)


def row_label(title: str, number: str, line: int) -> str:
    """A table row as officials cite it: the table's title and the row's number ("Phụ lục I, dòng 3").

    Examples
    --------
    >>> row_label("Phụ lục I", "3", 40), row_label("", "", 40)
    ('Phụ lục I, dòng 3', 'bảng, dòng 40')
    """
    where = title or "bảng"
    return f"{where}, dòng {number}" if number else f"{where}, dòng {line}"


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
            _table_tasks(table, ctx)
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
            if is_trailer(child) or _NOTE.match(child.text):
                continue
            header = read_header(child.text, ctx.gazetteer)
            if header and (not header[1] or header[1].endswith(":")):
                block = header[0]
                continue
            if block and child.text.endswith(":") and _HEADER_INTRO.match(child.text):
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
    kids = [c for c in node.children if c.kind not in ("table",) and not _NOTE.match(c.text)
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
        if len(paras) == 1 and not sub_items and node.marker.isalpha() and not _PREFIX.match(node.text) \
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
_FIELD_TASK = re.compile(r"^(?:Nhiệm vụ|Nội dung(?:\s+(?:nhiệm vụ|thực hiện|công việc))?|Tên nhiệm vụ|Công việc)\s*:\s*"
                         r"(?P<rest>.*)$", re.IGNORECASE)


_NAME_ONLY = re.compile(r"^(?:Viện|Trung tâm|Hội|Liên hiệp|Ban|Sở|Cục|Chi cục|Trường|Học viện|Đài|Báo)\s[^:;.]{3,120}:?$")
_ACTION = re.compile(r"\b(?:chủ trì|phối hợp|thực hiện|triển khai|tổ chức|xây dựng|tham mưu|trách nhiệm|hướng dẫn|"
                     r"theo dõi|báo cáo|chỉ đạo|đề xuất)\b")  # lower case: "Ban Chỉ đạo" is a name
_FOLLOWING_WORK = re.compile(r"(?:nội dung|nhiệm vụ|công việc|việc|hoạt động)\s+(?:cụ thể\s+|chủ yếu\s+)?"
                             r"(?:sau|như sau)(?:\s+đây)?\s*:$", re.IGNORECASE)
_BARE_LABEL = re.compile(r"^(?:Hoạt động|Nhiệm vụ|Nội dung|Dự án|Tiểu dự án|Mục|Phần)\s+\d+[.:]?$", re.IGNORECASE)
# "Lãnh đạo phụ trách: Phó giám đốc …": a person who oversees, not a body with a role, and no task.
_PERSON_LINE = re.compile(r"^(?:Lãnh đạo|Người)\s+(?:phụ trách|chỉ đạo|theo dõi)\s*:", re.IGNORECASE)


def _hoisted_trailers(items: list[Node]) -> list[Node]:
    """Trailers printed after the last of several bullets close the whole run of bullets, though
    the outline hangs them under the last one."""
    bullets = [i for i in items if i.kind == "bullet"]
    if len(bullets) < 2 or items[-1] is not bullets[-1]:
        return []
    tail = [c for c in bullets[-1].children if c.kind == "para"]
    if not tail or any(not (is_trailer(c) or _PERSON_LINE.match(c.text)) for c in tail):
        return []
    return [c for c in tail if is_trailer(c)]


def _with_children(label: Node) -> Node:
    """A label whose value is the lines below it ("- Cơ quan thực hiện:" over "+ Sở X chủ trì, …") as
    one line, so the agencies below are read as the label's."""
    m = _TRAILER.match(label.text)
    kids = [k for k in label.children if not _TRAILER.match(k.text)]
    if not m or m["rest"].strip() or not kids:
        return label
    return Node("para", text=f"{label.text.rstrip()} " + "; ".join(k.text.rstrip(" .;") for k in kids),
                line=label.line)


def _field_items(node: Node, items: list[Node], block: Block | None, ctx: _Ctx) -> bool:
    """Read a heading whose items are the fields of one assignment; False when they are not.

    The task field's own words make one task under the heading ("1.1. Xây dựng …: <words>"); the
    bullets below it make one task each; the agency and time fields cover them all.
    """
    fields = [c for c in items if _FIELD_TASK.match(c.text)]
    labelled = [c for c in items if _TRAILER.match(c.text)]
    if not fields or not labelled:
        return False
    trailer_nodes = [n for c in labelled for n in [_with_children(c), *c.children] if _TRAILER.match(n.text)]
    trailers = read_trailers(trailer_nodes, ctx.gazetteer)
    for item in fields:
        rest = _FIELD_TASK.match(item.text)["rest"].strip()
        if rest:
            # A heading that only numbers the work ("Hoạt động 1") adds nothing to its text.
            head = "" if _BARE_LABEL.match(node.text) else f"{node.text.rstrip(' :')}: "
            ctx.emit(f"{head}{rest}", item.line, node.notes + item.notes, block, trailers)
        for kid in item.children:
            if kid.kind in ("para", "bullet", "item") and not _TRAILER.match(kid.text):
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
                and not _WORK_VERB.match(m["label"]) and not _TRAILER.match(i.text)
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
            joint = " " if re.search(r"[.:;]$", node.text) else ": "
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


def _table_title(table: Node, ctx: _Ctx) -> str:
    """How a table is cited: its appendix's title ("PHỤ LỤC I"), else its heading's number path."""
    appendix = next((a for a in table.ancestors() if a.kind == "appendix"), None)
    if appendix is not None:
        m = re.match(r"(?:PHỤ LỤC|Phụ lục)\s*(?:số\s*)?(?P<n>[IVX]+|\d+)?\b", appendix.text)
        return f"Phụ lục {m['n']}" if m and m["n"] else "Phụ lục"
    return ctx.label(table.parent.line) if table.parent is not None and table.parent.line else ""


def _table_tasks(table: Node, ctx: _Ctx) -> None:
    rows = table.rows
    title = _table_title(table, ctx)
    header_at = next((i for i, r in enumerate(rows)
                      if any(re.search(r"chủ trì|thực hiện|phụ trách", c.lower()) for c in r.cells)
                      and any(_TASK_COLUMN.search(c) for c in r.cells)), None)
    if header_at is None:
        return
    header = [c.lower() for c in rows[header_at].cells]
    below = rows[header_at + 1].cells if header_at + 1 < len(rows) else []
    if len(below) < len(header):  # a leading empty cell read as the row's border
        below = [""] * (len(header) - len(below)) + below
    if any(re.search(r"chủ trì|phối hợp", c, re.IGNORECASE) for c in below) and not (below and below[0].strip()):
        # A two-row header: "Cơ quan thực hiện" spans "Chủ trì | Phối hợp" on the row below.
        header = [b.lower() if b.strip() else h for h, b in zip(header + [""] * len(below), below)] \
            + header[len(below):]
        header_at += 1

    def col(pattern: str, exclude: str | None = None) -> int | None:
        for i, c in enumerate(header):
            if re.search(pattern, c) and not (exclude and re.search(exclude, c)):
                return i
        return None

    lead_c = col(r"chủ trì|phụ trách")
    support_c = col(r"phối hợp")
    implement_c = col(r"thực hiện", r"thời|chủ trì|phối hợp|nội dung|nhiệm vụ") if lead_c is None else None
    time_c = col(r"thời gian|thời hạn|tiến độ|hoàn thành")
    text_c = col(_TASK_COLUMN.pattern, r"chủ trì|phối hợp|thời|sản phẩm")
    if text_c is None:
        return
    for row in rows[header_at + 1:]:
        _row_task(row, text_c, lead_c, support_c, time_c, implement_c, ctx, title)


def _row_task(row: Row, text_c: int, lead_c: int | None, support_c: int | None, time_c: int | None,
              implement_c: int | None, ctx: _Ctx, table_title: str = "") -> None:
    cells = row.cells

    def cell(i: int | None) -> str:
        return cells[i].strip() if i is not None and i < len(cells) else ""

    text = cell(text_c)
    assigned = cell(lead_c) or cell(support_c) or cell(implement_c) or cell(time_c)
    group_row = bool(cells) and re.fullmatch(r"[IVX]+\.?|[A-ZĐ]\.?", cells[0].strip() or "-")
    if not text or (not assigned and (text.isupper() or group_row)):
        return  # a row that heads a group of tasks
    lead = [m.name for m in ctx.gazetteer.read_list(cell(lead_c))[0]]
    support = [m.name for m in ctx.gazetteer.read_list(cell(support_c))[0]]
    implement = [m.name for m in ctx.gazetteer.read_list(cell(implement_c))[0]]
    roles = Roles(lead, support, implement).tidy()
    ctx.tasks.append({
        "text": _first_words(text),
        "lead": roles.lead,
        "support": roles.support,
        "implement": roles.implement,
        "deadline": time_value(cell(time_c)),
        "refs": ctx.cite(text, ()),
        "line": row.line,
        "source_text": " | ".join(cells),
        "label": row_label(table_title, cells[0].strip() if cells else "", row.line),
    })
