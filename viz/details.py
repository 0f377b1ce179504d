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


_TYPE_ORDER = ["Plan", "Directive", "Document", "NationalAgency", "AgencyGroup", "Agency", "Task", "Target",
               "Place"]


def _values(nodes: list[str]) -> str:
    return "VALUES ?n { " + " ".join(f"<{n}>" for n in nodes) + " }"


def nodes_view(store: GraphStore, nodes: set[str] | list[str]) -> nx.MultiDiGraph:
    """Only ``nodes`` as view nodes, with the attributes :func:`view_graph` gives them, and no edges.

    Every query is bound to the given IRIs, so the cost follows the part of the graph drawn,
    not the size of the store (a trace's handful of nodes reads in milliseconds at 10,000 plans).

    Parameters
    ----------
    store : GraphStore
    nodes : set or list of str
        IRIs.

    Returns
    -------
    networkx.MultiDiGraph
        ``type``, ``label``, ``place``, ``loaded``, the :data:`DETAIL_PROPERTIES` present and
        ``central``; IRIs the store does not type are left out.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "tasks": [{"text": "Quán triệt"}]}], store)
    >>> task = "https://w3id.org/policykg/id/doc/kon-tum/1-kh-ubnd/task/1"
    >>> g = nodes_view(store, {task})
    >>> g.nodes[task]["type"], g.nodes[task]["place"], g.nodes[task]["text"]
    ('Task', 'Kon Tum', 'Quán triệt')
    """
    wanted = sorted(set(nodes))
    graph = nx.MultiDiGraph()
    if not wanted:
        return graph
    values = _values(wanted)
    rank = {t: i for i, t in enumerate(_TYPE_ORDER)}
    kinds: dict[str, str] = {}
    types = " ".join(f"pkg:{t}" for t in _TYPE_ORDER)
    for node, cls in store.select(f"SELECT DISTINCT ?n ?t WHERE {{ {values} VALUES ?t {{ {types} }} ?n a ?t }}")[1]:
        kind = str(cls).rsplit("#", 1)[-1]
        if node not in kinds or rank[kind] < rank[kinds[node]]:
            kinds[node] = kind
    attrs: dict[str, dict[str, object]] = {n: {"type": k, "label": n.rsplit("/", 1)[-1]} for n, k in kinds.items()}
    for node, label in sorted(store.select(f"SELECT DISTINCT ?n ?l WHERE {{ {values} ?n rdfs:label ?l }}")[1],
                              key=lambda r: (r[0], str(r[1])), reverse=True):
        if node in attrs:
            attrs[node]["label"] = str(label)  # reversed: the smallest label is set last and kept
    # Two queries, not one UNION: Oxigraph binds the VALUES inside each branch only when apart
    # (together: 2 s at 1,000 documents, apart: milliseconds at any size).
    own = f"SELECT DISTINCT ?n ?name WHERE {{ {values} ?n pkg:place ?p . ?p skos:prefLabel ?name }}"
    plans = (f"SELECT DISTINCT ?n ?name WHERE {{ {values} ?d pkg:hasTask|pkg:hasTarget ?n . ?d pkg:place ?p . "
             "?p skos:prefLabel ?name }")
    rows = store.select(own)[1] + store.select(plans)[1]
    for node, name in sorted(rows, key=lambda r: (r[0], str(r[1])), reverse=True):
        if node in attrs:
            attrs[node]["place"] = str(name)
    for node, loaded in store.select(f"SELECT DISTINCT ?n ?v WHERE {{ {values} ?n pkg:loaded ?v }}")[1]:
        if node in attrs:
            attrs[node]["loaded"] = bool(loaded)
    by_property = {prop.replace("pkg:", PKG).replace("dcterms:", DCTERMS): attr
                   for attr, prop in DETAIL_PROPERTIES.items()}
    props = " ".join(DETAIL_PROPERTIES.values())
    for node, prop, value in store.select(f"SELECT DISTINCT ?n ?p ?v WHERE {{ {values} VALUES ?p {{ {props} }} "
                                          "?n ?p ?v }")[1]:
        attr = by_property[str(prop)]
        mine = attrs.get(node)
        if mine is None:
            continue
        value = int(value) if attr in ("line", "position") else str(value)
        if attr not in mine or str(value) < str(mine[attr]):
            mine[attr] = value
    for (node,) in store.select(f"SELECT DISTINCT ?n WHERE {{ {values} ?n a pkg:CentralDocument }}")[1]:
        if node in attrs:
            attrs[node]["central"] = True
    graph.add_nodes_from(sorted(attrs.items()))
    return graph


PKG = "https://w3id.org/policykg/ns#"
DCTERMS = "http://purl.org/dc/terms/"

__all__ = ["DETAIL_PROPERTIES", "node_details", "nodes_view", "view_graph"]
