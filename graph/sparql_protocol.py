"""The SPARQL 1.1 protocol as untrusted input: endpoint URLs checked before any request, and
replies checked to be SPARQL results before anything is read from them (see
:mod:`policykg.graph.endpoint`).
"""
from __future__ import annotations

import http.client
import ipaddress
import json
import os
import re
import time
import urllib.error
import urllib.parse
from typing import Any, Callable, TypeVar

from policykg.graph.store import StoreError
from policykg.vietnamese.messages import first_line

T = TypeVar("T")
_MB = 1024 * 1024
_HOST = re.compile(r"[^\s/?#@:\[\]\\<>\"{}|^`%]+")
_KINDS = {"uri", "bnode", "literal", "typed-literal"}


def setting(name: str, default: float) -> float:
    """A positive number from the environment, else ``default``.

    Examples
    --------
    >>> setting("POLICYKG_NO_SUCH_SETTING", 60.0)
    60.0
    """
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def endpoint_url(url: str, *, bare_means_query: bool = True) -> str:
    """Check an endpoint URL and normalise it: a bare server address means its ``/query``.

    Raises
    ------
    StoreError
        Not ``http``/``https``, no host, a malformed host or port, spaces or control characters.

    Examples
    --------
    >>> endpoint_url("http://127.0.0.1:7878"), endpoint_url("http://host/?q=x")
    ('http://127.0.0.1:7878/query', 'http://host/query?q=x')
    >>> endpoint_url("http://127.0.0.1:abc/")
    Traceback (most recent call last):
    ...
    policykg.graph.store_api.StoreError: not a valid endpoint URL 'http://127.0.0.1:abc/': the port is not a number from 0 to 65535
    """
    def bad(why: str) -> StoreError:
        return StoreError(f"not a valid endpoint URL {url!r}: {why}")

    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise bad("it holds spaces or control characters")
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise bad(str(exc)) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise bad("only http:// and https:// SPARQL endpoints are supported")
    try:
        parts.port
    except ValueError:
        raise bad("the port is not a number from 0 to 65535") from None
    host = parts.hostname or ""
    if not host:
        raise bad("it names no host")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if ":" in host or not _HOST.fullmatch(host) or ".." in host or host.startswith("."):
            raise bad(f"{host!r} is not a host name") from None
    path = parts.path if parts.path not in ("", "/") or not bare_means_query else "/query"
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc, path, parts.query, ""))


def results_json(raw: bytes, url: str) -> dict[str, Any]:
    """A reply checked to be SPARQL 1.1 query results in JSON: an ASK's real ``true``/``false``,
    or a SELECT's ``results.bindings``, a list of objects of ``{"type", "value"}`` cells.

    Raises
    ------
    StoreError
        An HTML page, an empty or truncated body, JSON of another shape.

    Examples
    --------
    >>> results_json(b'{"head": {}, "boolean": false}', "u")
    {'head': {}, 'boolean': False}
    >>> results_json(b'{"boolean": "no"}', "http://x/query")
    Traceback (most recent call last):
    ...
    policykg.graph.store_api.StoreError: http://x/query: the reply is JSON but not SPARQL results (a boolean that is not true or false)
    """
    refuse_page(raw, url)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise StoreError(f"{shown(url)}: the reply is not SPARQL results (JSON nested too deeply)") from None
    except ValueError as exc:
        what = "an empty reply" if not raw.strip() else f"malformed or truncated JSON ({first_line(str(exc))})"
        raise StoreError(f"{shown(url)}: the reply is not SPARQL results: {what}") from None
    problem = _shape_problem(data)
    if problem:
        raise StoreError(f"{shown(url)}: the reply is JSON but not SPARQL results ({problem})")
    return data


def _shape_problem(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "not an object"
    if "boolean" in data:
        return None if isinstance(data["boolean"], bool) else "a boolean that is not true or false"
    results = data.get("results")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        return "no results.bindings list"
    head = data.get("head", {})
    if not isinstance(head, dict) or not isinstance(head.get("vars", []), list):
        return "a head without a vars list"
    for row in bindings:
        if not isinstance(row, dict):
            return "a row that is not an object"
        for cell in row.values():
            if not isinstance(cell, dict) or cell.get("type") not in _KINDS or not isinstance(cell.get("value"), str):
                return "a value that is not a {type, value} cell"
    return None


def converted(make: Callable[[], T], url: str) -> T:
    """Run ``make`` (a conversion of checked results); anything still amiss is the reply's fault.

    Examples
    --------
    >>> converted(lambda: int("7"), "u")
    7
    """
    try:
        return make()
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"{shown(url)}: the reply is not the SPARQL results asked for ({type(exc).__name__})") from None


def refuse_page(raw: bytes, url: str) -> None:
    """Refuse an empty reply or a web page where SPARQL results were expected.

    Examples
    --------
    >>> refuse_page(b"<!DOCTYPE html><html>Not found</html>", "http://x/")
    Traceback (most recent call last):
    ...
    policykg.graph.store_api.StoreError: http://x/: the reply is a web page, not SPARQL results (is this the query endpoint?)
    """
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")):
        raise StoreError(f"{shown(url)}: the reply is a web page, not SPARQL results (is this the "
                         "query endpoint?)")
    if not raw.strip():
        raise StoreError(f"{shown(url)}: the reply is empty, not SPARQL results")


def read_all(response: Any, where: str) -> bytes:
    """The whole body of a response, within ``$POLICYKG_HTTP_DEADLINE`` seconds and
    ``$POLICYKG_HTTP_MAX_MB`` megabytes.

    Examples
    --------
    >>> import io
    >>> read_all(io.BytesIO(b"{}"), "u")
    b'{}'
    """
    deadline = time.monotonic() + setting("POLICYKG_HTTP_DEADLINE", 1800.0)
    cap = int(setting("POLICYKG_HTTP_MAX_MB", 1024.0) * _MB)
    chunks: list[bytes] = []
    size = 0
    read = getattr(response, "read1", response.read)  # read1: whatever has come, so the clock is checked
    while chunk := read(1 << 16):
        size += len(chunk)
        chunks.append(chunk)
        if size > cap:
            raise StoreError(f"{where}: the reply is larger than {cap // _MB} MB (POLICYKG_HTTP_MAX_MB)")
        if time.monotonic() > deadline:
            raise StoreError(f"{where}: the reply is still coming after the deadline (POLICYKG_HTTP_DEADLINE)")
    return b"".join(chunks)


def read_some(exc: urllib.error.HTTPError) -> str:
    """The start of an error reply's body, or nothing."""
    try:
        return exc.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException, ValueError):
        return ""


def shown(url: str) -> str:
    """A URL fit to print: controls and spaces as ``?``, at most 200 characters.

    Examples
    --------
    >>> shown("http://exa mple/")
    'http://exa?mple/'
    """
    return "".join(c if c.isprintable() and not c.isspace() else "?" for c in url)[:200]
