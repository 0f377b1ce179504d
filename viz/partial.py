"""The part of the graph an agency's or a place's page draws, read from the store alone.

``policykg show --agency`` and ``--place`` used to read the whole graph into networkx and cut
their part out of it; here the part is found with queries bound to the IRIs at hand (the
agency's tasks, their plans, what those implement; the place's nodes and their place-less
neighbours), and only those nodes and the edges among them are read
(:func:`subgraph_view`). The selection rules themselves stay those of
:mod:`policykg.viz.selection`, applied to the small graph.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import networkx as nx

from policykg.graph import GraphStore
from policykg.graph.nx_view import EDGE_RELATIONS
from policykg.vietnamese.keys import slugify
from policykg.viz.details import nodes_view
from policykg.viz.selection import AGENCY_TYPES, ROLES, find_agencies, fold

CHUNK = 400  # IRIs per VALUES clause
PKG = "https://w3id.org/policykg/ns#"
RELATIONS = set(EDGE_RELATIONS)


def _relation(predicate: object) -> bool:
    return str(predicate).startswith(PKG) and str(predicate)[len(PKG):] in RELATIONS


def _chunks(items: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(items))
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _values(name: str, iris: list[str]) -> str:
    return f"VALUES ?{name} {{ " + " ".join(f"<{i}>" for i in iris) + " }"


def _select(store: GraphStore, template: str, name: str, iris: Iterable[str]) -> list[tuple]:
    """Rows of ``template`` (holding ``{values}``) for the IRIs, a chunk at a time."""
    rows: list[tuple] = []
    for chunk in _chunks(iris):
        rows.extend(store.select(template.replace("{values}", _values(name, chunk)))[1])
    return rows


def subgraph_view(store: GraphStore, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The view graph of ``nodes`` only: their attributes (:func:`nodes_view`) and the direct
    relations among them, each with the sentence and line that state it.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"], "provenance": {"implements": [{"id": "91-KL/TW",
    ...     "line": 4, "source_text": "Thực hiện Kết luận số 91-KL/TW."}]}}], store)
    >>> doc = "https://w3id.org/policykg/id/doc/"
    >>> g = subgraph_view(store, [doc + "kon-tum/1-kh-ubnd", doc + "91-kl-tw"])
    >>> g.edges[doc + "kon-tum/1-kh-ubnd", doc + "91-kl-tw", "implements"]["line"]
    4
    """
    graph = nodes_view(store, set(nodes))
    keep = set(graph.nodes)
    # One VALUES per query, predicates filtered here (a second VALUES made Oxigraph slow).
    edges = [(s, p, o) for s, p, o in _select(store, "SELECT DISTINCT ?s ?p ?o WHERE { {values} ?s ?p ?o "
                                                     "FILTER(isIRI(?o)) }", "s", keep)
             if str(p).startswith(PKG) and str(p)[len(PKG):] in RELATIONS]
    proofs: dict[tuple[str, str, str], dict] = {}
    for template in ("SELECT ?s ?p ?o ?text ?line WHERE { {values} GRAPH ?g { ?q pkg:fromDocument ?s ; "
                     "pkg:linkType ?p ; pkg:toDocument ?o OPTIONAL { ?q pkg:sourceText ?text } "
                     "OPTIONAL { ?q pkg:line ?line } } }",
                     "SELECT ?s ?p ?o ?text ?line WHERE { {values} GRAPH ?g { ?q pkg:agency ?s ; pkg:role ?p ; "
                     "pkg:task ?o OPTIONAL { ?q pkg:sourceText ?text } OPTIONAL { ?q pkg:line ?line } } }"):
        rows = _select(store, template, "s", keep)
        # Sorted so the proof kept is the same on every run: one with a sentence, then the lowest line.
        for s, p, o, text, line in sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3] is None, str(r[3]),
                                                                 r[4] or 0)):
            key = (s, str(p).rsplit("#", 1)[-1], o)
            proof = {k: v for k, v in (("sourceText", None if text is None else str(text)),
                                       ("line", None if line is None else int(line))) if v is not None}
            if proof and (key not in proofs or "sourceText" not in proofs[key]):
                proofs[key] = proof
    for s, p, o in sorted(edges):
        rel = str(p).rsplit("#", 1)[-1]
        if s in keep and o in keep:
            graph.add_edge(s, o, key=rel, relation=rel, **proofs.get((s, rel, o), {}))
    return graph


def agency_view(store: GraphStore, name: str, place: str | None = None) -> nx.MultiDiGraph:
    """The nodes an agency's page draws (the agencies called ``name``, their tasks, the plans
    holding them, the documents they issued and everything those implement), as a view graph.
    Empty when no agency is called so."""
    types = " ".join(f"pkg:{t}" for t in AGENCY_TYPES)
    # An agency's IRI ends in the slug of its name, so the agencies whose name holds the words
    # are among those whose IRI holds their slug: only those have their labels read (reading
    # every agency's label took 20 s at 10,000 documents).
    slug = slugify(name).replace('"', "")
    typed = store.select(f"SELECT DISTINCT ?a ?t WHERE {{ VALUES ?t {{ {types} }} ?a a ?t "
                         f'FILTER(CONTAINS(STR(?a), "{slug}")) }}')[1]
    names = nx.MultiDiGraph()
    for node, cls in typed:
        names.add_node(node, type=str(cls).rsplit("#", 1)[-1], label="")
    for node, label in sorted(_select(store, "SELECT DISTINCT ?a ?l WHERE { {values} ?a rdfs:label ?l }", "a",
                                      list(names.nodes)), key=lambda r: (r[0], str(r[1])), reverse=True):
        names.nodes[node]["label"] = str(label)  # reversed: the smallest label is kept
    wanted = fold(name)
    close = [n for n, d in names.nodes(data=True) if wanted and wanted in fold(str(d["label"]))]
    if place is not None:
        for node, where in _select(store, "SELECT DISTINCT ?a ?name WHERE { {values} ?a pkg:place ?p . "
                                          "?p skos:prefLabel ?name }", "a", close):
            names.nodes[node]["place"] = str(where)
    agencies = find_agencies(names.subgraph(close), name, place)
    if not agencies:
        return nx.MultiDiGraph()
    tasks = {str(t) for _, r, t in _select(store, "SELECT DISTINCT ?a ?r ?t WHERE { {values} ?a ?r ?t "
                                                  "FILTER(isIRI(?t)) }", "a", agencies)
             if str(r).startswith(PKG) and str(r)[len(PKG):] in ROLES}
    plans = {str(p) for p, _ in _select(store, "SELECT DISTINCT ?p ?t WHERE { {values} ?p pkg:hasTask ?t }",
                                        "t", tasks)}
    issued = {str(d) for d, _ in _select(store, "SELECT DISTINCT ?d ?a WHERE { {values} ?d pkg:issuedBy ?a }",
                                         "a", agencies)}
    ups = {str(u) for _, u in _select(store, "SELECT DISTINCT ?d ?u WHERE { {values} ?d pkg:implements* ?u }",
                                      "d", plans | issued)}
    return subgraph_view(store, set(agencies) | tasks | plans | issued | ups)


def place_view(store: GraphStore, place: str | Sequence[str]) -> nx.MultiDiGraph:
    """The nodes a place's page draws: the place (or each of several names), every node of it
    (tasks and targets by their plan's place) and the place-less nodes they link to, as a view
    graph. Empty for an unknown place."""
    wanted = {fold(p) for p in ([place] if isinstance(place, str) else place)}
    places = [str(p) for p, label in store.select("SELECT DISTINCT ?p ?l WHERE { ?p a pkg:Place ; "
                                                   "skos:prefLabel ?l }")[1] if fold(str(label)) in wanted]
    if not places:
        return nx.MultiDiGraph()
    local = {str(n) for n, _ in _select(store, "SELECT DISTINCT ?n ?p WHERE { {values} ?n pkg:place ?p }",
                                        "p", places)}
    local |= {str(n) for n, _ in _select(store, "SELECT DISTINCT ?n ?p WHERE { {values} GRAPH ?g { "
                                                 "?d pkg:hasTask|pkg:hasTarget ?n . ?d pkg:place ?p } }", "p", places)}
    local |= set(places)
    around = {str(o) for _, p, o in _select(store, "SELECT DISTINCT ?s ?p ?o WHERE { {values} ?s ?p ?o "
                                                   "FILTER(isIRI(?o)) }", "s", local) if _relation(p)}
    around |= {str(s) for _, p, s in _select(store, "SELECT DISTINCT ?o ?p ?s WHERE { {values} ?s ?p ?o }",
                                             "o", local) if _relation(p)}
    return subgraph_view(store, local | around)


__all__ = ["agency_view", "place_view", "subgraph_view"]
