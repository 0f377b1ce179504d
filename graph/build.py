"""Build the graph: extraction records -> one named graph each in the store.

Loading is incremental. Each source's named graph carries the SHA-256 of its content and the
fingerprint of the code that built it (``built_with``); an unchanged one is skipped, a changed one
has its graph replaced in one transaction. The derived graphs -- the marks of documents known only
from citations (``pkg:loaded false``) and the load summary (:mod:`policykg.graph.summary`) -- are
then brought up to date for the documents and places the changed graphs touch (:class:`Changes`),
so a build costs what changed, not what the store holds.

Files, reading and extraction belong to the pipeline (:mod:`policykg.pipeline`), which calls the
writers here; this module only takes records and triples.
"""
from __future__ import annotations

import copy
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Literal, URIRef

from policykg.graph.convert import SOURCE_GRAPH_PREFIX, RecordGraph, source_iri
from policykg.graph.inputs import convert_record, sha256_bytes
from policykg.graph.namespaces import ID, PKG
from policykg.graph.record_schema import check_record
from policykg.graph.store_api import (
    GraphState,
    GraphStore,
    StateIndex,
    StoreError,
    Triple,
    read_state_index_parts,
    restat_request,
    state_delta_request,
    state_index_request,
)
from policykg.graph.summary import refresh_summary, stored_digest
from policykg.graph.summary_facts import EMPTY, FactLog, facts_query, parse_facts
from policykg.graph.summary_stats import kept_current, refresh_stats
from policykg.loaders.files import is_disk_full
from policykg.vietnamese.messages import one_line
from policykg.vietnamese.tones import nfc_squeezed

__all__ = ["BuildResult", "CONVERSION_MODULES", "Changes", "DERIVED_GRAPH", "build_records", "conversion_files",
           "conversion_fingerprint", "forget_source", "load_graph", "load_triples", "record_hash",
           "refresh_after_write", "refresh_derived", "sha256_bytes", "source_graphs"]

DERIVED_GRAPH = f"{ID}graph/derived"
# The state index's delta is written alone while it holds at most this share of the base's entries
# (or DELTA_MIN entries); past that the whole index is written again and the delta starts empty.
DELTA_SHARE = 0.125
DELTA_MIN = 64

# The graph modules that decide which triples a record becomes (a change to them rebuilds all).
CONVERSION_MODULES = ("convert", "documents", "agencies", "places", "namespaces")


@dataclass
class BuildResult:
    """What a build did.

    Attributes
    ----------
    built : list of str
        Source names whose graph was loaded or replaced.
    skipped : list of str
        Source names left alone because their bytes and the code are unchanged.
    failed : list of str
        One line per input that could not be read or converted.
    warnings : list of str
        One line per thing dropped on the way (an impossible date), naming file and line.
    stopped : str or None
        Why the build stopped early: the store could not be written (a full disk).
    """

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stopped: str | None = None

    def summary(self) -> str:
        """The one-line summary the CLI prints.

        Examples
        --------
        >>> BuildResult(built=["a"], skipped=["b", "c"]).summary()
        'built 1 documents (2 skipped unchanged, 0 failed)'
        """
        return (f"built {len(self.built)} documents ({len(self.skipped)} skipped unchanged, "
                f"{len(self.failed)} failed)")


@lru_cache(maxsize=1)
def conversion_fingerprint() -> str:
    """Fingerprint of the graph code that turns a record into triples (:data:`CONVERSION_MODULES`).

    Stored with every graph built from a record (``built_with``), so changing the conversion
    rebuilds records whose content did not change. The pipeline stores a wider one that also
    covers the loaders (:func:`policykg.pipeline.built_with`).

    Examples
    --------
    >>> conversion_fingerprint().startswith("policykg graph ")
    True
    """
    digest = hashlib.sha256()
    for path in conversion_files():
        digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return f"policykg graph {digest.hexdigest()[:16]}"


def conversion_files() -> list[Path]:
    """The source files whose code decides a record's triples: :data:`CONVERSION_MODULES` and the
    Vietnamese text base they normalise names with."""
    import policykg.vietnamese

    folder = Path(__file__).parent
    text_base = sorted(Path(policykg.vietnamese.__file__).parent.glob("*.py"))
    return [folder / f"{name}.py" for name in CONVERSION_MODULES if (folder / f"{name}.py").exists()] + text_base


class Changes:
    """The documents and places a build's writes touch, before and after each write, so the
    derived graphs are refreshed for those only (:func:`refresh_after_write`).

    Parameters
    ----------
    store : GraphStore
    states : dict, optional
        Graph IRI -> :class:`~policykg.graph.store_api.GraphState` as read at the start of the
        build (:meth:`GraphStore.graph_states`); kept up to date by :meth:`wrote`.
    """

    def __init__(self, store: GraphStore, states: dict[str, GraphState] | None = None) -> None:
        self.store = store
        self.index: StateIndex | None = read_state_index_parts(store) if states is None else None
        self.states = dict(self.index.states if self.index is not None else read_states(store) if states is None
                           else states)
        self.summary_was_current = _summary_current_for(store, self.states)
        self.docs: set[str] = set()
        self.places: set[str] = set()
        self.graphs: set[str] = set()
        self.restated: set[str] = set()
        self.facts = FactLog()  # what the changed graphs held, for the kept stats

    def before(self, graph_iri: str) -> None:
        """Note what ``graph_iri`` holds now, before it is replaced or dropped (a graph the build
        has no state of is new, and holds nothing)."""
        if graph_iri in self.states:
            self.note(graph_iri)

    def wrote(self, graph_iri: str, state: GraphState | None) -> None:
        """Note what ``graph_iri`` holds after a write (``state`` None: it was dropped)."""
        self.graphs.add(graph_iri)
        if state is None:
            self.states.pop(graph_iri, None)
            self.facts.saw(graph_iri, EMPTY, after=True)
            return
        self.states[graph_iri] = state
        self.note(graph_iri)

    def note(self, graph_iri: str) -> None:
        """Add the documents ``graph_iri`` types and the places it names, and keep what the
        stats count of it (:class:`~policykg.graph.summary_facts.FactLog`): before the build's
        first write of it, or after its last."""
        # One small query of one graph: the nodes it types, places, plans and loads, its size.
        facts = parse_facts(self.store.select(facts_query(graph_iri))[1])
        self.docs.update(n for n, c in facts.types if c == str(PKG.Document))
        self.places.update(p for _, p in facts.placed)
        self.facts.saw(graph_iri, facts, after=graph_iri in self.graphs)


def read_states(store: GraphStore) -> dict[str, GraphState]:
    """Every graph's state from the graphs' own marks (one pass per mark), with every source graph
    listed, an empty state for one with no marks (loaded by other means)."""
    states = store.graph_states()
    for graph in store.graph_names():
        if graph.startswith(SOURCE_GRAPH_PREFIX) and graph not in states:
            states[graph] = GraphState()
    return states


def save_state_index(store: GraphStore, changes: Changes) -> None:
    """Store the build's states as the state index, when they differ from the one the build read
    (one request, so the next build reads them in one lookup).

    A build that read a valid index writes only what it changed, as the index's delta, while the
    delta stays small beside the base (:data:`DELTA_SHARE`); past that, or without a valid index,
    every state is written whole. So the write costs the change, and the read stays one lookup.
    """
    touched = {g for g in changes.graphs | changes.restated if g.startswith(SOURCE_GRAPH_PREFIX)}
    index = changes.index
    if index is not None and not touched:
        return
    if index is not None:
        delta = {**index.delta, **{g: changes.states.get(g) for g in touched
                                   if changes.states.get(g) != index.states.get(g)}}
        if len(delta) <= max(DELTA_MIN, DELTA_SHARE * index.base_size):
            store.update(state_delta_request(delta))
            return
    source = {g: s for g, s in changes.states.items() if g.startswith(SOURCE_GRAPH_PREFIX)}
    store.update(state_index_request(source))


def _summary_current_for(store: GraphStore, states: dict[str, GraphState]) -> bool:
    from policykg.graph.summary import sources_digest, state_files, stored_digest

    return stored_digest(store) == sources_digest(state_files(states))


def record_hash(record: dict) -> str:
    """Hex SHA-256 of a record's canonical JSON (NFC, sorted keys): the content hash of a record
    that did not come from a file.

    Examples
    --------
    >>> import unicodedata
    >>> record_hash({"a": "Ủy"}) == record_hash({"a": unicodedata.normalize("NFD", "Ủy")})
    True
    """
    from policykg.vietnamese.tones import nfc_squeezed_deep

    text = json.dumps(nfc_squeezed_deep(record), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256_bytes(text.encode("utf-8"))


def load_graph(store: GraphStore, rg: RecordGraph, content_hash: str, built_with: str | None = None) -> None:
    """Put one converted record into the store; see :func:`load_triples`."""
    load_triples(store, rg.graph_iri, rg.triples, content_hash, built_with)


def load_triples(store: GraphStore, graph_iri: str, triples: Iterable[Triple] | str, content_hash: str,
                 built_with: str | None = None, stat: tuple[int, int | None] | None = None) -> None:
    """Put one converted record into the store, replacing its graph, with its hash, the code that
    built it (default :func:`conversion_fingerprint`) and the file's size and modification time.

    In the same transaction the derived marks are kept right: documents this graph loads lose their
    "not loaded" mark and documents it only cites gain one. So every document has exactly one mark
    at every moment, even if the build is killed before :func:`refresh_derived` runs.
    """
    g, derived, loaded = f"<{graph_iri}>", f"<{DERIVED_GRAPH}>", f"<{PKG.loaded}>"
    keep_marks = (
        f"DELETE {{ GRAPH {derived} {{ ?d {loaded} false }} }} "
        f"WHERE {{ GRAPH {g} {{ ?d {loaded} true }} GRAPH {derived} {{ ?d {loaded} false }} }} ;\n"
        f"INSERT {{ GRAPH {derived} {{ ?d {loaded} false }} }} WHERE {{ GRAPH {g} {{ ?d a <{PKG.Document}> }} "
        f"FILTER NOT EXISTS {{ GRAPH ?any {{ ?d {loaded} true }} }} "
        f"FILTER NOT EXISTS {{ GRAPH {derived} {{ ?d {loaded} false }} }} }}")
    store.replace_graph(graph_iri, triples, content_hash=content_hash,
                        built_with=built_with or conversion_fingerprint(), also=keep_marks, stat=stat)


def build_records(records: Iterable[dict], store: GraphStore, *, force: bool = False,
                  built_with: str | None = None) -> BuildResult:
    """Load extraction records (dicts in the GUIDE.md shape) into the store.

    Parameters
    ----------
    records : iterable of dict
        Each names its source file in ``record["source"]``; that name picks its named graph.
    store : GraphStore
    force : bool
        Rebuild even records whose content hash is unchanged.
    built_with : str, optional
        The fingerprint of the code that made the records (default :func:`conversion_fingerprint`).

    Returns
    -------
    BuildResult

    Examples
    --------
    >>> from policykg.graph.store import open_store
    >>> store = open_store(":memory:")
    >>> rec = {"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "place": "Kon Tum",
    ...        "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}, "implements": ["91-KL/TW"]}
    >>> build_records([rec], store).summary()
    'built 1 documents (0 skipped unchanged, 0 failed)'
    >>> build_records([rec], store).summary()
    'built 0 documents (1 skipped unchanged, 0 failed)'
    """
    from policykg.loaders.dates import drop_impossible_dates

    code = built_with or conversion_fingerprint()
    result = BuildResult()
    seen: dict[str, str] = {}
    changes = Changes(store)
    try:
        for record in records:
            name = ""
            try:
                check_record(record)
                name = nfc_squeezed(str(record.get("source") or ""))
                if not name:
                    result.failed.append("record without a 'source' file name")
                    continue
                if duplicate(name, name, seen, result):
                    continue
                digest = record_hash(record)
                state = changes.states.get(source_iri(name))
                if not force and state is not None and (state.sha256, state.built_with) == (digest, code):
                    result.skipped.append(name)
                    continue
                record = copy.deepcopy(record)  # the caller's record stays as it was given
                result.warnings += [f"{name}: {w}" for w in drop_impossible_dates(record)]
                rg = convert_record(record, name)
            except ValueError as exc:
                result.failed.append(one_line(exc, where=Path(name or "a record")))
                continue
            write(store, changes, rg.graph_iri, rg.triples, GraphState(digest, code))
            result.built.append(name)
    except StoreError as exc:
        result.stopped = str(exc)
    refresh_unless_stopped(store, result, changes)
    return result


def refresh_unless_stopped(store: GraphStore, result: BuildResult, changes: Changes | None = None) -> None:
    """The derived graphs after a build, for what ``changes`` touched; skipped when writing already
    failed (the next build brings them up to date, and queries never trust a stale summary)."""
    if result.stopped is None:
        try:
            with store_errors(store):
                refresh_after_write(store, changes)
                if changes is not None:
                    save_state_index(store, changes)
        except StoreError as exc:
            result.stopped = str(exc)


def write(store: GraphStore, changes: Changes, graph_iri: str, triples: Iterable[Triple] | str,
          state: GraphState) -> None:
    """Replace one graph with ``triples`` and the marks of ``state``, noting what it touches."""
    with store_errors(store):
        changes.before(graph_iri)
        stat = None if state.size is None else (state.size, state.mtime_ns)
        load_triples(store, graph_iri, triples, state.sha256 or "", state.built_with, stat)
        changes.wrote(graph_iri, state)


def restat(store: GraphStore, changes: Changes, graph_iri: str, size: int, mtime_ns: int | None) -> None:
    """Record a file's new size and modification time on its unchanged graph (a file touched, or
    copied, with the same bytes), so the next build skips it without reading it."""
    with store_errors(store):
        store.update(restat_request(graph_iri, (size, mtime_ns)))
    changes.states[graph_iri] = changes.states[graph_iri]._replace(size=size, mtime_ns=mtime_ns)
    changes.restated.add(graph_iri)


@contextmanager
def store_errors(store: GraphStore) -> Iterator[None]:
    """An operating-system error while writing the store (a full disk) as one :class:`StoreError`."""
    try:
        yield
    except OSError as exc:
        reason = "no space left on device" if is_disk_full(exc) else one_line(exc, limit=200)
        raise StoreError(f"cannot write the store {store.location}: {reason}; documents loaded so far "
                         "are whole, build again when it is fixed") from None


def duplicate(name: str, where: str, seen: dict[str, str], result: BuildResult) -> bool:
    if name in seen:
        result.failed.append(f"{where}: source name {name!r} already built from {seen[name]} in this run")
        return True
    seen[name] = where
    return False


def refresh_derived(store: GraphStore, docs: Iterable[str] | None = None) -> int:
    """Recompute the derived graph: ``pkg:loaded false`` on every document no file was loaded for.

    Written only when it changes, so rebuilding unchanged files changes no graph at all.

    Parameters
    ----------
    store : GraphStore
    docs : iterable of str, optional
        Only these documents (those the changed graphs typed, before and after): each is looked up
        by its IRI, so the cost follows the change, not the store. Default: every document.

    Returns
    -------
    int
        Number of documents known only from citations (among ``docs`` when given).
    """
    if docs is None:
        _, rows = store.select("SELECT DISTINCT ?d WHERE { ?d a pkg:Document . "
                               "FILTER NOT EXISTS { ?d pkg:loaded true } }")
        wanted = {(URIRef(str(row[0])), PKG.loaded, Literal(False)) for row in rows}
        current = {(s, p, o) for s, p, o, _ in store.quads(DERIVED_GRAPH)}
        if wanted != current:
            if wanted:
                store.replace_graph(DERIVED_GRAPH, sorted(wanted))
            else:
                store.drop_graph(DERIVED_GRAPH)
        return len(wanted)
    docs = sorted(set(docs))
    if not docs:
        return 0
    # EXISTS stops at the first match: a central document typed by 10,000 citing files costs one.
    d, loaded = f"<{DERIVED_GRAPH}>", f"<{PKG.loaded}>"
    _, flags = store.select(
        "SELECT ?d ?typed ?loaded ?marked WHERE { VALUES ?d { " + " ".join(f"<{x}>" for x in docs) + " } "
        f"BIND(EXISTS {{ ?d a <{PKG.Document}> }} AS ?typed) BIND(EXISTS {{ ?d {loaded} true }} AS ?loaded) "
        f"BIND(EXISTS {{ GRAPH {d} {{ ?d {loaded} false }} }} AS ?marked) }}")
    wanted = {doc for doc, typed, is_loaded, _ in flags if typed and not is_loaded}
    marked = {doc for doc, _, _, is_marked in flags if is_marked}
    ops = []
    if marked - wanted:
        ops.append(f"DELETE DATA {{ GRAPH {d} {{ " + " ".join(f"<{x}> {loaded} false ." for x in sorted(marked - wanted))
                   + " } }")
    if wanted - marked:
        ops.append(f"INSERT DATA {{ GRAPH {d} {{ " + " ".join(f"<{x}> {loaded} false ." for x in sorted(wanted - marked))
                   + " } }")
    if ops:
        store.update(" ;\n".join(ops))
        if marked - wanted and not wanted and not store.query(f"ASK {{ GRAPH {d} {{ ?s ?p ?o }} }}"):
            store.drop_graph(DERIVED_GRAPH)  # as a full refresh leaves it: no empty graph
    return len(wanted)


def refresh_after_write(store: GraphStore, changes: Changes | None = None) -> None:
    """After files were loaded or forgotten: the not-loaded marks, then the load summary
    (:mod:`policykg.graph.summary`), each recomputed only where it changed: for the documents and
    places ``changes`` touched, or everywhere without it."""
    if changes is None:
        refresh_derived(store)
        refresh_summary(store)
        refresh_stats(store, stored_digest(store), read_states(store))
        return
    kept = changes.summary_was_current and kept_current(store)  # before the summary's digest moves on
    if not changes.graphs and kept:
        return
    # A summary out of date may follow a killed build, whose marks only a full pass puts right.
    refresh_derived(store, changes.docs if changes.summary_was_current else None)
    if changes.graphs or not changes.summary_was_current:  # nothing written, but a stale summary is repaired
        refresh_summary(store, places=changes.places if changes.summary_was_current else None, states=changes.states)
    refresh_stats(store, stored_digest(store), changes.states, kept, changes.facts)


def source_graphs(store: GraphStore) -> list[str]:
    """The named graphs that hold a source file each (not the derived graph)."""
    return [g for g in store.graph_names() if g.startswith(SOURCE_GRAPH_PREFIX)]


def forget_source(store: GraphStore, source: str) -> bool:
    """Remove a source file's graph; returns False if it was not there."""
    iri = source_iri(source)
    changes = Changes(store)
    if iri not in changes.states and iri not in store.graph_names():
        return False
    changes.note(iri)
    store.drop_graph(iri)
    changes.wrote(iri, None)
    refresh_after_write(store, changes)
    save_state_index(store, changes)
    return True
