"""Which part of the graph a view shows: a task's trace, an agency's work, a place.

The trace rule is the one the HTML page applies when a task is clicked (``static/viz.js``,
``traceOf``), so the page and ``policykg show --trace`` always agree: from the task, up its
``hasTask`` edge to its plan, then along ``implements`` edges as far as they go. The documents
with no further ``implements`` are the central sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from policykg.loaders.normalise import strip_diacritics

ID_ROOT = "https://w3id.org/policykg/id/"
AGENCY_TYPES = ("Agency", "NationalAgency", "AgencyGroup")
DOCUMENT_TYPES = ("Directive", "Plan", "Document")
ROLES = ("leads", "supports", "implementsTask")


class SelectionError(ValueError):
    """A task or agency that cannot be found, or is ambiguous; the message says which, in one line."""


def fold(text: str) -> str:
    """Text for matching: lower case, no diacritics (``đ`` -> ``d``), single spaces.

    The page's search box applies the same folding (``static/viz.js``, ``fold``), so a query typed
    without Vietnamese accents still finds the task.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> fold("  Sở Giáo dục và Đào tạo ")
    'so giao duc va dao tao'
    """
    return " ".join(strip_diacritics(text).casefold().split())


def short_id(iri: str) -> str:
    """The IRI without the common ``https://w3id.org/policykg/id/doc/`` head: what a user types.

    Examples
    --------
    >>> short_id("https://w3id.org/policykg/id/doc/bac-kan/284-kh-ubnd/task/80")
    'bac-kan/284-kh-ubnd/task/80'
    >>> short_id("https://w3id.org/policykg/id/agency/kon-tum/so-tai-chinh")
    'agency/kon-tum/so-tai-chinh'
    """
    if iri.startswith(ID_ROOT + "doc/"):
        return iri[len(ID_ROOT) + 4:]
    return iri[len(ID_ROOT):] if iri.startswith(ID_ROOT) else iri


def words(text: str) -> list[str]:
    """The folded words of a text (runs of letters and digits).

    Examples
    --------
    >>> words("Kế hoạch số 45/KH-UBND")
    ['ke', 'hoach', 'so', '45', 'kh', 'ubnd']
    """
    return re.findall(r"[a-z0-9]+", fold(text))


def matches(query: str, text: str) -> bool:
    """Whether every word of ``query`` begins a word of ``text`` (folded), as in the page's search box.

    Examples
    --------
    >>> matches("so 5", "Rà soát số 5"), matches("5", "Kế hoạch 45/KH-UBND")
    (True, False)
    """
    have = " " + " ".join(words(text))
    return all(" " + w in have for w in words(query))


def _node_text(attrs: dict) -> str:
    return " ".join(str(attrs.get(k) or "") for k in ("label", "text"))


def find_tasks(graph: nx.MultiDiGraph, query: str, place: str | None = None) -> list[str]:
    """Tasks named by ``query``: an IRI, its short id (``bac-kan/284-kh-ubnd/task/80``) or words of its text.

    Words match as in the page's search box (:func:`matches`): each must begin a word of the
    task's text, case and diacritics aside.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The networkx view.
    query : str
    place : str, optional
        Only tasks of this place (folded comparison).

    Returns
    -------
    list of str
        Matching task IRIs, sorted; an exact IRI or id wins over word matches.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("t1", type="Task", label="Quán triệt Kết luận 91")
    >>> g.add_node("t2", type="Task", label="Rà soát đội ngũ giáo viên")
    >>> find_tasks(g, "quan triet")
    ['t1']
    """
    tasks = [n for n, d in graph.nodes(data=True) if d.get("type") == "Task"
             and (place is None or fold(str(d.get("place") or "")) == fold(place))]
    wanted = query.strip()
    exact = [t for t in tasks if t == wanted or short_id(t) == wanted.strip("/")]
    if exact:
        return exact
    if not words(wanted):
        return []
    return sorted(t for t in tasks if matches(wanted, _node_text(graph.nodes[t])))


def resolve_task(graph: nx.MultiDiGraph, query: str, place: str | None = None) -> str:
    """The one task ``query`` names (in ``place``, if given).

    Raises
    ------
    SelectionError
        No task matches, or several do (the message lists some of their ids).
    """
    found = find_tasks(graph, query, place)
    if len(found) == 1:
        return found[0]
    if not found:
        where = f" in {place}" if place else ""
        raise SelectionError(f"no task matches {query!r}{where}; give words of its text or its id "
                             "(e.g. bac-kan/284-kh-ubnd/task/80, shown in the graph's tooltips)")
    shown = ", ".join(short_id(t) for t in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    raise SelectionError(f"{query!r} matches {len(found)} tasks: {shown}{more}; give more words or an id")


@dataclass
class TraceChain:
    """A task's chain up to its central sources.

    Attributes
    ----------
    task : str
    plan : str or None
        The document holding the task (``hasTask``).
    documents : list of str
        Documents reached along ``implements`` from the plan, nearest first (breadth-first).
    roots : list of str
        Those documents with no further ``implements``: the central sources.
    edges : list of (str, str, str)
        ``(from, to, relation)`` of every hop, including ``(plan, task, "hasTask")``.
    """

    task: str
    plan: str | None
    documents: list[str] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def nodes(self) -> list[str]:
        """Every node of the chain: task, plan, documents."""
        return [self.task] + ([self.plan] if self.plan else []) + self.documents


def trace_chain(graph: nx.MultiDiGraph, task: str) -> TraceChain:
    """The chain from a task to the central documents its plan implements.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The networkx view (edge keys are relation names).
    task : str
        A task IRI.

    Returns
    -------
    TraceChain

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("plan", "task", "hasTask"), ("plan", "kh-tu", "implements"),
    ...     ("kh-tu", "91-kl-tw", "implements"), ("91-kl-tw", "29-nq-tw", "implements")])
    [...]
    >>> c = trace_chain(g, "task")
    >>> c.plan, c.documents, c.roots
    ('plan', ['kh-tu', '91-kl-tw', '29-nq-tw'], ['29-nq-tw'])
    """
    plans = sorted(u for u, _, k in graph.in_edges(task, keys=True) if k == "hasTask")
    chain = TraceChain(task, plans[0] if plans else None)
    if chain.plan is None:
        return chain
    chain.edges.append((chain.plan, task, "hasTask"))
    seen = {chain.plan}
    frontier = [chain.plan]
    while frontier:
        step: list[str] = []
        for doc in frontier:
            targets = sorted(v for _, v, k in graph.out_edges(doc, keys=True) if k == "implements")
            if not targets and doc != chain.plan:
                chain.roots.append(doc)
            for target in targets:
                chain.edges.append((doc, target, "implements"))
                if target not in seen:
                    seen.add(target)
                    chain.documents.append(target)
                    step.append(target)
        frontier = step
    return chain


def trace_subgraph(graph: nx.MultiDiGraph, task: str) -> tuple[nx.MultiDiGraph, TraceChain]:
    """The task's chain as a graph of its own (nodes and the chain's edges only)."""
    chain = trace_chain(graph, task)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in chain.nodes)
    for u, v, rel in chain.edges:
        sub.add_edge(u, v, key=rel, **graph.edges[u, v, rel])
    return sub, chain


def find_agencies(graph: nx.MultiDiGraph, name: str, place: str | None = None) -> list[str]:
    """Agencies (and groups) called ``name``, optionally in ``place``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    name : str
        Compared folded (no case, no diacritics); an exact name wins over a name containing it.
    place : str, optional
        Keep agencies of this place (folded comparison); national agencies have none.

    Returns
    -------
    list of str
        Sorted IRIs.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", type="Agency", label="Sở Tài chính", place="Kon Tum")
    >>> g.add_node("b", type="Agency", label="Sở Tài chính", place="Bắc Kạn")
    >>> find_agencies(g, "so tai chinh"), find_agencies(g, "Sở Tài chính", place="bac kan")
    (['a', 'b'], ['b'])
    """
    wanted = fold(name)
    candidates = [n for n, d in graph.nodes(data=True) if d.get("type") in AGENCY_TYPES
                  and (place is None or fold(str(d.get("place") or "")) == fold(place))]
    exact = sorted(n for n in candidates if fold(str(graph.nodes[n].get("label", ""))) == wanted)
    if exact or not wanted:
        return exact
    return sorted(n for n in candidates if wanted in fold(str(graph.nodes[n].get("label", ""))))


def agency_subgraph(graph: nx.MultiDiGraph, agencies: list[str]) -> nx.MultiDiGraph:
    """Agencies with their tasks (any role), the plans holding those tasks and the documents they issued.

    The documents those plans implement, up to the central sources, come too, so that clicking a
    task on the agency's page highlights its whole trace.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    agencies : list of str

    Returns
    -------
    networkx.MultiDiGraph
        The induced edges among those nodes are kept, so a task shows both its lead and its support
        when both are selected agencies.
    """
    keep = set(agencies)
    for agency in agencies:
        for _, task, rel in graph.out_edges(agency, keys=True):
            if rel in ROLES:
                keep.add(task)
                keep.update(u for u, _, k in graph.in_edges(task, keys=True) if k == "hasTask")
        keep.update(u for u, _, k in graph.in_edges(agency, keys=True) if k == "issuedBy")
    for doc in [n for n in keep if graph.nodes[n].get("type") in DOCUMENT_TYPES]:
        keep.update(nx.dfs_preorder_nodes(_implements_view(graph), doc))
    return _induced(graph, keep)


def _implements_view(graph: nx.MultiDiGraph) -> nx.DiGraph:
    return nx.subgraph_view(graph, filter_edge=lambda u, v, k: k == "implements")


def place_subgraph(graph: nx.MultiDiGraph, place: str) -> nx.MultiDiGraph:
    """Nodes of one place, plus the place-less nodes they link to (central documents, national agencies)."""
    wanted = fold(place)
    local = {n for n, d in graph.nodes(data=True) if fold(str(d.get("place") or "")) == wanted
             or (d.get("type") == "Place" and fold(str(d.get("label") or "")) == wanted)}
    keep = set(local)
    for node in local:
        for nb in list(graph.successors(node)) + list(graph.predecessors(node)):
            if not graph.nodes[nb].get("place") and graph.nodes[nb].get("type") != "Place":
                keep.add(nb)
    return _induced(graph, keep)


def _induced(graph: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    # A copy, not a view: the renderer adds positions to node attributes.
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(graph.nodes[n])) for n in graph.nodes if n in keep)
    sub.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)
                       if u in keep and v in keep)
    return sub


__all__ = ["AGENCY_TYPES", "DOCUMENT_TYPES", "SelectionError", "TraceChain", "agency_subgraph",
           "find_agencies", "find_tasks", "fold", "matches", "place_subgraph", "resolve_task", "short_id",
           "trace_chain", "trace_subgraph", "words"]
