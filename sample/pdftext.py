"""The ``pdftext`` layout: a generated document as ``pdftotext -layout`` gives the text of its PDF.

What that text looks like, written as rules:

- the two-column head side by side, each cell centred in its column and padded with spaces, the
  number beside the place-date line a blank line below;
- the kind line and title centred; paragraphs wrapped at the page's width with their first line
  indented, and no blank lines between paragraphs (the PDF has none, only spacing);
- tables as columns side by side: each cell wrapped inside its column, columns two or more spaces
  apart, the rows a blank line apart on some pages;
- the "Nơi nhận:" list on the left with the signature beside it on the right;
- pages of 44-56 lines ending with a form feed, numbered alone on a line (at the top of every
  page but the first, or at the bottom of every page).
"""
from __future__ import annotations

import random

from policykg.sample.blocks import Block, Doc, Header, is_upper
from policykg.sample.layouts import wrap


def pdftext(doc: Doc, rng: random.Random, width: int | None = None, page: int | None = None) -> str:
    """The text ``pdftotext -layout`` would give of ``doc`` printed to PDF.

    Parameters
    ----------
    doc : Doc
        From :func:`policykg.sample.blocks.parse`.
    rng : random.Random
        Picks the page's width, indent, page length and spacing.
    width : int, optional
        Width of a paragraph's lines (default 80-95, chosen by ``rng``).
    page : int, optional
        Lines a page (default 44-56, chosen by ``rng``).

    Returns
    -------
    str
        Pages ending with a form feed, as pdftotext writes them.
    """
    width = width or rng.randint(80, 95)
    page = page or rng.randint(44, 56)
    indent = rng.randint(4, 8)
    top = rng.random() < 0.7
    spaced_rows = rng.random() < 0.5
    lines: list[str] = []
    if doc.header:
        lines += _header(doc.header, rng) + [""]
    for b in doc.blocks:
        if b.kind == "title":
            lines += [""] + [_centre(part, width) for line in b.lines for part in wrap(line, width - 16)] + [""]
        elif b.kind == "heading" and is_upper(b.lines[0]) and len(b.lines[0]) < 70:
            lines.append(_centre(b.lines[0], width))
        elif b.kind in ("heading", "para"):
            para = wrap(b.lines[0], width, width - indent)
            lines += [" " * indent + para[0]] + para[1:]
        elif b.kind == "table":
            lines += table(b.rows, max(width, 100), rng, spaced_rows)
        elif b.kind == "closing":
            lines += _closing(b, width, rng)
    return _paginate(lines, page, width, top)


def _centre(text: str, width: int) -> str:
    return text.center(width).rstrip() if len(text) < width else text


def _beside(left: list[str], right: list[str], at: int, right_width: int, offset: int = 0) -> list[str]:
    """Two columns side by side: ``left`` as it is, ``right`` centred in ``right_width`` from column
    ``at``, starting ``offset`` rows down."""
    rows = max(len(left), offset + len(right))
    out = []
    for i in range(rows):
        l = left[i] if i < len(left) else ""
        r = right[i - offset] if 0 <= i - offset < len(right) else ""
        out.append((l.ljust(at) + r.center(right_width)).rstrip())
    return out


def _header(h: Header, rng: random.Random) -> list[str]:
    margin = " " * rng.randint(0, 2)
    left_cells = [line for line in h.left] or [""]
    left_width = max(len(line) for line in left_cells + [h.number or ""]) + rng.randint(2, 6)
    left = [margin + line.center(left_width).rstrip() for line in left_cells]
    right_width = max([len(line) for line in h.right + [h.date or ""]] + [1])
    at = len(margin) + left_width + rng.randint(2, 8)
    rows = _beside(left, h.right, at, right_width)
    if h.number or h.date:
        number = margin + (h.number or "").center(left_width).rstrip()
        rows += [""] + _beside([number], [h.date or ""], at, right_width)
    return rows


def table(rows: list[list[str]], width: int, rng: random.Random, spaced: bool = False) -> list[str]:
    """Table rows as pdftotext lays them out: cells wrapped inside columns side by side.

    Parameters
    ----------
    rows : list of list of str
        Cells, the header row first.
    width : int
        The table's width; each column gets a share by how much text it holds.
    rng : random.Random
    spaced : bool
        A blank line between rows.

    Returns
    -------
    list of str

    Examples
    --------
    >>> table([["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát quy hoạch", "Sở Xây dựng"]], 40, random.Random(0))
    ['TT   Nhiệm vụ            Chủ trì', '1    Rà soát quy hoạch   Sở Xây dựng']
    """
    count = max(len(r) for r in rows)
    rows = [r + [""] * (count - len(r)) for r in rows]
    gap = rng.randint(2, 3)
    natural = [max(len(r[i]) for r in rows) for i in range(count)]
    longest = [max((len(w) for r in rows for w in r[i].split()), default=1) for i in range(count)]
    room = max(width - natural[0] - gap * (count - 1), 8 * (count - 1))
    weights = [min(n, 60) or 1 for n in natural[1:]]
    widths = [natural[0]] + [min(n, max(8, room * wt // sum(weights))) for n, wt in zip(natural[1:], weights)]
    widths = [max(w, m, 1) for w, m in zip(widths, longest)]
    out: list[str] = []
    for k, row in enumerate(rows):
        if spaced and k:
            out.append("")
        cells = [wrap(cell, w) if cell else [] for cell, w in zip(row, widths)]
        for j in range(max(len(c) for c in cells) or 1):
            parts = [(c[j] if j < len(c) else "").ljust(w) for c, w in zip(cells, widths)]
            out.append((" " * gap).join(parts).rstrip())
    return out


def _closing(b: Block, width: int, rng: random.Random) -> list[str]:
    left = [part for line in b.lines for part in wrap(line, 44)]
    right = b.sign + [""] * rng.randint(2, 4) + [b.person]
    right_width = max(len(line) for line in right)
    at = max(max(len(line) for line in left) + 4, width - right_width - rng.randint(0, 10))
    return _beside(left, right, at, right_width, offset=rng.choice([0, 1]))


def _paginate(lines: list[str], size: int, width: int, top: bool) -> str:
    """Pages of ``size`` lines, numbered, each ending with a form feed."""
    pages = [lines[i:i + size] for i in range(0, len(lines), size)] or [[]]
    out = []
    for n, body in enumerate(pages, 1):
        number = str(n).center(width).rstrip()
        if top and n > 1:
            body = [number] + body
        elif not top:
            body = body + ["", number]
        out.append("\n".join(body) + "\n")
    return "\f".join(out) + "\f"


__all__ = ["pdftext", "table"]
