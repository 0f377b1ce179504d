"""The three pages of ``policykg show``: the whole graph, a task's trace, an agency's work.

:func:`show_graph` works on a networkx view (so tests and other callers need no store);
:func:`show_store` reads the store first.
"""
from __future__ import annotations

import networkx as nx

from policykg.graph import GraphStore
from policykg.viz.details import view_graph
from policykg.viz.layout import layered_layout
from policykg.viz.render import Page, render_page
from policykg.viz.tooltips import clip
from policykg.viz.tracing import store_trace
from policykg.viz.selection import (SelectionError, TraceChain, agency_subgraph, find_agencies,
                                    place_subgraph, resolve_task, short_id, trace_subgraph)


def trace_rows(chain: TraceChain, graph: nx.MultiDiGraph) -> dict[str, int]:
    """Row of each node of a trace: central sources on row 0, the task on the last row.

    A document's row is the length of the longest ``implements`` path from it to a central
    source, so every document sits below everything it implements.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("plan", "task", "hasTask"), ("plan", "kh", "implements"),
    ...     ("kh", "nq", "implements"), ("plan", "nq", "implements")])
    >>> from policykg.viz.selection import trace_chain
    >>> trace_rows(trace_chain(g, "task"), g)
    {'nq': 0, 'kh': 1, 'plan': 2, 'task': 3}
    """
    implements: dict[str, list[str]] = {}
    for u, v, rel in chain.edges:
        if rel == "implements":
            implements.setdefault(u, []).append(v)
    height: dict[str, int] = {}

    def measure(node: str, visiting: frozenset[str]) -> int:
        if node not in height:
            # A cycle of implements (a data error) counts as a source rather than recursing forever.
            ups = [v for v in implements.get(node, []) if v not in visiting]
            height[node] = 1 + max((measure(v, visiting | {node}) for v in ups), default=-1)
        return height[node]

    rows: dict[str, int] = {}
    for doc in reversed(chain.documents):
        rows[doc] = measure(doc, frozenset())
    if chain.plan:
        rows[chain.plan] = measure(chain.plan, frozenset()) if chain.documents else 0
        rows[chain.task] = rows[chain.plan] + 1
    else:
        rows[chain.task] = 0
    return rows


def _trace_page(graph: nx.MultiDiGraph, query: str, place: str | None) -> Page:
    task = resolve_task(graph, query, place)
    sub, chain = trace_subgraph(graph, task)
    label = clip(str(graph.nodes[task].get("label") or short_id(task)), 90).rstrip(" ,;:")
    if chain.roots:
        sources = ", ".join(str(graph.nodes[r].get("label")) for r in chain.roots)
        subtitle = f"{label} — up to {sources}"
    elif chain.plan:
        subtitle = f"{label} — its plan names no document it implements"
    else:
        subtitle = f"{label} — it belongs to no plan in the graph"
    return render_page(sub, title=f"Trace of task {short_id(task)}", subtitle=subtitle,
                       positions=layered_layout(sub, trace_rows(chain, graph)), focus=task, physics=False)


def _agency_page(graph: nx.MultiDiGraph, name: str, place: str | None) -> Page:
    agencies = find_agencies(graph, name, place)
    if not agencies:
        where = f" in {place}" if place else ""
        raise SelectionError(f"no agency called {name!r}{where}; names are as in the graph's tooltips "
                             "(e.g. 'Sở Giáo dục và Đào tạo')")
    sub = agency_subgraph(graph, agencies)
    names = sorted({str(graph.nodes[a].get("label")) for a in agencies})
    places = sorted({str(graph.nodes[a].get("place")) for a in agencies if graph.nodes[a].get("place")})
    roles = {"leads": 0, "supports": 0, "implementsTask": 0}
    for agency in agencies:
        for _, _, rel in graph.out_edges(agency, keys=True):
            if rel in roles:
                roles[rel] += 1
    plans = sum(1 for _, d in sub.nodes(data=True) if d.get("type") in ("Plan", "Directive", "Document"))
    subtitle = (f"{len(agencies)} agency node(s) in {', '.join(places) or 'no place'}: leads {roles['leads']}, "
                f"supports {roles['supports']}, implements {roles['implementsTask']} task(s); {plans} document(s)")
    return render_page(sub, title=" / ".join(names), subtitle=subtitle)


def show_graph(graph: nx.MultiDiGraph, *, trace: str | None = None, agency: str | None = None,
               place: str | None = None) -> Page:
    """The page ``policykg show`` writes for these options.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The networkx view, ideally with :func:`policykg.viz.details.view_graph`'s tooltip attributes.
    trace : str, optional
        A task (IRI, short id or words of its text): the page shows its chain, top-down from the
        central source to the task.
    agency : str, optional
        An agency name: the page shows it with its tasks, their plans and the documents it issued.
    place : str, optional
        With ``trace``: look for the task among this place's tasks. With ``agency``: only the
        agency of this place. Alone: the graph of this place and the central documents and
        national bodies it links to.

    Returns
    -------
    Page

    Raises
    ------
    SelectionError
        Both ``trace`` and ``agency``; a task or agency not found or ambiguous; an unknown place.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="Plan", label="Kế hoạch 1/KH-UBND", place="Kon Tum")
    >>> g.add_node("t", type="Task", label="Quán triệt Kết luận", place="Kon Tum")
    >>> g.add_node("nq", type="Directive", label="Kết luận 91-KL/TW")
    >>> g.add_edges_from([("p", "t", "hasTask"), ("p", "nq", "implements")])
    ['hasTask', 'implements']
    >>> page = show_graph(g, trace="quan triet")
    >>> page.nodes, page.physics
    (3, False)
    """
    if trace and agency:
        raise SelectionError("give --trace or --agency, not both")
    if trace:
        return _trace_page(graph, trace, place)
    if agency:
        return _agency_page(graph, agency, place)
    if place:
        sub = place_subgraph(graph, place)
        if not any(d.get("place") for _, d in sub.nodes(data=True)):
            known = sorted({str(d["place"]) for _, d in graph.nodes(data=True) if d.get("place")})
            raise SelectionError(f"no node has place {place!r}; places: {', '.join(known) or 'none'}")
        return render_page(sub, title=f"policykg — {place}",
                           subtitle="The place's documents, agencies, tasks and targets, and the central "
                                    "documents and national bodies they link to")
    return render_page(graph, title="policykg — whole graph",
                       subtitle="Directives, plans, agencies, tasks and targets")


def show_store(store: GraphStore, *, trace: str | None = None, agency: str | None = None,
               place: str | None = None) -> Page:
    """:func:`show_graph` on the store's view (see there for the options).

    A trace is resolved as ``policykg trace`` resolves it and shows its evidence for each hop
    (:mod:`policykg.viz.tracing`).
    """
    graph = view_graph(store)
    if trace and not agency:
        trace = store_trace(store, graph, trace, place)
        place = None  # the task is found; the IRI needs no narrowing
    return show_graph(graph, trace=trace, agency=agency, place=place)


__all__ = ["show_graph", "show_store", "trace_rows"]
