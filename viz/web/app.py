"""The web app as a WSGI application: routing, language, downloads, errors and safety headers.

A plain WSGI callable (tests call it directly; :mod:`policykg.viz.web.server` serves it with the
standard library), Jinja2 templates with autoescaping, no script inline: the page's scripts are
files under ``/static/`` and the Content-Security-Policy allows only those, so document text that
slipped into markup could neither run nor fetch anything.
"""
from __future__ import annotations

import concurrent.futures
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from http import HTTPStatus
from http.cookies import SimpleCookie
from importlib import resources
from typing import Any, Callable, Iterable
from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

from policykg.graph.store import GraphStore, StoreError
from policykg.queries.sparql import QueryError
from policykg.viz.assets import json_for_script
from policykg.viz.web import i18n
from policykg.viz.web.tables import DOWNLOADS, MAX_SHOWN, Table, download_bytes

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
           ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY")]
STATIC = {"vis-network.min.js": ("policykg.viz", "static/vis-network.min.js", "text/javascript; charset=utf-8"),
          "web.js": ("policykg.viz.web", "static/web.js", "text/javascript; charset=utf-8"),
          "web.css": ("policykg.viz.web", "static/web.css", "text/css; charset=utf-8")}
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
MAX_BODY = 1024 * 1024
CACHE_SECONDS = 300.0


def timeout_seconds() -> float:
    """How long a page or query may run: ``$POLICYKG_SERVE_TIMEOUT`` seconds, default 30."""
    try:
        value = float(os.environ.get("POLICYKG_SERVE_TIMEOUT", ""))
    except ValueError:
        return 30.0
    return value if value > 0 else 30.0


class HttpError(Exception):
    """An answer other than a page: status and a one-line message for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Request:
    """What a handler needs of a request."""

    method: str
    path: str
    params: dict[str, str]
    lang: str
    environ: dict[str, Any] = field(repr=False, default_factory=dict)
    body: bytes = b""

    def url(self, **changes: str | None) -> str:
        """This page's URL with some parameters changed (None drops one)."""
        params = {k: v for k, v in {**self.params, **changes}.items() if v is not None and k != "lang"}
        return self.path + ("?" + urlencode(params) if params else "")

    def lang_url(self, lang: str) -> str:
        """This page in another language."""
        params = {k: v for k, v in self.params.items() if k not in ("lang", "download", "format")}
        return self.path + "?" + urlencode({**params, "lang": lang})


@dataclass
class Page:
    """A page to render: a template, its values and its tables (downloadable by name)."""

    template: str
    title: str
    values: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    graph: dict[str, Any] | None = None


@dataclass
class Raw:
    """An answer that is not a page (the SPARQL protocol, a redirect)."""

    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


Handler = Callable[["App", Request, str], "Page | Raw"]


class App:
    """The ``policykg serve`` application over one store.

    Parameters
    ----------
    store : GraphStore
        Opened read-only by the caller (``open_store(..., read_only=True)``).
    allowed_hosts : iterable of str, optional
        Host names the app answers to (DNS-rebinding guard); None answers any.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> app = App(open_store(":memory:"))
    >>> status, headers, body = app.get("/?lang=en")
    >>> status, b"Policy knowledge graph" in body
    (200, True)
    """

    def __init__(self, store: GraphStore, *, allowed_hosts: Iterable[str] | None = None) -> None:
        from policykg.viz.web import sparql, views
        from policykg.viz.web.cache import KeptAnswers

        self.store: GraphStore = KeptAnswers(store)  # type: ignore[assignment]
        self.allowed_hosts = set(allowed_hosts) if allowed_hosts is not None else None
        self.routes: dict[str, Handler] = {**views.ROUTES, **sparql.ROUTES}
        self.templates = Environment(loader=PackageLoader("policykg.viz.web", "templates"),
                                     autoescape=select_autoescape(default=True, default_for_string=True))
        self.templates.globals.update(word=i18n.word, column=i18n.column, shown_value=i18n.shown_value,
                                      max_shown=MAX_SHOWN)
        # Queries run in worker threads so a page can be given up on after the timeout.
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="policykg-page")
        # A query given up on still runs to its end (a store cannot be interrupted): user-written
        # SPARQL gets workers of its own, so runaway queries never hold up the pages.
        self.sparql_pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="policykg-sparql")
        self.lock = threading.Lock()
        self.cache: dict[str, Any] = {}
        self.memo: dict[str, tuple[float, Any]] = {}

    # --- WSGI ------------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        status, headers, body = self.respond(environ)
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    def get(self, url: str, headers: dict[str, str] | None = None, method: str = "GET",
            body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
        """Answer a request without a server (for tests and benchmarks): status, headers, body."""
        import io

        path, _, query = url.partition("?")
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
                   "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body), "HTTP_HOST": "127.0.0.1"}
        for name, value in (headers or {}).items():
            key = name.upper().replace("-", "_")
            environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
        status, head, out = self.respond(environ)
        return status, dict(head), out

    def respond(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """Status, headers and body for one request; never raises."""
        lang = "vi"
        extra: list[tuple[str, str]] = []
        try:
            request = self._request(environ)
            lang = request.lang
            if "lang" in request.params:
                extra.append(("Set-Cookie", f"policykg_lang={request.lang}; Path=/; SameSite=Strict"))
            status, content_type, body, more = self._dispatch(request)
            extra += more
        except HttpError as exc:
            status, content_type = exc.status, "text/html; charset=utf-8"
            if str(environ.get("PATH_INFO") or "").startswith("/sparql"):  # tools read one plain line
                content_type, body = "text/plain; charset=utf-8", (str(exc) + "\n").encode("utf-8")
            else:
                body = self._error_page(exc.status, str(exc), lang)
        except Exception as exc:  # a bug: one line for the user, never a traceback in the page
            text = " ".join(str(exc).split())[:200]
            status, content_type = 500, "text/html; charset=utf-8"
            body = self._error_page(500, f"internal error ({type(exc).__name__}: {text})", lang)
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *HEADERS, *extra]
        return status, headers, body

    # --- inside ----------------------------------------------------------------------------
    def _request(self, environ: dict[str, Any]) -> Request:
        host = str(environ.get("HTTP_HOST") or "").rsplit(":", 1)[0] if "]" not in str(environ.get("HTTP_HOST")) \
            else str(environ.get("HTTP_HOST")).rsplit("]", 1)[0] + "]"
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            raise HttpError(403, f"this server answers to {', '.join(sorted(self.allowed_hosts))} only")
        method = str(environ.get("REQUEST_METHOD") or "GET").upper()
        try:
            params = dict(parse_qsl(str(environ.get("QUERY_STRING") or ""), keep_blank_values=True,
                                    max_num_fields=50, errors="replace"))
        except ValueError as exc:
            raise HttpError(400, f"bad query string: {exc}") from None
        body = b""
        if method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > MAX_BODY:
                raise HttpError(413, f"the request is larger than {MAX_BODY // 1024} kB")
            body = environ["wsgi.input"].read(length) if length > 0 else b""
            if str(environ.get("CONTENT_TYPE") or "").startswith("application/x-www-form-urlencoded"):
                params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=50))
        elif method not in ("GET", "HEAD"):
            raise HttpError(405, f"{method} is not allowed: this server is read-only")
        cookie = SimpleCookie()
        try:
            cookie.load(str(environ.get("HTTP_COOKIE") or ""))
        except Exception:  # a malformed cookie is ignored, as browsers do
            cookie = SimpleCookie()
        chosen = params.get("lang") or (cookie["policykg_lang"].value if "policykg_lang" in cookie else None)
        path = str(environ.get("PATH_INFO") or "/").encode("latin-1", "replace").decode("utf-8", "replace")
        return Request(method, path, params, i18n.pick(chosen), environ, body)

    def _dispatch(self, request: Request) -> tuple[int, str, bytes, list[tuple[str, str]]]:
        if request.path.startswith("/static/"):
            return self._static(request.path[len("/static/"):])
        name, _, rest = request.path.lstrip("/").partition("/")
        handler = self.routes.get(name)
        if handler is None:
            raise HttpError(404, f"no page {request.path}")
        answer = self.timed(lambda: handler(self, request, rest))
        if isinstance(answer, Raw):
            return answer.status, answer.content_type, answer.body, answer.headers
        wanted = request.params.get("download")
        if wanted is not None:
            return self._download(answer, wanted, request.params.get("format", "csv"))
        return 200, "text/html; charset=utf-8", self.render(answer, request), []

    def timed(self, work: Callable[[], Any], pool: concurrent.futures.Executor | None = None) -> Any:
        """Run ``work`` in a worker thread (of ``pool``, default the pages'); give up after
        :func:`timeout_seconds` (503)."""
        future = (pool or self.pool).submit(work)
        try:
            return future.result(timeout=timeout_seconds())
        except concurrent.futures.TimeoutError:
            raise HttpError(503, f"the query took more than {timeout_seconds():g} s and was given up") from None
        except (QueryError, StoreError) as exc:
            status = 404 if type(exc).__name__ in ("NotFound", "TaskNotFound", "UnknownPlace") else 400
            raise HttpError(status, " ".join(str(exc).split())[:300]) from None

    def cached(self, key: str, make: Callable[[], Any], seconds: float = CACHE_SECONDS) -> Any:
        """``make()``, kept for ``seconds``: for the store-wide tables of the home page, which take
        seconds on a national store and change only when the store is rebuilt."""
        with self.lock:
            hit = self.memo.get(key)
        if hit is not None and time.monotonic() - hit[0] < seconds:
            return hit[1]
        value = make()
        with self.lock:
            self.memo[key] = (time.monotonic(), value)
        return value

    def warm(self) -> None:
        """Compute the home page's tables ahead of the first visitor (a server calls this in a thread)."""
        try:
            self.get("/")
        except Exception:  # noqa: BLE001 - warming is a courtesy; the page reports its own errors
            pass

    def render(self, page: Page, request: Request) -> bytes:
        """A page as HTML."""
        template = self.templates.get_template(page.template)
        links = {name: {fmt: request.url(download=name, format=fmt) for fmt in DOWNLOADS} for name in page.tables}
        html = template.render(page=page, t=lambda key: i18n.word(key, request.lang), lang=request.lang,
                               request=request, tables=page.tables, downloads=links, today=date.today(),
                               other_lang="en" if request.lang == "vi" else "vi",
                               graph_json=json_for_script(page.graph) if page.graph else None, **page.values)
        return html.encode("utf-8")

    def _download(self, page: Page, name: str, fmt: str) -> tuple[int, str, bytes, list[tuple[str, str]]]:
        table = page.tables.get(name)
        if table is None:
            raise HttpError(404, f"no table {name!r} on this page (tables: {', '.join(page.tables) or 'none'})")
        if fmt not in DOWNLOADS:
            raise HttpError(400, f"unknown format {fmt!r} (formats: {', '.join(DOWNLOADS)})")
        body = download_bytes(table.frame, fmt, name)
        from policykg.formats import MEDIA_TYPES

        disposition = f'attachment; filename="{name}.{fmt}"'
        return 200, MEDIA_TYPES[fmt], body, [("Content-Disposition", disposition)]

    def _static(self, name: str) -> tuple[int, str, bytes, list[tuple[str, str]]]:
        if name not in STATIC:
            raise HttpError(404, f"no file /static/{name}")
        package, path, content_type = STATIC[name]
        with self.lock:
            if name not in self.cache:
                self.cache[name] = resources.files(package).joinpath(path).read_bytes()
        return 200, content_type, self.cache[name], [("Cache-Control", "max-age=3600")]

    def _error_page(self, status: int, message: str, lang: str) -> bytes:
        template = self.templates.get_template("error.html.j2")
        request = Request("GET", "/", {}, lang)
        return template.render(page=Page("error.html.j2", i18n.word("error", lang)), status=status, message=message,
                               t=lambda key: i18n.word(key, lang), lang=lang, request=request, tables={},
                               downloads={}, graph_json=None, other_lang="en" if lang == "vi" else "vi"
                               ).encode("utf-8")
