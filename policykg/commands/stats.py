"""``policykg stats``: what the graph holds, by class and by place."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from policykg.output import format_options, status, store_option

if TYPE_CHECKING:
    import pandas as pd

    from policykg.graph.stats import GraphStats

ALL = "(all places)"


@click.command("stats")
@store_option
@format_options
@click.option("--json", "as_json", is_flag=True, hidden=True,
              help="The counts as one nested JSON object (the layout of old scripts).")
@click.option("--recount", is_flag=True,
              help="Count over every graph even when the counts the build keeps match the files (slower, same answer).")
def command(store_path: str | None, fmt: str, out: Path | None, width: int | None, as_json: bool,
            recount: bool) -> None:
    """Count the graph's documents, agencies, tasks and targets, by class and by place.

    The table shows the totals by class, then one row a place (tasks and targets count in the
    place of their plan); csv, json and xlsx give the rows by place with a first row for all
    places. The counts are those every build keeps with its load summary; when they do not match
    the files (a build was killed, files were loaded by other means) the graph is counted anew.

    \b
    Examples:
      policykg stats
      policykg stats --format csv --out counts.csv
      policykg stats --recount
    """
    from policykg.graph.stats import graph_stats
    from policykg.output import emit, reading_store, to_table, write

    with reading_store(store_path) as store, status("counting"):
        stats = graph_stats(store, recount=recount)
    if as_json:
        import json

        write(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2) + "\n", "json", out)
        return
    frame = stats_frame(stats)
    if fmt != "table":
        emit(frame, fmt, out, sheet="stats")
        return
    import pandas as pd

    classes = pd.DataFrame({"class": list(stats.by_class), "nodes": list(stats.by_class.values())})
    text = (f"{stats.quads} quads in {stats.source_graphs} source graphs; documents: {stats.loaded} loaded, "
            f"{stats.cited_only} cited only\n\nby class\n{to_table(classes, width=width)}\n\nby place\n"
            f"{to_table(frame.iloc[1:], width=width)}\n")
    write(text, fmt, out)


def stats_frame(stats: GraphStats) -> pd.DataFrame:
    """One row a place (the first for all places), one column a class counted by place.

    Examples
    --------
    >>> from policykg.graph.stats import GraphStats
    >>> stats_frame(GraphStats(10, 1, 1, 0, {"Plan": 1, "Task": 3}, {"Kon Tum": {"Plan": 1, "Task": 3}})).values.tolist()
    [['(all places)', 1, 3], ['Kon Tum', 1, 3]]
    """
    import pandas as pd

    columns = sorted({c for counts in stats.by_place.values() for c in counts}, key=list(stats.by_class).index
                     if all(c in stats.by_class for counts in stats.by_place.values() for c in counts) else str)
    rows = [{"place": ALL, **{c: stats.by_class.get(c, 0) for c in columns}}]
    rows += [{"place": place, **{c: counts.get(c, 0) for c in columns}} for place, counts in stats.by_place.items()]
    return pd.DataFrame(rows, columns=["place", *columns])
