"""The coverage of central documents: which places carry each out, at which level, with how many
documents and tasks, and which places have none loaded; the home page's list of central documents.

Library functions over a :class:`~policykg.graph.GraphStore` for the web app's coverage and home
pages (:mod:`~policykg.queries.pages` has the other pages), counted as
:func:`~policykg.queries.sources.sources` counts, so a page and ``policykg sources`` agree.
"""
from __future__ import annotations

import pandas as pd
from rdflib import URIRef

from policykg.graph.store import GraphStore
from policykg.queries.common import document_facts, place_names, places
from policykg.queries.pages import place_level, subject_iri
from policykg.queries.sources import sources
from policykg.queries.sparql import run

CENTRAL_COLUMNS = ["document_id", "document", "issued", "places", "plans", "document_iri"]
COVERAGE_COLUMNS = ["place", "level", "documents", "direct", "loaded", "tasks", "issuers", "place_iri"]


def coverage(store: GraphStore, doc: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Which places carry a document out, at which level, with how many documents and tasks; and
    which places have none loaded.

    Parameters
    ----------
    store : GraphStore
    doc : str
        The (central) document's IRI or ``pkgid:...``.

    Returns
    -------
    (covered, missing)
        ``covered``: one row per place (columns :data:`COVERAGE_COLUMNS`): ``documents`` that carry
        it out directly or through a chain of ``implements`` (the same count as
        :func:`~policykg.queries.sources.sources`' ``plans``), ``direct`` those naming it, ``loaded``
        those loaded from a file, ``tasks`` the tasks those set, ``issuers`` who issued them.
        Sorted by level, then place. ``missing``: the places of the store where no loaded document
        carries it out (``place``, ``level``, ``documents`` known only from citations, ``place_iri``).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"], "tasks": [{"text": "Quán triệt"}]},
    ...     {"source": "b.txt", "document": {"kind": "Kế hoạch", "id": "2/KH-UBND", "place": "Lai Châu"}}], store)
    >>> covered, missing = coverage(store, "pkgid:doc/91-kl-tw")
    >>> covered[["place", "documents", "loaded", "tasks"]].values.tolist()
    [['Kon Tum', 1, 1, 1]]
    >>> "Lai Châu" in set(missing["place"]), "Kon Tum" in set(missing["place"])
    (True, False)
    """
    node = subject_iri(doc)
    found = run(store, "page_coverage", {"doc": [node]})
    names = place_names(store)
    plans = sorted(set(found["plan"]))
    direct = set(found.loc[found["direct"].astype(bool), "plan"])
    facts = document_facts(store, plans, {})
    issuers = run(store, "page_issuers", {"doc": [URIRef(p) for p in plans]}) if plans else pd.DataFrame(
        columns=["doc", "issuer"])
    counts = run(store, "page_task_counts", {"doc": [URIRef(p) for p in plans]}) if plans else pd.DataFrame(
        columns=["doc", "tasks"])
    tasks_of = dict(zip(counts["doc"], counts["tasks"]))
    rows = pd.DataFrame({"plan": plans, "place": [facts[p].get("place") for p in plans],
                         "direct": [int(p in direct) for p in plans],
                         "loaded": [int(bool(facts[p].get("loaded"))) for p in plans],
                         "tasks": [int(tasks_of.get(p) or 0) for p in plans]})
    rows = rows[rows["place"].notna()]
    if rows.empty:
        covered = pd.DataFrame(columns=COVERAGE_COLUMNS)
    else:
        issued_by = issuers.groupby("doc")["issuer"].agg(lambda s: sorted(set(s)))
        grouped = rows.groupby("place")
        covered = pd.DataFrame({
            "documents": grouped["plan"].nunique(), "direct": grouped["direct"].sum(),
            "loaded": grouped["loaded"].sum(), "tasks": grouped["tasks"].sum(),
            "issuers": grouped["plan"].agg(lambda ps: "; ".join(sorted({i for p in ps for i in issued_by.get(p, [])})))
        }).reset_index()
        covered = covered.rename(columns={"place": "place_iri"})
        covered["place"] = covered["place_iri"].map(lambda p: names.get(p, p))
        covered["level"] = covered["place"].map(place_level)
        order = {"province": 0, "district": 1, "commune": 2, "central": 3}
        covered = covered.sort_values(["level", "place"], key=lambda c: c.map(order) if c.name == "level" else c)
        covered = covered[COVERAGE_COLUMNS].astype({c: int for c in ("documents", "direct", "loaded", "tasks")})
    carried = set(covered.loc[covered["loaded"] > 0, "place_iri"])
    cited = dict(zip(covered["place_iri"], covered["documents"]))
    known = places(store)
    missing = pd.DataFrame({"place": known["name"], "level": known["name"].map(place_level),
                            "documents": [int(cited.get(p, 0)) for p in known["place"]], "place_iri": known["place"]},
                           columns=["place", "level", "documents", "place_iri"])
    missing = missing[~missing["place_iri"].isin(carried)].drop_duplicates("place_iri").reset_index(drop=True)
    return covered.reset_index(drop=True), missing


def central_documents(store: GraphStore) -> pd.DataFrame:
    """The central documents the local ones carry out, with how many places and documents do.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CENTRAL_COLUMNS`, from :func:`~policykg.queries.sources.sources`: ``places``
        counts the places with at least one document carrying it out, ``plans`` those documents
        over all places. Most places first.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"]}], store)
    >>> central_documents(store)[["document_id", "places", "plans"]].values.tolist()
    [['91-KL/TW', 1, 1]]
    """
    found = sources(store)
    if found.empty:
        return pd.DataFrame(columns=CENTRAL_COLUMNS)
    grouped = found.groupby("document_iri", sort=False)
    out = pd.DataFrame({"document_id": grouped["document_id"].first(), "document": grouped["document"].first(),
                        "issued": grouped["issued"].first(), "places": grouped["place"].nunique(),
                        "plans": grouped["plans"].sum()}).reset_index()
    out = out.sort_values(["places", "plans", "document_id"], ascending=[False, False, True])
    return out[CENTRAL_COLUMNS].reset_index(drop=True)
