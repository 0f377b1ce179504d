"""The questions a page of one thing asks: a task, a document, an agency, a place. A central
document's coverage is :mod:`~policykg.queries.page_coverage`'s, the search box's
:mod:`~policykg.queries.page_search`'s.

The web app (``policykg serve``) shows these; each is a library function over a
:class:`~policykg.graph.GraphStore` like the CLI's, built on the same ``.rq`` files and on the
other query modules (:func:`~policykg.queries.trace.trace_tasks`, :func:`~policykg.queries.listing.tasks`,
:func:`~policykg.queries.overload.overload` ...), so a page and a command answer with the same numbers.
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd
from rdflib import URIRef

from policykg.graph.namespaces import PKG
from policykg.graph.store import GraphStore
from policykg.queries.common import NATIONAL, doc_name, document_facts, place_names
from policykg.queries.listing import targets, tasks
from policykg.queries.overload import overload
from policykg.queries.sparql import QueryError, iri, run
from policykg.queries.trace import trace_tasks

ROLE_NAMES = {str(PKG.leads): "lead", str(PKG.supports): "support", str(PKG.implementsTask): "implement"}
AGENCY_COLUMNS = ["agency", "place", "kind", "agency_iri"]
LINK_COLUMNS = ["relation", "direction", "id", "document", "kind", "level", "place", "issued", "loaded", "evidence",
                "file", "line", "doc"]
PLAN_COLUMNS = ["id", "document", "kind", "issued", "loaded", "tasks", "parents", "doc"]
# Place names say their level ("Xã Đắk Hà", "Huyện Kon Rẫy"); a bare name is a province.
_LEVELS = (("commune", re.compile(r"^(xã|phường|thị trấn|đặc khu)\b", re.IGNORECASE)),
           ("district", re.compile(r"^(huyện|quận|thị xã|thành phố)\b", re.IGNORECASE)))


class NotFound(QueryError):
    """No such task, document, agency or place in the store."""


def place_level(name: str | None) -> str:
    """"province", "district" or "commune", as a place's name says; "central" for none.

    Examples
    --------
    >>> [place_level(n) for n in ("Kon Tum", "Thành phố Lai Châu", "Xã Đắk Hà", None)]
    ['province', 'district', 'commune', 'central']
    """
    if not name or name == NATIONAL:
        return "central"
    for level, pattern in _LEVELS:
        if pattern.match(name):
            return level
    return "province"


def task_page(store: GraphStore, task: str) -> dict[str, Any]:
    """Everything a task's page shows: its text, plan and place, agencies by role, and its trace.

    Parameters
    ----------
    store : GraphStore
    task : str
        The task's IRI (or ``pkgid:...``).

    Returns
    -------
    dict
        ``task`` (dict: ``task``, ``text``, ``full_text``, ``number``, ``deadline``, ``plan`` IRI,
        ``plan_name``, ``place`` name, ``place_iri``, ``file``, ``line``), ``agencies``
        (DataFrame ``role``, ``agency``, ``agency_iri``) and ``trace`` (as
        :func:`~policykg.queries.trace.trace`).

    Raises
    ------
    NotFound
        No such task.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"], "tasks": [{"text": "Quán triệt",
    ...     "lead": ["Sở Y tế"]}]}], store)
    >>> page = task_page(store, "pkgid:doc/kon-tum/1-kh-ubnd/task/1")
    >>> page["task"]["plan_name"], page["agencies"]["agency"].tolist(), page["trace"]["to_id"].tolist()
    ('1/KH-UBND', ['Sở Y tế'], ['1/KH-UBND', '91-KL/TW'])
    """
    node = subject_iri(task)
    info = run(store, "trace_task", {"task": [node]}).drop_duplicates("task")
    if info.empty:
        raise NotFound(f"no task {node} in the store")
    row = info.iloc[0].to_dict()
    names = place_names(store)
    facts = document_facts(store, [row["plan"]], names)[row["plan"]]
    details = {"task": str(node), "text": row.get("text"), "full_text": row.get("evidence") or row.get("text"),
               "number": row.get("number"), "deadline": row.get("deadline"), "plan": row["plan"],
               "plan_name": facts.get("id") or doc_name(facts), "plan_label": doc_name(facts),
               "place": names.get(row.get("place") or "", row.get("place")), "place_iri": row.get("place"),
               "file": row.get("file"), "line": row.get("line")}
    held = run(store, "page_task_agencies", {"task": [node]})
    agencies = pd.DataFrame({"role": held["role"].map(ROLE_NAMES), "agency": held["name"].fillna(held["agency"]),
                             "agency_iri": held["agency"]}, columns=["role", "agency", "agency_iri"])
    order = {"lead": 0, "support": 1, "implement": 2}
    agencies = agencies.sort_values(["role", "agency"], key=lambda c: c.map(order) if c.name == "role" else c)
    return {"task": details, "agencies": agencies.reset_index(drop=True), "trace": trace_tasks(store, [node])}


def document_page(store: GraphStore, doc: str) -> dict[str, Any]:
    """Everything a document's page shows: its facts, its links both ways, its tasks and targets.

    Parameters
    ----------
    store : GraphStore
    doc : str
        The document's IRI (or ``pkgid:...``).

    Returns
    -------
    dict
        ``facts`` (as :func:`~policykg.queries.common.document_facts`, plus ``title``, ``issuer``,
        ``file``), ``links`` (DataFrame :data:`LINK_COLUMNS`: ``direction`` "out" for what it
        implements or is based on, "in" for what implements it or is based on it), ``tasks`` (as
        :func:`~policykg.queries.listing.tasks` for this plan) and ``targets`` (as
        :func:`~policykg.queries.listing.targets`, this plan's).

    Raises
    ------
    NotFound
        The store knows no such document.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"], "tasks": [{"text": "Quán triệt"}]}], store)
    >>> page = document_page(store, "pkgid:doc/91-kl-tw")
    >>> page["links"][["relation", "direction", "id", "place"]].values.tolist()
    [['implements', 'in', '1/KH-UBND', 'Kon Tum']]
    """
    node = subject_iri(doc)
    names = place_names(store)
    facts = document_facts(store, [node], names)[str(node)]
    if facts["id"] is None and facts["kind"] is None and not facts["loaded"]:
        raise NotFound(f"no document {node} in the store")
    for key, val in run(store, "page_document", {"doc": [node]})[["key", "value"]].itertuples(index=False):
        if facts.get(key) is None or len(str(val)) > len(str(facts[key])):
            facts[key] = val
    links = run(store, "page_doc_links", {"doc": [node]})
    links = links.sort_values(["file", "line"], na_position="last").drop_duplicates(["relation", "direction", "other"])
    others = document_facts(store, links["other"], names)
    rows = [{"relation": r["relation"], "direction": r["direction"], "id": others[r["other"]].get("id"),
             "document": doc_name(others[r["other"]]), "kind": others[r["other"]].get("kind"),
             "level": "central" if others[r["other"]].get("central") else "local",
             "place": others[r["other"]].get("place"), "issued": others[r["other"]].get("issued"),
             "loaded": bool(others[r["other"]].get("loaded")), "evidence": r.get("evidence"),
             "file": r.get("file"), "line": r.get("line"), "doc": r["other"]}
            for r in links.to_dict("records")]
    link_frame = pd.DataFrame(rows, columns=LINK_COLUMNS).sort_values(
        ["direction", "relation", "place", "id"], ascending=[False, False, True, True], na_position="first")
    own_tasks = tasks(store, plan=str(node)) if facts["loaded"] and not facts["central"] else pd.DataFrame()
    own_targets = pd.DataFrame()
    if facts["loaded"] and facts.get("place"):
        found = targets(store, place=_place_iri(store, facts["place"]))
        own_targets = found[found["plan"] == (facts.get("id") or doc_name(facts))].reset_index(drop=True)
    return {"facts": facts, "links": link_frame.reset_index(drop=True), "tasks": own_tasks, "targets": own_targets}


def agencies_info(store: GraphStore, agencies: list[str]) -> pd.DataFrame:
    """Name, place and kind of some agencies (columns :data:`AGENCY_COLUMNS`), by place and name."""
    if not agencies:
        return pd.DataFrame(columns=AGENCY_COLUMNS)
    rows = run(store, "page_agencies", {"agency": [URIRef(a) for a in agencies]})
    names = place_names(store)
    out = pd.DataFrame({"agency": rows["name"], "place": rows["place"].map(lambda p: names.get(p or "", p)),
                        "kind": rows["class"].map(_agency_kind), "agency_iri": rows["agency"]}, columns=AGENCY_COLUMNS)
    return out.sort_values(["place", "agency"]).reset_index(drop=True)


def agency_page(store: GraphStore, agency: str, *, year: int | None = None) -> dict[str, Any]:
    """Everything an agency's page shows: its tasks by role and year, its load against its peers.

    Parameters
    ----------
    store : GraphStore
    agency : str
        The agency's IRI (or ``pkgid:...``).
    year : int, optional
        The year of the load table's ``due`` column (as :func:`~policykg.queries.overload.overload`).

    Returns
    -------
    dict
        ``info`` (dict of ``agency``, ``place``, ``kind``, ``agency_iri``), ``tasks`` (as
        :func:`~policykg.queries.listing.tasks` with a ``role`` column: this agency's role),
        ``by_year`` (DataFrame: ``year`` as the deadline names it, a count per role), ``load``
        (its rows of :func:`~policykg.queries.overload.overload`) and ``peers`` (the overload rows
        of its place and kind).

    Raises
    ------
    NotFound
        No such agency.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...     "tasks": [{"text": "Việc", "lead": ["Sở Y tế"], "deadline": "Năm 2026"}]}], store)
    >>> page = agency_page(store, "pkgid:agency/kon-tum/so-y-te", year=2026)
    >>> page["tasks"]["role"].tolist(), page["by_year"].values.tolist(), page["load"]["load"].tolist()
    (['lead'], [['2026', 1, 0, 0]], [2])
    """
    from policykg.loaders.deadlines import due_years

    node = subject_iri(agency)
    found = agencies_info(store, [str(node)])
    found = found[found["agency"].notna()]
    if found.empty:
        raise NotFound(f"no agency {node} in the store")
    info = found.iloc[0].to_dict()
    place = _place_iri(store, info["place"]) if info["place"] and info["place"] != NATIONAL else None
    mine = run(store, "agency_tasks", {"agency": [node]})
    role_of = {t: ROLE_NAMES.get(r, r) for t, r in zip(mine["task"], mine["role"])}
    held = tasks(store, only_tasks=sorted(role_of)).copy()
    held.insert(0, "role", held["task"].map(role_of))
    years = []
    for role, deadline in zip(held["role"], held["deadline"]):
        named, recurring = due_years(deadline)
        label = ", ".join(str(y) for y in sorted(named)) or (f"{recurring}+" if recurring else "-")
        years.append((label, role))
    by_year = pd.DataFrame(years, columns=["year", "role"])
    by_year = pd.crosstab(by_year["year"], by_year["role"]) if not by_year.empty else pd.DataFrame()
    by_year = by_year.reindex(columns=["lead", "support", "implement"], fill_value=0).reset_index()
    by_year.columns.name = None
    loads = overload(store, place=place, year=year)
    own = loads[loads["agency_iri"] == str(node)].reset_index(drop=True)
    peers = loads[(loads["place"].isin(set(own["place"]))) & (loads["kind"].isin(set(own["kind"])))]
    return {"info": info, "tasks": held.reset_index(drop=True), "by_year": by_year, "load": own,
            "peers": peers.reset_index(drop=True)}


def place_documents(store: GraphStore, place: str) -> pd.DataFrame:
    """The documents of a place (loaded, or known from citations) with what they carry out.

    Parameters
    ----------
    store : GraphStore
    place : str
        The place's name or IRI.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PLAN_COLUMNS`: ``parents`` the IRIs of the documents each carries out
        (space-separated). Loaded ones first, then by date.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"], "tasks": [{"text": "Quán triệt"}]}], store)
    >>> place_documents(store, "Kon Tum")[["id", "loaded", "tasks"]].values.tolist()
    [['1/KH-UBND', True, 1]]
    """
    where = _place_iri(store, place)
    rows = run(store, "page_place_plans", {"place": [URIRef(where)]})
    if rows.empty:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    facts = document_facts(store, rows["doc"], {})
    out = pd.DataFrame({"id": rows["doc"].map(lambda d: facts[d].get("id")),
                        "document": rows["doc"].map(lambda d: doc_name(facts[d])),
                        "kind": rows["doc"].map(lambda d: facts[d].get("kind")),
                        "issued": rows["doc"].map(lambda d: facts[d].get("issued")),
                        "loaded": rows["loaded"].astype(bool), "tasks": rows["tasks"].fillna(0).astype(int),
                        "parents": rows["parents"].fillna(""), "doc": rows["doc"]}, columns=PLAN_COLUMNS)
    out = out.sort_values(["loaded", "issued", "id"], ascending=[False, True, True], na_position="last")
    return out.reset_index(drop=True)


def place_name(store: GraphStore, place: str) -> str:
    """The name of a place given by name or IRI.

    Raises
    ------
    NotFound
        The store has no such place.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> try:
    ...     place_name(open_store(":memory:"), "Kon Tum")
    ... except NotFound as exc:
    ...     print(exc)
    unknown place 'Kon Tum' (known: none: the store is empty)
    """
    return place_names(store)[_place_iri(store, place)]


def place_iri_or_none(store: GraphStore, place: str | None) -> str | None:
    """The IRI of a place given by name or IRI; None for none or an unknown one."""
    if not place or place == NATIONAL:
        return None
    try:
        return _place_iri(store, place)
    except NotFound:
        return None


def _place_iri(store: GraphStore, place: str) -> str:
    from policykg.queries.common import UnknownPlace, resolve_place

    try:
        return str(resolve_place(store, place))
    except UnknownPlace as exc:
        raise NotFound(str(exc)) from None


def _agency_kind(cls: str | None) -> str:
    text = str(cls or "")
    return "group" if text.endswith("AgencyGroup") else "national" if text.endswith("NationalAgency") else "agency"


def subject_iri(text: str) -> URIRef:
    """The IRI of a page's subject given as an IRI or ``pkgid:...``; NotFound when it is neither.

    Examples
    --------
    >>> str(subject_iri("pkgid:doc/91-kl-tw")).endswith("/doc/91-kl-tw")
    True
    >>> try:
    ...     subject_iri("<bad>")
    ... except NotFound as exc:
    ...     print(exc)
    not an IRI: '<bad>' (No scheme found in an absolute IRI)
    """
    try:
        return iri(text)
    except QueryError as exc:
        raise NotFound(str(exc)) from exc
