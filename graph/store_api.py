"""What every store shares: the :class:`GraphStore` interface, its errors and the text of the
requests that fill a graph.

Both implementations import this module and nothing of each other: the embedded store
(:mod:`policykg.graph.store`) and a SPARQL endpoint (:mod:`policykg.graph.endpoint`).
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Protocol, Union

import pyoxigraph as ox
from rdflib import Literal, URIRef  # noqa: F401  (the examples below)
from rdflib.term import Node

from policykg.graph.namespaces import PKG
from policykg.graph.values import to_ox

Triple = tuple[Node, Node, Node]
# The fourth term is the named graph, None for the default graph.
Quad = tuple[Node, Node, Node, Node | None]
QueryResult = Union[list[dict[str, Node]], bool, list[Triple]]

# The marks a source graph carries about itself, read back by :meth:`GraphStore.graph_states`.
MARKS = {"sha256": str(PKG.sha256), "built_with": str(PKG.builtWith), "size": str(PKG.sourceSize),
         "mtime_ns": str(PKG.sourceModified)}
# Every graph's state in one literal (pkg:stateIndex), written at the end of a build, so the next
# build reads them all in one lookup instead of one pass over every graph's marks. It is trusted
# only while pkg:stateIndexValid is present: every graph write or drop deletes that mark in the
# same request, so an index that no longer matches the graphs is never read.
STATE_GRAPH = "https://w3id.org/policykg/id/graph/state"
INVALIDATE = (f"DELETE WHERE {{ GRAPH <{STATE_GRAPH}> {{ <{STATE_GRAPH}> <{PKG.stateIndexValid}> ?valid }} }}")


class StoreError(Exception):
    """A store that cannot be opened or used; the message says why in one line."""


class NotSelect(StoreError):
    """:meth:`GraphStore.select` was given a query that is not a SELECT."""


class GraphState(NamedTuple):
    """What a source graph says of the file it was built from (None where it says nothing).

    ``size`` and ``mtime_ns`` are the file's size and modification time when it was read: when both
    are unchanged the file is taken as unchanged without being read again.
    """

    sha256: str | None = None
    built_with: str | None = None
    size: int | None = None
    mtime_ns: int | None = None


class GraphStore(Protocol):
    """What policykg needs from a quad store. Named graphs are IRIs (``str``)."""

    location: str

    def graph_names(self) -> list[str]:
        """Every named graph, sorted."""

    def replace_graph(self, graph_iri: str, triples: Iterable[Triple] | str, content_hash: str | None = None,
                      built_with: str | None = None, *, also: str | None = None,
                      stat: tuple[int, int | None] | None = None) -> None:
        """Make ``graph_iri`` hold exactly ``triples`` (plus its marks: hash, code, the file's size
        and modification time), atomically, applying the SPARQL update operations ``also`` in the
        same transaction."""

    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph and its triples."""

    def graph_hash(self, graph_iri: str) -> tuple[str | None, str | None]:
        """The ``(content hash, built-with)`` stored with a graph, ``(None, None)`` if absent."""

    def graph_states(self) -> dict[str, GraphState]:
        """Every graph's marks (:class:`GraphState`) in one lookup, graph IRI -> state."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run SPARQL over the union of the named graphs."""

    def select(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a SELECT over the union; its variables and rows of plain values
        (:mod:`policykg.graph.values`), with no rdflib term built on the way."""

    def update(self, request: str) -> None:
        """Apply SPARQL 1.1 update operations as one request (one transaction where the store has them)."""

    def quads(self, graph_iri: str | None = None) -> Iterator[Quad]:
        """Every quad (s, p, o, graph), or those of one graph."""

    def count(self, graph_iri: str | None = None) -> int:
        """Number of quads in the store or in one graph."""

    def optimize(self) -> None:
        """Compact the store after a bulk load (a no-op where the server keeps its own files)."""

    def close(self) -> None:
        """Release the store."""


def with_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """``sparql`` with ``bindings`` appended as a trailing ``VALUES`` clause.

    Examples
    --------
    >>> print(with_values("SELECT ?t WHERE { ?a ?p ?t }", {"a": URIRef("urn:a")}))
    SELECT ?t WHERE { ?a ?p ?t }
    VALUES (?a) { (<urn:a>) }
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(str(to_ox(v)) for v in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"


def to_ntriples(triples: Iterable[Triple]) -> str:
    """Triples as N-Triples lines (the body of an ``INSERT DATA``), for passing between processes.

    Examples
    --------
    >>> to_ntriples([(URIRef("urn:a"), URIRef("urn:p"), Literal("Sở Y tế", lang="vi"))])
    '<urn:a> <urn:p> "Sở Y tế"@vi .'
    """
    return "\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in triples)


def replace_request(graph_iri: str, triples: Iterable[Triple] | str, content_hash: str | None = None,
                    built_with: str | None = None, stat: tuple[int, int | None] | None = None,
                    also: str | None = None) -> str:
    """The one SPARQL update request that replaces a graph with ``triples`` and its marks.

    Examples
    --------
    >>> print(replace_request("urn:g", "<urn:a> <urn:p> <urn:b> .", "abc", stat=(10, None)))
    DROP SILENT GRAPH <urn:g> ;
    INSERT DATA { GRAPH <urn:g> {
    <urn:a> <urn:p> <urn:b> .
    <urn:g> <https://w3id.org/policykg/ns#sha256> "abc" .
    <urn:g> <https://w3id.org/policykg/ns#sourceSize> "10"^^<http://www.w3.org/2001/XMLSchema#integer> .
    } } ;
    DELETE WHERE { GRAPH <https://w3id.org/policykg/id/graph/state> { <https://w3id.org/policykg/id/graph/state> <https://w3id.org/policykg/ns#stateIndexValid> ?valid } }
    """
    g = ox.NamedNode(graph_iri)
    lines = triples if isinstance(triples, str) else to_ntriples(triples)
    body = "\n".join(filter(None, [lines, *(f"{g} {p} {o} ." for p, o in _marks(content_hash, built_with, stat))]))
    request = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }} ;\n{INVALIDATE}"
    return request + (" ;\n" + also if also else "")


def restat_request(graph_iri: str, stat: tuple[int, int | None]) -> str:
    """The update that records a file's new size and modification time on its graph (its bytes,
    hashed again, were found unchanged), so the next build skips it without reading it."""
    g = ox.NamedNode(graph_iri)
    size, mtime = ox.NamedNode(MARKS["size"]), ox.NamedNode(MARKS["mtime_ns"])
    marks = " ".join(f"{g} {p} {o} ." for p, o in _marks(None, None, stat))
    return (f"DELETE WHERE {{ GRAPH {g} {{ {g} {size} ?size }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {g} {{ {g} {mtime} ?mtime }} }} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{ {marks} }} }} ;\n{INVALIDATE}")


def drop_request(graph_iri: str) -> str:
    """The update that drops a graph (and, with it, the validity of the state index)."""
    return f"DROP SILENT GRAPH <{graph_iri}> ;\n{INVALIDATE}"


class StateIndex(NamedTuple):
    """The state index as read: every graph's state, and the parts it was stored in.

    Attributes
    ----------
    states : dict
        Graph IRI -> :class:`GraphState`: the base with the delta applied.
    base_size : int
        Entries in the base (written whole now and then).
    delta : dict
        Graph IRI -> state (None: the graph was dropped) written since the base.
    total : int or None
        The sum of the source graphs' terms of the files' digest
        (:func:`policykg.graph.summary.file_term`) as the build that wrote the index left it;
        None when the index does not say.
    """

    states: dict[str, GraphState]
    base_size: int
    delta: dict[str, GraphState | None]
    total: int | None = None


def read_state_index(store: "GraphStore") -> dict[str, GraphState] | None:
    """Every graph's state from the state index, in one lookup; None when there is no valid index
    (then :meth:`GraphStore.graph_states` reads the graphs' own marks)."""
    index = read_state_index_parts(store)
    return None if index is None else index.states


def read_state_index_parts(store: "GraphStore") -> StateIndex | None:
    """The state index with its base and delta (:class:`StateIndex`); None when there is no valid index."""
    _, rows = store.select(f"SELECT ?index ?delta WHERE {{ GRAPH <{STATE_GRAPH}> {{ <{STATE_GRAPH}> "
                           f"<{PKG.stateIndexValid}> true ; <{PKG.stateIndex}> ?index "
                           f"OPTIONAL {{ <{STATE_GRAPH}> <{PKG.stateIndexDelta}> ?delta }} }} }}")
    if len(rows) != 1:
        return None
    base_read = _index_read(str(rows[0][0]))
    delta_read = _index_read(str(rows[0][1])) if rows[0][1] is not None else ({}, None)
    if base_read is None or delta_read is None:
        return None
    (base, base_total), (delta, delta_total) = base_read, delta_read
    states = {g: s for g, s in base.items() if s is not None}
    for graph, state in delta.items():
        if state is None:
            states.pop(graph, None)
        else:
            states[graph] = state
    return StateIndex(states, len(base), delta, delta_total if rows[0][1] is not None else base_total)


def state_index_request(states: Mapping[str, GraphState], total: int | None = None) -> str:
    """The update that stores ``states`` whole as the (valid) state index, with no delta.

    IRIs are stored after their common prefix and the code fingerprint (the same for nearly every
    graph) once, which halves the text; between two such writes a build stores only the states it
    changed (:func:`state_delta_request`).

    Examples
    --------
    >>> "stateIndexValid" in state_index_request({"urn:g": GraphState("abc", "v", 10, None)})
    True
    >>> states = {"urn:s/a": GraphState("abc", "v", 10, None), "urn:s/b": GraphState("def", None, 3, 7)}
    >>> _index_entries(_index_text(states)) == states
    True
    """
    index = ox.Literal(_index_text(states, total))
    s = f"<{STATE_GRAPH}>"
    return (f"DROP SILENT GRAPH {s} ;\n"
            f"INSERT DATA {{ GRAPH {s} {{ {s} <{PKG.stateIndex}> {index} ; <{PKG.stateIndexValid}> true }} }}")


def state_delta_request(delta: Mapping[str, GraphState | None], total: int | None = None) -> str:
    """The update that makes the state index valid again with ``delta`` (graph IRI -> its state,
    None for a dropped graph) over the base it holds: all that changed since the base was written,
    so a build that changed one file writes one entry, not every file's.

    Examples
    --------
    >>> request = state_delta_request({"urn:g": None})
    >>> "stateIndexDelta" in request and "stateIndexValid" in request and "DROP" not in request
    True
    >>> "null" in request, "null" in state_delta_request({})
    (True, False)
    """
    s, d = f"<{STATE_GRAPH}>", f"<{PKG.stateIndexDelta}>"
    # An empty delta is no statement, so a build that rewrote files with the same states leaves
    # the state graph as it was.
    stated = f"{s} {d} {ox.Literal(_index_text(delta, total))} . " if delta else ""
    return (f"DELETE WHERE {{ GRAPH {s} {{ {s} {d} ?delta }} }} ;\n"
            f"INSERT DATA {{ GRAPH {s} {{ {stated}{s} <{PKG.stateIndexValid}> true }} }}")


def _index_text(states: Mapping[str, GraphState | None], total: int | None = None) -> str:
    import json
    import os.path

    prefix = os.path.commonprefix(list(states)) if len(states) > 1 else ""
    codes: dict[str | None, int] = {}
    graphs = {g[len(prefix):]: None if s is None else [s.sha256, codes.setdefault(s.built_with, len(codes)),
                                                       s.size, s.mtime_ns]
              for g, s in sorted(states.items())}
    data = {"v": 2, "prefix": prefix, "codes": list(codes), "graphs": graphs}
    if total is not None:
        data["sum"] = f"{total:x}"
    return json.dumps(data, separators=(",", ":"))


def _index_entries(text: str) -> dict[str, GraphState | None] | None:
    """The entries an index text holds (None for a dropped graph); None for a text this version
    cannot read (the build then reads the graphs' own marks and writes the index anew)."""
    read = _index_read(text)
    return None if read is None else read[0]


def _index_read(text: str) -> tuple[dict[str, GraphState | None], int | None] | None:
    """The entries of an index text and the ``sum`` it carries (:attr:`StateIndex.total`, None
    without one); None for a text this version cannot read."""
    import json

    try:
        data = json.loads(text)
        prefix, codes = data["prefix"], data["codes"]
        entries = {prefix + g: None if entry is None else GraphState(entry[0], codes[entry[1]], entry[2], entry[3])
                   for g, entry in data["graphs"].items()}
        return entries, int(data["sum"], 16) if "sum" in data else None
    except (TypeError, ValueError, KeyError, IndexError):
        return None


def _marks(content_hash: str | None, built_with: str | None,
           stat: tuple[int, int | None] | None) -> list[tuple[Any, Any]]:
    marks = []
    if content_hash:
        marks.append((ox.NamedNode(MARKS["sha256"]), ox.Literal(content_hash)))
    if built_with:
        marks.append((ox.NamedNode(MARKS["built_with"]), ox.Literal(built_with)))
    if stat is not None:
        integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        marks.append((ox.NamedNode(MARKS["size"]), ox.Literal(str(stat[0]), datatype=integer)))
        if stat[1] is not None:
            marks.append((ox.NamedNode(MARKS["mtime_ns"]), ox.Literal(str(stat[1]), datatype=integer)))
    return marks


def state_of(marks: Mapping[str, Any]) -> GraphState:
    """A :class:`GraphState` from property IRI -> value (as read from a graph).

    Examples
    --------
    >>> state_of({MARKS["sha256"]: "abc", MARKS["size"]: "10"})
    GraphState(sha256='abc', built_with=None, size=10, mtime_ns=None)
    """
    def integer(value: Any) -> int | None:
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    return GraphState(
        sha256=None if marks.get(MARKS["sha256"]) is None else str(marks[MARKS["sha256"]]),
        built_with=None if marks.get(MARKS["built_with"]) is None else str(marks[MARKS["built_with"]]),
        size=integer(marks.get(MARKS["size"])), mtime_ns=integer(marks.get(MARKS["mtime_ns"])))


__all__ = ["GraphState", "GraphStore", "MARKS", "NotSelect", "Quad", "QueryResult", "STATE_GRAPH", "StoreError", "Triple",
           "StateIndex", "drop_request", "read_state_index", "read_state_index_parts", "replace_request",
           "restat_request", "state_delta_request", "state_index_request", "state_of",
           "to_ntriples", "with_values"]
