"""The web app's core, without HTTP: which page a request asks for, its tables and downloads, the
language, timeouts, caches, and the page as HTML.

:mod:`policykg.viz.web.asgi` puts it on Starlette (routes, cookies, safety headers) and
:mod:`policykg.viz.web.serving` serves that with uvicorn. Jinja2 templates with autoescaping, no
script inline: the page's scripts are files under ``/static/`` and the Content-Security-Policy
allows only those, so document text that slipped into markup could neither run nor fetch anything.
"""
from __future__ import annotations

import concurrent.futures
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable
from urllib.parse import urlencode

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
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
MAX_BODY = 1024 * 1024
CACHE_SECONDS = 300.0
HTML = "text/html; charset=utf-8"


def timeout_seconds() -> float:
    """How long a page or query may run: ``$POLICYKG_SERVE_TIMEOUT`` seconds, default 30.

    Examples
    --------
    >>> timeout_seconds() > 0
    True
    """
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
    """What a handler needs of a request (the HTTP layer fills it in)."""

    method: str
    path: str
    params: dict[str, str]
    lang: str
    content_type: str = ""
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
    """An answer that is not a page (the SPARQL protocol, a redirect, a download)."""

    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


Handler = Callable[["App", Request, str], "Page | Raw"]


class App:
    """The ``policykg serve`` application over one store, without HTTP.

    Parameters
    ----------
    store : GraphStore
        Opened read-only by the caller (``open_store(..., read_only=True)``).

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> app = App(open_store(":memory:"))
    >>> reply = app.answer("", Request("GET", "/", {}, "en"), "")
    >>> reply.status, b"Policy knowledge graph" in reply.body
    (200, True)
    """

    def __init__(self, store: GraphStore) -> None:
        from policykg.viz.web import sparql, views
        from policykg.viz.web.cache import KeptAnswers

        self.store: GraphStore = KeptAnswers(store)  # type: ignore[assignment]
        self.routes: dict[str, Handler] = {**views.ROUTES, **sparql.ROUTES}
        self.templates = Environment(loader=PackageLoader("policykg.viz.web", "templates"),
                                     autoescape=select_autoescape(default=True, default_for_string=True))
        self.templates.globals.update(word=i18n.word, column=i18n.column, shown_value=i18n.shown_value,
                                      max_shown=MAX_SHOWN)
        # Pages run on workers of their own so a page can be given up on after the timeout.
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="policykg-page")
        # A query given up on still runs to its end (a store cannot be interrupted): user-written
        # SPARQL gets workers of its own, so runaway queries never hold up the pages.
        self.sparql_pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="policykg-sparql")
        self.lock = threading.Lock()
        self.memo: dict[str, tuple[float, Any]] = {}

    def answer(self, name: str, request: Request, rest: str) -> Raw:
        """The answer of page ``name`` (a key of :attr:`routes`; "" is home) for ``rest`` of its
        path: the page as HTML, a table download, or the handler's own answer. Blocking: the HTTP
        layer calls it on :attr:`pool` under the timeout.

        Raises
        ------
        HttpError
            Anything the user asked that has no answer (404, 400, ...).
        """
        handler = self.routes.get(name)
        if handler is None:
            raise HttpError(404, f"no page {request.path}")
        try:
            answer = handler(self, request, rest)
        except (QueryError, StoreError) as exc:
            raise _user_error(exc) from None
        if isinstance(answer, Raw):
            return answer
        wanted = request.params.get("download")
        if wanted is not None:
            return self._download(answer, wanted, request.params.get("format", "csv"))
        return Raw(200, self.render(answer, request), HTML)

    def timed(self, work: Callable[[], Any], pool: concurrent.futures.Executor | None = None) -> Any:
        """Run ``work`` on a worker of ``pool`` (default the pages') and wait; give up after
        :func:`timeout_seconds` (503). For a page's inner calls (its user SPARQL)."""
        future = (pool or self.pool).submit(work)
        try:
            return future.result(timeout=timeout_seconds())
        except concurrent.futures.TimeoutError:
            raise too_long() from None
        except (QueryError, StoreError) as exc:
            raise _user_error(exc) from None

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
            self.answer("", Request("GET", "/", {}, "vi"), "")
            from policykg.queries.page_search import warm_search

            warm_search(self.store)  # the search page's lists, read once per state of the store
        except Exception:  # noqa: BLE001 - warming is a courtesy; the page reports its own errors
            pass

    def close(self) -> None:
        """Let the workers go (queries still running finish on their own)."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.sparql_pool.shutdown(wait=False, cancel_futures=True)

    def render(self, page: Page, request: Request) -> bytes:
        """A page as HTML."""
        template = self.templates.get_template(page.template)
        links = {name: {fmt: request.url(download=name, format=fmt) for fmt in DOWNLOADS} for name in page.tables}
        html = template.render(page=page, t=lambda key: i18n.word(key, request.lang), lang=request.lang,
                               request=request, tables=page.tables, downloads=links, today=date.today(),
                               other_lang="en" if request.lang == "vi" else "vi",
                               graph_json=json_for_script(page.graph) if page.graph else None, **page.values)
        return html.encode("utf-8")

    def error_page(self, status: int, message: str, lang: str) -> bytes:
        """The page of an error: its status and one line."""
        template = self.templates.get_template("error.html.j2")
        request = Request("GET", "/", {}, lang)
        return template.render(page=Page("error.html.j2", i18n.word("error", lang)), status=status, message=message,
                               t=lambda key: i18n.word(key, lang), lang=lang, request=request, tables={},
                               downloads={}, graph_json=None, other_lang="en" if lang == "vi" else "vi"
                               ).encode("utf-8")

    def _download(self, page: Page, name: str, fmt: str) -> Raw:
        table = page.tables.get(name)
        if table is None:
            raise HttpError(404, f"no table {name!r} on this page (tables: {', '.join(page.tables) or 'none'})")
        if fmt not in DOWNLOADS:
            raise HttpError(400, f"unknown format {fmt!r} (formats: {', '.join(DOWNLOADS)})")
        from policykg.queries.formats import MEDIA_TYPES

        body = download_bytes(table.frame, fmt, name)
        return Raw(200, body, MEDIA_TYPES[fmt], [("Content-Disposition", f'attachment; filename="{name}.{fmt}"')])


def too_long() -> HttpError:
    """The 503 of a page or query given up on after :func:`timeout_seconds`."""
    return HttpError(503, f"the query took more than {timeout_seconds():g} s and was given up")


def _user_error(exc: Exception) -> HttpError:
    status = 404 if type(exc).__name__ in ("NotFound", "TaskNotFound", "UnknownPlace") else 400
    return HttpError(status, " ".join(str(exc).split())[:300])
