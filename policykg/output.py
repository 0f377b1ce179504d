"""Writing query results: a terminal table, CSV, JSON or Excel, to stdout or a file.

- ``table``: for people at a terminal. Widths are counted in display cells (Vietnamese combining
  marks take none, wide characters two), long text is wrapped within a column and the table is
  fitted to the terminal (or ``--width``).
- ``csv``: UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly.
- ``json``: a list of records, non-ASCII kept as it is, missing values as ``null``.
- ``xlsx``: one sheet, bold frozen header, filters, sized columns. Binary: written to ``--out
  FILE``, or to stdout when stdout is redirected (refused on a terminal).

The query commands share their options (``--store``, ``--format``, ``--out``, ``--width``) and
their error handling through :func:`query_options` and :func:`run_query`.
"""
from __future__ import annotations

import io
import json
import math
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any, Callable, Sequence

import click
import pandas as pd

from policykg.sinks import binary_stdout, to_stdout, write, write_file  # noqa: F401  (part of this API)

FORMATS = ("table", "csv", "json", "xlsx")
DEFAULT_WIDTH = 200
MIN_COLUMN = 8
GAP = "  "


# --- cells and widths ----------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A cell as text: missing values empty, whole floats without ``.0``, text in NFC.

    Examples
    --------
    >>> cell_text(None), cell_text(float("nan")), cell_text(17.0), cell_text(2.5), cell_text(True)
    ('', '', '17', '2.5', 'yes')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def char_width(ch: str) -> int:
    """Display cells of one character: 0 for combining marks and controls, 2 for wide ones."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Display cells of ``text``.

    Examples
    --------
    >>> display_width("Sở Giáo dục"), display_width("Đa\\u0300"), display_width("中文")
    (11, 2, 4)
    """
    return sum(char_width(c) for c in text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` display cells, with ``…`` when cut (combining marks kept whole).

    Examples
    --------
    >>> truncate("Nghị quyết 29-NQ/TW", 10)
    'Nghị quyế…'
    """
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """``text`` broken into lines of at most ``width`` display cells, at spaces when possible.

    Examples
    --------
    >>> wrap("Kết luận số 91-KL/TW của Bộ Chính trị", 14)
    ['Kết luận số', '91-KL/TW của', 'Bộ Chính trị']
    >>> wrap("Kết luận số 91-KL/TW của Bộ Chính trị", 14, max_lines=2)
    ['Kết luận số', '91-KL/TW của …']
    """
    width = max(width, 2)
    words = [piece for word in text.split(" ")
             for piece in (_chunks(word, width) if display_width(word) > width else [word])]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if display_width(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = truncate(lines[-1] + " …", width)
    return lines


def _chunks(word: str, width: int) -> list[str]:
    """A word longer than a column, in pieces of at most ``width`` display cells."""
    pieces, current, used = [], "", 0
    for ch in word:
        w = char_width(ch)
        if used + w > width and current:
            pieces.append(current)
            current, used = "", 0
        current += ch
        used += w
    pieces.append(current)
    return pieces


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(width - display_width(text), 0)
    return space + text if right else text + space


# --- formats -------------------------------------------------------------------------------------
def to_table(df: pd.DataFrame, *, width: int | None = None, max_lines: int | None = 6,
             columns: Sequence[str] | None = None) -> str:
    """A plain-text table fitted to ``width`` display cells.

    Parameters
    ----------
    df : pandas.DataFrame
    width : int, optional
        Total width; default the terminal's (or 200 when not a terminal).
    max_lines : int, optional
        Lines a wrapped cell may take before it is cut with ``…`` (None: no limit).
    columns : sequence of str, optional
        The columns to show, in order (default all).

    Returns
    -------
    str
        Header, a rule, then the rows; numbers right-aligned; a blank line between rows when any
        cell wraps. ``"(no rows)"`` for an empty frame.

    Examples
    --------
    >>> print(to_table(pd.DataFrame({"agency": ["Sở Giáo dục và Đào tạo"], "led": [4]})))
    agency                  led
    ----------------------  ---
    Sở Giáo dục và Đào tạo    4
    """
    cols = [c for c in (columns or df.columns) if c in df.columns]
    if df.empty or not cols:
        return "(no rows)"
    width = width or terminal_width()
    texts = {c: [cell_text(v) for v in df[c]] for c in cols}
    numeric = {c: pd.api.types.is_numeric_dtype(df[c]) or all(_is_number(v) for v in df[c]) for c in cols}
    natural = {c: max([display_width(str(c))] + [display_width(t) for t in texts[c]]) for c in cols}
    widths = _fit(natural, {c: display_width(str(c)) for c in cols}, width)
    cells = {c: [wrap(t, widths[c], max_lines) for t in texts[c]] for c in cols}
    lines = [GAP.join(_pad(str(c), widths[c], numeric[c]) for c in cols).rstrip(),
             GAP.join("-" * widths[c] for c in cols)]
    tall = any(len(cell) > 1 for c in cols for cell in cells[c])
    for i in range(len(df)):
        height = max(len(cells[c][i]) for c in cols)
        for k in range(height):
            lines.append(GAP.join(_pad(cells[c][i][k] if k < len(cells[c][i]) else "", widths[c], numeric[c])
                                  for c in cols).rstrip())
        if tall and i < len(df) - 1:
            lines.append("")
    return "\n".join(lines)


def _is_number(v: Any) -> bool:
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) or v is pd.NA


def _fit(natural: dict[str, int], header: dict[str, int], width: int) -> dict[str, int]:
    """Column widths: natural ones, the widest shrunk one cell at a time until the row fits."""
    widths = dict(natural)
    budget = width - len(GAP) * (len(widths) - 1)
    floor = {c: min(natural[c], max(MIN_COLUMN, min(header[c], 16))) for c in widths}
    while sum(widths.values()) > budget:
        shrinkable = [c for c in widths if widths[c] > floor[c]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda c: widths[c])
        widths[widest] -= 1
    return widths


def terminal_width() -> int:
    """The terminal's width, or :data:`DEFAULT_WIDTH` when output is not a terminal."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return DEFAULT_WIDTH


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain JSON values (missing as None, numpy numbers as Python ones)."""
    out = []
    for row in df.to_dict("records"):
        out.append({str(k): _plain(v) for k, v in row.items()})
    return out


def _plain(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly).

    Examples
    --------
    >>> to_csv_bytes(pd.DataFrame({"place": ["Lâm Đồng"]}))[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    frame = pd.DataFrame(records(df), columns=[str(c) for c in df.columns])
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def to_json_text(df: pd.DataFrame) -> str:
    """A JSON list of records, Vietnamese kept as it is.

    Examples
    --------
    >>> to_json_text(pd.DataFrame({"place": ["Lâm Đồng"], "n": [1.0]}))
    '[\\n  {\\n    "place": "Lâm Đồng",\\n    "n": 1\\n  }\\n]'
    """
    return json.dumps(records(df), ensure_ascii=False, indent=2, default=str)


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "policykg") -> bytes:
    """An Excel workbook with one sheet: bold frozen header, filters, sized and wrapped columns.

    Text starting with ``=`` stays text (never a formula).
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "".join(c for c in sheet if c not in "[]:*?/\\")[:31] or "policykg"
    cols = [str(c) for c in df.columns]
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in records(df):
        values = []
        for c in cols:
            v = row[c]
            values.append(ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
        ws.append(values)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for i, c in enumerate(cols, start=1):
        longest = max([len(c)] + [len(cell_text(v)) for v in df[df.columns[i - 1]]])
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(longest + 2, 6), 60)
        if longest > 60:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if cols:
        ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def render(df: pd.DataFrame, fmt: str, *, width: int | None = None, columns: Sequence[str] | None = None,
           sheet: str = "policykg", max_lines: int | None = 6) -> bytes:
    """``df`` in one of :data:`FORMATS`, as bytes (UTF-8 text, or the workbook)."""
    if fmt == "table":
        return (to_table(df, width=width, columns=columns, max_lines=max_lines) + "\n").encode("utf-8")
    if fmt == "csv":
        return to_csv_bytes(df)
    if fmt == "json":
        return (to_json_text(df) + "\n").encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx_bytes(df, sheet)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def emit(df: pd.DataFrame, fmt: str, out: Path | None, *, width: int | None = None,
         columns: Sequence[str] | None = None, sheet: str = "policykg", max_lines: int | None = 6) -> None:
    """Render ``df`` (``columns`` choose the table view only; other formats get every column)."""
    write(render(df, fmt, width=width, columns=columns, sheet=sheet, max_lines=max_lines), fmt, out)


# --- shared command options ----------------------------------------------------------------------
def query_options(command: Callable) -> Callable:
    """``--store``, ``--format``, ``--out`` and ``--width``, shared by the query commands."""
    from policykg.graph.store import STORE_ENV

    options = [
        click.option("--store", "store_path", metavar="PATH",
                     help=f"Store folder (default: ${STORE_ENV}, else .policykg/store)."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="table for the terminal; csv (UTF-8 with BOM, opens in Excel); json (list of "
                          "records); xlsx (needs --out FILE, or stdout redirected to a file)."),
        click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                     help="Write to FILE instead of stdout."),
        click.option("--width", type=click.IntRange(min=20), metavar="N",
                     help="table: width in characters (default: the terminal's, 200 when piped)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def one_line(message: str, limit: int = 160) -> str:
    """The first line of ``message``, cut to ``limit`` characters.

    Examples
    --------
    >>> one_line("bad SPARQL: error at 1:18\\nmore")
    'bad SPARQL: error at 1:18'
    """
    first = (message.strip().splitlines() or [""])[0]
    return first if len(first) <= limit else first[:limit - 1] + "…"


def run_query(store_path: str | None, function: Callable[..., pd.DataFrame], *args: Any, **kwargs: Any
              ) -> pd.DataFrame:
    """Open the store read-only, call ``function(store, *args, **kwargs)``, close the store.

    The library's one-line errors (unknown place, no matching task, bad SPARQL, missing store)
    become :class:`policykg.cli.UserError`: one line on stderr and exit status 1.
    """
    from policykg.cli import UserError
    from policykg.graph.store import StoreError, open_store
    from policykg.queries import QueryError

    try:
        store = open_store(store_path, create=False, read_only=True)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    try:
        return function(store, *args, **kwargs)
    except (QueryError, StoreError) as exc:
        raise UserError(one_line(str(exc))) from exc
    finally:
        store.close()
