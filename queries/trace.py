"""trace: from a task up the chain of plans to the central document(s) it comes from.

A task belongs to one plan (``pkg:hasTask``); the plan carries out one or more documents
(``pkg:implements``), each of which may carry out others, up to documents that carry out
nothing the graph knows: the top of the chain, normally a central resolution or conclusion.
Every hop is shown with the sentence that states it, its file and line.

Three small queries per trace, whatever the size of the graph: the task and its plan
(``trace_task.rq``), every ``implements`` edge reachable from the plan with its proof
(``trace_hops.rq``, one property path ``pkg:implements*`` from a bound start), and the labels
of the documents met (``documents.rq``). Paths are then spelled out here, all of them when a
plan carries out two documents.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

import pandas as pd
from rdflib import Literal, URIRef

from policykg.graph.store import GraphStore
from policykg.queries.common import doc_name, document_facts, place_names, resolve_places
from policykg.queries.sparql import QueryError, iri, run
from policykg.queries.text import Matcher
from policykg.vietnamese.keys import search_needle, search_words

TRACE_COLUMNS = ["task", "path", "hop", "from_id", "from_label", "relation", "to_id", "to_label", "to_kind",
                 "to_level", "to_loaded", "evidence", "file", "line", "top_id", "from_iri", "to_iri"]
CANDIDATE_COLUMNS = ["task", "place", "plan", "position", "number", "text"]
MAX_PATHS = 500
# The parameters of task_texts.rq: the words of a search the store itself looks for, longest first;
# any further words are checked in Python, on the few rows these leave.
NEEDLES = ("needle", "needle2", "needle3", "needle4")


class TaskNotFound(QueryError):
    """No task matches what the user typed."""


class AmbiguousTask(QueryError):
    """Several tasks match; :attr:`candidates` lists them (columns of :data:`CANDIDATE_COLUMNS`)."""

    def __init__(self, message: str, candidates: pd.DataFrame) -> None:
        super().__init__(message)
        self.candidates = candidates


def find_tasks(store: GraphStore, text: str, *, place: str | None = None) -> pd.DataFrame:
    """Tasks whose heading or body holds ``text``: as a phrase if any task does, else with all its
    words; tasks matched in their heading (first words) come before those matched in their body.

    Matching is on NFC text, case-insensitive, with "tỷ"/"tỉ" alike; words typed without any
    accent match accent-insensitively ("quan triet" finds "quán triệt").

    Parameters
    ----------
    store : GraphStore
    text : str
        A few words of the task.
    place : str, optional
        Only tasks of plans of this place.

    Returns
    -------
    pandas.DataFrame
        ``task`` (IRI), ``place``, ``plan`` (identifier or label), ``position``, ``number`` (as
        printed, "II.1.3"), ``text``; heading matches first, then by place, plan and position.

    Raises
    ------
    UnknownPlace
        ``place`` is not in the store.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...     "tasks": [{"text": "Tổ chức quán triệt Kết luận"}, {"text": "Rà soát mạng lưới trường"}]}], store)
    >>> find_tasks(store, "quan triet")["text"].tolist()
    ['Tổ chức quán triệt Kết luận']
    """
    matcher = Matcher(text)
    where = resolve_places(store, place)
    texts = task_texts(store, text, bodies=not matcher.loose)
    if texts.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    keyed = matcher.loose and "key" in texts and texts["key"].notna().all()
    # Words typed without accents are matched on the loose key, which the stored search key is
    # (heading then body): nothing long is folded again here. Words with accents need the exact key.
    whole = texts["key"] if keyed else texts["text"] + " " + texts["body"].fillna("")
    phrase, words = (_key_phrase(matcher), _key_words(matcher)) if keyed else (matcher.phrase, matcher.words)
    in_whole = whole.map(phrase).astype(bool)
    in_heading = _in_heading(texts["text"], matcher.phrase, in_whole if keyed else None)
    hit = in_heading | in_whole
    if not hit.any():
        in_whole = whole.map(words).astype(bool)
        in_heading = _in_heading(texts["text"], matcher.words, in_whole if keyed else None)
        hit = in_heading | in_whole
    found = texts.loc[hit]
    body_only = set(found.loc[~in_heading[hit], "task"])
    rows = run(store, "trace_task", {"task": [URIRef(t) for t in found["task"].unique()]})
    if where is not None:
        rows = rows[rows["place"].isin([str(w) for w in where])]
    rows = rows.drop_duplicates("task")
    if rows.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    names = place_names(store)
    facts = document_facts(store, rows["plan"], names)
    out = pd.DataFrame({
        "task": rows["task"], "place": rows["place"].map(lambda p: names.get(p, p) if isinstance(p, str) else None),
        "plan": rows["plan"].map(lambda p: facts[p].get("id") or doc_name(facts[p])),
        "position": rows["position"], "number": rows.get("number"), "text": rows["text"]})
    out["rank"] = out["task"].isin(body_only).astype(int)
    out = out.sort_values(["rank", "place", "plan", "position"], key=_sort_key).reset_index(drop=True)
    return out[CANDIDATE_COLUMNS]


def task_texts(store: GraphStore, text: str, *, bodies: bool = True) -> pd.DataFrame:
    """The first cut of a search for ``text``: every task whose heading or body may match it.

    Each task carries its search key (``pkg:searchText``: heading and body folded at build time by
    :func:`~policykg.vietnamese.keys.search_key`); the store keeps the tasks whose key holds every
    word of ``text`` (the four longest of :func:`~policykg.vietnamese.keys.search_words`) with
    plain ``CONTAINS``. A store built before the key existed (no task has one; one lookup tells)
    is searched by folding every task's text in SPARQL instead (``task_texts_folded.rq``, many
    times slower).

    Every task :class:`~policykg.queries.text.Matcher` accepts for ``text`` is among them (its
    words are whole words of the task's loose key); which of them match is decided after.

    Parameters
    ----------
    store : GraphStore
    text : str
        The words typed.
    bodies : bool
        Read the tasks' paragraphs too (long: a search typed without accents needs only the key).

    Returns
    -------
    pandas.DataFrame
        ``task`` (IRI), ``text`` (heading), ``body`` (the paragraph, or None; always None without
        ``bodies`` on a store with keys), ``key`` (the search key; None on an old store).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND"}, "tasks": [
    ...     {"text": "Rà soát", "source_text": "Rà soát mạng lưới trường"}, {"text": "Tổ chức"}]}], store)
    >>> task_texts(store, "mạng lưới")[["text", "key"]].values.tolist()
    [['Rà soát', 'ra soat ra soat mang luoi truong']]
    """
    if not run(store, "task_search_keys").empty:
        found = run(store, "task_texts", dict(zip(NEEDLES, (Literal(w) for w in search_words(text)))))
        if not bodies or found.empty:
            return found.assign(body=None)[["task", "text", "body", "key"]]
        paragraphs = run(store, "task_bodies", {"task": [URIRef(t) for t in found["task"].unique()]})
        return found.merge(paragraphs, on="task", how="left")[["task", "text", "body", "key"]]
    needle = search_needle(text)
    found = run(store, "task_texts_folded", {"needle": Literal(needle) if needle else None})
    return found.assign(key=None)


def _in_heading(headings: pd.Series, test: Callable[[str], bool], keyed: pd.Series | None) -> pd.Series:
    """``test`` of each heading; given ``keyed`` (the same test passed on each stored key), only the
    headings whose key passed are folded: the key is the loose key of heading then body, so a
    heading that passes has a key that passes (10,000 documents 'so y te': 1.2 s -> 0.1 s)."""
    if keyed is None:
        return headings.map(test).astype(bool)
    out = pd.Series(False, index=headings.index)
    if keyed.any():
        out[keyed] = headings[keyed].map(test).astype(bool)
    return out


def _key_phrase(matcher: Matcher) -> Callable[[str], bool]:
    """``matcher.phrase`` for a text already under its loose key (a stored search key)."""
    padded = f" {matcher.key} "
    return lambda key: padded in f" {key} "


def _key_words(matcher: Matcher) -> Callable[[str], bool]:
    """``matcher.words`` for a text already under its loose key (a stored search key)."""
    required = set(matcher.required)
    return lambda key: required <= set(key.split())


def trace(store: GraphStore, task: str, *, place: str | None = None, all_matches: bool = False,
          pick: int | None = None) -> pd.DataFrame:
    """The chain from a task up to the central document(s), every hop with its evidence.

    Parameters
    ----------
    store : GraphStore
    task : str
        A task IRI (``https://...`` or ``pkgid:...``), or a few words of its text.
    place : str, optional
        With words: only look at tasks of this place.
    all_matches : bool
        With words matching several tasks: trace them all instead of raising.
    pick : int, optional
        With words matching several tasks: trace the ``pick``-th (1-based) of
        :func:`find_tasks`' list.

    Returns
    -------
    pandas.DataFrame
        One row per hop of each path (columns :data:`TRACE_COLUMNS`). ``path`` numbers the
        paths (1-based, per task); ``hop`` 0 is task -> its plan (``relation`` "in plan", the
        evidence being the task's own sentence), then 1, 2 ... ``implements`` hops up to the
        top of the path (``top_id``); ``from_iri`` and ``to_iri`` name the hop's nodes.
        ``to_level`` is "central" or "local". A hop stated by several
        files shows the statement of the task's own file if it has one, else that of the upper
        document's own file, else the first file's (by name).

    Raises
    ------
    TaskNotFound
        No task has that IRI or matches those words.
    AmbiguousTask
        Several tasks match and ``all_matches`` is false; ``.candidates`` lists them.
    UnknownPlace
        ``place`` is not in the store.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"], "relations": [{"from": "91-KL/TW",
    ...     "type": "implements", "to": "29-NQ/TW"}], "tasks": [{"text": "Quán triệt Kết luận"}]}], store)
    >>> trace(store, "quán triệt")[["hop", "relation", "to_id"]].values.tolist()
    [[0, 'in plan', '1/KH-UBND'], [1, 'implements', '91-KL/TW'], [2, 'implements', '29-NQ/TW']]
    """
    text = task.strip()
    if "://" in text or text.startswith(("pkgid:", "<")):
        return trace_tasks(store, [iri(text)])
    found = find_tasks(store, text, place=place)
    if found.empty:
        where = f" in {place}" if place else ""
        raise TaskNotFound(f"no task matches {task!r}{where}")
    if pick is not None:
        if not 1 <= pick <= len(found):
            raise TaskNotFound(f"--pick {pick}: only {len(found)} task(s) match {task!r}")
        found = found.iloc[[pick - 1]]
    if len(found) > 1 and not all_matches:
        raise AmbiguousTask(f"{len(found)} tasks match {task!r}; add words, give a place, or pick one "
                            "(--pick N; --all traces every one)",
                            found)
    return trace_tasks(store, [URIRef(t) for t in found["task"]])


def trace_tasks(store: GraphStore, tasks: Iterable[URIRef]) -> pd.DataFrame:
    """:func:`trace` for tasks given by IRI.

    Raises
    ------
    TaskNotFound
        One of the IRIs is not a task of any plan.
    """
    tasks = list(dict.fromkeys(URIRef(t) for t in tasks))
    info = run(store, "trace_task", {"task": tasks}).drop_duplicates("task")
    missing = [str(t) for t in tasks if str(t) not in set(info["task"])]
    if missing:
        raise TaskNotFound(f"no task {missing[0]} in the store")
    hops = run(store, "trace_hops", {"start": [URIRef(p) for p in info["plan"].unique()]})
    sources = set(info["source"].dropna())
    proofs = run(store, "links", {"link": [URIRef(x) for x in hops["link"].dropna().unique()],
                                  "source": [URIRef(x) for x in sources]})
    stated = set(zip(proofs["from"], proofs["to"]))
    bare = hops[[(a, b) not in stated for a, b in zip(hops["from"], hops["to"])]]
    if not bare.empty:  # edges only restated by third files: fetch those edges' statements
        extra = run(store, "edge_links", {"from": [URIRef(x) for x in bare["from"].unique()],
                                          "to": [URIRef(x) for x in bare["to"].unique()]})
        proofs = pd.concat([proofs, extra[[(a, b) in set(zip(bare["from"], bare["to"]))
                                           for a, b in zip(extra["from"], extra["to"])]]])
    graphs = sources | set(hops["fromGraph"].dropna()) | set(hops["toGraph"].dropna()) | set(proofs["graph"])
    facts = document_facts(store, set(info["plan"]) | set(hops["from"]) | set(hops["to"]), names={}, graphs=graphs)
    edges: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(hops["from"], hops["to"]):
        edges[a].add(b)
    home = dict(zip(hops["from"], hops["fromGraph"]))
    statements: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in proofs.drop_duplicates("link").to_dict("records"):
        statements[(row["from"], row["to"])].append(row)
    rows: list[dict] = []
    by_task = info.set_index("task")
    for t in tasks:
        task = by_task.loc[str(t)].to_dict() | {"task": str(t)}
        chosen = {edge: min(rows_, key=lambda r: (r["graph"] != task.get("source"), r["graph"] != home.get(edge[0]),
                                                  r.get("file") or "", r.get("line") or 0))
                  for edge, rows_ in statements.items()}
        rows.extend(_task_rows(task, edges, facts, chosen))
    return pd.DataFrame(rows, columns=TRACE_COLUMNS)


def _task_rows(task: dict, edges: dict, facts: dict, proofs: dict) -> list[dict]:
    plan = task["plan"]
    first = {"hop": 0, "from_id": None, "from_label": task.get("text"), "relation": "in plan",
             **_to(facts[plan]), "evidence": task.get("evidence") or task.get("text"),
             "file": task.get("file"), "line": task.get("line"), "from_iri": task["task"], "to_iri": plan}
    rows: list[dict] = []
    for n, path in enumerate(_paths(plan, edges), start=1):
        top = path[-1]
        hop_rows = [first]
        for hop, (a, b) in enumerate(zip(path, path[1:]), start=1):
            # The task's own file when it states the hop, else the upper document's own file,
            # else the first file (by name) that states it.
            proof = proofs.get((a, b), {})
            hop_rows.append({"hop": hop, "from_id": facts[a].get("id"), "from_label": doc_name(facts[a]),
                             "relation": "implements", **_to(facts[b]), "evidence": proof.get("evidence"),
                             "file": proof.get("file"), "line": proof.get("line"), "from_iri": a, "to_iri": b})
        rows.extend(r | {"task": task["task"], "path": n, "top_id": facts[top].get("id") or top}
                    for r in hop_rows)
    return rows


def _to(fact: dict) -> dict:
    return {"to_id": fact.get("id"), "to_label": doc_name(fact), "to_kind": fact.get("kind"),
            "to_level": "central" if fact.get("central") else "local", "to_loaded": bool(fact.get("loaded"))}


def _paths(start: str, edges: dict) -> list[list[str]]:
    """Every path from ``start`` along the edges to a node with no way further (cycles cut)."""
    paths: list[list[str]] = []
    stack = [[start]]
    while stack and len(paths) < MAX_PATHS:
        path = stack.pop()
        nexts = [b for b in sorted(edges.get(path[-1], {}), reverse=True) if b not in path]
        if not nexts:
            paths.append(path)
        stack.extend(path + [b] for b in nexts)
    return paths


def _sort_key(column: pd.Series) -> pd.Series:
    return column.map(lambda v: (0, v) if isinstance(v, (int, float)) else (1, str(v or "")))
