"""``policykg serve``: the knowledge graph as a local, read-only web app (Starlette on uvicorn)."""
from __future__ import annotations

import click

from policykg.errors import UserError
from policykg.graph.store import STORE_ENV, open_store


@click.command("serve")
@click.option("--store", "store_path", metavar="PATH|URL",
              help=f"Store folder or SPARQL endpoint URL (default: ${STORE_ENV}, else .policykg/store).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address opens the app to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
def command(store_path: str | None, host: str, port: int) -> None:
    """Serve the graph as a local web app: search, task, document, agency, place and coverage pages.

    Read-only (no update, no SERVICE, no LOAD), with every table downloadable as CSV or XLSX and a
    SPARQL 1.1 protocol endpoint at /sparql. Stop it with Ctrl-C.

    \b
    Examples:
      policykg serve --store policykg-demo/store
      policykg serve --port 8080
    """
    from policykg.viz.web.serving import is_loopback, serve

    store = open_store(store_path, create=False, read_only=True)
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this address can read the graph", err=True)

    def ready(url: str) -> None:
        click.echo(f"policykg serving {store_path or 'the store'} at {url} (Ctrl-C stops)", err=True)

    try:
        serve(store, host, port, ready=ready)
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:  # uvicorn shuts down, then hands Ctrl-C back
        pass
    click.echo("stopped", err=True)
