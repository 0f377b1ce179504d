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
        for node, term in store.select(f"SELECT DISTINCT ?n ?v WHERE {{ ?n {prop} ?v }}")[1]:
            node = str(node)
            if nodes is not None and node not in nodes:
                continue
            value: object = int(term) if attr in ("line", "position") else str(term)
            mine = details.setdefault(node, {})
            if attr not in mine or str(value) < str(mine[attr]):
                mine[attr] = value
    for (node,) in store.select(_CENTRAL)[1]:
        node = str(node)
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
    # One pattern per chunk of IRIs, predicates filtered here: a second VALUES (of types or
    # properties) made Oxigraph join the wrong way round (seconds, where this takes milliseconds).
    facts: list[tuple] = []
    item_places: list[tuple] = []
    for i in range(0, len(wanted), 400):
        values = _values(wanted[i:i + 400])
        facts.extend(store.select(f"SELECT DISTINCT ?n ?p ?v WHERE {{ {values} ?n ?p ?v }}")[1])
        item_places.extend(store.select(f"SELECT DISTINCT ?n ?pl WHERE {{ {values} "
                                        "?d pkg:hasTask|pkg:hasTarget ?n . ?d pkg:place ?pl }")[1])
    rank = {t: i for i, t in enumerate(_TYPE_ORDER)}
    by_property = {prop.replace("pkg:", PKG).replace("dcterms:", DCTERMS): attr
                   for attr, prop in DETAIL_PROPERTIES.items()}
    kinds: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    places: dict[str, set[str]] = {}
    details: dict[str, dict[str, object]] = {}
    loaded: dict[str, bool] = {}
    central: set[str] = set()
    for node, prop, value in facts:
        prop = str(prop)
        if prop == RDF_TYPE:
            kind = str(value).rsplit("#", 1)[-1]
            if kind in rank and (node not in kinds or rank[kind] < rank[kinds[node]]):
                kinds[node] = kind
            central |= {node} if kind == "CentralDocument" else set()
        elif prop == RDFS_LABEL:
            labels.setdefault(node, []).append(str(value))
        elif prop == PKG + "place":
            places.setdefault(node, set()).add(str(value))
        elif prop == PKG + "loaded":
            loaded[node] = bool(value)
        elif prop in by_property:
            attr = by_property[prop]
            mine = details.setdefault(node, {})
            value = int(value) if attr in ("line", "position") else str(value)
            if attr not in mine or str(value) < str(mine[attr]):
                mine[attr] = value
    for node, where in item_places:
        places.setdefault(node, set()).add(str(where))
    every_place = sorted({p for ps in places.values() for p in ps})
    names: dict[str, str] = {}
    for i in range(0, len(every_place), 400):
        chunk = "VALUES ?pl { " + " ".join(f"<{p}>" for p in every_place[i:i + 400]) + " }"
        for where, name in store.select(f"SELECT DISTINCT ?pl ?name WHERE {{ {chunk} ?pl skos:prefLabel ?name }}")[1]:
            if where not in names or str(name) < names[where]:
                names[where] = str(name)
    attrs: dict[str, dict[str, object]] = {}
    for node, kind in kinds.items():
        mine = {"type": kind, "label": min(labels[node]) if node in labels else node.rsplit("/", 1)[-1]}
        named = sorted(names[p] for p in places.get(node, ()) if p in names)
        if named:
            mine["place"] = named[0]
        if node in loaded:
            mine["loaded"] = loaded[node]
        for key, value in details.get(node, {}).items():
            mine.setdefault(key, value)
        if node in central:
            mine["central"] = True
        attrs[node] = mine
    graph.add_nodes_from(sorted(attrs.items()))
    return graph


PKG = "https://w3id.org/policykg/ns#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

__all__ = ["DETAIL_PROPERTIES", "node_details", "nodes_view", "view_graph"]
