"""A store behind any SPARQL 1.1 endpoint: Oxigraph server, QLever, Apache Jena Fuseki, Virtuoso,
GraphDB. The same queries run there as on the embedded store.

The URL given to ``--store`` is the query endpoint. Updates go to the update endpoint: the same
URL with a trailing ``/query`` or ``/sparql`` replaced by ``/update`` (Oxigraph, Fuseki), else the
URL itself (Virtuoso); name it outright with ``POLICYKG_UPDATE_URL`` if the server differs.

Queries must see the union of the named graphs, as they do on the embedded store. Servers do that
by configuration (``oxigraph serve --union-default-graph``, Fuseki's ``unionDefaultGraph``,
Virtuoso and GraphDB by default); where the default graph is empty but named graphs are not, the
store names every graph in the request (``default-graph-uri``) instead, which is correct but slower.

Whatever the server sends, a command ends with one line: a reply that is not SPARQL results (an
HTML page, an empty or truncated body, JSON of another shape, ``"boolean": "no"``), a broken
connection, a redirect, an HTTP error, or no answer within ``$POLICYKG_HTTP_TIMEOUT`` seconds
(default 60, for connecting and for each read; ``$POLICYKG_HTTP_DEADLINE``, default 1800, bounds a
whole reply and ``$POLICYKG_HTTP_MAX_MB``, default 1024, its size) is a
:class:`~policykg.graph.store.StoreError`.
"""
from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from policykg.graph.namespaces import PKG, PREFIXES
from policykg.graph.sparql_protocol import (
    converted,
    endpoint_url,
    first_line,
    read_all,
    read_some,
    refuse_page,
    results_json,
    setting,
    shown,
)
from policykg.graph.store_api import (
    MARKS,
    GraphState,
    NotSelect,
    Quad,
    QueryResult,
    StoreError,
    Triple,
    drop_request,
    replace_request,
    state_of,
    with_values,
)
from policykg.graph.values import node_from_ox, plain_json


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def _term(cell: dict[str, Any]) -> Node:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    return Literal(value, datatype=URIRef(datatype)) if datatype else Literal(value)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is reported, not followed: it would resend the request elsewhere (perhaps to
    another scheme) or drop its body."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


class SparqlEndpointStore:
    """The :class:`~policykg.graph.store.GraphStore` interface over the SPARQL 1.1 protocols.

    Parameters
    ----------
    url : str
        The query endpoint, e.g. ``http://127.0.0.1:7878/query``.
    update_url : str, optional
        The update endpoint; derived from ``url`` when absent (see the module docstring).

    Examples
    --------
    >>> SparqlEndpointStore("http://127.0.0.1:7878/query").update_url
    'http://127.0.0.1:7878/update'
    """

    def __init__(self, url: str, update_url: str | None = None) -> None:
        url = endpoint_url(url)
        self.location = url
        self.query_url = url
        update = update_url or os.environ.get("POLICYKG_UPDATE_URL")
        self.update_url = endpoint_url(update, bare_means_query=False) if update else _update_url(url)
        self._explicit_union: bool | None = None

    # -- HTTP -----------------------------------------------------------------------------------
    def _post(self, url: str, body: bytes, content_type: str, accept: str = "*/*") -> bytes:
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        where = shown(url)
        timeout = setting("POLICYKG_HTTP_TIMEOUT", 60.0)
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return read_all(response, where)
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:
                raise StoreError(f"{where}: HTTP {exc.code} redirect to {shown(exc.headers.get('Location', '?'))}; "
                                 "give that URL") from None
            detail = read_some(exc)
            message = (not detail.lstrip().startswith("<") and first_line(detail)) or exc.reason  # not a page
            if exc.code == 400:
                raise StoreError(f"bad SPARQL: {message}") from None
            raise StoreError(f"{where}: HTTP {exc.code} {message}") from None
        except TimeoutError:
            raise StoreError(f"{where}: no answer within {timeout:g} s (set POLICYKG_HTTP_TIMEOUT to wait "
                             "longer)") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise StoreError(f"{where}: no answer within {timeout:g} s") from None
            raise StoreError(f"{where}: cannot reach the SPARQL endpoint ({first_line(str(reason))})") from None
        except http.client.HTTPException as exc:
            raise StoreError(f"{where}: not a proper HTTP reply ({type(exc).__name__})") from None
        except ValueError as exc:  # what urllib says of URLs it cannot use
            raise StoreError(f"{where}: {first_line(str(exc))}") from None

    def _update(self, request: str) -> None:
        self._post(self.update_url, (_prologue() + request).encode("utf-8"), "application/sparql-update")
        self._explicit_union = None  # what the default graph holds may have changed

    def _select(self, sparql: str, union: bool) -> bytes:
        params = [("query", _prologue() + sparql)]
        if union and self._needs_explicit_union():
            # The protocol makes the named graphs of the dataset only those it names, so name them
            # all again or GRAPH ?g patterns would find nothing.
            graphs = self.graph_names()
            params += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        body = urllib.parse.urlencode(params).encode("utf-8")
        return self._post(self.query_url, body, "application/x-www-form-urlencoded",
                          "application/sparql-results+json, application/n-triples;q=0.9")

    def _rows(self, sparql: str, union: bool = False) -> list[dict[str, Any]]:
        """The bindings of a SELECT this module wrote, checked."""
        data = results_json(self._select(sparql, union), self.query_url)
        if "results" not in data:
            raise StoreError(f"{shown(self.query_url)}: the reply to a SELECT holds no results")
        return data["results"]["bindings"]

    def _needs_explicit_union(self) -> bool:
        if self._explicit_union is None:
            default = self._ask("ASK { ?s ?p ?o }")
            named = self._ask("ASK { GRAPH ?g { ?s ?p ?o } }")
            self._explicit_union = named and not default
        return self._explicit_union

    def _ask(self, sparql: str) -> bool:
        raw = self._post(self.query_url, urllib.parse.urlencode([("query", sparql)]).encode("utf-8"),
                         "application/x-www-form-urlencoded", "application/sparql-results+json")
        data = results_json(raw, self.query_url)
        if "boolean" not in data:
            raise StoreError(f"{shown(self.query_url)}: the reply to an ASK holds no boolean")
        return data["boolean"]

    # -- GraphStore -----------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a query over the union of the named graphs; rows as on the embedded store."""
        raw = self._select(with_values(sparql, bindings), union=True)
        if raw.lstrip().startswith(b"{"):
            data = results_json(raw, self.query_url)
            if "boolean" in data:
                return data["boolean"]
            return converted(lambda: [{k: _term(v) for k, v in row.items()} for row in data["results"]["bindings"]],
                              self.query_url)
        refuse_page(raw, self.query_url)
        try:
            triples = list(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{shown(self.query_url)}: the reply is neither SPARQL results nor N-Triples "
                             f"({first_line(str(exc))})") from None
        return [(node_from_ox(t.subject), node_from_ox(t.predicate), node_from_ox(t.object)) for t in triples]

    def select(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a SELECT over the union of the named graphs; rows of plain values."""
        raw = self._select(sparql, union=True)
        if not raw.lstrip().startswith(b"{"):
            refuse_page(raw, self.query_url)
            raise NotSelect("not a SELECT query")
        data = results_json(raw, self.query_url)
        if "results" not in data:
            raise NotSelect("not a SELECT query")
        names = [v for v in data.get("head", {}).get("vars", []) if isinstance(v, str)]
        return names, converted(lambda: [tuple(plain_json(row.get(n)) for n in names)
                                          for row in data["results"]["bindings"]], self.query_url)

    def update(self, request: str) -> None:
        """Send SPARQL update operations as one request (servers apply a request atomically)."""
        self._update(request)

    def graph_names(self) -> list[str]:
        rows = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(converted(lambda: [str(r["g"]["value"]) for r in rows], self.query_url))

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple] | str, content_hash: str | None = None,
                      built_with: str | None = None, *, also: str | None = None,
                      stat: tuple[int, int | None] | None = None) -> None:
        """Drop and refill one graph in one update request (servers apply a request atomically)."""
        self._update(replace_request(graph_iri, triples, content_hash, built_with, stat, also))

    def drop_graph(self, graph_iri: str) -> None:
        self._update(drop_request(graph_iri))

    def graph_hash(self, graph_iri: str) -> tuple[str | None, str | None]:
        sparql = (f"SELECT ?h ?b WHERE {{ GRAPH <{graph_iri}> {{ <{graph_iri}> <{PKG.sha256}> ?h "
                  f"OPTIONAL {{ <{graph_iri}> <{PKG.builtWith}> ?b }} }} }}")
        rows = self._rows(sparql)
        if not rows:
            return None, None
        return converted(lambda: (str(rows[0]["h"]["value"]), rows[0].get("b", {}).get("value")), self.query_url)

    def graph_states(self) -> dict[str, GraphState]:
        """Every graph's marks in one request."""
        marks = " ".join(f"<{p}>" for p in MARKS.values())
        rows = self._rows(f"SELECT ?g ?p ?o WHERE {{ VALUES ?p {{ {marks} }} GRAPH ?g {{ ?g ?p ?o }} }}")
        found: dict[str, dict[str, str]] = {}
        for row in converted(lambda: [(r["g"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows],
                             self.query_url):
            found.setdefault(str(row[0]), {})[str(row[1])] = row[2]
        return {g: state_of(m) for g, m in found.items()}

    def quads(self, graph_iri: str | None = None) -> Iterator[Quad]:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }} BIND(<{graph_iri}> AS ?g)" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        rows = self._rows(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}")
        yield from converted(lambda: [(_term(r["s"]), _term(r["p"]), _term(r["o"]), _term(r["g"])) for r in rows],
                              self.query_url)

    def count(self, graph_iri: str | None = None) -> int:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        rows = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return converted(lambda: int(rows[0]["n"]["value"]), self.query_url)

    def optimize(self) -> None:
        """Nothing to do: the server keeps its own files."""

    def close(self) -> None:
        """Nothing to release: every call is its own HTTP request."""

    def __enter__(self) -> "SparqlEndpointStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _update_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    for tail in ("/query", "/sparql"):
        if path.endswith(tail):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(tail)] + "/update"))
    return url


