"""The web app on Starlette: routes, request parsing, responses, static files, and the middleware
that adds the safety headers (Content-Security-Policy ...) and keeps a loopback server to loopback
host names.

Each page runs on the app's page workers under the timeout (a store query cannot be interrupted,
so the event loop never waits on one); the page itself is :meth:`App.answer`.
"""
from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from typing import AsyncIterator, Iterable
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request as HttpRequest
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policykg.graph.store import GraphStore
from policykg.viz.web import i18n
from policykg.viz.web.app import HEADERS, HTML, MAX_BODY, App, HttpError, Request, timeout_seconds, too_long

MAX_FIELDS = 50
COOKIE = "policykg_lang"
# The vendored vis-network of the static page; the rest of /static/ is the app's own folder.
VIS = ("policykg.viz", "static/vis-network.min.js")


def application(store: GraphStore, *, allowed_hosts: Iterable[str] | None = None, warm: bool = True) -> Starlette:
    """The Starlette application of ``policykg serve`` over ``store``.

    Parameters
    ----------
    store : GraphStore
        Opened read-only by the caller (``open_store(..., read_only=True)``).
    allowed_hosts : iterable of str, optional
        Host names the app answers to (DNS-rebinding guard); None answers any.
    warm : bool
        Compute the home page's tables in a thread when the server starts.

    Returns
    -------
    Starlette
        An ASGI application; its :class:`App` is ``.state.app``.

    Examples
    --------
    >>> from starlette.testclient import TestClient
    >>> from policykg.graph import open_store
    >>> client = TestClient(application(open_store(":memory:")))
    >>> reply = client.get("/?lang=en")
    >>> reply.status_code, "Policy knowledge graph" in reply.text, reply.cookies["policykg_lang"]
    (200, True, 'en')
    >>> "script-src 'self'" in reply.headers["content-security-policy"]
    True
    >>> client.get("/sparql", params={"update": "DROP ALL"}).text
    'this endpoint is read-only: SPARQL updates are refused\\n'
    """
    app = App(store)
    methods = ["GET", "POST"]
    routes: list[BaseRoute] = [Route("/", _Endpoint(app, ""), methods=methods, name="home")]
    for name in app.routes:
        if name:
            routes += [Route(f"/{name}", _Endpoint(app, name), methods=methods, name=name),
                       Route(f"/{name}/{{rest:path}}", _Endpoint(app, name), methods=methods)]
    routes += [Route("/static/vis-network.min.js", _vis_network),
               Mount("/static", StaticFiles(packages=[("policykg.viz.web", "static")]), name="static")]

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=app.warm, daemon=True, name="policykg-warm").start()
        yield
        app.close()

    async def http_error(request: HttpRequest, exc: Exception) -> Response:
        # Starlette's own answers (no such route, a method other than GET/POST) in the app's words.
        status = int(getattr(exc, "status_code", 500))
        message = {404: f"no page {request.url.path}",
                   405: f"{request.method} is not allowed: this server is read-only"}.get(status, str(exc))
        return error_response(app, status, message, request.url.path, _lang(request))

    # The first middleware is the outermost: every answer, a refused host's too, gets the headers.
    web = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_error},
                    middleware=[Middleware(SafetyHeaders), Middleware(AllowedHosts, core=app, hosts=allowed_hosts)])
    web.state.app = app
    return web


class _Endpoint:
    """Every page's route: the request as the app sees it, the page on a worker under the timeout."""

    def __init__(self, app: App, name: str) -> None:
        self.app = app
        self.name = name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = HttpRequest(scope, receive)
        lang = _lang(request)
        try:
            page = await _page_request(request)
            lang = page.lang
            rest = str(request.path_params.get("rest", ""))
            work = asyncio.get_running_loop().run_in_executor(self.app.pool, self.app.answer, self.name, page, rest)
            try:
                reply = await asyncio.wait_for(work, timeout_seconds())
            except asyncio.TimeoutError:
                raise too_long() from None
            response = Response(reply.body, reply.status, dict(reply.headers), reply.content_type)
            if "lang" in page.params:
                response.set_cookie(COOKIE, page.lang, path="/", samesite="strict")
        except HttpError as exc:
            response = error_response(self.app, exc.status, str(exc), request.url.path, lang)
        except Exception as exc:  # noqa: BLE001 - a bug: one line for the user, never a traceback
            text = " ".join(str(exc).split())[:200]
            response = error_response(self.app, 500, f"internal error ({type(exc).__name__}: {text})",
                                      request.url.path, lang)
        await response(scope, receive, send)


async def _page_request(request: HttpRequest) -> Request:
    """The request as the pages see it: its parameters (query string, then a form body), language
    and body, within :data:`MAX_FIELDS` fields and :data:`MAX_BODY` bytes."""
    items = request.query_params.multi_items()
    if len(items) > MAX_FIELDS:
        raise HttpError(400, f"bad query string: more than {MAX_FIELDS} fields")
    params = dict(items)
    content_type = request.headers.get("content-type", "")
    body = b""
    if request.method == "POST":
        body = await _body(request)
        if content_type.startswith("application/x-www-form-urlencoded"):
            try:
                params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True,
                                        max_num_fields=MAX_FIELDS))
            except ValueError as exc:
                raise HttpError(400, f"bad form: {exc}") from None
    chosen = params.get("lang") or request.cookies.get(COOKIE)
    return Request(request.method, request.url.path, params, i18n.pick(chosen), content_type, body)


async def _body(request: HttpRequest) -> bytes:
    too_big = HttpError(413, f"the request is larger than {MAX_BODY // 1024} kB")
    try:
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            raise too_big
    except ValueError:
        raise HttpError(400, "bad Content-Length") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _lang(request: HttpRequest) -> str:
    return i18n.pick(request.query_params.get("lang") or request.cookies.get(COOKIE))


def error_response(app: App, status: int, message: str, path: str, lang: str) -> Response:
    """An error as one line: a page, or plain text under ``/sparql`` (tools read one line)."""
    if path.startswith("/sparql"):
        return PlainTextResponse(message + "\n", status)
    return Response(app.error_page(status, message, lang), status, media_type=HTML)


@functools.lru_cache(maxsize=1)
def _vis_network_bytes() -> bytes:
    from importlib import resources

    return resources.files(VIS[0]).joinpath(VIS[1]).read_bytes()


async def _vis_network(request: HttpRequest) -> Response:
    return Response(_vis_network_bytes(), media_type="text/javascript; charset=utf-8")


class SafetyHeaders:
    """Adds the Content-Security-Policy and the other safety headers to every answer, and a day's
    worth of caching to static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS:
                    headers.setdefault(name, value)
                if str(scope.get("path", "")).startswith("/static/"):
                    headers.setdefault("Cache-Control", "max-age=3600")
            await send(message)

        await self.app(scope, receive, with_headers)


class AllowedHosts:
    """Answers 403 to a request addressed to a host name not in ``hosts`` (None: any), so a web
    page elsewhere cannot reach a loopback server through a DNS name of its own (DNS rebinding)."""

    def __init__(self, app: ASGIApp, *, core: App, hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.core = core
        self.hosts = set(hosts) if hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.hosts is not None:
            if host_name(Headers(scope=scope).get("host", "")) not in self.hosts:
                message = f"this server answers to {', '.join(sorted(self.hosts))} only"
                await error_response(self.core, 403, message, str(scope.get("path", "")), "vi")(scope, receive, send)
                return
        await self.app(scope, receive, send)


def host_name(header: str) -> str:
    """The host name of a ``Host`` header, without its port.

    Examples
    --------
    >>> host_name("127.0.0.1:8000"), host_name("[::1]:8000"), host_name("localhost")
    ('127.0.0.1', '[::1]', 'localhost')
    """
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0]
