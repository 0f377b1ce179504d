"""SPARQL in the app: a page with the ``queries/*.rq`` library as examples and results as a table,
and a read-only SPARQL 1.1 protocol endpoint at ``/sparql`` for other tools.

Both go through :func:`policykg.queries.sparql_query` (the CLI's ``query``), which refuses a
``SERVICE`` clause; updates are refused before the store sees them (the protocol's ``update``
parameter, an update request body, and the store is opened read-only), as is ``LOAD``, which is
an update. Each query runs under the app's timeout.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from policykg.queries import load_query, query_names, sparql_query
from policykg.queries.adhoc import uses_service
from policykg.viz.web.app import Handler, HttpError, Page, Raw, Request
from policykg.viz.web.tables import Table

if TYPE_CHECKING:
    from policykg.viz.web.app import App

MAX_ROWS = 10_000
DEFAULT = "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"
_UPDATE = re.compile(r"^\s*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE | re.MULTILINE)


def _refuse_update(text: str) -> None:
    body = "\n".join(line for line in text.splitlines() if not re.match(r"\s*(?:PREFIX|BASE|#)", line, re.I))
    if _UPDATE.search(body):
        raise HttpError(403, "this endpoint is read-only: updates (INSERT, DELETE, LOAD, DROP …) are refused")


def run_query(app: "App", text: str) -> pd.DataFrame:
    """Run a read-only query as the CLI's ``query`` does (no SERVICE), capped at :data:`MAX_ROWS` rows.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> from policykg.viz.web.app import App
    >>> app = App(open_store(":memory:"))
    >>> run_query(app, "ASK { ?s ?p ?o }")["result"].tolist()
    [False]
    >>> run_query(app, "DROP ALL")
    Traceback (most recent call last):
    ...
    policykg.viz.web.app.HttpError: this endpoint is read-only: updates (INSERT, DELETE, LOAD, DROP …) are refused
    """
    _refuse_update(text)
    if uses_service(text):
        raise HttpError(403, "SERVICE clauses are refused: a query of this server never reaches the network")
    frame = app.timed(lambda: sparql_query(app.store, text), pool=app.sparql_pool)
    return frame.head(MAX_ROWS)


def page(app: "App", request: Request, rest: str) -> Page:
    """The SPARQL page: a form, the query library as examples, the results as a table."""
    example = request.params.get("example")
    text = request.params.get("q")
    if example:
        try:
            text = load_query(example)
        except KeyError:
            raise HttpError(404, f"no example query {example!r}") from None
    tables: dict[str, Table] = {}
    if text and (request.params.get("run") is not None or request.params.get("download")):
        frame = run_query(app, str(text))
        tables["results"] = Table("results", "results", frame)
    return Page("sparql.html.j2", "SPARQL", {"text": text or DEFAULT, "examples": query_names()}, tables)


def endpoint(app: "App", request: Request, rest: str) -> Raw:
    """The SPARQL 1.1 protocol, query operation only: GET ``?query=``, POST form or
    ``application/sparql-query``; SELECT/ASK as SPARQL JSON results, CONSTRUCT/DESCRIBE as N-Triples."""
    if "update" in request.params or request.content_type.startswith("application/sparql-update"):
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
    text = request.params.get("query")
    if text is None and request.content_type.startswith("application/sparql-query"):
        text = request.body.decode("utf-8", "replace")
    if not text:
        raise HttpError(400, "give a query: GET /sparql?query=... or POST it (SPARQL 1.1 protocol)")
    frame = run_query(app, text)
    if list(frame.columns) == ["subject", "predicate", "object"] and _is_graph(text):
        lines = [" ".join(_nt(v) for v in row) + " ." for row in frame.itertuples(index=False)]
        return Raw(200, ("\n".join(lines) + "\n").encode("utf-8"), "application/n-triples; charset=utf-8")
    if list(frame.columns) == ["result"] and re.search(r"\bASK\b", text, re.IGNORECASE):
        data: dict[str, Any] = {"head": {}, "boolean": bool(frame["result"].iloc[0])}
    else:
        data = {"head": {"vars": [str(c) for c in frame.columns]},
                "results": {"bindings": [{c: _term(v) for c, v in row.items() if _present(v)}
                                         for row in frame.to_dict("records")]}}
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Raw(200, body, "application/sparql-results+json; charset=utf-8", [("Access-Control-Allow-Origin", "*")])


def _is_graph(text: str) -> bool:
    return bool(re.search(r"^\s*(?:CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE | re.MULTILINE))


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and value != value)


def _term(value: Any) -> dict[str, str]:
    # The DataFrame holds plain values; IRIs are the strings that look like absolute IRIs.
    if isinstance(value, str) and re.match(r"^[a-zA-Z][\w+.-]*:[^\s<>\"]*$", value) and "://" in value:
        return {"type": "uri", "value": value}
    if isinstance(value, bool):
        return {"type": "literal", "value": str(value).lower(),
                "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}
    if isinstance(value, int):
        return {"type": "literal", "value": str(value), "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    if isinstance(value, float):
        return {"type": "literal", "value": repr(value), "datatype": "http://www.w3.org/2001/XMLSchema#double"}
    return {"type": "literal", "value": str(value)}


def _nt(value: Any) -> str:
    term = _term(value)
    if term["type"] == "uri":
        return f"<{term['value']}>"
    text = json.dumps(term["value"], ensure_ascii=False)
    return text + (f"^^<{term['datatype']}>" if "datatype" in term else "")


ROUTES: dict[str, Handler] = {"query": page, "sparql": endpoint}
