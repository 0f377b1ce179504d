"""``policykg targets``: quantified targets, one indicator lined up across places."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.output import emit, query_options, run_query
from policykg.queries import targets

TABLE_COLUMNS = ["place", "plan", "indicator", "value", "unit", "year"]


@click.command("targets")
@click.argument("indicator", nargs=-1)
@click.option("--place", metavar="PLACE",
              help="Only this place's plans. By today's province, the provinces merged into it in 2025 too.")
@click.option("--year", type=click.IntRange(1900, 2200), metavar="YEAR", help="Only targets set for YEAR.")
@query_options
def command(indicator: tuple[str, ...], place: str | None, year: int | None, store_path: str | None, fmt: str,
            out: Path | None, width: int | None) -> None:
    """List the plans' targets; with INDICATOR words, that indicator in every place that set one.

    Every word of INDICATOR must appear in the target's text; case, accents and "tỷ"/"tỉ" do not
    matter, and a leading "tỷ lệ" may be missing from the text. Values are as printed ("98.85",
    "45-50", "> 60"); csv, json and xlsx add the numeric value, the sentence, file and line.

    \b
    Example:
      policykg targets tỷ lệ hoàn thành cấp trung học phổ thông
    """
    df = run_query(store_path, targets, " ".join(indicator) or None, place=place, year=year)
    emit(df, fmt, out, width=width, columns=TABLE_COLUMNS, sheet="targets", max_lines=3)
