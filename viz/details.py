"""The networkx view plus what a tooltip shows: kind, number, date, title, deadline, task text.

:func:`policykg.graph.to_networkx` carries ``type``, ``label`` and ``place`` only; a tooltip also
needs a document's kind word, number and date, a task's full text and deadline, and whether a
document is central. They are read here with one small query per property (each is a plain
triple pattern, so Oxigraph answers it from an index) and merged into the node attributes.
"""
from __future__ import annotations

import networkx as nx

from policykg.graph import GraphStore, to_networkx

# Node attribute -> the property holding it. Values come back as text (dates as printed: an
# xsd:date, gYearMonth or gYear lexical form).
DETAIL_PROPERTIES: dict[str, str] = {
    "kind": "pkg:kind",
    "number": "dcterms:identifier",
    "date": "dcterms:issued",
    "title": "dcterms:title",
    "text": "pkg:text",
    "deadline": "pkg:deadline",
    "sourceText": "pkg:sourceText",
    "line": "pkg:line",
    "position": "pkg:position",
    "value": "pkg:value",
    "unit": "pkg:unit",
    "year": "pkg:year",
}

_CENTRAL = "SELECT DISTINCT ?n WHERE { ?n a pkg:CentralDocument }"


def node_details(store: GraphStore, nodes: set[str] | None = None) -> dict[str, dict[str, object]]:
    """Tooltip attributes of the nodes of a store.

    Parameters
    ----------
    store : GraphStore
    nodes : set of str, optional
        Keep only these IRIs (the qualified statement nodes also carry ``sourceText``; they are
        not nodes of the view).

    Returns
    -------
    dict
        IRI -> ``{"kind": ..., "number": ..., "central": True ...}``; only properties present.
        When files disagree (a title read from two citations), the smallest value is kept so
        the view is the same on every run.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum", "date": "2024-09-01"}, "implements": ["91-KL/TW"],
    ...     "tasks": [{"text": "Quán triệt", "deadline": "Năm 2025"}]}], store)
    >>> d = node_details(store)
    >>> d["https://w3id.org/policykg/id/doc/kon-tum/1-kh-ubnd"]["date"]
    '2024-09-01'
    >>> d["https://w3id.org/policykg/id/doc/kon-tum/1-kh-ubnd/task/1"]["deadline"]
    'Năm 2025'
    >>> d["https://w3id.org/policykg/id/doc/91-kl-tw"]["central"]
    True
    """
    details: dict[str, dict[str, object]] = {}
    for attr, prop in DETAIL_PROPERTIES.items():
        for row in store.query(f"SELECT DISTINCT ?n ?v WHERE {{ ?n {prop} ?v }}"):
            node = str(row["n"])
            if nodes is not None and node not in nodes:
                continue
            term = row["v"]
            value: object = int(term.toPython()) if attr in ("line", "position") else str(term)
            mine = details.setdefault(node, {})
            if attr not in mine or str(value) < str(mine[attr]):
                mine[attr] = value
    for row in store.query(_CENTRAL):
        node = str(row["n"])
        if nodes is None or node in nodes:
            details.setdefault(node, {})["central"] = True
    return details


def view_graph(store: GraphStore) -> nx.MultiDiGraph:
    """The store as the networkx view with tooltip attributes merged into the nodes.

    Parameters
    ----------
    store : GraphStore

    Returns
    -------
    networkx.MultiDiGraph
        :func:`policykg.graph.to_networkx` plus the keys of :data:`DETAIL_PROPERTIES` and
        ``central`` where the store has them (the view's own attributes win on a clash).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}}], store)
    >>> g = view_graph(store)
    >>> g.nodes["https://w3id.org/policykg/id/doc/kon-tum/1-kh-ubnd"]["number"]
    '1/KH-UBND'
    """
    graph = to_networkx(store)
    for node, extra in node_details(store, set(graph.nodes)).items():
        attrs = graph.nodes[node]
        for key, value in extra.items():
            attrs.setdefault(key, value)
    return graph


__all__ = ["DETAIL_PROPERTIES", "node_details", "view_graph"]
