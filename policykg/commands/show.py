"""``policykg show``: the graph, a task's trace or an agency's work as one interactive HTML page."""
from __future__ import annotations

import time
from pathlib import Path

import click

from policykg.errors import UserError
from policykg.graph.store import STORE_ENV
from policykg.output import join_words, reading_store, status


@click.command("show")
@click.argument("words", nargs=-1)
@click.option("--trace", "trace", metavar="TASK",
              help="A task (words of its heading or body, quoted or not, or its id as shown in a tooltip): "
                   "show its chain up to the central source, top-down.")
@click.option("--agency", "agency", metavar="NAME", help="An agency: show it with its tasks and plans.")
@click.option("--place", "place", metavar="P",
              help="With --trace: look among this place's tasks. With --agency: the agency of this "
                   "place. Alone: the graph of this place. By today's province, the provinces merged into it "
                   "in 2025 too (with --trace or alone).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write (default: graph.html, trace.html or agency.html).")
@click.option("--store", "store_path", metavar="PATH",
              help=f"Store folder (default: ${STORE_ENV}, else .policykg/store).")
def command(words: tuple[str, ...], trace: str | None, agency: str | None, place: str | None,
            out: Path | None, store_path: str | None) -> None:
    """Write an interactive HTML view of the graph: whole, one task's trace, or one agency.

    The page works offline (everything is inside the file): node types by colour and shape with a
    legend, tooltips with each node's details and each edge's evidence sentence, a search box
    (heading and body, accents optional), filters by type and place, and a click on a task
    highlights its chain to the central source. A trace reads only its chain from the store.

    Words after --trace or --agency need no quotes, as with trace: show --trace quán triệt.

    \b
    Examples:
      policykg show --trace quán triệt Kết luận 91 --place "Kon Tum"
      policykg show --agency Sở Tài chính --place "Kon Tum" --out tai-chinh.html
      policykg show --place "Bắc Kạn"
    """
    from policykg.viz import SelectionError, show_store

    joined = join_words(words, trace=trace, agency=agency)
    trace, agency = joined["trace"], joined["agency"]

    if out is None:
        out = Path("trace.html" if trace else "agency.html" if agency else "graph.html")
    started = time.perf_counter()
    with reading_store(store_path) as store:
        try:
            with status("reading the graph and laying it out"):
                page = show_store(store, trace=trace, agency=agency, place=place)
        except SelectionError as exc:
            raise UserError(str(exc)) from exc
    try:
        size = page.write(out)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {page.nodes} nodes and {page.edges} edges to {out} "
               f"({size / 1024:.0f} KB, {time.perf_counter() - started:.1f} s)", err=True)

