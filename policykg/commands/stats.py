"""``policykg stats``: what the graph holds, by class and by place."""
from __future__ import annotations

import json

import click

from policykg.errors import UserError
from policykg.graph.stats import format_stats, graph_stats
from policykg.graph.store import STORE_ENV, StoreError, open_store


@click.command("stats")
@click.option("--store", "store_path", metavar="PATH",
              help=f"Store folder (default: ${STORE_ENV}, else .policykg/store).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def command(store_path: str | None, as_json: bool) -> None:
    """Count the graph's documents, agencies, tasks and targets, by class and by place."""
    try:
        store = open_store(store_path, create=False, read_only=True)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    try:
        stats = graph_stats(store)
    finally:
        store.close()
    click.echo(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2) if as_json else format_stats(stats))
