"""Reader for saved web pages (.html, .htm): the document body kept, site furniture dropped.

Pages of the national legal-document portals and of provincial portals wrap the document in
menus, banners, search boxes, "related documents" and "other news" lists. The body is found in
two steps:

1. a container the known portals use for the full text (``#toanvancontent``, ``.content1``,
   ``#divContentDoc``, ``.fulltext`` ...), when it holds a real amount of text;
2. otherwise the element that collects the most paragraph text with few links in it (the idea of
   Readability: each paragraph scores its parent fully and its grandparent by half).

Inside the body, scripts, forms, navigation, share/print tool bars, link lists (menus, related
documents) and their headings are dropped. The rest is written one block a line: tables as
``cell | cell |`` rows, ordered lists numbered ("1.", "a)"), bullets as "-", and Word-exported
footnotes (``#_ftn1`` links, ``ftn1`` blocks) as ``[footnoteRef:1]`` and ``[1: text]``.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from policykg.loaders.read import ReadError, decode_text, register_reader
from policykg.loaders.readers import legacy
from policykg.loaders.readers.numbering import format_number

# Full-text containers of the legal-document portals, most specific first.
KNOWN_BODIES = ("#toanvancontent", ".toanvancontent", "#divContentDoc", ".content1",
                ".fulltext", ".box-content-vb", ".vbpq-content", ".toan-van-container",
                ".journal-content-article", ".ms-rtestate-field", ".article-content",
                ".detail-content", ".news-content", ".content-detail", ".noidung", "article",
                "main")
_MIN_BODY_CHARS = 200
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "form", "button", "select",
              "input", "textarea", "nav", "svg", "canvas", "object", "embed", "head", "link",
              "meta", "header", "footer", "aside", "menu"}
_FURNITURE = re.compile(r"(?:^|[-_\s])(menu|nav|navbar|breadcrumbs?|sidebar|banner|social|share|"
                        r"related|lienquan|lien-quan|tinlienquan|tin-lien-quan|tinkhac|other|"
                        r"comments?|binhluan|advert|ads|quangcao|login|search|timkiem|toolbar|"
                        r"pagination|paging|tags?|print|rating|footer)(?:$|[-_\s\d])", re.I)
_FURNITURE_HEADINGS = re.compile(
    r"^(tin|văn bản|bài viết|tin tức)( liên quan| khác| cùng chuyên mục)|^các (tin|bài|văn bản) "
    r"(khác|liên quan)|^(chia sẻ|in bài viết|in trang|gửi email|bình luận|lượt xem)", re.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "section",
          "article", "pre", "dd", "dt", "center", "table", "ul", "ol", "dl", "main", "address",
          "figure", "figcaption", "hr"}
_FTN_REF = re.compile(r"#_?ftn(\d+)$", re.I)
_FTN_BODY = re.compile(r"^_?ftn(\d+)$", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
             "I": "upperRoman"}


def decode_html(data: bytes, path: Path | str = "<bytes>") -> str:
    """Decode a saved page: the charset its ``<meta>`` declares, else as plain text is decoded
    (UTF-8, UTF-16, or a legacy Vietnamese encoding found by :mod:`.legacy`)."""
    declared = _CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii").lower() if declared else ""
    if name and name not in ("utf-8", "utf8", "utf-16", "unicode"):
        try:
            # NFC: Windows-1258 stores tone marks as combining characters.
            return legacy.repair_text(unicodedata.normalize("NFC", data.decode(name)))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: let the content speak
    return decode_text(data, path)


def _classes(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _text_len(el) -> int:
    return len(" ".join(el.text_content().split()))


def _link_density(el) -> float:
    total = _text_len(el)
    links = sum(_text_len(a) for a in el.iter("a"))
    return links / total if total else 1.0


def find_body(root):
    """The element holding the document text (see the module docstring)."""
    for selector in KNOWN_BODIES:
        for el in _select(root, selector):
            if _text_len(el) >= _MIN_BODY_CHARS and _link_density(el) < 0.5:
                return el
    scores: dict[object, float] = {}
    for block in root.iter("p", "td", "pre", "li", "div"):
        if block.tag == "div" and any(child.tag in _BLOCK for child in block):
            continue
        length = _text_len(block)
        if length < 25:
            continue
        score = 1 + block.text_content().count(",") + min(length / 100, 3)
        parent = block.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + score
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        return root.find("body") if root.find("body") is not None else root
    best = max(scores, key=lambda el: scores[el] * (1 - _link_density(el)))
    # Rows of a table score the <tr>, not the table: climb to the table's container.
    while best.tag in ("tr", "tbody", "thead", "table", "td") and best.getparent() is not None:
        best = best.getparent()
    return best


def _select(root, selector: str) -> list:
    """Elements matching ``#id``, ``.class`` or ``tag`` (all the selectors KNOWN_BODIES needs)."""
    if selector.startswith("#"):
        return root.xpath(f"//*[@id='{selector[1:]}']")
    if selector.startswith("."):
        return root.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {selector[1:]} ')]")
    return root.xpath(f"//{selector}")


def strip_furniture(body) -> None:
    """Remove scripts, tool bars, link lists and the like from the chosen body, in place."""
    total = max(_text_len(body), 1)
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el is body or el.getparent() is None:
            continue
        drop = el.tag in _DROP_TAGS
        if not drop and _FURNITURE.search(_classes(el)) and _text_len(el) < 0.3 * total:
            drop = True
        if not drop and el.tag in ("ul", "ol", "div") and len(el.findall(".//a")) >= 3:
            drop = _link_density(el) > 0.8
        if not drop and el.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong"):
            drop = bool(_FURNITURE_HEADINGS.match(" ".join(el.text_content().split())))
        if drop:
            el.drop_tree()


class _Writer:
    """Writes an element tree as lines (see the module docstring)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def newline(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def inline(self, text: str | None) -> None:
        if text:
            self.current.append(text.replace("\u00a0", " "))

    def walk(self, el, prefix: str = "") -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            self.newline()
        elif tag == "table":
            self.newline()
            self.lines.extend(_table_rows(el))
        elif tag == "a" and (ref := _FTN_REF.search(el.get("href", ""))) and "ref" not in el.get("href", ""):
            self.inline(f"[footnoteRef:{ref.group(1)}]")
        elif tag and (footnote := _FTN_BODY.match(el.get("id", ""))):
            self.newline()
            number = footnote.group(1)
            body = re.sub(r"^\s*\[?\d+\]?\s*", "", " ".join(el.text_content().split()))
            self.lines.append(f"[{number}: {body.replace('[', '(').replace(']', ')')}]")
        elif tag in ("ol", "ul"):
            self.newline()
            self._list(el)
        else:
            block = tag in _BLOCK
            if block:
                self.newline()
                self.inline(prefix)
            self.inline(el.text)
            for child in el:
                self.walk(child)
                self.inline(child.tail)
            if block:
                self.newline()

    def _list(self, el) -> None:
        ordered = el.tag == "ol"
        fmt = _OL_TYPES.get(el.get("type", "1"), "decimal")
        try:
            n = int(el.get("start", "1"))
        except ValueError:
            n = 1
        for item in el:
            if item.tag != "li":
                self.walk(item)
                continue
            label = (format_number(n, fmt) + ("." if fmt in ("decimal", "upperRoman") else ")")
                     if ordered else "-")
            self.walk(item, prefix=label + " ")
            n += 1


def _cell_text(cell) -> str:
    return " ".join(cell.text_content().replace("|", "/").split())


def _table_rows(table) -> list[str]:
    rows = [r for r in table.iter("tr") if _closest_table(r) is table]
    out = []
    for row in rows:
        cells = [_cell_text(c) for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if len(cells) == 1 and cells[0]:
            out.append(cells[0])
        elif any(cells):
            out.append(" | ".join(cells) + " |")
    return out


def _closest_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


# Elements nested deeper than this are unwrapped, their text kept in place: libxml2 drops the text
# below 255 levels (2047 with its huge-tree option), and the writer below recurses.
MAX_DEPTH = 400
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)\b[^>]*?(/?)>")
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "param", "source",
         "track", "wbr"}


def _parse(text: str):
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True)
    root = lxml.html.document_fromstring(text, parser=parser)
    if _depth(root) > MAX_DEPTH:
        root = lxml.html.document_fromstring(cap_depth(text, MAX_DEPTH), parser=parser)
    return root


def _depth(root) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def cap_depth(html: str, cap: int = MAX_DEPTH) -> str:
    """``html`` with the tags that open below ``cap`` levels (and their closing tags) removed, in
    one pass; a removed block tag leaves a line break, so its text stays a line of its own.

    Examples
    --------
    >>> cap_depth("<div><div><p>a</p></div></div>", 2)
    '<div><div><br>a<br></div></div>'
    """
    depth = dropped = 0

    def swap(m: re.Match[str]) -> str:
        nonlocal depth, dropped
        closing, name, empty = m.group(1), m.group(2).lower(), m.group(3)
        if empty or name in _VOID:
            return m.group(0)
        if closing:
            if dropped:
                dropped -= 1
                return "<br>" if name in _BLOCK else " "
            depth = max(depth - 1, 0)
            return m.group(0)
        if depth >= cap:
            dropped += 1
            return "<br>" if name in _BLOCK else " "
        depth += 1
        return m.group(0)

    return _TAG.sub(swap, html)


@register_reader(".html", ".htm", ".xhtml")
def read_html(path: Path) -> str:
    """Read a saved web page into the text of the document it shows.

    Raises
    ------
    ReadError
        lxml missing, an empty page, or a page with no document text.
    """
    return html_text(path.read_bytes(), path)


def html_text(data: bytes, path: Path | str = "<bytes>") -> str:
    """The document text of a saved page given as bytes (see :func:`read_html`)."""
    try:
        from lxml.etree import ParserError
    except ImportError:
        raise ReadError(path, "reading .html needs lxml: pip install lxml") from None
    text = decode_html(data, path)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses str input with an encoding line
    try:
        root = _parse(text)
    except ParserError:
        raise ReadError(path, "empty web page") from None
    for el in list(root.iter("script", "style", "noscript", "template")):
        el.drop_tree()
    body = find_body(root)
    strip_furniture(body)
    writer = _Writer()
    writer.walk(body)
    writer.newline()
    if not writer.lines:
        raise ReadError(path, "no document text found in the web page")
    return legacy.repair_text("\n".join(writer.lines))
