"""``policykg agencies``: the agency register (each body with its parent, place, aliases and tasks)."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.output import emit, query_options, run_query

TABLE_COLUMNS = ["place", "place_today", "kind", "agency", "parent", "aliases", "led", "supported", "implemented"]
UNKNOWN_COLUMNS = ["place", "agency", "parent", "aliases", "tasks"]


@click.command("agencies")
@click.option("--place", metavar="PLACE",
              help="Only this place, as printed or as the province it belongs to today (accents optional).")
@click.option("--unknown", is_flag=True,
              help="Only the names the agency gazetteer lacks: what to add with --gazetteer.")
@query_options
def command(place: str | None, unknown: bool, store_path: str | None, fmt: str, out: Path | None,
            width: int | None) -> None:
    """List the agencies of the graph with their parent, place, aliases and tasks by role.

    A division ("Phòng Kế hoạch - Tài chính", "Văn phòng Sở", "Thanh tra Sở") is listed under its
    parent body, "(không rõ)" when no document names it; a provincial body under its place (and
    the province that place belongs to today, after the 2025 merger); a national body once;
    collective groups apart. --unknown lists the names read by their shape that the agency
    gazetteer lacks (add them with a --gazetteer file; see README, "Agency names").

    \b
    Examples:
      policykg agencies --place "Kon Tum"
      policykg agencies --unknown --format csv --out unknown.csv
    """
    from policykg.queries.agency_register import agency_register

    df = run_query(store_path, agency_register, place=place, unknown=unknown)
    emit(df, fmt, out, width=width, columns=UNKNOWN_COLUMNS if unknown else TABLE_COLUMNS, sheet="agencies")
