"""``policykg tasks``: the tasks of the plans, filtered by agency, place, plan, words or year."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.output import emit, join_words, query_options, run_query
from policykg.queries import tasks

TABLE_COLUMNS = ["place", "plan", "number", "text", "deadline", "lead", "support", "implement"]


@click.command("tasks")
@click.argument("words", nargs=-1)
@click.option("--agency", metavar="NAME",
              help="Tasks this agency or group holds (exact name, else every agency whose name has all the words).")
@click.option("--role", type=click.Choice(["lead", "support", "implement"]), help="With --agency: only this role.")
@click.option("--place", metavar="PLACE",
              help="Only this place's plans. By today's province, the provinces merged into it in 2025 too.")
@click.option("--plan", metavar="ID", help="Only this plan (its number, e.g. 284/KH-UBND, or its IRI).")
@click.option("--text", metavar="WORDS", help="Only tasks whose text has all these words (accents optional).")
@click.option("--year", type=click.IntRange(1900, 2200), metavar="YEAR",
              help="Only tasks falling due in YEAR (named in the deadline, end of its period, or 'hằng năm').")
@query_options
def command(words: tuple[str, ...], agency: str | None, role: str | None, place: str | None, plan: str | None,
            text: str | None, year: int | None, store_path: str | None, fmt: str, out: Path | None,
            width: int | None) -> None:
    """List the tasks of the plans with their deadline and lead, supporting and implementing agencies.

    number is the task's printed label ("II.1.3", "Phụ lục II, dòng 12"), as officials cite it.
    --text looks in the whole task, heading and body. csv, json and xlsx add full_text (the
    whole paragraph), the source file and line of each task and its IRI (for trace); only the
    terminal table shortens text. Words after --text or --agency need no quotes.

    \b
    Examples:
      policykg tasks --agency Sở Tài chính --role lead --place "Kon Tum"
      policykg tasks --text Lê Quý Đôn --format csv --out tasks.csv
      policykg tasks --year 2026 --place "Bắc Kạn"
    """
    joined = join_words(words, agency=agency, text=text)
    agency, text = joined["agency"], joined["text"]
    df = run_query(store_path, tasks, agency=agency, role=role, place=place, plan=plan, text=text, year=year)
    emit(df, fmt, out, width=width, columns=TABLE_COLUMNS, sheet="tasks", max_lines=3)
