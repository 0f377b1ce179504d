"""Serving the app: the standard library's WSGI server, one thread per request."""
from __future__ import annotations

import ipaddress
import socketserver
import threading
from typing import Callable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from policykg.graph.store import GraphStore
from policykg.viz.web.app import LOOPBACK, App


class ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    """A WSGI server answering each request in its own thread."""

    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    """Logs one line a request, without the client's address lookups."""

    def address_string(self) -> str:  # noqa: D102
        return str(self.client_address[0])


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("0.0.0.0"), is_loopback("localhost")
    (True, False, True)
    """
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make(store: GraphStore, host: str = "127.0.0.1", port: int = 8000) -> WSGIServer:
    """A server for the app over ``store`` bound to ``host:port`` (port 0: any free port).

    Bound to a loopback address, the app answers only requests addressed to a loopback name, so a
    web page elsewhere cannot reach it through a DNS name of its own (DNS rebinding).

    Raises
    ------
    OSError
        The address is in use or cannot be bound.
    """
    hosts = LOOPBACK | {host} if is_loopback(host) else None
    app = App(store, allowed_hosts=hosts)
    server = make_server(host, port, app, server_class=ThreadingServer, handler_class=QuietHandler)
    threading.Thread(target=app.warm, daemon=True, name="policykg-warm").start()
    return server


def serve(store: GraphStore, host: str = "127.0.0.1", port: int = 8000,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve the app until interrupted; ``ready`` is called with the app's URL once it listens."""
    server = make(store, host, port)
    shown = f"[{host}]" if ":" in host else host
    if ready:
        ready(f"http://{shown}:{server.server_address[1]}/")
    try:
        server.serve_forever()
    finally:
        server.server_close()
