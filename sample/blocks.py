"""A clean generated document taken apart: its two-column head cell by cell and its body blocks
(title, headings, paragraphs, tables, the "Nơi nhận:" list and signature), for the layouts of
:mod:`policykg.sample.layouts` to print again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_RIGHT = re.compile(r"^(?:CỘNG H[OÒ]|Độc lập|ĐẢNG CỘNG SẢN)")
_DATE = re.compile(r", ngày\b.*\bnăm \d{4}")
_NUMBER = re.compile(r"^Số\b")
_NUMBERED = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)[.\-]\s+\S")
_BODY_PREFIXES = ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ")


@dataclass
class Header:
    """The two-column head of a document, cell by cell.

    ``left`` is the issuing body, top to bottom (a party head's ``*`` included); ``right`` the
    national title and motto, or "ĐẢNG CỘNG SẢN VIỆT NAM"; ``number`` the "Số" line and ``date``
    the place-and-date line, the bottom row of each column.
    """

    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    number: str | None = None
    date: str | None = None


@dataclass
class Block:
    """One piece of the body.

    ``kind`` is one of ``blank``, ``title`` (the kind line and title lines), ``heading``, ``para``
    (one paragraph in ``lines[0]``), ``table`` (``rows`` of cells, ``lines`` the rows as printed)
    and ``closing`` (``lines`` the
    "Nơi nhận:" list, ``sign`` the signature lines, ``person`` the signer).
    """

    kind: str
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    sign: list[str] = field(default_factory=list)
    person: str = ""


@dataclass
class Doc:
    """A clean document taken apart: its head (None when it has none) and body blocks."""

    header: Header | None
    blocks: list[Block]


def parse(text: str) -> Doc:
    """Split clean generated text into its head and body blocks.

    The head is every line up to the place-and-date line (within the first ten lines), in either
    form the generator writes it: stacked lines, or rows of ``left | right |`` cells.

    Parameters
    ----------
    text : str
        Clean generated text, one paragraph a line.

    Returns
    -------
    Doc

    Examples
    --------
    >>> doc = parse("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\\n"
    ...             "XÃ AN BÌNH | Độc lập - Tự do - Hạnh phúc |\\n"
    ...             "Số: 12/KH-UBND | An Bình, ngày 02 tháng 3 năm 2026 |\\n\\n"
    ...             "KẾ HOẠCH\\nPhòng chống thiên tai\\n\\nI. MỤC ĐÍCH\\nGiao Công an xã chủ trì.\\n")
    >>> doc.header.left, doc.header.number
    (['ỦY BAN NHÂN DÂN', 'XÃ AN BÌNH'], 'Số: 12/KH-UBND')
    >>> [b.kind for b in doc.blocks]
    ['blank', 'title', 'blank', 'heading', 'para']
    """
    lines = text.rstrip("\n").split("\n")
    end = next((i for i, line in enumerate(lines[:10]) if _DATE.search(line)), None)
    if end is None:
        return Doc(None, _body(lines, title=False))
    header = Header()
    for line in lines[:end + 1]:
        cells = [c.strip() for c in line.rstrip(" |").split(" | ")] if " | " in line else [line.strip()]
        for cell in cells:
            if _DATE.search(cell):
                header.date = cell
            elif _NUMBER.match(cell):
                header.number = cell
            elif _RIGHT.match(cell):
                header.right.append(cell)
            elif cell:
                header.left.extend(split_body(cell))
    return Doc(header, _body(lines[end + 1:], title=True))


def split_body(line: str) -> list[str]:
    """"ỦY BAN NHÂN DÂN TỈNH X" as the two lines a printed head has; other lines unchanged."""
    for prefix in _BODY_PREFIXES:
        if line.startswith(prefix):
            return [prefix.strip(), line[len(prefix):]]
    return [line]


def is_upper(line: str) -> bool:
    """All letters upper case (a heading, a kind line, a signature line)."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_heading(line: str) -> bool:
    """A heading line: upper case, or a short numbered line not ending a sentence ("1. Mục đích")."""
    if is_upper(line) and len(line) < 120:
        return True
    return bool(_NUMBERED.match(line)) and len(line) < 90 and not line.endswith((".", ";"))


def _is_row(line: str) -> bool:
    return "\t" in line or (" | " in line and line.endswith(" |"))


def _cells(line: str) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in line.rstrip().rstrip("|").split("|")]


def _body(lines: list[str], title: bool) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while title and i < len(lines) and not lines[i].strip():
        blocks.append(Block("blank"))
        i += 1
    if title and i < len(lines):
        start = i
        while i < len(lines) and lines[i].strip():
            i += 1
        blocks.append(Block("title", lines[start:i]))
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blocks.append(Block("blank"))
        elif _is_row(line):
            if not blocks or blocks[-1].kind != "table":
                blocks.append(Block("table"))
            blocks[-1].rows.append(_cells(line))
            blocks[-1].lines.append(line)
        elif line.strip() == "Nơi nhận:" and (closing := _closing(lines, i)):
            block, i = closing
            blocks.append(block)
            continue
        else:
            blocks.append(Block("heading" if is_heading(line) else "para", [line]))
        i += 1
    return blocks


def _closing(lines: list[str], i: int) -> tuple[Block, int] | None:
    """The "Nơi nhận:" list, the signature and the signer starting at ``lines[i]``, and the index
    after them; None when the lines do not have that shape."""
    block = Block("closing", [lines[i]])
    i += 1
    while i < len(lines) and not lines[i].strip():  # a spaced document's blank line after the label
        i += 1
    while i < len(lines) and lines[i].startswith("- "):
        block.lines.append(lines[i])
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    while i < len(lines) and lines[i].strip() and is_upper(lines[i]):
        block.sign.append(lines[i])
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if not block.sign or i >= len(lines) or is_upper(lines[i]):
        return None
    block.person = lines[i]
    return block, i + 1


__all__ = ["Block", "Doc", "Header", "is_heading", "is_upper", "parse", "split_body"]
