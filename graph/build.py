"""Build the graph: extraction records -> one named graph each in the store.

Loading is incremental. Each source's named graph carries the SHA-256 of its content and the
fingerprint of the code that built it (``built_with``); an unchanged one is skipped, a changed one
has its graph replaced in one transaction. The derived graphs -- the marks of documents known only
from citations (``pkg:loaded false``) and the load summary (:mod:`policykg.graph.summary`) -- are
then brought up to date for the documents and places the changed graphs touch
(:class:`~policykg.graph.changes.Changes`), so a build costs what changed, not what the store holds.

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

from policykg.graph.changes import Changes, read_states, save_state_index
from policykg.graph.convert import RecordGraph
from policykg.graph.inputs import convert_record, sha256_bytes
from policykg.graph.namespaces import ID, PKG
from policykg.graph.record_schema import check_record
from policykg.graph.sources import SOURCE_GRAPH_PREFIX, source_iri
from policykg.graph.store_api import GraphState, GraphStore, StoreError, Triple, restat_request
from policykg.graph.summary import refresh_summary, stored_digest
from policykg.graph.summary_stats import kept_current, refresh_stats
from policykg.loaders.files import is_disk_full
from policykg.vietnamese.messages import one_line
from policykg.vietnamese.tones import nfc_squeezed

__all__ = ["BuildResult", "CONVERSION_MODULES", "DERIVED_GRAPH", "build_records", "conversion_files",
           "conversion_fingerprint", "forget_source", "load_graph", "load_triples", "record_hash",
           "refresh_after_write", "refresh_derived", "sha256_bytes", "source_graphs"]

DERIVED_GRAPH = f"{ID}graph/derived"

# A build that writes this many files and this share of the store compacts it afterwards: about 5 s
# at 10,000 documents, beside the minutes the load took, where leaving it costs every later command.
BULK_FILES = 200
BULK_SHARE = 0.25

# The graph modules that decide which triples a record becomes (a change to them rebuilds all).
CONVERSION_MODULES = ("convert", "sources", "documents", "agencies", "places", "namespaces")


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
    failed (the next build brings them up to date, and queries never trust a stale summary). A
    bulk load (:data:`BULK_FILES` files, a :data:`BULK_SHARE` of the store or more) then compacts
    the store (:meth:`GraphStore.optimize`), so later commands do not each restart the merge."""
    if result.stopped is None:
        try:
            with store_errors(store):
                refresh_after_write(store, changes)
                if changes is not None:
                    save_state_index(store, changes)
                    if len(changes.graphs) >= max(BULK_FILES, BULK_SHARE * len(changes.states)):
                        store.optimize()
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
        refresh_summary(store, places=changes.places if changes.summary_was_current else None, states=changes.states,
                        everything=changes.digest())
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
