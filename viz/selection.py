"""Which part of the graph a view shows: an agency's work, a place.

A task's trace is not chosen here: ``policykg show --trace`` finds the task and its chain with
:mod:`policykg.queries.trace`, as ``policykg trace`` does (:mod:`policykg.viz.tracing`).
"""
from __future__ import annotations

from typing import Sequence

import networkx as nx

from policykg.vietnamese.keys import plain_fold as fold

ID_ROOT = "https://w3id.org/policykg/id/"
AGENCY_TYPES = ("Agency", "NationalAgency", "AgencyGroup")
DOCUMENT_TYPES = ("Directive", "Plan", "Document")
ROLES = ("leads", "supports", "implementsTask")


class SelectionError(ValueError):
    """A task or agency that cannot be found, or is ambiguous; the message says which, in one line."""


def short_id(iri: str) -> str:
    """The IRI without the common ``https://w3id.org/policykg/id/doc/`` head: what a user types.

    Examples
    --------
    >>> short_id("https://w3id.org/policykg/id/doc/bac-kan/284-kh-ubnd/task/80")
    'bac-kan/284-kh-ubnd/task/80'
    >>> short_id("https://w3id.org/policykg/id/agency/kon-tum/so-tai-chinh")
    'agency/kon-tum/so-tai-chinh'
    """
    if iri.startswith(ID_ROOT + "doc/"):
        return iri[len(ID_ROOT) + 4:]
    return iri[len(ID_ROOT):] if iri.startswith(ID_ROOT) else iri


def find_agencies(graph: nx.MultiDiGraph, name: str, place: str | None = None) -> list[str]:
    """Agencies (and groups) called ``name``, optionally in ``place``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    name : str
        Compared folded (no case, no diacritics); an exact name wins over a name containing it.
    place : str, optional
        Keep agencies of this place (folded comparison); national agencies have none.

    Returns
    -------
    list of str
        Sorted IRIs.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", type="Agency", label="Sở Tài chính", place="Kon Tum")
    >>> g.add_node("b", type="Agency", label="Sở Tài chính", place="Bắc Kạn")
    >>> find_agencies(g, "so tai chinh"), find_agencies(g, "Sở Tài chính", place="bac kan")
    (['a', 'b'], ['b'])
    """
    wanted = fold(name)
    candidates = [n for n, d in graph.nodes(data=True) if d.get("type") in AGENCY_TYPES
                  and (place is None or fold(str(d.get("place") or "")) == fold(place))]
    exact = sorted(n for n in candidates if fold(str(graph.nodes[n].get("label", ""))) == wanted)
    if exact or not wanted:
        return exact
    return sorted(n for n in candidates if wanted in fold(str(graph.nodes[n].get("label", ""))))


def agency_subgraph(graph: nx.MultiDiGraph, agencies: list[str]) -> nx.MultiDiGraph:
    """Agencies with their tasks (any role), the plans holding those tasks and the documents they issued.

    The documents those plans implement, up to the central sources, come too, so that clicking a
    task on the agency's page highlights its whole trace.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    agencies : list of str

    Returns
    -------
    networkx.MultiDiGraph
        The induced edges among those nodes are kept, so a task shows both its lead and its support
        when both are selected agencies.
    """
    keep = set(agencies)
    for agency in agencies:
        for _, task, rel in graph.out_edges(agency, keys=True):
            if rel in ROLES:
                keep.add(task)
                keep.update(u for u, _, k in graph.in_edges(task, keys=True) if k == "hasTask")
        keep.update(u for u, _, k in graph.in_edges(agency, keys=True) if k == "issuedBy")
    for doc in [n for n in keep if graph.nodes[n].get("type") in DOCUMENT_TYPES]:
        keep.update(nx.dfs_preorder_nodes(_implements_view(graph), doc))
    return _induced(graph, keep)


def _implements_view(graph: nx.MultiDiGraph) -> nx.DiGraph:
    return nx.subgraph_view(graph, filter_edge=lambda u, v, k: k == "implements")


def place_subgraph(graph: nx.MultiDiGraph, place: str | Sequence[str]) -> nx.MultiDiGraph:
    """Nodes of one place (or of several names: a province and those merged into it), plus the
    place-less nodes they link to (central documents, national agencies)."""
    wanted = {fold(p) for p in ([place] if isinstance(place, str) else place)}
    local = {n for n, d in graph.nodes(data=True) if fold(str(d.get("place") or "")) in wanted
             or (d.get("type") == "Place" and fold(str(d.get("label") or "")) in wanted)}
    keep = set(local)
    for node in local:
        for nb in list(graph.successors(node)) + list(graph.predecessors(node)):
            if not graph.nodes[nb].get("place") and graph.nodes[nb].get("type") != "Place":
                keep.add(nb)
    return _induced(graph, keep)


def _induced(graph: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    # A copy, not a view: the renderer adds positions to node attributes.
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(graph.nodes[n])) for n in graph.nodes if n in keep)
    sub.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)
                       if u in keep and v in keep)
    return sub


__all__ = ["AGENCY_TYPES", "DOCUMENT_TYPES", "ID_ROOT", "SelectionError", "agency_subgraph", "find_agencies",
           "fold", "place_subgraph", "short_id"]
