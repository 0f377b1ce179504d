"""``policykg sources``: the central documents and how many plans in each place carry them out."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.output import emit, query_options, run_query
from policykg.queries import sources

TABLE_COLUMNS = ["document", "issued", "place", "plans", "direct", "loaded"]


@click.command("sources")
@click.option("--place", metavar="PLACE",
              help="Only this place. By today's province, the provinces merged into it in 2025 too.")
@query_options
def command(place: str | None, store_path: str | None, fmt: str, out: Path | None, width: int | None) -> None:
    """List the central documents the local plans carry out, per place.

    plans: the place's documents that carry it out, directly or through a chain of plans;
    direct: those that name it themselves; loaded: those read from a file (the others are known
    only because a loaded document cites them).

    \b
    Examples:
      policykg sources
      policykg sources --place "Lâm Đồng" --format xlsx --out sources.xlsx
    """
    df = run_query(store_path, sources, place=place)
    emit(df, fmt, out, width=width, columns=TABLE_COLUMNS, sheet="sources")
