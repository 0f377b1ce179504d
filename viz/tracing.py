"""``policykg show --trace``: the task found and its chain traced by :mod:`policykg.queries.trace`,
drawn from only the nodes of that chain.

One search and one trace for the command line and the view: the task is looked for as
``policykg trace`` looks for it (heading and body, accent-insensitive, heading matches first),
the chain and each hop's evidence are :func:`policykg.queries.trace.trace_tasks`' rows, and the
nodes' tooltips are read for those nodes only (:func:`policykg.viz.details.nodes_view`), so a
trace page costs the same in a store of ten plans or ten thousand.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from policykg.graph import GraphStore
from policykg.viz.selection import ID_ROOT, SelectionError, short_id

if TYPE_CHECKING:
    import pandas as pd


def task_iri(query: str) -> str | None:
    """The task IRI ``query`` spells (an IRI, ``pkgid:…`` or a short id), or None for words.

    Examples
    --------
    >>> task_iri("bac-kan/284-kh-ubnd/task/80")
    'https://w3id.org/policykg/id/doc/bac-kan/284-kh-ubnd/task/80'
    >>> task_iri("pkgid:doc/a/task/1"), task_iri("quán triệt") is None
    ('https://w3id.org/policykg/id/doc/a/task/1', True)
    """
    text = query.strip().strip("<>")
    if "://" in text:
        return text
    if text.startswith("pkgid:"):
        return ID_ROOT + text[len("pkgid:"):]
    if " " not in text and "/task/" in text:
        return ID_ROOT + "doc/" + text.strip("/")
    return None


def resolve_task(store: GraphStore, query: str, place: str | None = None) -> str:
    """The one task ``query`` names, found as ``policykg trace`` finds it.

    Parameters
    ----------
    store : GraphStore
    query : str
        A task IRI or short id, or words of its heading or body (accents optional).
    place : str, optional
        Only tasks of this place's plans.

    Returns
    -------
    str
        The task IRI.

    Raises
    ------
    SelectionError
        No task matches; several do (the first few listed with place, plan and printed number);
        an unknown place.
    """
    from policykg.queries import QueryError
    from policykg.queries.trace import find_tasks

    exact = task_iri(query)
    if exact:
        return exact
    try:
        found = find_tasks(store, query, place=place)
    except QueryError as exc:  # an unknown place
        raise SelectionError(str(exc)) from exc
    if len(found) == 1:
        return str(found["task"].iloc[0])
    where = f" in {place}" if place else ""
    if found.empty:
        raise SelectionError(f"no task matches {query!r}{where}; give words of its text or its id "
                             "(e.g. bac-kan/284-kh-ubnd/task/80, shown in the graph's tooltips)")
    shown = "; ".join(f"{short_id(str(r.task))} ({r.place}, {r.plan}, {r.number or r.position})"
                      for r in found.head(3).itertuples())
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    raise SelectionError(f"{query!r} matches {len(found)} tasks{where}: {shown}{more}; give more words, "
                         "--place or an id")


def trace_view(store: GraphStore, task: str) -> tuple[nx.MultiDiGraph, dict[str, int]]:
    """The task's chain as a small view graph, and the row of each node (sources on row 0).

    Parameters
    ----------
    store : GraphStore
    task : str
        A task IRI.

    Returns
    -------
    (networkx.MultiDiGraph, dict)
        Nodes: the task, its plan and every document up its ``implements`` chains, with tooltip
        attributes; edges ``hasTask`` and ``implements`` carrying the evidence ``policykg trace``
        shows (``sourceText``, ``file``, ``line``). Rows: a document's row is the length of the
        longest chain above it, so every document sits below what it implements.

    Raises
    ------
    SelectionError
        ``task`` is not a task of any plan.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"], "relations": [{"from": "91-KL/TW",
    ...     "type": "implements", "to": "29-NQ/TW"}], "tasks": [{"text": "Quán triệt Kết luận"}]}], store)
    >>> g, rows = trace_view(store, resolve_task(store, "quan triet"))
    >>> sorted(rows.values()), g.number_of_edges()
    ([0, 1, 2, 3], 3)
    """
    from rdflib import URIRef

    from policykg.queries import QueryError
    from policykg.queries.trace import trace_tasks
    from policykg.viz.details import nodes_view

    try:
        hops = trace_tasks(store, [URIRef(task)])
    except QueryError as exc:
        raise SelectionError(f"no task {short_id(task)} in the store") from exc
    graph = nodes_view(store, set(hops["from_iri"].dropna()) | set(hops["to_iri"].dropna()))
    for row in hops.drop_duplicates(["from_iri", "to_iri"]).to_dict("records"):
        upper, lower = (row["to_iri"], row["from_iri"])
        edge = (upper, lower, "hasTask") if row["hop"] == 0 else (lower, upper, "implements")
        if edge[0] in graph and edge[1] in graph:
            graph.add_edge(*edge, relation=edge[2], **_proof(row))
    return graph, trace_rows(hops)


def _proof(row: dict) -> dict:
    proof = {"sourceText": row.get("evidence"), "file": row.get("file"), "line": row.get("line")}
    return {k: (int(v) if k == "line" else str(v)) for k, v in proof.items()
            if v is not None and v == v and v != ""}  # v == v drops pandas NaN


def trace_rows(hops: pd.DataFrame) -> dict[str, int]:
    """Row of each node of a trace from its hop rows: the tops on row 0, the task on the last.

    A document's row is the most hops from it to the top of any path through it.

    Examples
    --------
    >>> import pandas as pd
    >>> hops = pd.DataFrame({"path": [1, 1, 1, 2, 2], "hop": [0, 1, 2, 0, 1],
    ...     "from_iri": ["task", "plan", "kh", "task", "plan"], "to_iri": ["plan", "kh", "nq", "plan", "nq"]})
    >>> trace_rows(hops)
    {'nq': 0, 'kh': 1, 'plan': 2, 'task': 3}
    """
    rows: dict[str, int] = {}
    keys = ["task", "path"] if "task" in hops else ["path"]
    for _, path in hops.sort_values("hop").groupby(keys, sort=False):
        nodes = list(path["to_iri"])  # the plan, then each document up to the top
        top = len(nodes) - 1
        for k, node in enumerate(nodes):
            rows[node] = max(rows.get(node, 0), top - k)
        task = path["from_iri"].iloc[0]
        rows[task] = max(rows.get(task, 0), top + 1)
    return dict(sorted(rows.items(), key=lambda kv: (kv[1], kv[0])))


__all__ = ["resolve_task", "task_iri", "trace_rows", "trace_view"]
