"""sources and gaps: the central documents the plans carry out, and what the graph is missing."""
from __future__ import annotations

import pandas as pd

from policykg.graph.store import GraphStore
from policykg.queries.common import doc_name, document_facts, place_names, resolve_places
from policykg.queries.sparql import run

SOURCE_COLUMNS = ["document_id", "document", "issued", "place", "plans", "direct", "loaded", "document_iri"]
GAP_COLUMNS = ["gap", "place", "missing_id", "missing", "level", "cited_in", "implemented_by", "plan_id", "plan",
               "evidence", "file", "line", "files"]
MAX_FILES = 5


def sources(store: GraphStore, *, place: str | None = None) -> pd.DataFrame:
    """Central documents and how many local documents in each place carry them out.

    Parameters
    ----------
    store : GraphStore
    place : str, optional
        Only this place.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SOURCE_COLUMNS`, one row per central document and place: ``plans``
        counts the place's documents (plans, programmes, decisions) that carry it out directly or
        through a chain of ``implements``; ``direct`` those that name it themselves; ``loaded``
        those loaded from a file (the others are known from citations). Sorted by the document's
        total across places (largest first), then place.

    Raises
    ------
    UnknownPlace
        ``place`` is not in the store.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"]}], store)
    >>> sources(store)[["document_id", "place", "plans", "direct", "loaded"]].values.tolist()
    [['91-KL/TW', 'Kon Tum', 1, 1, 1]]
    """
    rows = run(store, "sources", {"place": resolve_places(store, place)})
    if rows.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    names = place_names(store)
    facts = document_facts(store, rows["doc"], names)
    out = pd.DataFrame({
        "document_id": rows["doc"].map(lambda d: facts[d].get("id")),
        "document": rows["doc"].map(lambda d: doc_name(facts[d])),
        "issued": rows["doc"].map(lambda d: facts[d].get("issued")),
        "place": rows["place"].map(names),
        "plans": rows["plans"].astype(int), "direct": rows["direct_plans"].astype(int),
        "loaded": rows["loaded_plans"].astype(int), "document_iri": rows["doc"]})
    total = out.groupby("document_iri")["plans"].transform("sum")
    out = out.assign(_total=-total).sort_values(["_total", "document_id", "place"]).drop(columns="_total")
    return out[SOURCE_COLUMNS].reset_index(drop=True)


def gaps(store: GraphStore, *, place: str | None = None) -> pd.DataFrame:
    """What the graph is missing: loaded plans whose parent is not loaded, and documents cited
    but not loaded.

    Parameters
    ----------
    store : GraphStore
    place : str, optional
        Only gaps of this place (central documents have no place: with a place, only the
        "parent not loaded" gaps of its plans and the place's own missing documents are kept).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GAP_COLUMNS`. ``gap`` is "parent not loaded" (``plan`` is a loaded
        document that carries out ``missing``, as ``evidence`` at ``file``/``line`` says) or
        "not loaded" (``missing`` is cited in ``cited_in`` files, named in ``files``, and carried
        out by ``implemented_by`` documents). ``level`` is "central" or "local". Chain breaks
        come first, then missing documents by how much depends on them.

    Raises
    ------
    UnknownPlace
        ``place`` is not in the store.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"]}], store)
    >>> gaps(store)[["gap", "missing_id"]].values.tolist()
    [['parent not loaded', '91-KL/TW'], ['not loaded', '91-KL/TW']]
    """
    names = place_names(store)
    wanted = {names[str(p)] for p in resolve_places(store, place) or []} if place is not None else None
    parents = run(store, "gaps_parents")
    unloaded = run(store, "gaps_unloaded")
    facts = document_facts(store, set(parents["plan"]) | set(parents["parent"]) | set(unloaded["doc"]), names)
    rows: list[dict] = []
    for row in parents.drop_duplicates(["plan", "parent"]).to_dict("records"):
        plan, parent = facts[row["plan"]], facts[row["parent"]]
        rows.append({"gap": "parent not loaded", "place": plan.get("place"), **_missing(parent),
                     "plan_id": plan.get("id"), "plan": doc_name(plan), "evidence": row.get("evidence"),
                     "file": row.get("file"), "line": row.get("line")})
    for row in unloaded.to_dict("records"):
        fact = facts[row["doc"]]
        files = sorted(f for f in (row.get("files") or "").split(", ") if f)
        shown = ", ".join(files[:MAX_FILES]) + (f" (+{len(files) - MAX_FILES})" if len(files) > MAX_FILES else "")
        rows.append({"gap": "not loaded", "place": fact.get("place"), **_missing(fact),
                     "cited_in": int(row["cited_in"]), "implemented_by": int(row["implemented_by"]),
                     "files": shown})
    out = pd.DataFrame(rows, columns=GAP_COLUMNS)
    if wanted is not None:
        out = out[out["place"].isin(wanted)]
    out["_order"] = out["gap"].map({"parent not loaded": 0, "not loaded": 1})
    out["_weight"] = -(out["implemented_by"].fillna(0) * 1000 + out["cited_in"].fillna(0))
    out = out.sort_values(["_order", "_weight", "place", "missing_id"], na_position="first")
    return out[GAP_COLUMNS].reset_index(drop=True)


def _missing(fact: dict) -> dict:
    return {"missing_id": fact.get("id"), "missing": doc_name(fact),
            "level": "central" if fact.get("central") else "local"}
