"""Stage 3: normalised lines -> the document's heading tree and its tables.

Headings nest by the kind of their marker: Roman sections (``I.``, ``II-``) hold numbered items
(``1.``), which hold sub-numbered items (``1.1.``), lettered items (``a)``, ``đ)``) and bullets
(``-``, ``·``, ``+``); a paragraph belongs to the heading above it. Tables come in the three shapes
that converted documents show: pipe rows (``a | b | c |``), tab-separated rows, and one cell per
line (each cell a tab-led line, rows separated by blank lines). Every node keeps its line number.

The body ends at the closing paragraph ("Trên đây là Kế hoạch …", or the paragraph ending ``./.``);
what follows (signature, recipients) is dropped, except an appendix (``PHỤ LỤC``, ``DANH MỤC``)
whose tables are kept under an ``appendix`` node.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from policykg.loaders.normalise import Line, Text

_ROMAN = re.compile(r"^(?P<m>[IVX]{1,5})\s*[.\-–):]\s*(?P<t>\S.*)$")
_NUMBER = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(?P<t>\S.*)$")
_NUMBER_NO_DOT = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2}){1,3})\s+(?P<t>[^\W\d_].*)$")
_LETTER = re.compile(r"^(?P<m>[a-zđ])\s*\)\s*(?P<t>\S.*)$|^(?P<m2>[a-zđ])\.\s+(?P<t2>[A-ZĐÀ-Ỹ].*)$")
_BULLET = re.compile(r"^(?P<m>[-–+•·●▪○◦*])\s*(?P<t>\S.*)$")
_CLOSING = re.compile(r"^(Trên đây là|Trên đây|Nơi nhận|Noi nhận)\b|\./\.\s*$", re.IGNORECASE)
_APPENDIX = re.compile(r"^(PHỤ LỤC|DANH MỤC|Phụ lục)\b")
# A plan issued by a decision follows the decision's signature: its kind line reopens the body.
_ATTACHED = re.compile(r"^(KẾ HOẠCH|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|ĐỀ ÁN|QUY CHẾ)$")
_ARTICLE = re.compile(r"^(?P<m>Điều\s+\d+)\s*[.:]\s*(?P<t>.*)$")
_PART = re.compile(r"^(?P<m>PHẦN\s+(?:[IVX]+|THỨ\s+\S+)|[A-H])\s*[.:\-–]\s*(?P<t>[A-ZĐÀ-Ỹ][^a-zà-ỹ]*)$")
_STT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.?|[a-zđ]\))$")

RANK_SECTION, RANK_LETTER, RANK_BULLET = 1, 6, 7


@dataclass
class Row:
    """One table row: its first line number and its cells, stripped."""

    line: int
    cells: list[str]


@dataclass
class Node:
    """A node of the outline.

    ``kind`` is one of ``root``, ``section`` (Roman), ``item`` (numbered or lettered), ``bullet``,
    ``para``, ``table`` or ``appendix``; ``marker`` is the printed number, letter or bullet.
    """

    kind: str
    text: str = ""
    line: int = 0
    marker: str = ""
    rank: int = 0
    notes: tuple[str, ...] = ()
    rows: list[Row] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False, compare=False)
    # What readers of the finished outline work out once per node (the section type of
    # loaders/tasks.py, asked for every node of every walk): key -> value.
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def add(self, child: "Node") -> "Node":
        child.parent = self
        self.children.append(child)
        return child

    def ancestors(self) -> Iterator["Node"]:
        """Parents from the nearest up to the root."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self) -> Iterator["Node"]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def is_heading(self) -> bool:
        return self.kind in ("section", "item", "bullet")


def classify(text: str) -> tuple[str, str, str, int]:
    """Say what one line is: ``(kind, marker, text without marker, rank)``.

    Examples
    --------
    >>> classify("II- NHIỆM VỤ, GIẢI PHÁP")
    ('section', 'II', 'NHIỆM VỤ, GIẢI PHÁP', 1)
    >>> classify("1.2. Sở Y tế: Chủ trì")[:3]
    ('item', '1.2', 'Sở Y tế: Chủ trì')
    >>> classify("đ) Tăng cường công tác")[:2]
    ('item', 'đ')
    >>> classify("· Thời gian thực hiện: Thường xuyên.")[:2]
    ('bullet', '·')
    >>> classify("100% giáo viên đạt chuẩn")[0]
    'para'
    """
    stripped = text.strip()
    if m := _ARTICLE.match(stripped):
        return "section", m["m"], stripped, RANK_SECTION
    if m := _PART.match(stripped):
        return "section", m["m"], m["t"].strip(), 0
    if m := _ROMAN.match(stripped):
        return "section", m["m"], m["t"].strip(), RANK_SECTION
    if (m := _NUMBER.match(stripped)) or (m := _NUMBER_NO_DOT.match(stripped)):
        return "item", m["m"], m["t"].strip(), 1 + m["m"].count(".") + 1
    if m := _LETTER.match(stripped):
        return "item", m["m"] or m["m2"], (m["t"] or m["t2"]).strip(), RANK_LETTER
    if m := _BULLET.match(stripped):
        rank = RANK_BULLET + (1 if m["m"] == "+" else 0)
        return "bullet", m["m"], m["t"].strip(), rank
    return "para", "", stripped, 99


def split_row(text: str) -> list[str] | None:
    """Cells of a pipe or tab-separated row, or None when the line is not such a row.

    Examples
    --------
    >>> split_row("1 | Quán triệt | Sở Y tế | | Năm 2026 |")
    ['1', 'Quán triệt', 'Sở Y tế', '', 'Năm 2026']
    >>> split_row("1.\\tHội nghị\\tSở GD&ĐT\\t\\t2020")
    ['1.', 'Hội nghị', 'Sở GD&ĐT', '', '2020']
    >>> split_row("Một câu bình thường") is None
    True
    """
    body = text.strip(" ")
    if body.count("|") >= 2 or (body.count("|") == 1 and body.rstrip().endswith("|")):
        cells = [c.strip() for c in body.strip().strip("|").split("|")]
        return cells
    inner = body.lstrip("\t")
    if "\t" in inner.strip("\t"):
        return [c.strip() for c in inner.split("\t")]
    return None


def _cell_line(text: str) -> str | None:
    """The cell of a one-cell-per-line table line (tab-led, no other tab), else None."""
    if text.startswith("\t") or text.startswith(" \t"):
        inner = text.lstrip(" ").lstrip("\t")
        if "\t" not in inner:
            return inner.strip()
    return None


def _cell_table(lines: list[Line], start: int) -> tuple[list[Row], int] | None:
    """Read a one-cell-per-line table starting at ``start``; return rows and the index after it.

    Rows are separated by blank lines. A fragment that does not open with a row number (STT) is a
    row broken by the converter and is appended to the row before it.
    """
    i, cells_seen = start, 0
    fragments: list[Row] = []
    current: Row | None = None
    while i < len(lines):
        text = lines[i].text
        cell = _cell_line(text)
        if cell is not None:
            if current is None:
                current = Row(lines[i].no, [])
                fragments.append(current)
            current.cells.append(cell)
            cells_seen += 1
        elif not text.strip():
            current = None
        elif len(text.strip()) <= 60 and any(_cell_line(l.text) is not None for l in lines[i + 1:i + 4]):
            if current is None:
                current = Row(lines[i].no, [])
                fragments.append(current)
            current.cells.append(text.strip())  # a merged cell the converter printed without its tab
        else:
            break
        i += 1
    if cells_seen < 4:
        return None
    rows: list[Row] = []
    for frag in fragments:
        opens_row = bool(frag.cells) and bool(_STT.match(frag.cells[0]))
        if rows and not opens_row and any(_STT.match(r.cells[0]) for r in rows if r.cells):
            rows[-1].cells.extend(frag.cells)
        else:
            rows.append(frag)
    return rows, i


@dataclass
class Outline:
    """The document as a tree (``root``) plus the head lines before the first heading."""

    root: Node
    lines: list[Line]

    def tables(self) -> list[Node]:
        return [n for n in self.root.walk() if n.kind == "table"]


def build_outline(text: Text) -> Outline:
    """Build the outline of a normalised document.

    Parameters
    ----------
    text : Text
        Output of :func:`policykg.loaders.normalise.normalise`.

    Returns
    -------
    Outline

    Examples
    --------
    >>> from policykg.loaders.normalise import normalise
    >>> o = build_outline(normalise("I. NHIỆM VỤ\\n1. Sở Y tế\\na) Chủ trì việc A.\\nb) Phối hợp việc B."))
    >>> [(n.kind, n.marker, n.parent.marker) for n in o.root.walk() if n.kind != "root"]
    [('section', 'I', ''), ('item', '1', 'I'), ('item', 'a', '1'), ('item', 'b', '1')]
    """
    lines = text.lines
    root = Node("root")
    stack: list[Node] = [root]
    i = 0
    closed = False
    appendix: Node | None = None

    def top() -> Node:
        return appendix if appendix is not None else stack[-1]

    while i < len(lines):
        line = lines[i]
        raw = line.text
        if _cell_line(raw) is not None:
            table = _cell_table(lines, i)
            if table is not None:
                rows, i = table
                if not closed or appendix is not None:
                    top().add(Node("table", line=rows[0].line, rows=rows))
                continue
        if not raw.strip():
            i += 1
            continue
        cells = split_row(raw)
        if cells is not None:
            rows = [Row(line.no, cells)]
            i += 1
            while i < len(lines):
                nxt = lines[i].text
                if not nxt.strip():
                    i += 1
                    continue
                more = split_row(nxt)
                if more is None:
                    break
                rows.append(Row(lines[i].no, more))
                i += 1
            if not closed or appendix is not None:
                top().add(Node("table", line=rows[0].line, rows=rows))
            continue
        i += 1
        stripped = raw.strip()
        if closed:
            if _ATTACHED.match(stripped) and appendix is None:
                closed = False
                stack = [root]
                root.add(Node("para", text=stripped, line=line.no, rank=99, marker="attached"))
                continue
            if _APPENDIX.match(stripped):
                appendix = root.add(Node("appendix", text=stripped, line=line.no))
            elif appendix is not None:
                appendix.add(Node("para", text=stripped, line=line.no, rank=99, notes=line.notes))
            continue
        kind, marker, body, rank = classify(stripped)
        if kind == "para" and _CLOSING.search(stripped) and len(stack) > 1:
            closed = True
            stack[-1].add(Node("para", text=stripped, line=line.no, rank=99, notes=line.notes,
                               marker="closing"))
            continue
        node = Node(kind, text=body, line=line.no, marker=marker, rank=rank, notes=line.notes)
        if kind == "para":
            stack[-1].add(node)
            continue
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        stack[-1].add(node)
        stack.append(node)
    return Outline(root, lines)
