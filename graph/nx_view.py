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

_NODES = """
SELECT ?n ?type (SAMPLE(?l) AS ?label) (SAMPLE(?pl) AS ?place) (SAMPLE(?ld) AS ?loaded) WHERE {
  VALUES ?type { %s }
  ?n a ?type .
  OPTIONAL { ?n rdfs:label ?l }
  OPTIONAL { { ?n pkg:place ?p } UNION { ?doc pkg:hasTask|pkg:hasTarget ?n . ?doc pkg:place ?p }
             ?p skos:prefLabel ?pl }
  OPTIONAL { ?n pkg:loaded ?ld }
} GROUP BY ?n ?type
""" % " ".join(f"pkg:{t}" for t in _TYPE_ORDER)

_EDGES = """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { %s }
  ?s ?p ?o .
  FILTER(isIRI(?o))
}
""" % " ".join(f"pkg:{r}" for r in EDGE_RELATIONS)

# The proof of an edge: the qualified statement of the same subject, property and object.
_PROOFS = """
SELECT ?s ?p ?o ?text ?line WHERE {
  { ?q pkg:fromDocument ?s ; pkg:linkType ?p ; pkg:toDocument ?o }
  UNION
  { ?q pkg:agency ?s ; pkg:role ?p ; pkg:task ?o }
  OPTIONAL { ?q pkg:sourceText ?text }
  OPTIONAL { ?q pkg:line ?line }
}
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
    best: dict[str, int] = {}
    for row in store.query(_NODES):
        node, kind = str(row["n"]), _local(str(row["type"]))
        if node in best and best[node] <= rank[kind]:
            continue
        best[node] = rank[kind]
        attrs = {"type": kind, "label": str(row.get("label", node.rsplit("/", 1)[-1]))}
        if "place" in row:
            attrs["place"] = str(row["place"])
        if "loaded" in row:
            attrs["loaded"] = bool(row["loaded"].toPython())
        graph.add_node(node, **attrs)
    proofs: dict[tuple[str, str, str], dict] = {}
    for row in store.query(_PROOFS):
        key = (str(row["s"]), _local(str(row["p"])), str(row["o"]))
        proof = {}
        if "text" in row:
            proof["sourceText"] = str(row["text"])
        if "line" in row:
            proof["line"] = int(row["line"].toPython())
        if proof and (key not in proofs or "sourceText" not in proofs[key]):
            proofs[key] = proof
    for row in store.query(_EDGES):
        s, rel, o = str(row["s"]), _local(str(row["p"])), str(row["o"])
        if s in graph and o in graph:
            graph.add_edge(s, o, key=rel, relation=rel, **proofs.get((s, rel, o), {}))
    return graph


__all__ = ["EDGE_RELATIONS", "to_networkx"]
