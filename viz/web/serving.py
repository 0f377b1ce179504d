"""Serving the app with uvicorn: the socket bound first (so a busy port is one clear error, not
uvicorn's exit), the server run in the foreground (``policykg serve``) or on a thread (tests).
"""
from __future__ import annotations

import copy
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from policykg.graph.store import GraphStore
from policykg.viz.web.app import LOOPBACK

GRACE_SECONDS = 5


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


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port).

    Raises
    ------
    OSError
        The address is in use or cannot be bound.

    Examples
    --------
    >>> sock = bind("127.0.0.1", 0)
    >>> sock.getsockname()[1] > 0
    True
    >>> sock.close()
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host.strip("[]"), port), family=family, backlog=2048)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, sock: socket.socket) -> str:
    """The app's URL on a bound socket.

    Examples
    --------
    >>> sock = bind("127.0.0.1", 0)
    >>> url_of("127.0.0.1", sock).startswith("http://127.0.0.1:")
    True
    >>> sock.close()
    """
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{sock.getsockname()[1]}/"


def _log_config(access_log: bool) -> dict[str, Any]:
    # uvicorn's own logging, minus its start-up chatter (the command says where it listens) and
    # with one line a request on stderr, as a command's messages are.
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["uvicorn.error"]["level"] = "WARNING"
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["loggers"]["uvicorn.access"]["level"] = "INFO" if access_log else "WARNING"
    return config


def make(store: GraphStore, host: str = "127.0.0.1", *, access_log: bool = True, warm: bool = True) -> Any:
    """A uvicorn server (not yet running) for the app over ``store``.

    Bound to a loopback address, the app answers only requests addressed to a loopback name, so a
    web page elsewhere cannot reach it through a DNS name of its own (DNS rebinding).

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> make(open_store(":memory:"), warm=False).config.proxy_headers
    False
    """
    import uvicorn

    from policykg.viz.web.asgi import application

    hosts = LOOPBACK | {host} if is_loopback(host) else None
    web = application(store, allowed_hosts=hosts, warm=warm)
    config = uvicorn.Config(web, lifespan="on", log_config=_log_config(access_log), access_log=access_log,
                            proxy_headers=False, server_header=False, timeout_graceful_shutdown=GRACE_SECONDS)
    return uvicorn.Server(config)


def serve(store: GraphStore, host: str = "127.0.0.1", port: int = 8000,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve the app until interrupted; ``ready`` is called with the app's URL once it listens.

    Raises
    ------
    OSError
        The address is in use or cannot be bound (before anything is served).
    KeyboardInterrupt
        Ctrl-C, after the server has shut down.
    """
    sock = bind(host, port)
    try:
        server = make(store, host)
        if ready:
            ready(url_of(host, sock))
        server.run(sockets=[sock])
    finally:
        sock.close()


@dataclass
class Running:
    """An app served on a thread: its URL (no trailing slash) and how to stop it."""

    url: str
    server: Any
    thread: threading.Thread
    sock: socket.socket

    def stop(self) -> None:
        """Ask the server to finish and wait for it."""
        self.server.should_exit = True
        self.thread.join(timeout=GRACE_SECONDS + 5)
        self.sock.close()


def serve_in_background(store: GraphStore, host: str = "127.0.0.1", port: int = 0, *,
                        timeout: float = 30.0) -> Running:
    """The app over ``store`` served by uvicorn on a daemon thread (port 0: a free port), returned
    once it has started; for tests and benchmarks against a real server.

    Raises
    ------
    RuntimeError
        The server did not start within ``timeout`` seconds.

    Examples
    --------
    >>> import urllib.request
    >>> from policykg.graph import open_store
    >>> running = serve_in_background(open_store(":memory:"))
    >>> urllib.request.urlopen(running.url + "/?lang=en", timeout=10).status
    200
    >>> running.stop()
    """
    sock = bind(host, port)
    server = make(store, host, access_log=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="policykg-serve")
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("the web app's server did not start")
        time.sleep(0.01)
    return Running(url_of(host, sock).rstrip("/"), server, thread, sock)
