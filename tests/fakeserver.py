"""A small hostile SPARQL server on 127.0.0.1 for the endpoint tests.

Each first path segment picks a misbehaviour (see ``REPLIES``): ``http://127.0.0.1:PORT/html/query``
answers every request with a web page, ``/hang/query`` accepts and never answers, and so on. The
server is bounded: it answers at most ``max_requests`` requests, a hanging reply lasts at most
``hang_s`` seconds, and it shuts itself down after ``lifetime_s`` seconds whatever happens, so a
test that forgets it cannot leave it running.
"""
from __future__ import annotations

import socketserver
import threading
import time
from typing import Any

HTML = b"<!DOCTYPE html><html><head><title>Portal</title></head><body>Trang chu</body></html>"


def _http(body: bytes, status: str = "200 OK", ctype: str = "application/sparql-results+json",
          length: int | None = None, extra: str = "") -> bytes:
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: "
            f"{len(body) if length is None else length}\r\nConnection: close\r\n{extra}\r\n")
    return head.encode("ascii") + body


# What each endpoint sends back: bytes to send, or a name handled in ``_Handler.handle``.
REPLIES: dict[str, bytes | str] = {
    "html": _http(HTML, ctype="text/html"),
    "empty": _http(b""),
    "truncated": _http(b'{"head": {"vars": ["s"]}, "results": {"bindin'),
    "shape": _http(b'{"results": {"bindings": "none"}}'),
    "boolean": _http(b'{"head": {}, "boolean": "no"}'),
    "list": _http(b"[1, 2, 3]"),
    "cells": _http(b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri"}}]}}'),
    "deep": _http(b"[" * 100_000),
    "ntriples": _http(b"<urn:a> <urn:b> garbage .\n", ctype="application/n-triples"),
    "error500": _http(HTML, status="500 Internal Server Error", ctype="text/html"),
    "error400": _http(b"Parse error: unexpected token", status="400 Bad Request", ctype="text/plain"),
    "redirect": _http(b"", status="302 Found", extra="Location: ftp://127.0.0.1/x\r\n"),
    "short": _http(b'{"head": {"vars": []}, "results"', length=5000),
    "garbage": b"SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n",
    "close": b"",
    "hang": "hang",
    "trickle": "trickle",
}


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: FakeServer = self.server  # type: ignore[assignment]
        self.request.settimeout(5)
        try:
            request = self._read_request()
        except OSError:
            return
        path = request.split(b" ", 2)[1].decode("latin-1") if request.count(b" ") >= 2 else "/"
        kind = path.strip("/").split("/", 1)[0].split("?", 1)[0]
        reply = REPLIES.get(kind, REPLIES["html"])
        server.seen.append(kind)
        try:
            if reply == "hang":
                server.stopping.wait(server.hang_s)
            elif reply == "trickle":
                self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                     b"Content-Length: 100000\r\n\r\n{")
                end = time.monotonic() + server.hang_s
                while time.monotonic() < end and not server.stopping.is_set():
                    self.request.sendall(b" ")
                    time.sleep(0.05)
            elif reply:
                self.request.sendall(reply)
        except OSError:
            pass

    def _read_request(self) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = min(int(value.strip() or 0), 8 * 1024 * 1024)
        while len(body) < length:
            chunk = self.request.recv(65536)
            if not chunk:
                break
            body += chunk
        return head.split(b"\r\n", 1)[0]


class FakeServer(socketserver.ThreadingTCPServer):
    """The hostile server; use it as a context manager (``with FakeServer() as server:``).

    Parameters
    ----------
    max_requests : int
        Requests answered before it stops accepting.
    hang_s : float
        How long ``hang`` and ``trickle`` keep a connection.
    lifetime_s : float
        It shuts itself down after this many seconds.
    """

    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, max_requests: int = 2000, hang_s: float = 4.0, lifetime_s: float = 600.0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.max_requests = max_requests
        self.hang_s = hang_s
        self.seen: list[str] = []
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._timer = threading.Timer(lifetime_s, self.stop)
        self._timer.daemon = True

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, kind: str) -> str:
        """The query endpoint that misbehaves as ``kind``."""
        return f"{self.base}/{kind}/query"

    def verify_request(self, request: Any, client_address: object) -> bool:
        return len(self.seen) < self.max_requests and not self.stopping.is_set()

    def start(self) -> "FakeServer":
        self._thread.start()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving and release every hanging connection; harmless twice."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._timer.cancel()
        self.shutdown()
        self.server_close()

    def __enter__(self) -> "FakeServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
