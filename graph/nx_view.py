"""A networkx view of the graph, for algorithms (paths, centrality) and drawing.

Nodes are documents, agencies (and groups), tasks, targets and places, keyed by IRI, with
attributes ``type`` (local class name: "Plan", "Directive", "Agency" ...), ``label`` and ``place``.
Edges are the direct relations (implements, basedOn, cites, issuedBy, hasTask, hasTarget, leads,
supports, implementsTask, place) with attributes ``relation`` and, where a qualified statement
proves the edge, ``sourceText`` and ``line``. Literals and the qualified nodes themselves are not
nodes of the view: their content is on the edges.
"""
from __future__ import annotations

import networkx as nx

from policykg.graph.store import GraphStore

# Most specific first: a node gets the first of its classes found here.
_TYPE_ORDER = ["Plan", "Directive", "Document", "NationalAgency", "AgencyGroup", "Agency", "Task",
               "Target", "Place"]
EDGE_RELATIONS = ["implements", "basedOn", "cites", "issuedBy", "hasTask", "hasTarget", "leads",
                  "supports", "implementsTask", "place"]

# Each query is one pattern, or a join inside one named graph: over the union of thousands of
# graphs Oxigraph answers those in a fraction of a second, where one query joining across the
# union (with OPTIONALs) took minutes at 10,000 documents. The joins are made here instead.
_TYPES = "SELECT DISTINCT ?n ?type WHERE { VALUES ?type { %s } ?n a ?type }" % " ".join(
    f"pkg:{t}" for t in _TYPE_ORDER)
_LABELS = "SELECT DISTINCT ?n ?label WHERE { ?n rdfs:label ?label }"
_PLACES = "SELECT DISTINCT ?n ?place WHERE { ?n pkg:place ?place }"
_ITEM_PLACES = ("SELECT DISTINCT ?n ?place WHERE { GRAPH ?g { ?doc pkg:hasTask|pkg:hasTarget ?n . "
                "?doc pkg:place ?place } }")
_PLACE_NAMES = "SELECT DISTINCT ?place ?name WHERE { ?place skos:prefLabel ?name }"
_LOADED = "SELECT DISTINCT ?n ?loaded WHERE { ?n pkg:loaded ?loaded }"
_EDGES = """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { %s }
  ?s ?p ?o .
  FILTER(isIRI(?o))
}
""" % " ".join(f"pkg:{r}" for r in EDGE_RELATIONS)
# The proof of an edge: the qualified statement of the same subject, property and object.
_PROOFS = """
SELECT ?s ?p ?o ?text ?line WHERE { GRAPH ?g {
  { ?q pkg:fromDocument ?s ; pkg:linkType ?p ; pkg:toDocument ?o }
  UNION
  { ?q pkg:agency ?s ; pkg:role ?p ; pkg:task ?o }
  OPTIONAL { ?q pkg:sourceText ?text }
  OPTIONAL { ?q pkg:line ?line } } }
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """The store's union graph as a :class:`networkx.MultiDiGraph`.

    Parameters
    ----------
    store : GraphStore

    Returns
    -------
    networkx.MultiDiGraph
        Node keys are IRIs (str); edge keys are the relation names, so one relation between two
        nodes is one edge however many files state it (the first proof found is kept).

    Examples
    --------
    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.build import build_records
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum", "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}, "implements": ["91-KL/TW"]}], store)
    >>> g = to_networkx(store)
    >>> plan = "https://w3id.org/policykg/id/doc/kon-tum/1-kh-ubnd"
    >>> g.nodes[plan]["type"], g.nodes[plan]["place"]
    ('Plan', 'Kon Tum')
    >>> sorted(k for _, _, k in g.out_edges(plan, keys=True))
    ['implements', 'issuedBy', 'place']
    """
    graph = nx.MultiDiGraph()
    rank = {t: i for i, t in enumerate(_TYPE_ORDER)}
    kinds: dict[str, str] = {}
    for node, cls in store.select(_TYPES)[1]:
        kind = _local(cls)
        if node not in kinds or rank[kind] < rank[kinds[node]]:
            kinds[node] = kind
    labels = _first(store.select(_LABELS)[1])
    names = _first(store.select(_PLACE_NAMES)[1])
    places = _first(store.select(_PLACES)[1] + store.select(_ITEM_PLACES)[1], keep=lambda p: p in names)
    loaded = _first(store.select(_LOADED)[1])
    for node in sorted(kinds):
        attrs: dict[str, str | bool] = {"type": kinds[node], "label": str(labels.get(node, node.rsplit("/", 1)[-1]))}
        if node in places:
            attrs["place"] = str(names[places[node]])
        if node in loaded:
            attrs["loaded"] = bool(loaded[node])
        graph.add_node(node, **attrs)
    proofs: dict[tuple[str, str, str], dict] = {}
    # Sorted so the proof kept is the same on every run: one with a sentence, then the lowest line.
    rows = sorted(store.select(_PROOFS)[1], key=lambda r: (r[0], r[1], r[2], r[3] is None, str(r[3]), r[4] or 0))
    for s, p, o, text, line in rows:
        key = (s, _local(p), o)
        proof: dict[str, str | int] = {}
        if text is not None:
            proof["sourceText"] = str(text)
        if line is not None:
            proof["line"] = int(line)
        if proof and (key not in proofs or "sourceText" not in proofs[key]):
            proofs[key] = proof
    for s, p, o in sorted(store.select(_EDGES)[1]):
        rel = _local(p)
        if s in graph and o in graph:
            graph.add_edge(s, o, key=rel, relation=rel, **proofs.get((s, rel, o), {}))
    return graph


def _first(rows, keep=lambda value: True) -> dict:
    """The first kept value per key of ``(key, value)`` rows, in sorted order (so one is chosen
    the same way on every run and every store)."""
    out: dict = {}
    for key, value in sorted(rows, key=lambda r: (r[0], str(r[1]))):
        if key not in out and keep(value):
            out[key] = value
    return out


__all__ = ["EDGE_RELATIONS", "to_networkx"]
