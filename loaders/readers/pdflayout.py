"""Turn the positioned words of PDF pages back into paragraphs, one a line.

A PDF knows glyphs and their places, not paragraphs. Words are grouped into visual lines by their
vertical position, and a line starts a new paragraph when

- the gap above it is clearly larger than the page's usual line spacing (space between paragraphs);
- it starts to the right of the text's left edge (a first-line indent, a centred title);
- the line before it stopped short of the right edge by more than this line's first word would
  have needed (the last line of a paragraph; works for ragged-right text too);
- it opens with a list marker ("1.", "a)", "II.", "-") after a line that ended a sentence;
- its font size differs from the line before it.

Otherwise it continues the paragraph, joined with a space. A wide gap inside a line (the two blocks
of a document's header side by side) becomes a tab, as tab-separated rows in the seed texts. Small
raised digits after a word, or opening a footnote line, become superscript digits (``¹``), which
the normaliser reads as footnote references and footnote lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

_MARKER = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVXLC]+[.)]|[-–+•])\s")
_ENDS_SENTENCE = re.compile(r"[.:;!?…][\"”’)]*$")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$|^\s*(Trang|Page)\s+\d+(\s*/\s*\d+)?\s*$",
                          re.IGNORECASE)


@dataclass
class VisualLine:
    """Words that share a baseline, left to right."""

    words: list[dict]
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str = ""
    kind: str = "text"  # "text", or "table" for a table row that stands as it is
    rows: list[str] = field(default_factory=list)


def group_lines(words: list[dict]) -> list[VisualLine]:
    """Group pdfplumber word dicts (with ``size``) into visual lines, top to bottom.

    Examples
    --------
    >>> w = lambda t, x, top, size=12: {"text": t, "x0": x, "x1": x + 6 * len(t), "top": top,
    ...                                 "bottom": top + size, "size": size}
    >>> [l.text for l in group_lines([w("hai", 60, 100), w("Dòng", 20, 100.5), w("ba", 20, 120)])]
    ['Dòng hai', 'ba']
    """
    lines: list[VisualLine] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        height = word["bottom"] - word["top"]
        for line in reversed(lines[-3:]):
            # Same line when the two overlap by half the smaller height: a raised footnote digit
            # overlaps its line, the next line down does not.
            overlap = min(line.bottom, word["bottom"]) - max(line.top, word["top"])
            if overlap >= 0.5 * min(height, line.bottom - line.top):
                line.words.append(word)
                line.top, line.bottom = min(line.top, word["top"]), max(line.bottom, word["bottom"])
                break
        else:
            lines.append(VisualLine([word], word["top"], word["bottom"], 0, 0, 0))
    for line in lines:
        _finish(line)
    lines.sort(key=lambda l: l.top)
    return lines


def _finish(line: VisualLine) -> None:
    line.words.sort(key=lambda w: w["x0"])
    sizes = [w.get("size", w["bottom"] - w["top"]) for w in line.words]
    line.size = median(sizes)
    line.x0, line.x1 = line.words[0]["x0"], max(w["x1"] for w in line.words)
    parts: list[str] = []
    previous = None
    for word in line.words:
        text = word["text"]
        size = word.get("size", line.size)
        raised = word["bottom"] < line.bottom - 0.2 * line.size
        if text.isdigit() and size < 0.85 * line.size and raised:
            text = text.translate(_SUPERSCRIPT)
            glue = "" if previous is not None and word["x0"] - previous["x1"] < 0.3 * line.size else " "
        elif previous is None:
            glue = ""
        elif word["x0"] - previous["x1"] > max(3 * line.size, 24):
            glue = "\t"
        else:
            glue = " "
        parts.append((glue if parts else "") + text)
        previous = word
    line.text = "".join(parts)


@dataclass
class PageGeometry:
    """What one page's body text looks like: its left and right edges and line spacing."""

    left: float
    right: float
    leading: float
    size: float


def geometry(lines: list[VisualLine]) -> PageGeometry | None:
    """The body's left edge (the most common line start), right edge and usual line spacing.

    Measured over the whole document, since a sparse page (a signature block) says little.
    """
    text = [l for l in lines if l.kind == "text" and "\t" not in l.text]
    if not text:
        return None
    starts: dict[int, int] = {}
    for line in text:
        starts[round(line.x0)] = starts.get(round(line.x0), 0) + 1
    left = min(x for x, n in starts.items() if n >= max(starts.values()) * 0.5)
    right = sorted(l.x1 for l in text)[int(0.9 * (len(text) - 1))]
    gaps = [b.top - a.top for a, b in zip(text, text[1:]) if 0 < b.top - a.top < 3 * a.size]
    size = median(l.size for l in text)
    return PageGeometry(left, right, median(gaps) if gaps else 1.3 * size, size)


def drop_page_furniture(lines: list[VisualLine], height: float) -> list[VisualLine]:
    """Remove page numbers printed in the top or bottom tenth of the page."""
    keep = []
    for line in lines:
        in_margin = line.bottom < 0.1 * height or line.top > 0.9 * height
        if in_margin and line.kind == "text" and _PAGE_NUMBER.match(line.text.translate(_PLAIN)):
            continue
        keep.append(line)
    return keep


_PLAIN = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def starts_paragraph(prev: VisualLine, line: VisualLine, geo: PageGeometry, same_page: bool) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev`` (see the module docstring)."""
    if prev.kind != "text" or line.kind != "text" or "\t" in prev.text or "\t" in line.text:
        return True
    if abs(line.size - prev.size) > 0.15 * geo.size:
        return True
    if same_page and line.top - prev.top > 1.35 * geo.leading:
        return True
    if line.x0 > geo.left + 0.8 * geo.size:
        return True
    first_word = line.words[0]["x1"] - line.words[0]["x0"] if line.words else 0
    if prev.x1 + 0.35 * geo.size + first_word < geo.right - 0.5 * geo.size:
        return True
    return bool(_MARKER.match(line.text)) and bool(_ENDS_SENTENCE.search(prev.text))


def paragraphs(pages: list[list[VisualLine]]) -> list[str]:
    """Join the visual lines of all pages into paragraph lines; table rows pass through as they are.

    Parameters
    ----------
    pages : list of list of VisualLine
        Each page's visual lines (text lines and table rows, top to bottom).

    Returns
    -------
    list of str
        One paragraph or table row a line.
    """
    geo = geometry([line for lines in pages for line in lines])
    out: list[str] = []
    prev: VisualLine | None = None
    for lines in pages:
        for index, line in enumerate(lines):
            if line.kind == "table":
                out.extend(line.rows)
                prev = line
                continue
            if prev is None or geo is None or starts_paragraph(prev, line, geo, same_page=index > 0):
                out.append(line.text)
            else:
                out[-1] = f"{out[-1].rstrip()} {line.text.lstrip()}"
            prev = line
    return out
