"""The ``portal`` layout: a generated document as the markdown a web-page extractor makes of a
legal-document portal page.

What such a page looks like, written as rules (the wording of the page furniture is our own):

- the two-column head is a table: lone ``|`` lines between cells and a pair of them between rows;
  the issuer cell ("**ỦY BAN NHÂN DÂN**" / "TỈNH X" / "-------"), the national title cell
  ("**CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM**" / "Độc lập - Tự do - Hạnh phúc" / "---------------"),
  the number cell and the place-date cell in ``*italics*``, the cells broken at their narrow width;
- ``**bold**`` kind line and headings whose marks span the line breaks of a wrapped heading;
- paragraphs hard-wrapped at the page's width, the first line often shorter, separated by blank
  lines on some pages and not on others; "Căn cứ" lines and "(Kèm theo ...)" notes in italics;
- tables one cell a line, with lone ``|`` lines between cells and a pair between rows, header
  cells in bold, a group row ("I" / "NHÓM ...") as two merged cells, an empty cell as nothing;
- the "Nơi nhận:" list and the signature as the two cells of a table;
- sometimes the portal's furniture: a copyright notice and "Đang tải văn bản..." before the
  document with an attribute table (Số hiệu, Loại văn bản, Nơi ban hành, Người ký, Ngày ban hành)
  as ``**Label:**`` / ``|`` / value lines, and account notices after it.
"""
from __future__ import annotations

import random
import re

from policykg.sample.blocks import Block, Doc, Header
from policykg.sample.layouts import break_at, flat, header_cells, wrap

# The portal's own furniture, written for the generator.
_NOTICE = [
    "Nội dung văn bản trên trang này thuộc bản quyền của **",
    "CỔNG VĂN BẢN TRỰC TUYẾN**. Mọi hình thức sao chép, đăng tải lại khi chưa được cho phép đều",
    "vi phạm quy định về quyền tác giả.",
    "X",
]
_LOADING = ["Đang tải văn bản...", "#"]
_AFTER = [
    "|",
    "Phiên đăng nhập của bạn đã hết hạn",
    "hoặc tài khoản đang được dùng trên một thiết bị khác.",
    "- Vui lòng đăng nhập lại để tiếp tục xem văn bản.",
    "- Liên hệ bộ phận hỗ trợ của trang nếu cần giúp đỡ.",
    "|",
]
_PLACE = re.compile(r"\b(TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|ĐẶC KHU) (?!ỦY|UỶ)(.+)$")
_CENTRAL = {"BAN CHẤP HÀNH TRUNG ƯƠNG": "Ban Chấp hành Trung ương", "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
            "CHÍNH PHỦ": "Chính phủ"}
_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_ITALIC_LEADS = ("Căn cứ ", "Theo đề nghị ")


def portal(doc: Doc, rng: random.Random, furniture: bool | None = None) -> str:
    """Markdown of a portal page carrying ``doc``.

    Parameters
    ----------
    doc : Doc
        From :func:`policykg.sample.blocks.parse`.
    rng : random.Random
        Picks the page's width, spacing and markup variants.
    furniture : bool, optional
        Put the portal's notices and attribute table around the document (default: on about a
        third of pages, chosen by ``rng``).

    Returns
    -------
    str

    Examples
    --------
    >>> from policykg.sample.blocks import parse
    >>> doc = parse("UBND TỈNH AN GIANG\\nSỞ Y TẾ\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\n"
    ...             "Độc lập - Tự do - Hạnh phúc\\nSố: 8/KH-SYT\\nAn Giang, ngày 02 tháng 3 năm 2026\\n\\n"
    ...             "KẾ HOẠCH\\nTiêm chủng mở rộng\\n\\nTT | Nhiệm vụ | Chủ trì |\\n1 | Rà soát | Sở Y tế |\\n")
    >>> page = portal(doc, random.Random(3), furniture=False).splitlines()
    >>> page[:3], "**KẾ HOẠCH**" in page
    (['|', 'UBND TỈNH AN GIANG', '**SỞ Y TẾ**'], True)
    >>> page[page.index("**TT**") - 1:]
    ['|', '**TT**', '|', '**Nhiệm vụ**', '|', '**Chủ trì**', '|', '|', '1', '|', 'Rà soát', '|', 'Sở Y tế', '|']
    """
    page = _Page(rng)
    furniture = rng.random() < 0.35 if furniture is None else furniture
    title = next((b for b in doc.blocks if b.kind == "title"), None)
    closing = next((b for b in doc.blocks if b.kind == "closing"), None)
    if furniture:
        page.out += ["|", "|"] + _NOTICE + ["|", "|"] + _LOADING + _attributes(doc.header, title, closing)
    if doc.header:
        page.header(doc.header)
        page.gap()
        if rng.random() < 0.5:
            page.out.append("** **")  # an empty bold run the extractor leaves above the kind line
            page.gap()
    for b in doc.blocks:
        page.block(b)
    while page.out and not page.out[-1]:
        page.out.pop()
    if furniture:
        page.out += _AFTER
    return "\n".join(page.out) + "\n"


def _title(line: str) -> str:
    """"TỈNH NGHỆ AN" -> "Tỉnh Nghệ An", "THÀNH PHỐ CẦN THƠ" -> "Thành phố Cần Thơ"."""
    level, _, name = line.partition(" ") if not line.startswith("THÀNH PHỐ ") else ("THÀNH PHỐ", "", line[10:])
    if line.startswith("ĐẶC KHU "):
        level, name = "ĐẶC KHU", line[8:]
    return level.capitalize() + " " + " ".join(w.capitalize() for w in name.split())


def _attributes(header: Header | None, title: Block | None, closing: Block | None) -> list[str]:
    """The portal's attribute table: only values the document itself prints."""
    pairs: list[tuple[str, str]] = []
    if header and header.number:
        number = header.number.split(" ", 1)[-1].lstrip(":").strip()
        pairs.append(("Số hiệu", number if not number.startswith("/") else "Đang cập nhật"))
    if title:
        kind = title.lines[0].strip()
        pairs.append(("Loại văn bản", kind[:1] + kind[1:].lower()))
    if header:
        places = [m for line in header.left if (m := _PLACE.search(line))]
        central = [_CENTRAL[line] for line in header.left if line in _CENTRAL]
        if places or central:
            pairs.append(("Nơi ban hành", central[0] if central else _title(places[0].group(0))))
    if closing:
        pairs.append(("Người ký", closing.person.strip()))
    if header and header.date:
        m = _DATE.search(header.date)
        pairs.append(("Ngày ban hành", f"{int(m[1]):02d}/{int(m[2]):02d}/{m[3]}" if m else "Đang cập nhật"))
    pairs += [("Ngày hiệu lực", "Đã biết"), ("Tình trạng", "Đã biết")]
    out: list[str] = []
    for k, (label, value) in enumerate(pairs):
        out += [f"**{label}:**", "|", value, "|"] + (["|"] if k % 2 == 0 else [])
    return out


class _Page:
    """The page being written, with the variants its rng chose once for the whole page."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.out: list[str] = []
        self.width = rng.randint(72, 92)
        self.cell = rng.randint(28, 55)  # a table column's width
        self.spaced = rng.random() < 0.7
        self.short_first = rng.random() < 0.6  # first lines cut short, as the page's indent leaves them
        self.close = rng.choice(["**", " **", "\n**"])  # how a bold run spanning lines ends
        self.italics = rng.random() < 0.5
        self.article = rng.random() < 0.5  # "**Điều 1.**" on a line of its own

    def gap(self) -> None:
        if self.spaced:
            self.out.append("")

    def bold(self, lines: list[str], close: str | None = None) -> list[str]:
        """``lines`` as one bold run: "**" opens the first line and closes the last."""
        close = close or (self.close if len(lines) > 1 else "**")
        return ("**" + "\n".join(lines) + close).split("\n")

    def italic(self, lines: list[str]) -> list[str]:
        return ("*" + "\n".join(lines) + "*").split("\n")

    def wrap(self, text: str, width: int | None = None) -> list[str]:
        width = width or self.width
        first = None
        if self.short_first and len(text) > width and self.rng.random() < 0.7:
            first = self.rng.randint(18, max(19, width - 25))
        return wrap(text, width, first)

    def header(self, h: Header) -> None:
        left, right, number, date = header_cells(h, self.rng, 0.5)
        # The bold line of the issuer cell: a party committee or a department under its province's
        # people's committee is the last line; a people's committee or a central body the first.
        party = ["*"] in left
        body = [k for k, line in enumerate(left) if line != ["*"]]
        strong = body[-1] if party or len(body) > 2 or left[0][0].startswith("UBND") else body[0]
        issuer = [part for k, line in enumerate(left) for part in (self.bold(line) if k == strong else line)]
        motto = self.bold(right[0]) + flat(right[1:]) if right else []
        self.out += ["|"] + issuer + ["-------", "|"] + motto + ["---------------", "|", "|"]
        self.out += flat(number) + ["|"] + (self.italic(flat(date)) if date else []) + ["|"]

    def block(self, b: Block) -> None:
        if b.kind == "title":
            kind, *rest = b.lines
            self.out += self.bold([kind])
            self.gap()
            for line in rest:
                self.out += self.wrap(line)
            self.gap()
        elif b.kind == "heading":
            line = b.lines[0]
            self.out += self.bold(wrap(line, self.width))
            self.gap()
        elif b.kind == "para":
            self.para(b.lines[0])
        elif b.kind == "table":
            self.table(b.rows)
            self.gap()
        elif b.kind == "closing":
            self.closing(b)
            self.gap()

    def para(self, text: str) -> None:
        article = re.match(r"(Điều \d+\.) (.+)$", text)
        if article and self.article:
            self.out += self.bold([article[1]])
            self.out += wrap(article[2], self.width)
        elif self.italics and (text.startswith(_ITALIC_LEADS) or text.startswith("(Kèm theo")):
            self.out += self.italic(self.wrap(text))
        else:
            self.out += self.wrap(text)
        self.gap()

    def table(self, rows: list[list[str]]) -> None:
        for k, row in enumerate(rows):
            group = k > 0 and re.fullmatch(r"[IVXLC]+\.?", row[0]) and not any(row[2:])
            cells = row[:2] if group else row
            self.out.append("|")
            for cell in cells:
                lines = wrap(cell, self.cell) if cell else []
                self.out += self.bold(lines, "**") if lines and (k == 0 or group) else lines
                self.out.append("|")

    def closing(self, b: Block) -> None:
        label, *items = b.lines
        label_lines = self.bold([label]) if self.rng.random() < 0.5 else [label]
        sign = self.bold(break_at(b.sign[0], self.rng) if self.rng.random() < 0.4 else [b.sign[0]]) + b.sign[1:]
        person = self.bold([b.person]) if self.rng.random() < 0.5 else [b.person]
        self.out += ["|"] + label_lines + items + ["|"] + sign + person + ["|"]


__all__ = ["portal"]
