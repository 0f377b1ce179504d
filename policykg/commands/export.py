"""``policykg export``: the graph as Turtle, N-Quads, JSON-LD, GraphML or a CSV edge table."""
from __future__ import annotations

import os
from pathlib import Path

import click

from policykg.errors import UserError
from policykg.graph.export import FORMATS, export_bytes, export_to, streams
from policykg.graph.store import STORE_ENV
from policykg.output import reading_store
from policykg.sinks import to_stdout, write_file


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="ttl", show_default=True,
              help="ttl/jsonld: union of all graphs; nq: quads with their named graphs; "
                   "graphml: networkx view; csv: one row per edge with its proof.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.option("--store", "store_path", metavar="PATH",
              help=f"Store folder (default: ${STORE_ENV}, else .policykg/store).")
def command(fmt: str, out: Path | None, store_path: str | None) -> None:
    """Write the whole graph in one format.

    --format here names a graph format (not a table format as in the query commands).

    \b
    Examples:
      policykg export --format nq --out graph.nq
      policykg export --format graphml --out graph.graphml
    """
    with reading_store(store_path) as store:
        if out is not None and streams(store, fmt):  # pyoxigraph's writer straight to the file
            size = _stream_to(store, fmt, out)
            click.echo(f"wrote {size} bytes of {fmt} to {out}", err=True)
            return
        data = export_bytes(store, fmt)
    if out is None:
        to_stdout(data)
        return
    write_file(out, data)
    click.echo(f"wrote {len(data)} bytes of {fmt} to {out}", err=True)


def _stream_to(store, fmt: str, out: Path) -> int:
    """Stream the export to a temporary file beside ``out`` and rename it over ``out``: whole or
    not at all; a full disk is one line."""
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        size = export_to(store, fmt, temporary)
        os.replace(temporary, out)
        return size
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        temporary.unlink(missing_ok=True)
