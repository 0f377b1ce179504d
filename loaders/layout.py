"""Stage 1½: the page layout of a text as people get it -> clean paragraphs and table rows.

Documents arrive hard-wrapped (a portal page saved as Markdown, text out of a PDF tool or OCR):
a line break falls inside a sentence, a name ("Ủy ban nhân" / "dân"), a citation, a heading; the
two-column head is broken into short lines or printed side by side; tables come one cell a line
with lone ``|`` lines between cells. This stage puts every reader's output into the shape the
outline reads: one paragraph a line, blank lines between paragraphs, table rows as
``cell | cell | cell |``, the head one unit a line. Text that is already one paragraph a line
(no hard wrapping) passes through untouched but for its cell tables.

Breaks are decided from signals, never from a fixed width: an emphasis span still open
(``**CỘNG HÒA XÃ HỘI`` / ``CHỦ NGHĨA VIỆT NAM**``), the next line's numbering or bullet, letter case,
sentence-final punctuation, a first-line indent, and -- only where paragraphs are not separated by
blank lines -- whether the line ran to the wrapping width. Every output line keeps the number of
its first source line, so provenance still points into the file as read.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from policykg.loaders.layout_columns import read_column_table
from policykg.loaders.layout_tables import Cell, is_pipe_line, layout_table_lines, parse_cell_table, table_is_furniture

Numbered = tuple[int, str]

_STARS = re.compile(r"\*+")
_MD_ESCAPE = re.compile(r"\\([.\-*_()\[\]#+!|])")
_SEPARATOR = re.compile(r"^\s*(?:[-_=–—~]\s*){3,}$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Trang\s+\d+(?:\s*/\s*\d+)?\s*$", re.IGNORECASE)
_MARKER = re.compile(r"^(?:[IVX]{1,5}\s*[.\-–):]\s|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]\s*\S|\d{1,2}(?:\.\d{1,2}){1,3}\s"
                     r"|[a-zđ]\s*\)\s*\S|[-–+•·●▪○◦]\s*\S|Điều\s+\d+\s*[.:]|PHẦN\s+[IVX]+|Phụ lục\b|PHỤ LỤC\b)")
_CONNECTOR_END = re.compile(r"(?:\b(?:số|Số|SỐ|Điều|khoản|điểm|mục|tại|và|VÀ|của|CỦA|theo|với|ngày|tháng|năm)|[,\-–(])$")
_TERMINAL = re.compile(r"[.:;!?…][\"”’)\]*]*$")
_KIND_WORDS = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "CHƯƠNG TRÌNH", "CÔNG VĂN", "NGHỊ QUYẾT",
               "CHỈ THỊ", "KẾT LUẬN", "ĐỀ ÁN", "QUY CHẾ", "QUY ĐỊNH", "THÔNG BÁO", "HƯỚNG DẪN", "BÁO CÁO",
               "QUYẾT ĐỊNH:", "NGHỊ QUYẾT:")
_WIDE_GAP = re.compile(r"\S(\s{5,})\S")
_LETTER_ITEM = re.compile(r"^[a-zđ]\s*[.)]\s")
_CONTINUE_START = re.compile(r"^(?:\d|[,;.)\]%])")
# A portal page's own furniture before the document: notices, the loading line, the attribute table.
_FURNITURE = re.compile(
    r"thuộc quyền sở hữu của|has the copyright|Intellectual Property|Đang tải văn bản|"
    r"CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI|Các nội dung của VB này|Click vào phần bôi vàng|"
    r"^\s*:\s*Sửa đổi, thay thế|^\s*hủy bỏ\s*$|^\s*X\s*$|^\s*#\s*$|^\[Bản trích chữ tự động", re.IGNORECASE)
# In a head cell, a sub-unit under the body above it starts a new line ("UBND TỈNH X" / "SỞ Y").
_SUB_UNIT = re.compile(r"^(?:SỞ|BAN|PHÒNG|VĂN PHÒNG|ĐOÀN|CHI CỤC|TRUNG TÂM|TRƯỜNG|CỤC|BỘ CHỈ HUY|CÔNG AN|"
                       r"TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU|ĐẢNG ỦY|ĐOÀN KIỂM TRA)\b")
# A signature block's lines: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
_SIGNATURE_LINE = re.compile(r"^(?:TM|KT|T/M|Q|TL|TUQ)\.|^(?:PHÓ |CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|THỨ TRƯỞNG|BỘ TRƯỞNG|"
                             r"TRƯỞNG BAN|CHÁNH VĂN PHÒNG|THỦ TƯỚNG)")
_MOTTO_START = re.compile(r"^(?:CỘNG H[OÒ]A XÃ|ĐẢNG CỘNG SẢN|Độc lập\s*-)")
_HEAD_START = re.compile(r"CỘNG H[OÒ]A XÃ|ĐẢNG CỘNG SẢN VIỆT NAM", re.IGNORECASE)


def plain(text: str) -> str:
    """A line without Markdown emphasis and escapes, spaces folded: what its words say.

    Examples
    --------
    >>> plain("**- **Triển khai \\\\*rà soát*")
    '- Triển khai rà soát'
    """
    text = _STARS.sub("", _MD_ESCAPE.sub(r"\1", text))
    return re.sub(r"[ \u00a0]+", " ", text).strip()


def _toggles(text: str) -> tuple[bool, bool]:
    """Whether the line flips the bold and the italic state (runs of 2 stars bold, 1 italic, 3 both)."""
    bold = italic = False
    if text.strip() == "*":  # the star under a party committee's name, not an emphasis mark
        return False, False
    for run in _STARS.findall(text):
        n = len(run)
        bold ^= n in (2, 3) or n > 3 and n % 2 == 0
        italic ^= n in (1, 3)
    return bold, italic


def open_after(lines: Sequence[str], limit: int = 8) -> list[bool]:
    """For each line, whether an emphasis span is still open after it (so the next line goes on).

    A span never crosses a blank line, and one left open for more than ``limit`` lines is a stray
    star, not a span.

    Examples
    --------
    >>> open_after(["**CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM**", "Độc lập"])
    [True, False, False]
    """
    state = (False, False)
    flags: list[bool] = []
    for text in lines:
        if not text.strip():
            state = (False, False)
            flags.append(False)
            continue
        bold, italic = _toggles(text)
        state = (state[0] ^ bold, state[1] ^ italic)
        flags.append(state[0] or state[1])
    run = 0
    for i, flag in enumerate(flags + [False]):
        if flag:
            run += 1
            continue
        if run > limit:
            for j in range(i - run, i):
                flags[j] = False
        run = 0
    return flags


def starts_lower(text: str) -> bool:
    """The line goes on a sentence: it opens with a lower-case letter that is no item letter ("a)").

    Examples
    --------
    >>> starts_lower("ban nhân dân"), starts_lower("Đẩy mạnh"), starts_lower("a) Rà soát")
    (True, False, False)
    """
    body = text.lstrip("\"“‘'( ")
    return bool(body) and body[0].islower() and not _LETTER_ITEM.match(body)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _whole_span(raw: str) -> bool:
    """The line is one emphasis span from end to end ("**1. Mục đích**", "*Căn cứ ...;*")."""
    s = raw.strip()
    return len(s) > 4 and s.startswith("*") and s.rstrip(" .:;").endswith("*") and bool(plain(s))


def is_kind_line(text: str) -> bool:
    """A document kind alone on its line ("KẾ HOẠCH", "QUYẾT ĐỊNH:")."""
    return plain(text).upper() == plain(text) and plain(text) in _KIND_WORDS


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" "))


class _Style:
    """What a document's layout tells about its paragraphs, measured once."""

    def __init__(self, lines: Sequence[str]) -> None:
        texts = [(t, plain(t)) for t in lines]
        content = [(raw, p) for raw, p in texts if p and "\t" not in raw]
        # A paragraph never starts in lower case: a line followed by one that does was wrapped,
        # and such lines tell both that the text is hard-wrapped and how wide it was wrapped.
        wrapped = sorted(len(p) for (raw, p), (_, q) in zip(texts, texts[1:])
                         if p and q and "\t" not in raw and starts_lower(q))
        self.hard_wrapped = len(content) >= 8 and len(wrapped) >= 0.1 * len(content)
        self.width = wrapped[len(wrapped) // 2] if wrapped else 0
        blanks = sum(1 for raw, _ in texts if not raw.strip())
        # Markdown from a portal separates paragraphs by blank lines; PDF text and OCR may not.
        self.blank_separated = blanks >= 0.12 * max(len(content), 1)
        indents = [_indent(raw) for raw, _ in content]
        self.indented = sum(1 for i in indents if i >= 3) >= 0.05 * max(len(indents), 1)


def breaks_between(a_raw: str, b_raw: str, span_open: bool, style: _Style, head: bool = False) -> bool:
    """Whether a paragraph ends between line ``a_raw`` and the next line ``b_raw``.

    Examples
    --------
    >>> s = _Style(["x" * 80] * 10)
    >>> breaks_between("Thực hiện Nghị quyết số", "57-NQ/TW ngày 22/12/2024", False, s)
    False
    >>> breaks_between("của Ủy", "ban nhân dân tỉnh", False, s)
    False
    >>> breaks_between("thực hiện.", "2. Sở Y tế chủ trì", False, s)
    True
    >>> breaks_between("**CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM**", True, s)
    False
    """
    a, b = plain(a_raw), plain(b_raw)
    if span_open and not _MARKER.match(b):
        return False
    if is_kind_line(a_raw) or is_kind_line(b_raw) or _MOTTO_START.match(b):
        return True
    if _whole_span(a_raw) and not starts_lower(b):
        return True
    if _whole_span(b_raw) and not _whole_span(a_raw) and (_TERMINAL.search(a) or _is_caps(a) != _is_caps(b)):
        return True
    if _MARKER.match(b):
        # "giai đoạn 2021" / "- 2025": a range broken at its dash, not a bullet.
        return not _CONNECTOR_END.search(a) and not (re.match(r"[-–]\s*\d", b) and a[-1:].isdigit())
    if starts_lower(b) or _CONTINUE_START.match(b):
        return False
    if style.indented and _indent(b_raw) >= _indent(a_raw) + 3:
        return True
    a_caps, b_caps = _is_caps(a), _is_caps(b)
    if a_caps and b_caps and _SIGNATURE_LINE.match(b) and not _CONNECTOR_END.search(a):
        return True
    if a_caps and b_caps:
        return head and bool(_SUB_UNIT.match(b)) and not _CONNECTOR_END.search(a)
    if a_caps != b_caps:
        return not _CONNECTOR_END.search(a)
    if head:  # the head's units are short lines of their own: "Số: …", the date line, "V/v …"
        return not _CONNECTOR_END.search(a)
    if style.blank_separated:
        return False
    if _TERMINAL.search(a):
        return True
    return len(a) < 0.6 * style.width


def _split_columns(raw: str) -> list[str]:
    """A line of side-by-side columns (a PDF tool's two-column head) as its column texts."""
    parts = [p.strip() for p in re.split(r"\s{5,}", raw.strip()) if p.strip()]
    return parts if len(parts) > 1 else [raw]


def _paragraphs(block: list[Numbered], style: _Style, head: bool = False) -> list[Numbered]:
    """Rebuild the paragraphs of a run of text lines (no tables)."""
    out: list[Numbered] = []
    raws = [t for _, t in block]
    spans = open_after(raws)
    current: list[str] = []
    start = 0
    prev_raw = ""
    prev_open = False

    def flush() -> None:
        if current:
            out.append((start, " ".join(current)))
            current.clear()

    held: int | None = None  # a blank line inside a bold heading the page split in two
    for (no, raw), span in zip(block, spans):
        if not raw.strip():
            bold_heading = prev_raw.rstrip().endswith("**") and not _TERMINAL.search(plain(prev_raw))
            if (prev_open or bold_heading) and current and _MARKER.match(current[0]) and held is None:
                held = no
                continue
            flush()
            if out and out[-1][1]:
                out.append((no, ""))
            prev_raw, prev_open, held = "", False, None
            continue
        joined_heading = False
        if held is not None:
            # "**3. Đề nghị … Hội Liên hiệp" / "" / "**Phụ nữ …**": one heading, its bold reopened.
            if not raw.lstrip().startswith("*") or _MARKER.match(plain(raw)) or _MARKER_ALONE.match(plain(raw)):
                flush()
                out.append((held, ""))
                prev_raw, prev_open = "", False
            else:
                joined_heading = True
            held = None
        if "\t" in raw or raw.count("|") >= 2:  # a table row as the outline reads it: left whole
            flush()
            out.append((no, raw))
            prev_raw, prev_open = "", False
            continue
        columns = _split_columns(raw) if style.hard_wrapped and _WIDE_GAP.search(raw.strip()) else [raw]
        if len(columns) > 1:
            flush()
            out.extend((no, plain(c)) for c in columns if plain(c))
            prev_raw, prev_open = "", False
            continue
        if not plain(raw):  # an emphasis mark alone ("**", "** **") closes or opens a span only
            prev_open = span
            continue
        if current and not joined_heading and breaks_between(prev_raw, raw, prev_open, style, head):
            flush()
        if not current:
            start = no
        current.append(plain(raw))
        prev_raw, prev_open = raw, span
    flush()
    return _markers_joined(out)


_MARKER_ALONE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]|[a-zđ]\s*\)|[IVX]{1,5}\s*[.)\-]|Điều\s+\d+\s*[.:])$")


def _markers_joined(paragraphs: list[Numbered]) -> list[Numbered]:
    """A number printed alone ("4." on its line, its text in the next paragraph) opens that text."""
    out: list[Numbered] = []
    pending: Numbered | None = None
    for no, text in paragraphs:
        if pending and text:
            out.append((pending[0], f"{pending[1]} {text}"))
            pending = None
        elif _MARKER_ALONE.match(text):
            pending = (no, text)
        elif not pending:
            out.append((no, text))
    if pending:
        out.append(pending)
    return out


def _head_apart(numbered: list[Numbered]) -> list[Numbered]:
    """Part the document's head table from a portal's attribute table printed right above it.

    Both are one-cell-a-line tables, and with nothing between them they would read as one: a blank
    line goes between the bar that closes the attribute table and the bar that opens the head.
    """
    raws = [t for _, t in numbered]
    limit = max(len(raws) // 3, 80)  # the head opens the document, after at most a page's furniture
    motto = next((i for i, t in enumerate(raws[:limit]) if _HEAD_START.search(t)), None)
    if motto is None:
        return numbered
    i = motto
    for _ in range(2):  # back over the motto's cell, then the issuer's cell, to the row's first bar
        i -= 1
        while i > 0 and not is_pipe_line(raws[i]):
            i -= 1
    if i > 0 and is_pipe_line(raws[i]) and is_pipe_line(raws[i - 1]):
        return [*numbered[:i], (numbered[i][0], ""), *numbered[i:]]
    return numbered


def layout(lines: Iterable[Numbered]) -> list[Numbered]:
    """Turn numbered raw lines into clean numbered lines: paragraphs, table rows, head units.

    Parameters
    ----------
    lines : iterable of (line number, text)
        Lines as read, NFC, not yet cleaned of Markdown.

    Returns
    -------
    list of (line number, text)
        One paragraph a line, a blank line between paragraphs, ``a | b | c |`` table rows; each
        carries the number of its first source line. Markdown emphasis is left for
        :func:`policykg.loaders.normalise.clean_line`.

    Examples
    --------
    >>> text = ["Thực hiện Nghị quyết số", "57-NQ/TW của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành:",
    ...         "1. Sở Y tế chủ trì, phối hợp với Sở Tài", "chính rà soát các chính sách.",
    ...         "2. Sở Nội vụ hướng dẫn các", "xã, phường thực hiện."] * 2
    >>> [t for _, t in layout(enumerate(text, 1)) if t][:3]
    ['Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành:', \
'1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát các chính sách.', \
'2. Sở Nội vụ hướng dẫn các xã, phường thực hiện.']
    """
    numbered = [(no, t.rstrip(" ")) for no, t in lines]
    numbered = [(no, "" if _SEPARATOR.match(t) or _FURNITURE.search(t) else t) for no, t in _head_apart(numbered)]
    segments: list[tuple[str, list]] = []
    i = 0
    while i < len(numbered):
        no, text = numbered[i]
        parsed = parse_cell_table(numbered, i) if is_pipe_line(text) else None
        if parsed is not None:
            rows, i = parsed
            segments.append(("table", [rows, numbered[i - 1][0]]))
            continue
        if not segments or segments[-1][0] != "text":
            segments.append(("text", []))
        segments[-1][1].append((no, text))
        i += 1
    # The style is the running text's: table cells are narrow and never blank-separated.
    style = _Style([t for kind, seg in segments if kind == "text" for _, t in seg])
    out: list[Numbered] = []
    for kind, seg in segments:
        if kind == "table":
            rows, last = seg
            out.extend(_table_lines(rows, style))
            out.append((last, ""))
            continue
        if style.hard_wrapped:
            seg = [(no, t) for no, t in seg if not _PAGE_NUMBER.match(t)]
            kind_at = next((i for i, (_, t) in enumerate(seg[:60]) if is_kind_line(t)), None)
            if kind_at is not None and not out:
                out.extend(_paragraphs(seg[:kind_at], style, head=True))
                seg = seg[kind_at:]
            out.extend(_with_column_tables(seg, style))
        else:
            out.extend(seg)
    return out


def _with_column_tables(seg: list[Numbered], style: _Style) -> list[Numbered]:
    """Paragraphs of a run of text, with the column-laid tables in it read back as rows."""
    out: list[Numbered] = []
    start = i = 0
    while i < len(seg):
        found = read_column_table(seg, i) if "  " in seg[i][1].strip() else None
        if found is None:
            i += 1
            continue
        rows, end = found
        out.extend(_paragraphs(seg[start:i], style))
        out.extend(rows)
        out.append((seg[end - 1][0], ""))
        start = i = end
    out.extend(_paragraphs(seg[start:], style))
    return out


def _table_lines(rows: list[list[Cell]], style: _Style) -> list[Numbered]:
    if table_is_furniture(rows):
        return []

    def cell_paragraphs(cell: Cell, head: bool = False) -> list[Numbered]:
        return [p for p in _paragraphs(cell, style, head) if p[1]]

    return layout_table_lines(rows, cell_paragraphs)
