"""The counts ``policykg stats`` prints, kept with the load summary and brought up to date by every
build at a cost that follows the change.

The union scan of :func:`policykg.graph.stats.scan_stats` reads every file's restatements (9 s at
10,000 documents). Its answer is small, so the build keeps it as one JSON literal
(``pkg:storeStats``) on the summary graph's own node (:data:`~policykg.graph.summary.SUMMARY_GRAPH`),
with the digest of the files it was counted from. After a build:

- the classes, the national bucket and the loaded documents change by a delta over the nodes the
  changed graphs held before and after (:mod:`policykg.graph.summary_facts`: one small query per
  graph write, run by :class:`policykg.graph.changes.Changes` in place of its own): a node is typed before if an old
  version of a changed graph or any unchanged graph types it, after if a new version or an
  unchanged graph does; the same for having a place, being a task of a plan that has one, and
  being loaded; the unchanged graphs are asked by ``EXISTS``, so a document cited by every file
  costs one lookup. Only the nodes of the facts the old and new versions disagree on are
  looked at: a file whose edit changed no node, place or label costs nothing more;
- each place label the change touches (the places of those facts, and the places of their nodes
  and of their plans) is counted again from its places;
- the quads of the source graphs change by what the changed graphs held (their marks aside: those
  are counted from the graphs' states, which a restat changes), the other graphs are counted when read.

When the summary was not current before the build (a killed build, files loaded by other means),
or the build changed many files, the build scans instead; ``stats`` itself scans whenever the
stored counts do not match the files. Slower then, never wrong.

Assumed of every source graph, as :mod:`policykg.graph.convert` writes them: a graph that places
a node at a place also names that place (so having a named place is decided per graph), and a
graph that names a place types it ``pkg:Place`` or places something there.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from policykg.graph.namespaces import ID, PKG
from policykg.graph.sources import SOURCE_GRAPH_PREFIX
from policykg.graph.stats import (
    CLASSES,
    NATIONAL,
    PLACE_CLASSES,
    GraphStats,
    by_place_from_nodes,
    ordered_places,
    scan_stats,
)
from policykg.graph.store_api import GraphState, GraphStore
from policykg.graph.summary import SUMMARY_GRAPH, sources_digest, state_files
from policykg.graph.summary_facts import SKOS_LABEL, FactLog, Facts, union

# How the stats are counted is part of what they are checked against: other code, other counts.
_CODE = hashlib.sha256(b"".join(Path(__file__).with_name(name).read_bytes() for name in
                                 ("summary_stats.py", "summary_facts.py", "stats.py"))).hexdigest()[:16]
# Past this share of the nodes counted by place, in the labels a change touches, one scan beats
# recounting them (counting from the places costs about five times a scan's share of them).
FULL_SHARE = 0.2

_P = f"<{PKG}"
_PC = {f"{PKG}{c}" for c in PLACE_CLASSES}
_PLACE = f"{PKG}Place"
_PLACE_IRI = f"{ID}place/"
_DOCUMENT = f"{PKG}Document"


@dataclass
class Stored:
    """The stats as kept: what ``stats`` prints, and what the next build updates them from."""

    digest: str
    by_class: dict[str, int]
    loaded: int
    cited_only: int
    by_place: dict[str, dict[str, int]]
    place_labels: dict[str, str]  # place IRI -> the label it is counted under
    content: int  # quads of the source graphs, their marks aside
    code: str = _CODE

    def to_json(self) -> str:
        """The JSON text kept: a place's counts as a list in :data:`PLACE_CLASSES` order, a place
        IRI under :data:`~policykg.graph.namespaces.ID` ``place/`` by what follows (after ``~``),
        which keeps 10,000 documents' text at about 100 kB (it is rewritten by every build).

        Examples
        --------
        >>> s = Stored("d", {"Task": 2}, 1, 0, {"A": {"Task": 2}}, {f"{_PLACE_IRI}a": "A", "urn:b": "B"}, 9)
        >>> back = Stored.from_json(s.to_json())
        >>> back.by_place["A"]["Task"], back.by_place["A"]["Plan"], back.place_labels == s.place_labels
        (2, 0, True)
        """
        data = dict(self.__dict__)
        data["by_place"] = {label: [counts.get(c, 0) for c in PLACE_CLASSES] for label, counts in self.by_place.items()}
        data["place_labels"] = {("~" + p[len(_PLACE_IRI):] if p.startswith(_PLACE_IRI) else p): label
                                for p, label in self.place_labels.items()}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "Stored":
        """The stats from :meth:`to_json`'s text (ValueError or TypeError if it is not such)."""
        data = json.loads(text)
        data["by_place"] = {label: dict(zip(PLACE_CLASSES, counts)) for label, counts in data["by_place"].items()}
        data["place_labels"] = {(_PLACE_IRI + p[1:] if p.startswith("~") else p): label
                                for p, label in data["place_labels"].items()}
        return cls(**data)


def _header(digest: str) -> str:
    """The start of the kept text: the files' digest and the code's, so a build that changed
    nothing checks them without reading the counts."""
    return f"{digest} {_CODE}\n"


def read_stored(store: GraphStore) -> Stored | None:
    """The stats kept on the summary graph, whatever files they were counted from (one lookup)."""
    _, rows = store.select(f"SELECT ?s WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> {_P}storeStats> ?s }} }}")
    if len(rows) != 1:
        return None
    header, _, text = str(rows[0][0]).partition("\n")
    try:
        stored = Stored.from_json(text)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return stored if stored.code == _CODE and header == _header(stored.digest).rstrip("\n") else None


def kept_current(store: GraphStore) -> bool:
    """True if the kept stats were counted from the files the load summary was (its digest), by
    this code: one lookup that reads the start of the kept text only. Run before the build
    refreshes the summary, it tells whether they matched the files when the build began."""
    from policykg.graph.summary import stored_digest

    digest = stored_digest(store)
    return digest is not None and bool(store.query(
        f"ASK {{ GRAPH <{SUMMARY_GRAPH}> {{ <{SUMMARY_GRAPH}> {_P}storeStats> ?s "
        f"FILTER(STRSTARTS(?s, {json.dumps(_header(digest))})) }} }}"))


def _write(store: GraphStore, stored: Stored | None) -> None:
    s = f"<{SUMMARY_GRAPH}>"
    ops = [f"DELETE WHERE {{ GRAPH {s} {{ {s} {_P}storeStats> ?x }} }}"]
    if stored is not None:
        text = _header(stored.digest) + stored.to_json()
        ops.append(f"INSERT DATA {{ GRAPH {s} {{ {s} {_P}storeStats> {json.dumps(text, ensure_ascii=False)} }} }}")
    store.update(" ;\n".join(ops))


def _marks(states: dict[str, GraphState]) -> int:
    """Quads the source graphs' marks make (hash, code, size, modification time)."""
    return sum(bool(s.sha256) + bool(s.built_with) + (s.size is not None) + (s.size is not None and s.mtime_ns is not None)
               for g, s in states.items() if g.startswith(SOURCE_GRAPH_PREFIX))


def _other_quads(store: GraphStore, graphs: list[str]) -> int:
    others = [g for g in graphs if not g.startswith(SOURCE_GRAPH_PREFIX)]
    if not others:
        return 0
    _, rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?g { " + " ".join(f"<{g}>" for g in others)
                           + " } GRAPH ?g { ?s ?p ?o } }")
    return int(rows[0][0]) if rows else 0


def stored_stats(store: GraphStore) -> GraphStats | None:
    """The stats kept by the last build when they were counted from exactly the files now in the
    store; None otherwise (then :func:`~policykg.graph.stats.graph_stats` scans).

    Reads the kept literal, the state index and the graph names, and counts the quads of the
    graphs other than the source graphs (the load summary's are most).
    """
    from policykg.graph.changes import read_states
    from policykg.graph.store_api import read_state_index_parts
    from policykg.graph.summary import digest_of_sum

    stored = read_stored(store)
    if stored is None:
        return None
    index = read_state_index_parts(store)
    states = index.states if index is not None else read_states(store)
    # the index keeps the sum the files' digest is taken of; without it every state is hashed
    total = index.total if index is not None else None
    digest = digest_of_sum(total) if total is not None else sources_digest(state_files(states))
    if digest != stored.digest:
        return None
    graphs = store.graph_names()
    sources = sum(g.startswith(SOURCE_GRAPH_PREFIX) for g in graphs)
    quads = stored.content + _marks(states) + _other_quads(store, graphs)
    return GraphStats(quads, sources, stored.loaded, stored.cited_only,
                      {c: stored.by_class.get(c, 0) for c in CLASSES}, ordered_places(stored.by_place))


def refresh_stats(store: GraphStore, digest: str | None, states: dict[str, GraphState], kept: bool = False,
                  log: FactLog | None = None) -> str:
    """Bring the kept stats up to date after a build.

    Parameters
    ----------
    store : GraphStore
    digest : str or None
        The digest of every source file now (:func:`~policykg.graph.summary.sources_digest`, as
        the refreshed summary keeps it: :func:`~policykg.graph.summary.stored_digest`).
    states : dict
        Every graph's state after the build (:attr:`policykg.graph.changes.Changes.states`).
    kept : bool
        Whether the kept stats were current when the build began (:func:`kept_current`, asked
        then); they are read here.
    log : FactLog, optional
        What the build's changed graphs held before and after. Without it, or without ``kept``,
        or when it overflowed, the store is scanned.

    Returns
    -------
    str
        ``"kept"``, ``"updated"``, ``"scanned"`` or ``"dropped"`` (the files have no digest).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> from policykg.graph.changes import read_states
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"}}], store)
    >>> from policykg.graph.summary import stored_digest
    >>> kept_current(store)
    True
    >>> refresh_stats(store, stored_digest(store), read_states(store), True, FactLog())
    'kept'
    >>> refresh_stats(store, stored_digest(store), read_states(store))
    'scanned'
    """
    if digest is None:
        if read_stored(store) is not None:
            _write(store, None)
        return "dropped"
    old = read_stored(store) if kept else None
    if not (old is None or log is None or log.overflow) and not log.before and digest == old.digest:
        return "kept"
    # Without what the change held (or with nothing logged while the files differ) only a scan is sure.
    if old is None or log is None or log.overflow or not log.before:
        _write(store, _scan(store, digest, states))
        return "scanned"
    new = _update(store, old, log, digest)
    if new is None:  # the change touches too much of the store: one scan costs less
        _write(store, _scan(store, digest, states))
        return "scanned"
    _write(store, new)
    return "updated"


def _scan(store: GraphStore, digest: str, states: dict[str, GraphState]) -> Stored:
    stats, place_labels = scan_stats(store)
    content = stats.quads - _marks(states) - _other_quads(store, store.graph_names())
    return Stored(digest, stats.by_class, stats.loaded, stats.cited_only, stats.by_place, place_labels, content)


def _iris(nodes: Iterable[str]) -> str:
    return " ".join(f"<{n}>" for n in sorted(nodes))


def _update(store: GraphStore, old: Stored, log: FactLog, digest: str) -> Stored | None:
    """The kept stats moved from ``old`` by what the logged graphs changed (see the module); None
    when the labels to count again hold more than :data:`FULL_SHARE` of the nodes."""
    changed = set(log.before)
    before = [log.before[g] for g in changed]
    after = [log.after.get(g, log.before[g]) for g in changed]  # a graph only noted kept its content
    B, A = union(before), union(after)
    content = old.content + sum(a.content - b.content for a, b in zip(after, before))
    # Only what the two worlds disagree on can move a count: a fact in both holds in both.
    D = Facts(B.types ^ A.types, B.placed ^ A.placed, B.tasks ^ A.tasks, B.loaded ^ A.loaded, B.labels ^ A.labels)
    if not (D.types or D.placed or D.tasks or D.loaded or D.labels):
        return Stored(digest, old.by_class, old.loaded, old.cited_only, old.by_place, old.place_labels, content)
    if _share(old, {p for _, p in D.placed} | {p for p, _ in D.labels}) > FULL_SHARE:  # known before any query
        return None
    not_changed = f"FILTER(?g NOT IN ({', '.join(f'<{g}>' for g in sorted(changed))}, <{SUMMARY_GRAPH}>))"

    # Plans whose place the change may move, and their tasks held by unchanged graphs.
    placed_nodes = {n for n, _ in D.placed}
    _, rows = store.select(f"SELECT DISTINCT ?d ?n WHERE {{ VALUES ?d {{ {_iris(placed_nodes)} }} "
                           f"GRAPH ?g {{ {{ ?d {_P}hasTask> ?n }} UNION {{ ?d {_P}hasTarget> ?n }} }} {not_changed} }}"
                           if placed_nodes else "SELECT * WHERE { FILTER(false) }")
    u_tasks = {(str(d), str(n)) for d, n in rows}
    nodes = ({n for n, _ in D.types} | placed_nodes | {n for _, n in D.tasks | u_tasks}
             | {n for d, n in B.tasks | A.tasks if d in placed_nodes})
    # Every plan of those nodes held by unchanged graphs.
    _, rows = store.select(f"SELECT DISTINCT ?d ?n WHERE {{ VALUES ?n {{ {_iris(nodes)} }} "
                           f"GRAPH ?g {{ {{ ?d {_P}hasTask> ?n }} UNION {{ ?d {_P}hasTarget> ?n }} }} {not_changed} }}")
    u_tasks |= {(str(d), str(n)) for d, n in rows}
    plans = {d for d, n in B.tasks | A.tasks | u_tasks if n in nodes}
    # What unchanged graphs say of them: typed (as each class), placed, loaded; EXISTS stops at one.
    pairs = {(n, c) for n in nodes for c in _PC} | D.types | {(d, _DOCUMENT) for d in D.loaded}
    _, rows = store.select(
        "SELECT ?n ?c WHERE { VALUES (?n ?c) { " + " ".join(f"(<{n}> <{c}>)" for n, c in sorted(pairs)) + " } "
        f"FILTER EXISTS {{ GRAPH ?g {{ ?n a ?c }} {not_changed} }} }}")
    u_types = {(str(n), str(c)) for n, c in rows}
    docs = {n for n, c in pairs if c == _DOCUMENT}
    _, rows = store.select(
        f"SELECT ?x ?placed ?loaded WHERE {{ VALUES ?x {{ {_iris(nodes | plans | docs)} }} "
        f"BIND(EXISTS {{ GRAPH ?g {{ ?x {_P}place> ?p }} {not_changed} }} AS ?placed) "
        f"BIND(EXISTS {{ GRAPH ?g {{ ?x {_P}loaded> true }} {not_changed} }} AS ?loaded) }}")
    u_placed = {str(x) for x, placed, _ in rows if placed}
    u_loaded = {str(x) for x, _, loaded in rows if loaded}

    by_class = dict(old.by_class)
    national = dict(old.by_place.get(NATIONAL, {c: 0 for c in PLACE_CLASSES}))
    loaded = old.loaded
    for world, sign in ((B, -1), (A, 1)):
        typed = world.types | u_types
        placed = {n for n, _ in world.placed} | u_placed
        plans_of: dict[str, set[str]] = {}
        for d, n in world.tasks | u_tasks:
            plans_of.setdefault(n, set()).add(d)
        for n, c in D.types:
            if (n, c) in typed:
                local = c.rsplit("#", 1)[-1]
                by_class[local] = by_class.get(local, 0) + sign
        for n in nodes:
            if n in placed or any(d in placed for d in plans_of.get(n, ())):
                continue
            for c in _PC:
                if (n, c) in typed:
                    local = c.rsplit("#", 1)[-1]
                    national[local] = national.get(local, 0) + sign
        loaded += sign * sum(1 for d in docs if (d, _DOCUMENT) in typed and (d in world.loaded or d in u_loaded))

    recounted = _recount_places(store, old, D, nodes, plans)
    if recounted is None:
        return None
    by_place, labels = recounted
    if any(national.values()):
        by_place[NATIONAL] = national
    else:
        by_place.pop(NATIONAL, None)
    cited_only = by_class.get("Document", 0) - loaded
    return Stored(digest, by_class, loaded, cited_only, ordered_places(by_place), labels, content)


def _share(old: Stored, places: Iterable[str]) -> float:
    """The share of the nodes counted by place that the labels of ``places`` hold.

    Examples
    --------
    >>> old = Stored("d", {}, 0, 0, {"A": {"Task": 3}, "B": {"Task": 1}}, {"urn:a": "A", "urn:b": "B"}, 0)
    >>> _share(old, ["urn:b", "urn:new"])
    0.25
    """
    def size(label: str) -> int:
        return sum(old.by_place.get(label, {}).values())

    total = sum(size(label) for label in old.by_place if label != NATIONAL)
    return sum(size(label) for label in {old.place_labels[p] for p in places if p in old.place_labels}) / max(1, total)


def _recount_places(store: GraphStore, old: Stored, D: Facts, nodes: set[str],
                    plans: set[str]) -> tuple[dict[str, dict[str, int]], dict[str, str]] | None:
    """The by-place counts with every label the change touches counted again from its places
    (None past :data:`FULL_SHARE`); ``D`` holds the facts only one of the two worlds has."""
    touched = {p for _, p in D.placed} | {p for p, _ in D.labels} | {n for n, c in D.types if c == _PLACE}
    # The places, today, of the nodes the change typed or moved and of all their plans, before and
    # after (``plans``): a place both worlds give them is among today's, one only the old world gave in D.
    _, rows = store.select(f"SELECT DISTINCT ?p WHERE {{ VALUES ?n {{ {_iris(nodes | plans)} }} ?n {_P}place> ?p }}")
    touched |= {str(p) for (p,) in rows}
    if _share(old, touched) > FULL_SHARE:
        return None
    labels = dict(old.place_labels)
    stale_labels = {labels.pop(p) for p in touched if p in labels}
    if touched:
        _, rows = store.select(f"SELECT ?p (MIN(STR(?l)) AS ?name) WHERE {{ VALUES ?p {{ {_iris(touched)} }} "
                               f"?p <{SKOS_LABEL}> ?l FILTER EXISTS {{ ?x {_P}place> ?p }} }} "
                               "GROUP BY ?p")
        labels.update({str(p): str(name) for p, name in rows})
    recount = stale_labels | {labels[p] for p in touched if p in labels}
    by_place = {k: dict(v) for k, v in old.by_place.items() if k not in recount and k != NATIONAL}
    places = {p for p, name in labels.items() if name in recount}
    by_place.update(by_place_from_nodes(store, {p: labels[p] for p in places}))
    return by_place, labels


__all__ = ["FULL_SHARE", "Stored", "kept_current", "read_stored", "refresh_stats", "stored_stats"]
