"""``policykg show --trace`` on a store: the task and the evidence of each hop from ``policykg.queries``.

So that ``policykg show --trace WORDS`` picks the same task as ``policykg trace WORDS`` and shows
the same sentence for each hop (the one from the task's own file when that file states the hop,
with its file name and how many other files state it), the store's trace comes from
:func:`policykg.queries.trace.find_tasks` and :func:`policykg.queries.trace.trace_tasks`. The
chain drawn is still :func:`policykg.viz.selection.trace_chain` on the networkx view: the same
rule (``hasTask`` then ``implements*``), and the one the page applies to a clicked task.
"""
from __future__ import annotations

import networkx as nx
from rdflib import URIRef

from policykg.graph import GraphStore
from policykg.viz.selection import SelectionError, short_id, trace_chain

Hop = tuple[str, str, str]


def _exact(graph: nx.MultiDiGraph, query: str) -> str | None:
    wanted = query.strip().strip("<>")
    for node, attrs in graph.nodes(data=True):
        if attrs.get("type") == "Task" and (node == wanted or short_id(node) == wanted.strip("/")):
            return node
    return None


def resolve_store_task(store: GraphStore, graph: nx.MultiDiGraph, query: str, place: str | None = None) -> str:
    """The task ``query`` names: its IRI or short id, else words matched as ``policykg trace`` does.

    Raises
    ------
    SelectionError
        No task matches, or several do (the message lists some), or ``place`` is unknown.
    """
    from policykg.queries import QueryError
    from policykg.queries.trace import find_tasks as query_tasks

    exact = _exact(graph, query)
    if exact:
        return exact
    try:
        found = query_tasks(store, query, place=place)
    except QueryError as exc:  # an unknown place
        raise SelectionError(str(exc)) from exc
    if len(found) == 1:
        return str(found["task"].iloc[0])
    if found.empty:
        where = f" in {place}" if place else ""
        raise SelectionError(f"no task matches {query!r}{where}; give words of its text or its id "
                             "(e.g. bac-kan/284-kh-ubnd/task/80, shown in the graph's tooltips)")
    shown = ", ".join(short_id(str(t)) for t in found["task"].head(5))
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    raise SelectionError(f"{query!r} matches {len(found)} tasks: {shown}{more}; give more words or an id")


def hop_evidence(store: GraphStore, graph: nx.MultiDiGraph, task: str) -> dict[Hop, dict]:
    """The evidence ``policykg trace`` gives for each hop of the task's chain, keyed by view edge.

    Parameters
    ----------
    store : GraphStore
    graph : networkx.MultiDiGraph
        The networkx view of the same store.
    task : str
        Task IRI.

    Returns
    -------
    dict
        ``(from, to, relation)`` -> ``{"sourceText", "line", "file", "alsoStatedIn"}`` (keys
        present when known). Hops are matched to view edges by the documents' labels; a hop that
        cannot be matched keeps the view's own evidence.
    """
    from policykg.queries.trace import trace_tasks

    rows = trace_tasks(store, [URIRef(task)])
    chain = trace_chain(graph, task)
    by_labels: dict[tuple[str, str], Hop] = {}
    for u, v, rel in chain.edges:
        if rel == "implements":
            by_labels[(str(graph.nodes[u].get("label")), str(graph.nodes[v].get("label")))] = (u, v, rel)
    found: dict[Hop, dict] = {}
    for row in rows.to_dict("records"):
        if row["hop"] == 0:
            key: Hop | None = (chain.plan, task, "hasTask") if chain.plan else None
        else:
            key = by_labels.get((str(row["from_label"]), str(row["to_label"])))
        if key is None or key in found:
            continue
        proof = {"sourceText": row.get("evidence"), "line": row.get("line"), "file": row.get("file"),
                 "alsoStatedIn": row.get("also_stated_in")}
        found[key] = {k: (int(v) if k in ("line", "alsoStatedIn") else str(v)) for k, v in proof.items()
                      if v is not None and v == v and v != ""}  # v == v drops pandas NaN
    return found


def store_trace(store: GraphStore, graph: nx.MultiDiGraph, query: str, place: str | None = None) -> str:
    """Resolve the task and write the hop evidence of ``policykg trace`` onto the view's edges.

    Falls back to the view alone (:func:`policykg.viz.selection.resolve_task`, the view's first
    proof per edge) when ``policykg.queries`` has no trace functions.

    Returns
    -------
    str
        The task IRI.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> from policykg.viz.details import view_graph
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "place": "Kon Tum"},
    ...     "implements": ["91-KL/TW"], "provenance": {"implements": [{"id": "91-KL/TW", "line": 4,
    ...     "source_text": "Thực hiện Kết luận số 91-KL/TW."}]}, "tasks": [{"text": "Quán triệt Kết luận"}]}], store)
    >>> g = view_graph(store)
    >>> task = store_trace(store, g, "quán triệt")
    >>> g.edges[task.rsplit("/task", 1)[0], "https://w3id.org/policykg/id/doc/91-kl-tw", "implements"]["file"]
    'a.txt'
    """
    try:
        import policykg.queries.trace  # noqa: F401  (present from the queries room)
    except ImportError:
        from policykg.viz.selection import resolve_task

        return resolve_task(graph, query, place)
    task = resolve_store_task(store, graph, query, place)
    for (u, v, rel), proof in hop_evidence(store, graph, task).items():
        if graph.has_edge(u, v, rel):
            graph.edges[u, v, rel].update(proof)
    return task


__all__ = ["hop_evidence", "resolve_store_task", "store_trace"]
