"""Print a generated document the way people actually get one: hard-wrapped, as a portal page's
markdown, or as a PDF tool's text.

The generator writes clean text (one paragraph a line); :func:`render` turns that text into one of
the layouts real documents come in, so the loaders' layout stage is exercised at scale. Only the
printed text changes: the record the document means stays the same (records carry no line numbers).

- ``clean``: the text as written, unchanged.
- ``wrapped``: lines hard-wrapped at a width chosen per document (60-95 characters), so breaks fall
  inside sentences, names, citations and headings; the two-column header stacked one cell a line;
  paragraphs separated by blank lines in some documents and not in others.
- ``portal``: the markdown a web-page extractor makes of a legal-document portal page
  (:mod:`policykg.sample.portal`).
- ``pdftext``: the text ``pdftotext -layout`` gives (:mod:`policykg.sample.pdftext`).
- ``mixed``: one of ``wrapped``, ``portal`` and ``pdftext`` per document, chosen by the seeded rng.

Every function here is pure: the same text, layout and random state give the same output.
"""
from __future__ import annotations

import random
import re

from policykg.sample.blocks import Doc, Header, parse

LAYOUTS = ("clean", "wrapped", "portal", "pdftext")
MIXED = "mixed"
CHOICES = LAYOUTS + (MIXED,)
# What ``mixed`` draws from: the layouts of real documents (clean text is the seeds' case already).
REAL = ("wrapped", "portal", "pdftext")

# Tokens a reader takes for a list marker at the start of a line ("-", "1.", "1.2.", "a)", "II.").
_MARKER = re.compile(r"^(?:[-+•*]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXLC]+\.)$")


def render(text: str, layout: str, rng: random.Random) -> str:
    """Print clean generated text in ``layout``.

    Parameters
    ----------
    text : str
        A document as the generator writes it: one paragraph a line.
    layout : str
        One of :data:`CHOICES`.
    rng : random.Random
        The document's own random source; it picks widths, spacing and markup variants (and the
        layout itself for ``mixed``).

    Returns
    -------
    str
        The text in that layout, ending with a newline.

    Raises
    ------
    ValueError
        For a layout not in :data:`CHOICES`.

    Examples
    --------
    >>> text = "KẾ HOẠCH\\nGiao Sở Tài chính chủ trì, phối hợp với Ủy ban nhân dân các xã thực hiện.\\n"
    >>> render(text, "clean", random.Random(1)) == text
    True
    >>> out = render(text, "wrapped", random.Random(1))
    >>> out.split() == text.split() and max(len(line) for line in out.splitlines()) <= 95
    True
    """
    if layout not in CHOICES:
        raise ValueError(f"unknown layout {layout!r} (one of {', '.join(CHOICES)})")
    if layout == MIXED:
        layout = choose(rng)
    if layout == "clean":
        return text
    doc = parse(text)
    if layout == "wrapped":
        return wrapped(doc, rng)
    if layout == "portal":
        from policykg.sample.portal import portal
        return portal(doc, rng)
    from policykg.sample.pdftext import pdftext
    return pdftext(doc, rng)


def choose(rng: random.Random) -> str:
    """The layout ``mixed`` gives one document."""
    return rng.choice(REAL)


def lay_out(text: str, layout: str, key: str) -> tuple[str, str]:
    """Print one generated document in ``layout`` with a random source of its own.

    The source is seeded by ``key`` alone (the corpus seed and the document's name), so a
    document's layout and bytes depend on neither the order documents are made in nor on the
    generator's own draws: the clean text, and so the record, are the same in every layout.

    Parameters
    ----------
    text : str
        Clean generated text.
    layout : str
        One of :data:`CHOICES`.
    key : str
        Seeds the document's random source.

    Returns
    -------
    (str, str)
        The printed text and the layout it is in (never ``mixed``).

    Examples
    --------
    >>> text = "Giao Sở Y tế chủ trì.\\n"
    >>> lay_out(text, "mixed", "7/00003_doc") == lay_out(text, "mixed", "7/00003_doc")
    True
    >>> lay_out(text, "clean", "7/00003_doc")
    ('Giao Sở Y tế chủ trì.\\n', 'clean')
    """
    if layout not in CHOICES:
        raise ValueError(f"unknown layout {layout!r} (one of {', '.join(CHOICES)})")
    if layout == "clean":
        return text, layout
    rng = random.Random(f"policykg-layout/{key}")
    chosen = choose(rng) if layout == MIXED else layout
    return render(text, chosen, rng), chosen


# -- taking clean text apart -----------------------------------------------------------------------


# -- wrapping --------------------------------------------------------------------------------------

def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters, greedily, as a hard wrap does.

    A word longer than the width stands alone on its line. A line never starts with a token that
    reads as a list marker ("-", "1.", "a)"): no signal could tell such a line from a new item, so
    the word before goes down with it.

    Parameters
    ----------
    text : str
    width : int
    first : int, optional
        Width of the first line (a portal page's first lines are often shorter).

    Returns
    -------
    list of str

    Examples
    --------
    >>> wrap("Ủy ban nhân dân các xã, phường thực hiện", 20)
    ['Ủy ban nhân dân các', 'xã, phường thực hiện']
    >>> wrap("tổ chức chính trị - xã hội", 18)
    ['tổ chức chính', 'trị - xã hội']
    """
    words = text.split()
    lines: list[str] = []
    current: list[str] = []
    limit = first or width
    for word in words:
        if current and len(" ".join(current + [word])) > limit:
            carried = [current.pop()] if _MARKER.match(word) and len(current) > 1 else []
            lines.append(" ".join(current))
            current, limit = carried, width
        current.append(word)
    if current or not lines:
        lines.append(" ".join(current))
    return lines


def break_at(text: str, rng: random.Random, after: str = "") -> list[str]:
    """``text`` broken once at a word boundary chosen by ``rng`` (after the word ``after`` when
    given), as a narrow table cell breaks a header line: "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM"."""
    words = text.split(" ")
    # Two words at least stay on the first line: a column is never narrower than "ỦY BAN".
    low = words.index(after) + 1 if after in words else 2
    if len(words) - low < 1:
        return [text]
    cut = rng.randint(low, len(words) - 1)
    return [" ".join(words[:cut]), " ".join(words[cut:])]


# -- wrapped ---------------------------------------------------------------------------------------

def header_cells(header: Header, rng: random.Random, breaks: float) -> list[list[list[str]]]:
    """The head's cells in reading order (issuer, national title and motto, number, date); each cell
    a list of its printed lines, each line the parts a narrow column broke it into (with
    probability ``breaks`` for a line of three words or more)."""
    def cell(lines: list[str], after: str = "") -> list[list[str]]:
        # The motto is short enough for its column; the other lines break where the column ends.
        return [break_at(line, rng, after) if len(line.split(" ")) > 2 and not line.startswith("Độc lập")
                and rng.random() < breaks else [line] for line in lines]

    return [cell(header.left), cell(header.right), [[header.number]] if header.number else [],
            cell([header.date], "ngày") if header.date else []]


def flat(cell: list[list[str]]) -> list[str]:
    """A cell's lines, parts and all."""
    return [part for line in cell for part in line]


def wrapped(doc: Doc, rng: random.Random, width: int | None = None, spaced: bool | None = None) -> str:
    """Hard-wrapped plain text.

    Parameters
    ----------
    doc : Doc
        From :func:`policykg.sample.blocks.parse`.
    rng : random.Random
    width : int, optional
        Line width (default: 60-95, chosen by ``rng``). Table rows stay whole.
    spaced : bool, optional
        A blank line after every paragraph (default: chosen by ``rng``); without it the document
        has no blank lines at all.

    Returns
    -------
    str
    """
    width = width or rng.randint(60, 95)
    spaced = rng.random() < 0.5 if spaced is None else spaced
    rules = rng.random() < 0.5
    out: list[str] = []

    def block(lines: list[str]) -> None:
        out.extend(lines)
        if spaced:
            out.append("")

    if doc.header:
        left, right, number, date = map(flat, header_cells(doc.header, rng, 0.4))
        block(left + (["-------"] if rules else []) + right + (["---------------"] if rules else [])
              + number + date)
    for b in doc.blocks:
        if b.kind == "title":
            block([part for line in b.lines for part in wrap(line, width)])
        elif b.kind in ("heading", "para"):
            block(wrap(b.lines[0], width))
        elif b.kind == "table":
            block(b.lines)  # a row is not a paragraph: the portal and pdftext layouts break tables
        elif b.kind == "closing":
            block([part for line in b.lines for part in wrap(line, width)])
            block(b.sign + [b.person])
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


__all__ = ["CHOICES", "LAYOUTS", "MIXED", "REAL", "break_at", "choose", "flat", "header_cells", "lay_out", "render",
           "wrap", "wrapped"]
