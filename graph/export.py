"""Export the graph: Turtle, N-Quads, JSON-LD, GraphML, or a CSV table of edges.

Formats and what they keep:

========  ====================================================================================
ttl       the union of all named graphs (what queries see), with the project prefixes
nq        every quad with its named graph: the bulk-load format for a SPARQL server
jsonld    the union, compacted with the project prefixes as ``@context``
graphml   the networkx view (:mod:`policykg.graph.nx_view`), for Gephi, yEd, Cytoscape
csv       one row per edge of the networkx view, with its proof sentence and line
========  ====================================================================================

Output is deterministic, so exporting an unchanged store twice gives identical files. From the
embedded store, ``nq`` and ``ttl`` are written by pyoxigraph's own serialiser straight to the file
(:func:`export_to`): the store's native dump speed, in constant memory. N-Quads come in the store's
index order; Turtle is the union of the named graphs, built in a scratch store first (Turtle has no
graphs, and a triple several files state is written once).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from policykg.graph.namespaces import PREFIXES
from policykg.graph.nx_view import to_networkx
from policykg.graph.store import GraphStore, to_ox

FORMATS = ("ttl", "nq", "jsonld", "graphml", "csv")
CSV_COLUMNS = ["source", "source_label", "source_type", "relation", "target", "target_label",
               "target_type", "line", "source_text"]


def _union_triples(store: GraphStore) -> list[tuple]:
    triples = {(s, p, o) for s, p, o, _ in store.quads()}
    return sorted(triples, key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))


def export_bytes(store: GraphStore, fmt: str) -> bytes:
    """Serialise the store in one of :data:`FORMATS`.

    Parameters
    ----------
    store : GraphStore
    fmt : str
        ``ttl``, ``nq``, ``jsonld``, ``graphml`` or ``csv``.

    Returns
    -------
    bytes
        UTF-8.

    Raises
    ------
    ValueError
        For an unknown format.

    Examples
    --------
    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.build import build_records
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum", "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}, "implements": ["91-KL/TW"]}], store)
    >>> b"pkg:implements" in export_bytes(store, "ttl")
    True
    >>> export_bytes(store, "csv").decode().splitlines()[0]
    'source,source_label,source_type,relation,target,target_label,target_type,line,source_text'
    """
    if fmt == "ttl":
        triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in _union_triples(store)]
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    if fmt == "nq":
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph() if g is None else to_ox(g))
                 for s, p, o, g in store.quads()]
        lines = (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8").splitlines(keepends=True)
        return "".join(sorted(lines)).encode("utf-8")
    if fmt == "jsonld":
        graph = Graph()
        for triple in _union_triples(store):
            graph.add(triple)
        return graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True,
                               indent=1).encode("utf-8")
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(_sorted_view(store), buffer, encoding="utf-8")
        return buffer.getvalue()
    if fmt == "csv":
        return edges_csv(store).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _sorted_view(store: GraphStore) -> nx.MultiDiGraph:
    view = to_networkx(store)
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(view.nodes(data=True)))
    ordered.add_edges_from(sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])))
    return ordered


def edges_csv(store: GraphStore) -> str:
    """Every edge of the networkx view as CSV (:data:`CSV_COLUMNS`), sorted.

    Returns
    -------
    str
    """
    view = _sorted_view(store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s, o, rel, data in view.edges(keys=True, data=True):
        writer.writerow([s, view.nodes[s].get("label", ""), view.nodes[s].get("type", ""), rel, o,
                         view.nodes[o].get("label", ""), view.nodes[o].get("type", ""),
                         data.get("line", ""), data.get("sourceText", "")])
    return out.getvalue()


def export(store: GraphStore, fmt: str, out: BinaryIO) -> int:
    """Write the store in ``fmt`` to a binary stream; returns the number of bytes written."""
    data = export_bytes(store, fmt)
    out.write(data)
    return len(data)


def streams(store: GraphStore, fmt: str) -> bool:
    """True when :func:`export_to` streams ``fmt`` through pyoxigraph (the embedded store, nq/ttl)."""
    from policykg.graph.store import OxigraphStore

    return isinstance(store, OxigraphStore) and fmt in ("nq", "ttl")


def export_to(store: GraphStore, fmt: str, path: str | Path) -> int:
    """Write the store in ``fmt`` to the file ``path``; returns its size in bytes.

    N-Quads and Turtle from the embedded store stream from pyoxigraph's serialiser to the file, at
    the store's native dump speed (the bulk-load file for a SPARQL server); other formats and
    stores go through :func:`export_bytes`.

    Examples
    --------
    >>> import tempfile
    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.build import build_records
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"}}], store)
    >>> out = Path(tempfile.mkdtemp()) / "graph.nq"
    >>> export_to(store, "nq", out) == out.stat().st_size > 0
    True
    """
    from policykg.graph.store import OxigraphStore

    path = Path(path)
    if not streams(store, fmt):
        data = export_bytes(store, fmt)
        path.write_bytes(data)
        return len(data)
    assert isinstance(store, OxigraphStore)
    if fmt == "nq":
        with path.open("wb", buffering=1 << 20) as out:  # pyoxigraph writes small pieces: buffer them
            store.dump(ox.RdfFormat.N_QUADS, output=out)
    else:
        union = ox.Store()
        union.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                          for q in store.oxigraph.quads_for_pattern(None, None, None, None))
        with path.open("wb", buffering=1 << 20) as out:
            union.dump(out, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    return path.stat().st_size
