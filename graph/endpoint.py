"""A store behind any SPARQL 1.1 endpoint: Oxigraph server, QLever, Apache Jena Fuseki, Virtuoso,
GraphDB. The same queries run there as on the embedded store.

The URL given to ``--store`` is the query endpoint. Updates go to the update endpoint: the same
URL with a trailing ``/query`` or ``/sparql`` replaced by ``/update`` (Oxigraph, Fuseki), else the
URL itself (Virtuoso); name it outright with ``POLICYKG_UPDATE_URL`` if the server differs.

Queries must see the union of the named graphs, as they do on the embedded store. Servers do that
by configuration (``oxigraph serve --union-default-graph``, Fuseki's ``unionDefaultGraph``,
Virtuoso and GraphDB by default); where the default graph is empty but named graphs are not, the
store names every graph in the request (``default-graph-uri``) instead, which is correct but slower.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from policykg.graph.namespaces import PKG, PREFIXES
from policykg.graph.store import NotSelect, Quad, QueryResult, StoreError, Triple, _body, _marks, from_ox, with_values
from policykg.graph.values import plain_json

_TIMEOUT = float(os.environ.get("POLICYKG_HTTP_TIMEOUT", "300"))


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
        self.location = url
        self.query_url = url
        self.update_url = update_url or os.environ.get("POLICYKG_UPDATE_URL") or _update_url(url)
        self._explicit_union: bool | None = None

    # -- HTTP -----------------------------------------------------------------------------------
    def _post(self, url: str, body: bytes, content_type: str, accept: str = "*/*") -> bytes:
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else exc.reason
            if exc.code == 400:
                raise StoreError(f"bad SPARQL: {message}") from None
            raise StoreError(f"{url}: HTTP {exc.code} {message}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason})") from None

    def _update(self, request: str) -> None:
        self._post(self.update_url, (_prologue() + request).encode("utf-8"), "application/sparql-update")
        self._explicit_union = None  # what the default graph holds may have changed

    def _select(self, sparql: str, union: bool) -> dict[str, Any]:
        params = [("query", _prologue() + sparql)]
        if union and self._needs_explicit_union():
            # The protocol makes the named graphs of the dataset only those it names, so name them
            # all again or GRAPH ?g patterns would find nothing.
            graphs = self.graph_names()
            params += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        body = urllib.parse.urlencode(params).encode("utf-8")
        raw = self._post(self.query_url, body, "application/x-www-form-urlencoded",
                         "application/sparql-results+json, application/n-triples;q=0.9")
        return {"raw": raw}

    def _needs_explicit_union(self) -> bool:
        if self._explicit_union is None:
            default = self._ask("ASK { ?s ?p ?o }")
            named = self._ask("ASK { GRAPH ?g { ?s ?p ?o } }")
            self._explicit_union = named and not default
        return self._explicit_union

    def _ask(self, sparql: str) -> bool:
        raw = self._post(self.query_url, urllib.parse.urlencode([("query", sparql)]).encode("utf-8"),
                         "application/x-www-form-urlencoded", "application/sparql-results+json")
        return bool(json.loads(raw)["boolean"])

    # -- GraphStore -----------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a query over the union of the named graphs; rows as on the embedded store."""
        text = with_values(sparql, bindings)
        raw = self._select(text, union=True)["raw"]
        if raw.lstrip().startswith(b"{"):
            data = json.loads(raw)
            if "boolean" in data:
                return bool(data["boolean"])
            return [{k: _term(v) for k, v in row.items()} for row in data["results"]["bindings"]]
        triples = ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)
        return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in triples]

    def select(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a SELECT over the union of the named graphs; rows of plain values."""
        raw = self._select(sparql, union=True)["raw"]
        data = json.loads(raw) if raw.lstrip().startswith(b"{") else {}
        if "results" not in data:
            raise NotSelect("not a SELECT query")
        names = list(data.get("head", {}).get("vars", []))
        return names, [tuple(plain_json(row.get(n)) for n in names) for row in data["results"]["bindings"]]

    def update(self, request: str) -> None:
        """Send SPARQL update operations as one request (servers apply a request atomically)."""
        self._update(request)

    def graph_names(self) -> list[str]:
        raw = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)["raw"]
        rows = json.loads(raw)["results"]["bindings"]
        return sorted(r["g"]["value"] for r in rows)

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple] | str, content_hash: str | None = None,
                      built_with: str | None = None, *, also: str | None = None) -> None:
        """Drop and refill one graph in one update request (servers apply a request atomically)."""
        g = ox.NamedNode(graph_iri)
        body = _body(g, triples, _marks(g, content_hash, built_with))
        request = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
        self._update(request + (" ;\n" + also if also else ""))

    def drop_graph(self, graph_iri: str) -> None:
        self._update(f"DROP SILENT GRAPH <{graph_iri}>")

    def graph_hash(self, graph_iri: str) -> tuple[str | None, str | None]:
        sparql = (f"SELECT ?h ?b WHERE {{ GRAPH <{graph_iri}> {{ <{graph_iri}> <{PKG.sha256}> ?h "
                  f"OPTIONAL {{ <{graph_iri}> <{PKG.builtWith}> ?b }} }} }}")
        rows = json.loads(self._select(sparql, union=False)["raw"])["results"]["bindings"]
        if not rows:
            return None, None
        return rows[0]["h"]["value"], rows[0].get("b", {}).get("value")

    def quads(self, graph_iri: str | None = None) -> Iterator[Quad]:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }} BIND(<{graph_iri}> AS ?g)" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        rows = json.loads(self._select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}", union=False)["raw"])
        for row in rows["results"]["bindings"]:
            yield _term(row["s"]), _term(row["p"]), _term(row["o"]), _term(row["g"])

    def count(self, graph_iri: str | None = None) -> int:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        rows = json.loads(self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", union=False)["raw"])
        return int(rows["results"]["bindings"][0]["n"]["value"])

    def close(self) -> None:
        """Nothing to release: every call is its own HTTP request."""

    def __enter__(self) -> "SparqlEndpointStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _update_url(url: str) -> str:
    for tail in ("/query", "/sparql"):
        if url.rstrip("/").endswith(tail):
            return url.rstrip("/")[: -len(tail)] + "/update"
    return url
