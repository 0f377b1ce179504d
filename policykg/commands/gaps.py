"""``policykg gaps``: documents cited but not loaded, and plans whose parent is not loaded."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.output import emit, query_options, run_query
from policykg.queries import gaps

TABLE_COLUMNS = ["gap", "place", "missing", "level", "cited_in", "implemented_by", "plan", "source"]


@click.command("gaps")
@click.option("--place", metavar="PLACE", help="Only this place's plans and documents."
              " By today's province, the provinces merged into it in 2025 too.")
@query_options
def command(place: str | None, store_path: str | None, fmt: str, out: Path | None, width: int | None) -> None:
    """List what the graph is missing, to know which documents to load next.

    "parent not loaded": a loaded plan carries out a document that is not loaded, so a trace
    stops there (with the sentence, file and line). "not loaded": a document known only from
    citations: cited_in files mention it, implemented_by documents carry it out.

    \b
    Examples:
      policykg gaps --place "Kon Tum"
      policykg gaps --format csv --out to-load.csv
    """
    df = run_query(store_path, gaps, place=place)
    view = df.assign(source=[f"{f}:{int(n)}" if isinstance(f, str) and n == n and n is not None else (fs or "")
                             for f, n, fs in zip(df["file"], df["line"], df["files"])])
    if fmt == "table":
        emit(view, fmt, out, width=width, columns=TABLE_COLUMNS, max_lines=2)
    else:
        emit(df, fmt, out, sheet="gaps")
