"""policykg.viz: the knowledge graph as one self-contained, interactive HTML page.

- :mod:`details`    the networkx view plus tooltip attributes (kind, number, date, deadline ...)
- :mod:`selection`  what a page shows: a task's trace, an agency's work, a place
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
from policykg.viz.selection import (SelectionError, TraceChain, agency_subgraph, find_agencies, find_tasks,
                                    resolve_task, trace_chain, trace_subgraph)
from policykg.viz.show import show_graph, show_store

__all__ = [
    "PHYSICS_MAX_NODES", "Page", "SelectionError", "TraceChain", "agency_subgraph", "cluster_layout",
    "find_agencies", "find_tasks", "layered_layout", "node_details", "render_page", "resolve_task",
    "show_graph", "show_store", "trace_chain", "trace_subgraph", "view_graph",
]
