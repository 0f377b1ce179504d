"""The pages: home, search, task, document, agency, place, coverage; each a thin shell over the
library functions of :mod:`policykg.queries` (the same the CLI calls), so a page's table and the
command's output are the same DataFrame.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from policykg.queries import (
    OVERLOAD_FORMULA,
    falls_due,
    find_tasks,
    overload,
    page_coverage,
    page_search,
    places,
    targets,
    tasks,
)
from policykg.queries import pages as q
from policykg.queries.common import document_facts
from policykg.viz.web import graphs
from policykg.viz.web.app import Handler, HttpError, Page, Raw, Request
from policykg.viz.web.tables import Table, iri_from_path, url_for

if TYPE_CHECKING:
    from policykg.viz.web.app import App

TASK_SHOWN = ["place", "plan", "number", "text", "deadline", "lead", "support", "implement"]
MAX_SEARCH = 200


def _iri(kind: str, request: Request, rest: str) -> str:
    if rest:
        return iri_from_path(kind, rest)
    if request.params.get("iri"):
        return request.params["iri"]
    raise HttpError(400, f"which {kind}? give its path (/{kind}/...) or ?iri=")


def _year(request: Request, key: str, default: int) -> int:
    text = request.params.get(key) or ""
    if not text:
        return default
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise HttpError(400, f"{key}={text!r} is not a year")
    return int(text)


def _t(request: Request, key: str) -> str:
    from policykg.viz.web.i18n import word

    return word(key, request.lang)


def home(app: "App", request: Request, rest: str) -> Page:
    """Search box, places, central documents with how many places carry each out.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> from policykg.viz.web.app import App
    >>> page = home(App(open_store(":memory:")), Request("GET", "/", {}, "en"), "")
    >>> page.template, list(page.tables)
    ('home.html.j2', ['places', 'central'])
    """
    if rest:
        raise HttpError(404, f"no page /{rest}")
    known = app.cached("places", lambda: places(app.store))
    known = known.assign(level=known["name"].map(q.place_level))
    central = app.cached("central", lambda: page_coverage.central_documents(app.store))
    return Page("home.html.j2", _t(request, "app"), tables={
        "places": Table("places", _t(request, "places"), known, ["name", "level"], {"name": ("place", "place")}),
        "central": Table("central", _t(request, "central_documents"), central,
                         ["document", "issued", "places", "plans"],
                         {"document": ("doc", "document_iri"), "places": ("coverage", "document_iri")})})


def search(app: "App", request: Request, rest: str) -> Page:
    """Tasks (heading and body), documents and agencies matching the words, accents optional."""
    words = (request.params.get("q") or "").strip()[:300]
    found: dict[str, Table] = {}
    if words:
        hits = find_tasks(app.store, words)
        found["tasks"] = Table("tasks", _t(request, "tasks"), hits, ["place", "plan", "number", "text"],
                               {"text": ("task", "task")}, note=_cap(len(hits)))
        docs = page_search.search_documents(app.store, words)
        found["documents"] = Table("documents", _t(request, "documents"), docs,
                                   ["id", "document", "kind", "place", "issued", "loaded"], {"document": ("doc", "doc")})
        agencies = page_search.search_agencies(app.store, words)
        found["agencies"] = Table("agencies", _t(request, "agencies"), agencies, ["agency", "place", "kind"],
                                  {"agency": ("agency", "agency_iri")})
    return Page("search.html.j2", f"{_t(request, 'search')}: {words}", {"q": words}, found)


def _cap(n: int) -> str | None:
    return None if n <= MAX_SEARCH else f"{n}"


def task(app: "App", request: Request, rest: str) -> Page:
    """A task: full text, printed number, agencies by role, deadline, its trace with evidence."""
    page = q.task_page(app.store, _iri("task", request, rest))
    info = page["task"]
    trace = page["trace"]
    return Page("task.html.j2", info["text"] or info["task"], {
        "info": info, "plan_url": url_for("doc", info["plan"]), "place_url": url_for("place", info["place_iri"]),
        "roles": page["agencies"].to_dict("records"), "agency_url": lambda i: url_for("agency", i),
        "hops": trace.to_dict("records"), "find_url": graphs.find_url},
        tables={"trace": Table("trace", _t(request, "trace"), trace,
                               ["path", "hop", "relation", "to_label", "evidence", "file", "line"])},
        graph=graphs.trace_graph(info, trace, page["agencies"]))


def document(app: "App", request: Request, rest: str) -> Page:
    """A document: metadata, what it carries out and is based on, what carries it out, its tasks
    and targets, a relation diagram."""
    page = q.document_page(app.store, _iri("doc", request, rest))
    facts = page["facts"]
    links = page["links"]
    out, into = links[links["direction"] == "out"], links[links["direction"] == "in"]
    cols = ["relation", "document", "kind", "place", "issued", "loaded", "evidence", "file", "line"]
    tables = {"parents": Table("parents", _t(request, "implements_out"), out.drop(columns="direction"), cols,
                               {"document": ("doc", "doc")}),
              "children": Table("children", _t(request, "implements_in"), into.drop(columns="direction"), cols,
                                {"document": ("doc", "doc")})}
    if not page["tasks"].empty:
        tables["tasks"] = Table("tasks", _t(request, "tasks"), page["tasks"], TASK_SHOWN, {"text": ("task", "task")})
    if not page["targets"].empty:
        tables["targets"] = Table("targets", _t(request, "targets"), page["targets"],
                                  ["indicator", "value", "unit", "year", "evidence"])
    return Page("document.html.j2", facts.get("label") or facts["doc"], {
        "facts": facts, "coverage_url": url_for("coverage", facts["doc"]),
        "place_url": url_for("place", q.place_iri_or_none(app.store, facts.get("place")))},
        tables, graph=graphs.document_graph(facts, links))


def coverage(app: "App", request: Request, rest: str) -> Page:
    """One central document: which places and levels carry it out, with task counts, and which
    have none loaded."""
    doc = _iri("coverage", request, rest)
    facts = document_facts(app.store, [doc], {})[doc]
    covered, missing = page_coverage.coverage(app.store, doc)
    title = f"{_t(request, 'coverage')}: {facts.get('label') or facts.get('id') or doc}"
    return Page("coverage.html.j2", title, {"facts": facts, "doc_url": url_for("doc", doc)}, {
        "coverage": Table("coverage", _t(request, "coverage_of"), covered,
                          ["place", "level", "documents", "direct", "loaded", "tasks", "issuers"],
                          {"place": ("place", "place_iri")}),
        "missing": Table("missing", _t(request, "no_coverage"), missing, ["place", "level", "documents"],
                         {"place": ("place", "place_iri")})})


def agency(app: "App", request: Request, rest: str) -> Page:
    """An agency: tasks by role and year, its load and how it compares with its peers."""
    year = _year(request, "year", date.today().year)
    page = q.agency_page(app.store, _iri("agency", request, rest), year=year)
    info = page["info"]
    load_cols = ["place", "rank", "agency", "led", "supported", "implemented", "tasks", "plans", "due", "load",
                 "zscore", "flagged"]
    return Page("agency.html.j2", str(info["agency"]), {
        "info": info, "year": year, "formula": OVERLOAD_FORMULA, "load": page["load"].to_dict("records"),
        "peer_count": len(page["peers"]),
        "peer_mean": float(page["peers"]["load"].mean()) if len(page["peers"]) else None, "place_url": url_for("place", q.place_iri_or_none(app.store, info["place"]))},
        {"load": Table("load", _t(request, "load"), page["load"], load_cols),
         "by_year": Table("by_year", _t(request, "by_year"), page["by_year"]),
         "tasks": Table("tasks", _t(request, "tasks"), page["tasks"], ["role", *TASK_SHOWN], {"text": ("task", "task")}),
         "peers": Table("peers", _t(request, "peers"), page["peers"], load_cols, {"agency": ("agency", "agency_iri")})})


def place(app: "App", request: Request, rest: str) -> Page:
    """A place: overload table with its formula, targets, plans, tasks falling due in a period."""
    where = _iri("place", request, rest)
    year = _year(request, "year", date.today().year)
    first, last = _year(request, "from", year), _year(request, "to", year)
    if last < first or last - first > 50:
        raise HttpError(400, f"the period {first}-{last} is not a span of at most 50 years")
    name = q.place_name(app.store, where)
    loads = overload(app.store, place=where, year=year)
    docs = q.place_documents(app.store, where)
    all_tasks = tasks(app.store, place=where)
    due = all_tasks[all_tasks["deadline"].map(lambda d: any(falls_due(d, y) for y in range(first, last + 1)))
                    .astype(bool)] if not all_tasks.empty else all_tasks
    parents = {p for ps in docs["parents"] for p in str(ps).split()}
    facts = document_facts(app.store, parents, {}) if parents else {}
    return Page("place.html.j2", name, {"year": year, "first": first, "last": last, "formula": OVERLOAD_FORMULA}, {
        "overload": Table("overload", _t(request, "overload"), loads,
                          ["kind", "rank", "agency", "led", "supported", "implemented", "tasks", "plans", "due", "load",
                           "zscore", "flagged"], {"agency": ("agency", "agency_iri")}),
        "plans": Table("plans", _t(request, "plans"), docs, ["id", "document", "kind", "issued", "loaded", "tasks"],
                       {"document": ("doc", "doc")}),
        "targets": Table("targets", _t(request, "targets"), targets(app.store, place=where),
                         ["plan", "indicator", "value", "unit", "year"]),
        "due": Table("due", _t(request, "due"), due.reset_index(drop=True), TASK_SHOWN, {"text": ("task", "task")})},
        graph=graphs.cascade_graph(docs, facts))


def find(app: "App", request: Request, rest: str) -> Raw:
    """A document known by its identifier ("91-KL/TW"): to its page, or to a search when several
    (or none) carry it."""
    wanted = (request.params.get("id") or "").strip()[:200]
    found = page_search.search_documents(app.store, wanted) if wanted else pd.DataFrame(columns=["id", "doc"])
    exact = found[found["id"].fillna("").str.casefold() == wanted.casefold()]
    target = url_for("doc", exact["doc"].iloc[0]) if len(exact) == 1 else "/search?" + _query({"q": wanted})
    return Raw(303, b"", "text/plain; charset=utf-8", [("Location", str(target))])


def _query(params: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


ROUTES: dict[str, Handler] = {"": home, "search": search, "task": task, "doc": document, "coverage": coverage, "agency": agency,
          "place": place, "find": find}
