"""Query results for people and for files: the terminal table, and the shared command options.

- ``table`` on a terminal: a rich table wrapped to the terminal's width (or ``--width``); a
  ``file:line`` cell is never split, and long text is cut after a few lines with ``…``.
- ``table`` piped or redirected (no ``--width``): the same columns as tab-separated lines, every
  cell whole, so ``grep``, ``cut`` and ``sort`` work and nothing is shortened.
- ``csv``, ``json``, ``xlsx``: every column, every cell whole (:mod:`policykg.queries.formats`).

Every command takes ``--format`` from the one list :data:`FORMATS` through :func:`format_options`
(``--format``, ``--out``, ``--width``) or :func:`query_options` (those and ``--store``).
rich and pandas are imported only when a table is drawn, so ``policykg --help`` stays fast.
"""
from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

import click

from policykg.errors import UserError
from policykg.queries.formats import FORMATS, records  # noqa: F401  (part of this API)
from policykg.sinks import binary_stdout, to_stdout, write, write_file  # noqa: F401  (part of this API)
from policykg.vietnamese.messages import first_line
from policykg.vietnamese.tones import nfc_squeezed

if TYPE_CHECKING:
    import pandas as pd

    from policykg.graph.store import GraphStore

DEFAULT_WIDTH = 100
# Columns whose cells are never wrapped (a file:line split in two is useless to copy).
UNBROKEN = ("source", "file", "where", "number", "year", "deadline_year", "line", "n", "rank", "hop", "path")
MIN_TEXT = 16


# --- cells ---------------------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A cell as text: missing values empty, whole floats without ``.0``, text in NFC, one line.

    Examples
    --------
    >>> cell_text(None), cell_text(float("nan")), cell_text(17.0), cell_text(2.5), cell_text(True)
    ('', '', '17', '2.5', 'yes')
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return nfc_squeezed(str(value))


def display_width(text: str) -> int:
    """Display cells of ``text`` (combining marks take none, wide characters two).

    Examples
    --------
    >>> display_width("Sở Giáo dục"), display_width("Đa\\u0300"), display_width("中文")
    (11, 2, 4)
    """
    from rich.cells import cell_len

    return cell_len(text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` display cells, with ``…`` when cut (at a space when one is near).

    Examples
    --------
    >>> truncate("Nghị quyết 29-NQ/TW của Ban Chấp hành", 16)
    'Nghị quyết…'
    >>> truncate("ngắn", 10)
    'ngắn'
    """
    if display_width(text) <= width:
        return text
    from rich.cells import set_cell_size

    cut = set_cell_size(text, max(width - 1, 1)).rstrip()
    space = cut.rfind(" ")
    if space >= len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


# --- the terminal table --------------------------------------------------------------------------
def is_terminal() -> bool:
    """Whether standard output is a terminal (people), not a pipe or a file (programs)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def table_width(width: int | None) -> int | None:
    """The width to draw a table at: ``--width``, else the terminal's; None when piped (lines)."""
    if width:
        return width
    if is_terminal():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return None


def to_lines(df: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """The table for a pipe: a header line, then one tab-separated line a row, every cell whole.

    Examples
    --------
    >>> import pandas as pd
    >>> to_lines(pd.DataFrame({"agency": ["Sở Tài chính"], "led": [4]})).splitlines()
    ['agency\\tled', 'Sở Tài chính\\t4']
    """
    cols = [c for c in (columns or df.columns) if c in df.columns]
    if df.empty or not cols:
        return "(no rows)"
    lines = ["\t".join(str(c) for c in cols)]
    values = [[cell_text(v).replace("\t", " ") for v in df[c]] for c in cols]
    lines.extend("\t".join(row) for row in zip(*values))
    return "\n".join(lines)


def to_table(df: pd.DataFrame, *, width: int | None = None, max_lines: int | None = 6,
             columns: Sequence[str] | None = None) -> str:
    """The table for people: fitted to ``width`` on a terminal, tab-separated lines when piped.

    Parameters
    ----------
    df : pandas.DataFrame
    width : int, optional
        Total width in display cells; default the terminal's, and when standard output is not a
        terminal :func:`to_lines` (every cell whole) is returned instead.
    max_lines : int, optional
        Lines a wrapped cell may take before it is cut with ``…`` (None: no limit).
    columns : sequence of str, optional
        The columns to show, in order (default all).

    Returns
    -------
    str
        ``"(no rows)"`` for an empty frame.

    Examples
    --------
    >>> import pandas as pd
    >>> print(to_table(pd.DataFrame({"agency": ["Sở Giáo dục và Đào tạo"], "led": [4]}), width=40))
    agency                  led
    ───────────────────────────
    Sở Giáo dục và Đào tạo    4
    """
    width = table_width(width)
    if width is None:
        return to_lines(df, columns)
    cols = [c for c in (columns or df.columns) if c in df.columns]
    if df.empty or not cols:
        return "(no rows)"
    import io

    import pandas as pd
    from rich import box
    from rich.console import Console
    from rich.table import Table

    texts = {c: [cell_text(v) for v in df[c]] for c in cols}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True)
    budget = _cell_budget(width, len(cols), max_lines)
    longest = {c: max([display_width(str(c))] + [display_width(t) for t in texts[c]]) for c in cols}
    numeric = {c: pd.api.types.is_numeric_dtype(df[c]) for c in cols}
    unbroken = {c: str(c) in UNBROKEN or numeric[c] for c in cols}
    # Unbroken columns (file:line, numbers) keep their width; the text columns share what is left,
    # so that every column still fits and rich never has to crop one.
    free = width - 2 * (len(cols) - 1) - sum(longest[c] for c in cols if unbroken[c])
    wrapped = [c for c in cols if not unbroken[c]]
    share = max(4, free // max(1, len(wrapped)))
    # When the text columns must wrap, the longest (a task's or a sentence's text) gets what the
    # others leave: names and labels wrap at about a share each.
    main_text = max(wrapped, key=lambda c: longest[c]) if wrapped else None
    cap = max(12, free // (len(wrapped) + 1)) if sum(longest[c] for c in wrapped) > free else None
    for c in cols:
        table.add_column(str(c), justify="right" if numeric[c] else "left", no_wrap=unbroken[c],
                         min_width=longest[c] if unbroken[c] else min(longest[c], share, MIN_TEXT),
                         max_width=cap if cap and not unbroken[c] and c != main_text else None,
                         overflow="fold")
        if not unbroken[c] and budget:
            texts[c] = [truncate(t, budget) for t in texts[c]]
    for row in zip(*(texts[c] for c in cols)):
        table.add_row(*row)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False,
                      markup=False, emoji=False, soft_wrap=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").splitlines())


def _cell_budget(width: int, columns: int, max_lines: int | None) -> int | None:
    """Display cells a wrapped cell may hold: ``max_lines`` lines of its likely share of the width."""
    if not max_lines:
        return None
    return max_lines * max(MIN_TEXT, width // max(1, min(columns, 4)))


def render(df: pd.DataFrame, fmt: str, *, width: int | None = None, columns: Sequence[str] | None = None,
           sheet: str = "policykg", max_lines: int | None = 6) -> bytes:
    """``df`` in one of :data:`FORMATS`, as bytes (UTF-8 text, or the workbook).

    Examples
    --------
    >>> import pandas as pd
    >>> render(pd.DataFrame({"n": [1]}), "csv")
    b'\\xef\\xbb\\xbfn\\n1\\n'
    """
    if fmt == "table":
        return (to_table(df, width=width, columns=columns, max_lines=max_lines) + "\n").encode("utf-8")
    from policykg.queries.formats import to_bytes

    return to_bytes(df, fmt, sheet)


def emit(df: pd.DataFrame, fmt: str, out: Path | None, *, width: int | None = None,
         columns: Sequence[str] | None = None, sheet: str = "policykg", max_lines: int | None = 6) -> None:
    """Render ``df`` and write it (``columns`` choose the table view only; files get every column)."""
    write(render(df, fmt, width=width, columns=columns, sheet=sheet, max_lines=max_lines), fmt, out)


# --- shared command options ----------------------------------------------------------------------
FORMAT_HELP = ("table for people (wrapped to the terminal; tab-separated lines when piped); csv (UTF-8 "
               "with BOM, opens in Excel); json (list of records); xlsx (needs --out FILE, or stdout "
               "redirected to a file).")


def format_options(command: Callable) -> Callable:
    """``--format`` (one of :data:`FORMATS`), ``--out`` and ``--width``: every command's output options."""
    options = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help=FORMAT_HELP),
        click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                     help="Write to FILE instead of stdout."),
        click.option("--width", type=click.IntRange(min=20), metavar="N",
                     help="table: width in characters (default: the terminal's; piped: whole lines)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def store_option(command: Callable) -> Callable:
    """``--store PATH|URL`` as every command that reads the graph takes it."""
    return click.option("--store", "store_path", metavar="PATH",
                        help="Store folder or SPARQL endpoint URL (default: $POLICYKG_STORE, else "
                             ".policykg/store).")(command)


def query_options(command: Callable) -> Callable:
    """``--store``, ``--format``, ``--out`` and ``--width``, shared by the query commands."""
    return store_option(format_options(command))


def join_words(words: Sequence[str], **options: str | None) -> dict[str, str | None]:
    """Options with the bare words after them put back: ``--text quán triệt`` reads as
    ``--text "quán triệt"``. The words go to the one option of ``options`` that was given.

    Raises
    ------
    UserError
        Words after none of these options, or after several (then they need quotes).

    Examples
    --------
    >>> join_words(("triệt",), text="quán", agency=None)
    {'text': 'quán triệt', 'agency': None}
    """
    if not words:
        return dict(options)
    given = [name for name, value in options.items() if value]
    if len(given) != 1:
        names = " or ".join(f"--{n}" for n in options)
        raise UserError(f"unexpected words {' '.join(words)!r}: put them right after {names}, or quote them")
    return {**options, given[0]: " ".join((str(options[given[0]]), *words))}


def status(message: str) -> contextlib.AbstractContextManager:
    """A spinner on stderr while something slow runs, only when stderr is a terminal (a pipe or a
    log file gets nothing).

    Examples
    --------
    >>> with status("asking the graph"):  # stderr is not a terminal under doctest: nothing drawn
    ...     pass
    """
    try:
        terminal = sys.stderr.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if not terminal:
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


@contextlib.contextmanager
def progress(label: str) -> Iterator[Callable[[int, int, Path], None]]:
    """A progress bar on stderr, only when stderr is a terminal; yields ``step(n, total, path)``
    to call before each item (a pipe or a log file gets nothing).

    Examples
    --------
    >>> with progress("extracting") as step:  # stderr is not a terminal under doctest
    ...     step(0, 2, Path("a.txt"))
    """
    try:
        terminal = sys.stderr.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if not terminal:
        yield lambda n, total, path: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task("", total=None)

        def step(n: int, total: int, path: Path) -> None:
            bar.update(task, completed=n, total=total, description=path.name[:40])

        yield step


@contextlib.contextmanager
def reading_store(store_path: str | None) -> Iterator[GraphStore]:
    """The store opened read-only for one command, closed after it; a store that cannot be opened
    is one line (:class:`policykg.errors.UserError`).

    Examples
    --------
    >>> with reading_store(":memory:") as store:
    ...     store.count()
    0
    """
    from policykg.graph.store import StoreError, open_store

    try:
        store = open_store(store_path, create=False, read_only=True)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


def run_query(store_path: str | None, function: Callable[..., pd.DataFrame], *args: Any, **kwargs: Any
              ) -> pd.DataFrame:
    """Open the store read-only, call ``function(store, *args, **kwargs)``, close the store.

    The library's one-line errors (unknown place, no matching task, bad SPARQL, missing store)
    become :class:`policykg.errors.UserError`: one line on stderr and exit status 1.
    """
    from policykg.graph.store import StoreError
    from policykg.queries import QueryError

    with reading_store(store_path) as store:
        try:
            with status("asking the graph"):
                return function(store, *args, **kwargs)
        except (QueryError, StoreError) as exc:
            raise UserError(first_line(exc, limit=200)) from exc
