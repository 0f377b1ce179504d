"""policykg.viz.web: the knowledge graph as a local, read-only web app (``policykg serve``).

Pages with stable URLs over the same library functions the CLI uses, every table downloadable as
CSV or XLSX, small focused graphs drawn with the vendored vis-network, Vietnamese first. A
Starlette application (:mod:`~policykg.viz.web.asgi`) over the app's core
(:mod:`~policykg.viz.web.app`), served by uvicorn (:mod:`~policykg.viz.web.serving`).

>>> from policykg.viz.web import App, application, serve
"""
from policykg.viz.web.app import App
from policykg.viz.web.asgi import application
from policykg.viz.web.serving import serve, serve_in_background

__all__ = ["App", "application", "serve", "serve_in_background"]
