"""``policykg overload``: which agencies carry too many tasks, place by place."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import pandas as pd

from policykg.output import emit, query_options, run_query, to_table, write
from policykg.queries import overload

TABLE_COLUMNS = ["rank", "agency", "parent", "led", "supported", "implemented", "tasks", "plans", "due", "load", "zscore",
                 "flagged"]


HELP = """Rank the agencies of each place by the tasks they are given.

Per place (that of the plans holding the tasks) and agency: tasks led, supported and implemented
(no lead/support split), all its tasks, distinct plans, and tasks falling due in --year (a year
the deadline names, the end of a period it names, or every year for "hằng năm").

\b
Score:
  load = 2 x led + 1 x supported + 1 x implemented
  flagged when load > mean + 2 x sd of the loads of the named agencies
  of the same place (population sd; only places with at least 3 named
  agencies; groups are never flagged)

Collective groups ("Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện" ...) are listed after the
named agencies of each place (kind "group" in csv/json/xlsx).

\b
Examples:
  policykg overload --place "Kon Tum"
  policykg overload --year 2026 --format xlsx --out load.xlsx

A division ("Phòng Kế hoạch - Tài chính", "Văn phòng Sở") is one agency under its parent body,
named in the parent column; one whose parent no document names shows "(không rõ)" and is never
flagged.
"""


@click.command("overload", help=HELP)
@click.option("--place", metavar="PLACE",
              help="Only this place (e.g. \"Kon Tum\"; accents optional). By today's province, the provinces "
                   "merged into it in 2025 too.")
@click.option("--year", type=click.IntRange(1900, 2200), default=date.today().year, show_default="this year",
              help="The year for the 'due' count.")
@query_options
def command(place: str | None, year: int, store_path: str | None, fmt: str, out: Path | None,
            width: int | None) -> None:
    df = run_query(store_path, overload, place=place, year=year)
    if fmt != "table":
        emit(df, fmt, out, sheet="overload")
        return
    write(sections(df, year, width), fmt, out)


def sections(df: pd.DataFrame, year: int, width: int | None = None) -> str:
    """Per place: the named agencies, then the collective groups, each a table."""
    if df.empty:
        return "(no agency holds a task)\n"
    blocks = []
    for place, rows in df.groupby("place", sort=False):
        for kind, title in (("agency", "named agencies"), ("group", "collective groups")):
            part = rows[rows["kind"] == kind]
            if part.empty:
                continue
            part = part.assign(flagged=part["flagged"].map(lambda f: "FLAG" if f else ""))
            blocks.append(f"{place}: {title} (due = tasks falling due in {year})\n"
                          + to_table(part, columns=TABLE_COLUMNS, width=width, max_lines=2))
    return "\n\n".join(blocks) + "\n"
