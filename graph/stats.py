"""Counts of what the graph holds: nodes by class, and by place.

Counted over the union of all named graphs with ``COUNT(DISTINCT …)``, so a node stated by several
files counts once. Every build keeps the counts with its load summary
(:mod:`policykg.graph.summary_stats`); :func:`graph_stats` reads them there when they match the
files, and scans otherwise (:func:`scan_stats`, the reference they are tested against).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable

from policykg.graph.sources import SOURCE_GRAPH_PREFIX
from policykg.graph.store_api import GraphStore

NATIONAL = "(trung ương / national)"
CLASSES = ["Document", "Plan", "Directive", "CentralDocument", "LocalDocument", "Agency",
           "NationalAgency", "AgencyGroup", "Task", "Target", "Place", "Assignment", "DocumentLink",
           "SourceFile"]
PLACE_CLASSES = ["Plan", "Document", "Agency", "AgencyGroup", "Task", "Target"]

_BY_CLASS = """
SELECT ?type (COUNT(DISTINCT ?n) AS ?count) WHERE {
  VALUES ?type { %s }
  ?n a ?type .
} GROUP BY ?type
""" % " ".join(f"pkg:{c}" for c in CLASSES)

# Each a single pattern over the union of graphs, joined here: a join or a GROUP BY in SPARQL over
# every file's restatements took 30 s at 1,000 documents (the same at 10,000 takes about 8 s here).
# A node is counted in the place it has, a task or target in its plan's place, else as national.
_TYPED = "SELECT DISTINCT ?n ?type WHERE { VALUES ?type { %s } ?n a ?type }" % " ".join(
    f"pkg:{c}" for c in PLACE_CLASSES)
_PLACES = "SELECT DISTINCT ?n ?p WHERE { ?n pkg:place ?p }"
_TASKS = "SELECT ?doc ?n WHERE { ?doc pkg:hasTask ?n }"
_TARGETS = "SELECT ?doc ?n WHERE { ?doc pkg:hasTarget ?n }"
_PLACE_NAMES = "SELECT DISTINCT ?p ?name WHERE { ?p skos:prefLabel ?name }"

_LOADED = """
SELECT ?loaded (COUNT(DISTINCT ?d) AS ?count) WHERE { ?d a pkg:Document ; pkg:loaded ?loaded }
GROUP BY ?loaded
"""


@dataclass
class GraphStats:
    """What the store holds.

    Attributes
    ----------
    quads : int
        Quads in the store (triples, counted once per named graph that holds them).
    source_graphs : int
        Named graphs of source files.
    loaded : int
        Documents read from a file.
    cited_only : int
        Documents known only from citations.
    by_class : dict
        Class local name -> distinct nodes.
    by_place : dict
        Place label (or :data:`NATIONAL`) -> class local name -> distinct nodes.
    """

    quads: int
    source_graphs: int
    loaded: int
    cited_only: int
    by_class: dict[str, int] = field(default_factory=dict)
    by_place: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def graph_stats(store: GraphStore, recount: bool = False) -> GraphStats:
    """Count the store's contents: as the last build kept them when they match the files now in
    the store (a few lookups), else by scanning every graph (:func:`scan_stats`).

    Parameters
    ----------
    store : GraphStore
    recount : bool
        Scan even when the kept counts are current: the same answer, slower; for checking.

    Returns
    -------
    GraphStats

    Examples
    --------
    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.build import build_records
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum", "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}, "implements": ["91-KL/TW"],
    ...     "tasks": [{"text": "Tuyên truyền", "lead": ["Sở Giáo dục và Đào tạo"]}]}], store)
    >>> s = graph_stats(store)
    >>> s.loaded, s.cited_only, s.by_class["Task"], s.by_place["Kon Tum"]["Agency"]
    (1, 1, 1, 2)
    >>> s == graph_stats(store, recount=True)
    True
    """
    if not recount:
        from policykg.graph.summary_stats import stored_stats

        kept = stored_stats(store)
        if kept is not None:
            return kept
    return scan_stats(store)[0]


def scan_stats(store: GraphStore) -> tuple[GraphStats, dict[str, str]]:
    """Count the store's contents over the union of every graph.

    Returns
    -------
    tuple
        The :class:`GraphStats`, and place IRI -> the label its nodes are counted under (for every
        place something is placed at).
    """
    by_class = {c: 0 for c in CLASSES}
    for cls, count in store.select(_BY_CLASS)[1]:
        by_class[_local(cls)] = int(count)
    names: dict[str, str] = {}
    for iri, name in sorted(store.select(_PLACE_NAMES)[1], key=lambda r: (r[0], str(r[1])), reverse=True):
        names[iri] = str(name)  # reversed: the smallest label is set last and kept
    own: dict[str, set[str]] = {}
    place_labels: dict[str, str] = {}
    for node, where in store.select(_PLACES)[1]:
        if where in names:
            own.setdefault(node, set()).add(names[where])
            place_labels[where] = names[where]
    of_plan: dict[str, set[str]] = {}
    for doc, node in store.select(_TASKS)[1] + store.select(_TARGETS)[1]:
        of_plan.setdefault(node, set()).update(own.get(doc, ()))
    by_place: dict[str, dict[str, int]] = {}
    for node, cls in store.select(_TYPED)[1]:  # distinct (node, class) pairs
        for place in own.get(node) or of_plan.get(node) or {NATIONAL}:
            by_place.setdefault(place, {c: 0 for c in PLACE_CLASSES})[_local(cls)] += 1
    loaded = {bool(flag): int(count) for flag, count in store.select(_LOADED)[1]}
    sources = sum(g.startswith(SOURCE_GRAPH_PREFIX) for g in store.graph_names())
    return (GraphStats(store.count(), sources, loaded.get(True, 0), loaded.get(False, 0), by_class,
                       ordered_places(by_place)), place_labels)


def ordered_places(by_place: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The places by label, the national bucket last, each with the classes in their order.

    Examples
    --------
    >>> list(ordered_places({NATIONAL: {"Task": 1}, "B": {"Task": 2}, "A": {"Plan": 1}}))
    ['A', 'B', '(trung ương / national)']
    """
    return {place: {c: counts.get(c, 0) for c in PLACE_CLASSES}
            for place, counts in sorted(by_place.items(), key=lambda kv: (kv[0] == NATIONAL, kv[0]))}


def _iris(nodes: Iterable[str]) -> str:
    return " ".join(f"<{n}>" for n in sorted(nodes))


def by_place_from_nodes(store: GraphStore, places: dict[str, str]) -> dict[str, dict[str, int]]:
    """The by-place counts of the labels of ``places`` (place IRI -> label; every place of those
    labels), counted from those places alone, as :func:`scan_stats` counts them: a node in the
    label of its own place, a task or target without one in its plan's.

    Examples
    --------
    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.build import build_records
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "tasks": [{"text": "Tuyên truyền", "lead": ["Sở Y tế"]}]}], store)
    >>> by_place_from_nodes(store, scan_stats(store)[1]) == graph_stats(store, recount=True).by_place
    True
    """
    if not places:
        return {}
    _, rows = store.select(f"SELECT DISTINCT ?n ?p WHERE {{ VALUES ?p {{ {_iris(places)} }} ?n pkg:place ?p }}")
    labels: dict[str, set[str]] = {}
    for node, where in rows:
        labels.setdefault(str(node), set()).add(places[str(where)])
    _, rows = store.select(
        f"SELECT DISTINCT ?d ?n WHERE {{ VALUES ?d {{ {_iris(labels)} }} {{ ?d pkg:hasTask ?n }} UNION "
        "{ ?d pkg:hasTarget ?n } FILTER NOT EXISTS { ?n pkg:place ?q . ?q skos:prefLabel ?name } }") if labels else ([], [])
    of_plan: dict[str, set[str]] = {}
    for doc, node in rows:
        of_plan.setdefault(str(node), set()).update(labels[str(doc)])
    counted = set(labels) | set(of_plan)
    _, rows = store.select(f"SELECT ?n ?c WHERE {{ VALUES ?n {{ {_iris(counted)} }} VALUES ?c {{ "
                           + " ".join(f"pkg:{c}" for c in PLACE_CLASSES) + " } FILTER EXISTS { ?n a ?c } }")
    by_place: dict[str, dict[str, int]] = {}
    for node, cls in rows:
        for place in labels.get(str(node)) or of_plan.get(str(node), set()):
            by_place.setdefault(place, {c: 0 for c in PLACE_CLASSES})[_local(cls)] += 1
    return by_place


def format_stats(stats: GraphStats) -> str:
    """The stats as the text tables ``policykg stats`` prints.

    Examples
    --------
    >>> print(format_stats(GraphStats(10, 1, 1, 0, {"Plan": 1}, {"Kon Tum": {"Plan": 1}})).splitlines()[0])
    10 quads in 1 source graphs; documents: 1 loaded, 0 cited only
    """
    lines = [f"{stats.quads} quads in {stats.source_graphs} source graphs; "
             f"documents: {stats.loaded} loaded, {stats.cited_only} cited only", "", "by class"]
    width = max([len(c) for c in stats.by_class] + [5])
    lines += [f"  {c:<{width}} {n:>7}" for c, n in stats.by_class.items()]
    if stats.by_place:
        columns = PLACE_CLASSES
        place_width = max(len(p) for p in stats.by_place) + 2
        lines += ["", "by place".ljust(place_width + 2) + " ".join(f"{c:>11}" for c in columns)]
        for place, counts in stats.by_place.items():
            lines.append(f"  {place:<{place_width}}" + " ".join(f"{counts.get(c, 0):>11}" for c in columns))
    return "\n".join(lines)
