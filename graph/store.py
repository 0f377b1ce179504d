"""Where the graph lives: a small store interface and its embedded Oxigraph implementation.

Everything above this module (build, stats, export, queries) talks to :class:`GraphStore`, so a
remote SPARQL 1.1 endpoint can stand in for the embedded store later. Terms crossing the interface
are rdflib terms (``URIRef``, ``Literal``, ``BNode``), whatever the backend.

Queries see the union of all named graphs as their default graph: each source file has its own
named graph, and questions are about all of them at once. Oxigraph's union is a multiset: a triple
stated by three files matches three times, so queries say ``DISTINCT`` / ``COUNT(DISTINCT …)``
(which also keeps them right on endpoints whose union is a set).

Why Oxigraph: on 300k triples a trace ran 68x and an aggregate 49x faster than rdflib's in-memory
store, and it keeps the graph on disk between commands.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, TypeVar

import pyoxigraph as ox
from rdflib import Literal, URIRef  # noqa: F401  (the examples below)
from rdflib.term import Node

from policykg.graph.namespaces import PREFIXES
from policykg.graph.store_api import (
    MARKS,
    GraphState,
    GraphStore,
    NotSelect,
    Quad,
    QueryResult,
    StoreError,
    Triple,
    drop_request,
    replace_request,
    state_of,
    to_ntriples,
    with_values,
)
from policykg.graph.values import from_ox, node_from_ox, plain_ox, to_ox  # noqa: F401  (from_ox, to_ox: used from here)
from policykg.vietnamese.messages import first_line

DEFAULT_STORE = Path(".policykg") / "store"
STORE_ENV = "POLICYKG_STORE"
MEMORY = ":memory:"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

T = TypeVar("T")
# Re-exported: the interface and its request text live in store_api, shared with the endpoint.
__all__ = ["DEFAULT_STORE", "GraphState", "GraphStore", "MEMORY", "NotSelect", "OxigraphStore", "Quad",
           "QueryResult", "STORE_ENV", "StoreError", "Triple", "open_store", "store_location", "to_ntriples",
           "with_values"]


class OxigraphStore:
    """The embedded store: Oxigraph (RocksDB) on disk, or in memory for ``":memory:"``.

    Parameters
    ----------
    location : str or Path
        A folder (created if missing) or ``":memory:"``.
    read_only : bool
        Open without the write lock, so several readers can share a store.

    Examples
    --------
    >>> s = OxigraphStore(MEMORY)
    >>> s.replace_graph("urn:g", [(URIRef("urn:a"), URIRef("urn:p"), Literal("x"))], content_hash="abc")
    >>> s.count("urn:g"), s.graph_hash("urn:g")
    (2, ('abc', None))
    >>> s.query("SELECT ?o WHERE { <urn:a> ?p ?o }")
    [{'o': rdflib.term.Literal('x')}]
    """

    def __init__(self, location: str | Path, *, read_only: bool = False) -> None:
        self.location = str(location)
        self.read_only = read_only and self.location != MEMORY
        try:
            if self.location == MEMORY:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(self.location)
            else:
                self._ox = ox.Store(self.location)
        except OSError as exc:
            raise StoreError(f"cannot open store {self.location}: {first_line(exc)}") from exc

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for callers that need its full API)."""
        return self._ox

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple] | str, content_hash: str | None = None,
                      built_with: str | None = None, *, also: str | None = None,
                      stat: tuple[int, int | None] | None = None) -> None:
        """Make ``graph_iri`` hold exactly ``triples``, plus ``<graph> pkg:sha256 hash`` and the
        other marks (:func:`~policykg.graph.store_api.replace_request`).

        Everything happens in one SPARQL update request, which Oxigraph applies as one transaction:
        the old graph is dropped, the new one inserted with its hash, and ``also`` (further update
        operations, e.g. clearing derived marks the new graph makes stale) applied, or nothing is.
        A process killed mid-build therefore leaves each document fully loaded or not at all.
        (``bulk_extend`` is faster but promises no atomicity, so it is not used for documents.)
        """
        self._ox.update(replace_request(graph_iri, triples, content_hash, built_with, stat, also))

    def drop_graph(self, graph_iri: str) -> None:
        if self._ox.contains_named_graph(ox.NamedNode(graph_iri)):
            self._ox.update(drop_request(graph_iri))

    def graph_hash(self, graph_iri: str) -> tuple[str | None, str | None]:
        g = ox.NamedNode(graph_iri)
        found = {}
        for prop in (MARKS["sha256"], MARKS["built_with"]):
            for quad in self._ox.quads_for_pattern(g, ox.NamedNode(prop), None, g):
                found[prop] = getattr(quad.object, "value", "")
        return found.get(MARKS["sha256"]), found.get(MARKS["built_with"])

    def graph_states(self) -> dict[str, GraphState]:
        """Every graph's marks in one pass per mark over the predicate index (a graph marks only
        itself, so a quad ``<g> mark value`` in graph ``g`` is the state of ``g``).

        Examples
        --------
        >>> s = OxigraphStore(MEMORY)
        >>> s.replace_graph("urn:g", [], content_hash="abc", stat=(10, 20))
        >>> s.graph_states()
        {'urn:g': GraphState(sha256='abc', built_with=None, size=10, mtime_ns=20)}
        """
        found: dict[str, dict[str, str]] = {}
        for prop in MARKS.values():
            for quad in self._ox.quads_for_pattern(None, ox.NamedNode(prop), None, None):
                graph = quad.graph_name
                if isinstance(graph, ox.NamedNode) and quad.subject == graph:
                    found.setdefault(graph.value, {})[prop] = getattr(quad.object, "value", "")
        return {g: state_of(marks) for g, marks in found.items()}

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all named graphs.

        Parameters
        ----------
        sparql : str
            SELECT, ASK or CONSTRUCT. The prefixes of :data:`PREFIXES` are predeclared.
        bindings : mapping, optional
            Variable name -> term, joined as a trailing ``VALUES`` clause (so the variable need
            not be projected, and the same text runs on any SPARQL 1.1 endpoint).

        Returns
        -------
        list of dict, bool, or list of triples
            SELECT rows map each bound variable to an rdflib term (unbound ones left out).
        """
        return self._run(with_values(sparql, bindings), _rdflib_rows)

    def select(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a SELECT over the union of all named graphs; rows of plain values.

        Raises
        ------
        StoreError
            Malformed SPARQL, or not a SELECT.

        Examples
        --------
        >>> s = OxigraphStore(MEMORY)
        >>> s.replace_graph("urn:g", [(URIRef("urn:a"), URIRef("urn:p"), Literal(3))])
        >>> s.select("SELECT ?s ?o WHERE { ?s ?p ?o }")
        (['s', 'o'], [('urn:a', 3)])
        """
        return self._run(sparql, _plain_rows)

    def update(self, request: str) -> None:
        """Apply SPARQL update operations in one transaction.

        Raises
        ------
        StoreError
            Malformed SPARQL update.
        """
        try:
            self._ox.update(request, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise StoreError(f"bad SPARQL update: {first_line(exc)}") from exc

    def _run(self, sparql: str, rows: Callable[[Any], T]) -> T:
        """Run a query and read its results with ``rows`` (results come lazily, so errors too)."""
        try:
            return rows(self._ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise StoreError(f"bad SPARQL: {first_line(exc)}") from exc
        except (OSError, RuntimeError) as exc:  # a SERVICE request that failed, a failing disk
            raise StoreError(f"the query failed: {first_line(exc)}") from None

    def quads(self, graph_iri: str | None = None) -> Iterator[Quad]:
        graph = ox.NamedNode(graph_iri) if graph_iri else None
        for q in self._ox.quads_for_pattern(None, None, None, graph):
            yield node_from_ox(q.subject), node_from_ox(q.predicate), node_from_ox(q.object), from_ox(q.graph_name)

    def count(self, graph_iri: str | None = None) -> int:
        if graph_iri is None:
            return len(self._ox)
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def dump(self, fmt: ox.RdfFormat, *, from_graph: str | None = None,
             output: IO[bytes] | str | Path | None = None) -> bytes | None:
        """Serialise the whole dataset (quad formats) or one graph with pyoxigraph's own writer.

        With ``output`` (a binary stream or a path) the serialisation streams there and nothing is
        returned; without it, the bytes are returned.
        """
        graph = ox.NamedNode(from_graph) if from_graph else None
        kwargs: dict[str, Any] = {"prefixes": PREFIXES} if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
        target = str(output) if isinstance(output, Path) else output
        return self._ox.dump(target, format=fmt, from_graph=graph, **kwargs)

    def rdflib_dataset(self):
        """The store as an rdflib ``Dataset`` (oxrdflib plugin) whose default graph is the union."""
        from oxrdflib import OxigraphStore as RdflibOxigraph
        from rdflib import Dataset

        return Dataset(store=RdflibOxigraph(store=self._ox), default_union=True)

    def flush(self) -> None:
        """Write what is buffered to disk (a full or failing disk: :class:`StoreError`)."""
        if self.location != MEMORY and self._ox is not None and not self.read_only:
            try:
                self._ox.flush()
            except OSError as exc:
                raise StoreError(f"cannot write the store {self.location}: {first_line(exc)}") from None

    def optimize(self) -> None:
        """Compact the database (RocksDB's full compaction), as after a bulk load.

        Each write of a build leaves small files that RocksDB merges in background threads; a
        process that exits soon after a large build leaves that merge undone, and every later
        command starts it again and drops it at exit (measured at 10,000 documents: 0.13 s of CPU
        wasted by each command until a compaction completes; 5.5 s to compact once).
        """
        if self.location != MEMORY and self._ox is not None and not self.read_only:
            try:
                self._ox.optimize()
            except OSError as exc:
                raise StoreError(f"cannot write the store {self.location}: {first_line(exc)}") from None

    def close(self) -> None:
        """Flush and let go of the database; closing twice is harmless (and the database is let go
        even when the flush fails)."""
        try:
            self.flush()
        finally:
            self._ox = None  # type: ignore[assignment]  # RocksDB releases its lock when the last reference goes

    def __enter__(self) -> "OxigraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rdflib_rows(result: Any) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return [(node_from_ox(t.subject), node_from_ox(t.predicate), node_from_ox(t.object)) for t in result]
    names = [v.value for v in result.variables]
    return [{n: node_from_ox(row[n]) for n in names if row[n] is not None} for row in result]


def _plain_rows(result: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    if not isinstance(result, ox.QuerySolutions):
        raise NotSelect("not a SELECT query")
    names = [v.value for v in result.variables]
    return names, [tuple(map(plain_ox, row)) for row in result]


def store_location(location: str | Path | None = None) -> str:
    """Where the store is: the argument, else ``$POLICYKG_STORE``, else ``.policykg/store``.

    Examples
    --------
    >>> store_location("/tmp/kg")
    '/tmp/kg'
    """
    if location:
        return str(location)
    return os.environ.get(STORE_ENV) or str(DEFAULT_STORE)


def open_store(location: str | Path | None = None, *, create: bool = True,
               read_only: bool = False) -> "GraphStore":
    """Open the store at a path (or ``":memory:"``); see :func:`store_location` for the default.

    Parameters
    ----------
    location : str or Path, optional
    create : bool
        If False, a store that does not exist yet is an error instead of being created.
    read_only : bool
        Open without the write lock.

    Returns
    -------
    GraphStore
        An embedded :class:`OxigraphStore`, or for an ``http(s)://`` URL a
        :class:`~policykg.graph.endpoint.SparqlEndpointStore` (a bare server address such as
        ``http://127.0.0.1:7878`` means its ``/query`` endpoint).

    Raises
    ------
    StoreError
        A missing store with ``create=False``, a store that cannot be opened, or a URL that is
        malformed or not ``http(s)://``.
    """
    where = store_location(location)
    if _URL.match(where):  # any scheme://: an endpoint, or refused (ftp:// is no folder)
        from policykg.graph.endpoint import SparqlEndpointStore

        return SparqlEndpointStore(where)
    if where != MEMORY and not create and not Path(where).is_dir():
        raise StoreError(f"no store at {where}; run 'policykg build' first or give --store")
    if where != MEMORY and create:
        try:
            Path(where).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store {where}: {exc.strerror or exc}") from exc
    return OxigraphStore(where, read_only=read_only and where != MEMORY)
