"""The pages of ``policykg show``: the whole graph, a place, an agency's work, a task's trace.

:func:`show_graph` works on a networkx view (so tests and other callers need no store);
:func:`show_store` reads the store first. A trace page reads only its chain from the store
(:func:`trace_page`).
"""
from __future__ import annotations

from typing import Sequence

import networkx as nx

from policykg.graph import GraphStore
from policykg.viz.details import view_graph
from policykg.viz.layout import layered_layout
from policykg.viz.partial import agency_view, place_view
from policykg.viz.render import Page, render_page
from policykg.viz.selection import SelectionError, agency_subgraph, find_agencies, place_subgraph, short_id
from policykg.viz.tooltips import clip
from policykg.viz.tracing import resolve_task, trace_view


def trace_page(store: GraphStore, query: str, place: str | None = None) -> Page:
    """The page of one task's trace, top-down from the central source(s) to the task.

    The task is found and traced by :mod:`policykg.queries.trace` (as ``policykg trace`` does),
    and only the chain's nodes are read from the store (:func:`policykg.viz.tracing.trace_view`).

    Raises
    ------
    SelectionError
        No task matches, several do, or an unknown place.
    """
    task = resolve_task(store, query, place)
    sub, rows = trace_view(store, task)
    attrs = sub.nodes[task] if task in sub else {}
    label = clip(str(attrs.get("label") or short_id(task)), 90).rstrip(" ,;:")
    tops = [n for n, r in rows.items() if r == 0 and n != task]
    plans = [u for u, _, k in sub.in_edges(task, keys=True) if k == "hasTask"] if task in sub else []
    if tops and plans and tops != plans:
        subtitle = f"{label} — up to {', '.join(str(sub.nodes[t].get('label')) for t in tops if t in sub)}"
    elif plans:
        subtitle = f"{label} — its plan names no document it implements"
    else:
        subtitle = f"{label} — it belongs to no plan in the graph"
    return render_page(sub, title=f"Trace of task {short_id(task)}", subtitle=subtitle,
                       positions=layered_layout(sub, rows), focus=task, physics=False)


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


def show_graph(graph: nx.MultiDiGraph, *, agency: str | None = None, place: str | None = None,
               merged: Sequence[str] = ()) -> Page:
    """The page ``policykg show`` writes for these options.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The networkx view, ideally with :func:`policykg.viz.details.view_graph`'s tooltip attributes.
    agency : str, optional
        An agency name: the page shows it with its tasks, their plans and the documents it issued.
    place : str, optional
        With ``agency``: only the agency of this place. Alone: the graph of this place and the central documents and
        national bodies it links to.
    merged : sequence of str
        With ``place`` alone: the names of the places that belong to it today, drawn with it.

    Returns
    -------
    Page

    Raises
    ------
    SelectionError
        An agency not found; an unknown place.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="Plan", label="Kế hoạch 1/KH-UBND", place="Kon Tum")
    >>> g.add_node("t", type="Task", label="Quán triệt Kết luận", place="Kon Tum")
    >>> g.add_node("nq", type="Directive", label="Kết luận 91-KL/TW")
    >>> g.add_edges_from([("p", "t", "hasTask"), ("p", "nq", "implements")])
    ['hasTask', 'implements']
    >>> page = show_graph(g, place="kon tum")
    >>> page.nodes
    3
    """
    if agency:
        return _agency_page(graph, agency, place)
    if place:
        sub = place_subgraph(graph, [place, *merged])
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
    """The page ``policykg show`` writes for these options, read from the store.

    Parameters
    ----------
    store : GraphStore
    trace : str, optional
        A task (IRI, short id, or words of its heading or body): its chain, top-down, read alone
        (:func:`trace_page`); ``place`` narrows the search.
    agency, place : str, optional
        See :func:`show_graph`. Only the part of the graph drawn is read
        (:mod:`policykg.viz.partial`).

    Raises
    ------
    SelectionError
        Both ``trace`` and ``agency``, or what :func:`trace_page` and :func:`show_graph` raise.
    """
    if trace and agency:
        raise SelectionError("give --trace or --agency, not both")
    if trace:
        return trace_page(store, trace, place)
    if agency:
        return show_graph(agency_view(store, agency, place), agency=agency, place=place)
    if place:
        # the place as the query commands read it: by its old or its new name (queries.common.resolve_places)
        merged = _merged_names(store, place)
        graph = place_view(store, [place, *merged])
        if not graph.number_of_nodes():
            known = sorted({str(r[0]) for r in store.select("SELECT DISTINCT ?l WHERE { ?p a pkg:Place ; "
                                                            "skos:prefLabel ?l }")[1]})
            raise SelectionError(f"no node has place {place!r}; places: {', '.join(known[:40]) or 'none'}"
                                 + (" …" if len(known) > 40 else ""))
        return show_graph(graph, place=place, merged=merged)
    return show_graph(view_graph(store))


def _merged_names(store: GraphStore, place: str) -> list[str]:
    from policykg.queries.common import UnknownPlace, place_names, resolve_places

    try:
        found = resolve_places(store, place) or []
    except UnknownPlace:
        return []  # the page's own message names the places there are
    names = place_names(store)
    return [names[str(p)] for p in found[1:] if str(p) in names]


__all__ = ["show_graph", "show_store", "trace_page"]
