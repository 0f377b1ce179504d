"""How plans say who does a task: assignment trailers ("Đơn vị chủ trì: …; Đơn vị phối hợp: …;
Thời gian: …"), agency headings over a block of items ("1. Sở Y tế:", "Đề nghị …:", "Sở X phối hợp
Ban Y: …") and the labels that open a task's own fields ("Nhiệm vụ: …").

Used by :mod:`policykg.loaders.tasks`, which walks the outline and decides what is a task.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.deadlines import frequency_at_end, time_value
from policykg.loaders.outline import Node
from policykg.loaders.roles import Block, Roles, read_roles

TRAILER = re.compile(
    r"^(?P<label>(?:Cơ quan|Đơn vị)(?:\s*,\s*(?:đơn vị|cơ quan))?(?:\s+(?:chủ trì|phối hợp|thực hiện|được giao))?"
    r"(?:\s+(?:thực hiện|tham mưu|chính))?|Chủ trì|Phối hợp|Sản phẩm|Kết quả đầu ra|Trách nhiệm(?: thực hiện)?"
    r"|Thời gian(?:\s+(?:thực hiện|hoàn thành|ban hành))?|Thời hạn(?:\s+(?:hoàn thành|thực hiện|ban hành))?"
    r"|Tiến độ(?:\s+thực hiện)?)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
NOTE = re.compile(r"^\(.*\)\.?$")
HEADER_INTRO = re.compile(r"^(?:Chủ trì|Căn cứ|Phối hợp|Có trách nhiệm|Chịu trách nhiệm|Thực hiện các nhiệm vụ)",
                           re.IGNORECASE)
PREFIX = re.compile(r"^(?:Giao|Đề nghị)\s*:?\s+", re.IGNORECASE)
_WORDS = 30



def first_words(text: str, n: int = _WORDS) -> str:
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
    return node.kind in ("para", "bullet") and bool(TRAILER.match(node.text))


# Several labels on one line: "Đơn vị chủ trì: A; Đơn vị phối hợp: B; Thời gian: Năm 2026."
_NEXT_LABEL = re.compile(r"[;.]\s*(?=(?:Cơ quan|Đơn vị|Thời gian|Thời hạn|Tiến độ|Chủ trì|Phối hợp|Sản phẩm|Trách nhiệm)"
                         r"[^:;]{0,40}:)", re.IGNORECASE)


def read_trailers(nodes: list[Node], gazetteer: Gazetteer) -> Trailers:
    out = Trailers(lines=list(nodes))
    performers: list[str] = []
    parts = [part for node in nodes for part in _NEXT_LABEL.split(node.text)]
    for text in parts:
        m = TRAILER.match(text)
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
            elif ";" in rest:
                # "Sở X chủ trì tham mưu …; Sở Y và các sở, ban, ngành chủ động tổ chức …": the
                # agencies doing their part in a later clause of the same field support X's item.
                for clause in rest.split(";")[1:]:
                    later = read_roles(clause, gazetteer)
                    roles.support += later.support
                    (roles.support if roles.lead else roles.implement).extend(later.implement)
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
    "Đề nghị Ủy ban MTTQ …: <task>". Returns the block and the words after the colon.

    Examples
    --------
    >>> block, rest = read_header("Sở Tài chính phối hợp Sở Nội vụ: bố trí kinh phí.", Gazetteer.default())
    >>> block.lead, block.support, rest
    (['Sở Tài chính'], ['Sở Nội vụ'], 'bố trí kinh phí.')
    >>> read_header("Rà soát các văn bản", Gazetteer.default()) is None
    True
    """
    body = PREFIX.sub("", text.strip())
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
    if rest.endswith(":") and HEADER_INTRO.match(rest):
        roles = read_roles(rest, gazetteer, block)
        block.support = roles.support
    return block, rest


FIELD_TASK = re.compile(r"^(?:Nhiệm vụ|Nội dung(?:\s+(?:nhiệm vụ|thực hiện|công việc))?|Tên nhiệm vụ|Công việc)\s*:\s*"
                         r"(?P<rest>.*)$", re.IGNORECASE)


_NAME_ONLY = re.compile(r"^(?:Viện|Trung tâm|Hội|Liên hiệp|Ban|Sở|Cục|Chi cục|Trường|Học viện|Đài|Báo)\s[^:;.]{3,120}:?$")
_ACTION = re.compile(r"\b(?:chủ trì|phối hợp|thực hiện|triển khai|tổ chức|xây dựng|tham mưu|trách nhiệm|hướng dẫn|"
                     r"theo dõi|báo cáo|chỉ đạo|đề xuất)\b")  # lower case: "Ban Chỉ đạo" is a name
_FOLLOWING_WORK = re.compile(r"(?:nội dung|nhiệm vụ|công việc|việc|hoạt động)\s+(?:cụ thể\s+|chủ yếu\s+)?"
                             r"(?:sau|như sau)(?:\s+đây)?\s*:$", re.IGNORECASE)
BARE_LABEL = re.compile(r"^(?:Hoạt động|Nhiệm vụ|Nội dung|Dự án|Tiểu dự án|Mục|Phần)\s+\d+[.:]?$", re.IGNORECASE)
# "Lãnh đạo phụ trách: Phó giám đốc …": a person who oversees, not a body with a role, and no task.
PERSON_LINE = re.compile(r"^(?:Lãnh đạo|Người)\s+(?:phụ trách|chỉ đạo|theo dõi)\s*:", re.IGNORECASE)
