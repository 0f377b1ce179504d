"""policykg.viz: the knowledge graph as one self-contained, interactive HTML page.

- :mod:`details`    the networkx view plus tooltip attributes (kind, number, date, deadline ...)
- :mod:`selection`  what a page shows: an agency's work, a place
- :mod:`tracing`    a task's trace, found and traced by :mod:`policykg.queries.trace`
- :mod:`layout`     positions computed in Python (layered for a trace, clustered otherwise)
- :mod:`styles`, :mod:`tooltips`  colours and shapes by node type; plain-text tooltips
- :mod:`assets`, :mod:`render`    pyvis network data in our template, everything inlined
- :mod:`show`       the pages of ``policykg show``
- :mod:`synthetic`  graphs of the same shape and any size, for scale tests

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("p", type="Plan", label="Kế hoạch 1/KH-UBND", place="Kon Tum")
>>> page = show_graph(g)
>>> page.nodes, "<script src=" in page.html
(1, False)
"""
from policykg.viz.details import node_details, view_graph
from policykg.viz.layout import PHYSICS_MAX_NODES, cluster_layout, layered_layout
from policykg.viz.render import Page, render_page
from policykg.viz.selection import SelectionError, agency_subgraph, find_agencies
from policykg.viz.show import show_graph, show_store, trace_page
from policykg.viz.tracing import resolve_task, trace_view

__all__ = [
    "PHYSICS_MAX_NODES", "Page", "SelectionError", "agency_subgraph", "cluster_layout", "find_agencies",
    "layered_layout", "node_details", "render_page", "resolve_task", "show_graph", "show_store", "trace_page",
    "trace_view", "view_graph",
]
