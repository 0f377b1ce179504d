"""policykg.viz.web: the knowledge graph as a local, read-only web app (``policykg serve``).

Pages with stable URLs over the same library functions the CLI uses, every table downloadable as
CSV or XLSX, small focused graphs drawn with the vendored vis-network, Vietnamese first.

>>> from policykg.viz.web import App, make, serve
"""
from policykg.viz.web.app import App
from policykg.viz.web.server import make, serve

__all__ = ["App", "make", "serve"]
