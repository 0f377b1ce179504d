"""Build the graph: files or records -> one named graph each in the store.

Loading is incremental. Each source file's named graph carries the SHA-256 of the file's bytes and
the fingerprint of the code that built it; a file whose bytes and code are unchanged is skipped
without being read again, a changed one has its graph replaced in one transaction. After each build
the derived graph that marks documents known only from citations (``pkg:loaded false``) is
recomputed, so loading a cited document later flips its mark without touching the citing graphs.
"""
from __future__ import annotations

import copy
import hashlib
import json
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from rdflib import Literal, URIRef

from policykg.graph.convert import SOURCE_GRAPH_PREFIX, RecordGraph, source_iri
from policykg.graph.inputs import (RECORD_SUFFIX, convert_record, expand_paths, extract_bytes, extract_one, one_line,
                                   prepare_file, read_source, sha256_bytes)
from policykg.graph.namespaces import ID, PKG
from policykg.graph.record_schema import check_record
from policykg.graph.store import GraphStore, StoreError, Triple
from policykg.graph.summary import refresh_summary
from policykg.graph.text import nfc
from policykg.loaders.files import is_disk_full, printable

__all__ = ["RECORD_SUFFIX", "BuildResult", "build_files", "build_records", "built_with", "expand_paths",
           "forget_source", "load_graph", "load_triples", "record_hash", "refresh_after_write",
           "prepare_file", "refresh_derived", "sha256_bytes", "source_graphs"]

DERIVED_GRAPH = f"{ID}graph/derived"

T = TypeVar("T")
Extractor = Callable[[Path], dict]
# The graph modules that decide which triples a record becomes (a change to them rebuilds all).
_CONVERSION_MODULES = ("convert", "documents", "agencies", "places", "text", "namespaces")


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
def built_with() -> str:
    """Version and fingerprint of the code that turns a file into triples (loaders + graph).

    Stored with every graph, so improving the extraction rebuilds files whose bytes did not change.

    Examples
    --------
    >>> built_with().startswith("policykg ")
    True
    """
    from policykg import __version__
    import policykg.graph
    import policykg.loaders

    digest = hashlib.sha256()
    loaders = Path(policykg.loaders.__file__).parent
    graph = Path(policykg.graph.__file__).parent
    files = sorted(p for p in loaders.rglob("*") if p.is_file() and p.suffix in {".py", ".tsv"})
    files += [graph / f"{name}.py" for name in _CONVERSION_MODULES]
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return f"policykg {__version__} code {digest.hexdigest()[:16]}"


def record_hash(record: dict) -> str:
    """Hex SHA-256 of a record's canonical JSON (NFC, sorted keys): the content hash of a record
    that did not come from a file.

    Examples
    --------
    >>> import unicodedata
    >>> record_hash({"a": "Ủy"}) == record_hash({"a": unicodedata.normalize("NFD", "Ủy")})
    True
    """
    from policykg.graph.text import nfc_deep

    text = json.dumps(nfc_deep(record), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256_bytes(text.encode("utf-8"))


def is_unchanged(store: GraphStore, graph_iri: str, content_hash: str) -> bool:
    """True if ``graph_iri`` was built from these bytes by this code."""
    return store.graph_hash(graph_iri) == (content_hash, built_with())


def load_graph(store: GraphStore, rg: RecordGraph, content_hash: str) -> None:
    """Put one converted record into the store; see :func:`load_triples`."""
    load_triples(store, rg.graph_iri, rg.triples, content_hash)


def load_triples(store: GraphStore, graph_iri: str, triples: Iterable[Triple] | str, content_hash: str) -> None:
    """Put one converted record into the store, replacing its graph, with its hash.

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
    store.replace_graph(graph_iri, triples, content_hash=content_hash, built_with=built_with(), also=keep_marks)


def build_records(records: Iterable[dict], store: GraphStore, *, force: bool = False) -> BuildResult:
    """Load extraction records (dicts in the GUIDE.md shape) into the store.

    Parameters
    ----------
    records : iterable of dict
        Each names its source file in ``record["source"]``; that name picks its named graph.
    store : GraphStore
    force : bool
        Rebuild even records whose content hash is unchanged.

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

    result = BuildResult()
    seen: dict[str, str] = {}
    try:
        for record in records:
            name = ""
            try:
                check_record(record)
                name = nfc(str(record.get("source") or ""))
                if not name:
                    result.failed.append("record without a 'source' file name")
                    continue
                if _duplicate(name, name, seen, result):
                    continue
                digest = record_hash(record)
                if not force and is_unchanged(store, source_iri(name), digest):
                    result.skipped.append(name)
                    continue
                record = copy.deepcopy(record)  # the caller's record stays as it was given
                result.warnings += [f"{name}: {w}" for w in drop_impossible_dates(record)]
                rg = convert_record(record, name)
            except ValueError as exc:
                result.failed.append(one_line(Path(name or "a record"), exc))
                continue
            _write(store, rg.graph_iri, rg.triples, digest)
            result.built.append(name)
    except StoreError as exc:
        result.stopped = str(exc)
    _refresh_unless_stopped(store, result)
    return result


def build_files(files: Iterable[Path], store: GraphStore, *, force: bool = False,
                extract: Extractor | None = None, jobs: int = 1, max_mb: float | None = None) -> BuildResult:
    """Extract and load files: documents through the loaders, ``.json`` files as ready records.

    One file that cannot be read never stops the rest: it gets one line in ``failed``. A store
    that cannot be written (a full disk) stops the build with one line in ``stopped``; every
    document loaded before it is whole, and building again after freeing space finishes the job.

    Parameters
    ----------
    files : iterable of Path
        Files (see :func:`expand_paths` for folders); iterate a progress bar here if you like.
    store : GraphStore
    force : bool
        Rebuild files whose bytes and code are unchanged.
    extract : callable, optional
        ``path -> record``; defaults to extracting the text of the bytes read for the hash.
    jobs : int
        Processes that extract and convert documents in parallel; this process stays the one
        writer of the store, so each document is still loaded in its own transaction.
    max_mb : float, optional
        Largest document accepted, in megabytes (default that of ``policykg extract``); larger
        files, and zip packages that would expand beyond it, are refused unread.

    Returns
    -------
    BuildResult
    """
    from policykg.loaders import ReadError
    from policykg.loaders.batch import DEFAULT_MAX_MB

    max_mb = max_mb or DEFAULT_MAX_MB
    result = BuildResult()
    seen: dict[str, str] = {}
    pool = ProcessPoolExecutor(jobs) if jobs > 1 and extract is None else None
    pending: deque[tuple[str, str, Future]] = deque()

    def settle(name: str, digest: str, future: Future) -> None:
        try:
            prepared, error, warnings = future.result()
        except Exception as exc:  # the worker process died (out of memory, killed)
            prepared, error, warnings = None, f"{name}: the process extracting it died ({type(exc).__name__})", []
        result.warnings += warnings
        if error:
            result.failed.append(error)
            return
        graph_iri, body = prepared
        _write(store, graph_iri, body, digest)
        result.built.append(name)

    try:
        for path in files:
            path = Path(path)
            try:
                source = read_source(path, max_mb)
                name = source.name
                if _duplicate(name, printable(path), seen, result):
                    continue
                if not force and is_unchanged(store, source_iri(name), source.digest):
                    result.skipped.append(name)
                    continue
                if source.record is None and pool is not None:
                    future = pool.submit(prepare_file, str(path), name, source.data, max_mb)
                    pending.append((name, source.digest, future))
                    while len(pending) > 4 * jobs:
                        settle(*pending.popleft())
                    continue
                record, warnings = source.record, source.warnings
                if record is None and extract is not None:
                    record, warnings = extract_one(extract, path), []
                    check_record(record)
                elif record is None:
                    record, warnings = extract_bytes(path, source.data, max_mb)
                result.warnings += [one_line(path, ValueError(w)) for w in warnings]
                rg = convert_record(record, name)
            except (ReadError, OSError, ValueError) as exc:
                result.failed.append(one_line(path, exc))
                continue
            _write(store, rg.graph_iri, rg.triples, source.digest)
            result.built.append(name)
        while pending:
            settle(*pending.popleft())
    except StoreError as exc:
        result.stopped = str(exc)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    _refresh_unless_stopped(store, result)
    return result


def _refresh_unless_stopped(store: GraphStore, result: BuildResult) -> None:
    """The derived graphs after a build; skipped when writing already failed (the next build
    brings them up to date, and queries never trust a stale summary)."""
    if result.stopped is None:
        try:
            with _store_errors(store):
                refresh_after_write(store)
        except StoreError as exc:
            result.stopped = str(exc)


def _write(store: GraphStore, graph_iri: str, triples: Iterable[Triple] | str, digest: str) -> None:
    with _store_errors(store):
        load_triples(store, graph_iri, triples, digest)


@contextmanager
def _store_errors(store: GraphStore) -> Iterator[None]:
    """An operating-system error while writing the store (a full disk) as one :class:`StoreError`."""
    try:
        yield
    except OSError as exc:
        reason = "no space left on device" if is_disk_full(exc) else " ".join(str(exc).split())[:200]
        raise StoreError(f"cannot write the store {store.location}: {reason}; documents loaded so far "
                         "are whole, build again when it is fixed") from None


def _duplicate(name: str, where: str, seen: dict[str, str], result: BuildResult) -> bool:
    if name in seen:
        result.failed.append(f"{where}: source name {name!r} already built from {seen[name]} in this run")
        return True
    seen[name] = where
    return False


def refresh_derived(store: GraphStore) -> int:
    """Recompute the derived graph: ``pkg:loaded false`` on every document no file was loaded for.

    Written only when it changes, so rebuilding unchanged files changes no graph at all.

    Returns
    -------
    int
        Number of documents known only from citations.
    """
    rows = store.query("SELECT DISTINCT ?d WHERE { ?d a pkg:Document . "
                       "FILTER NOT EXISTS { ?d pkg:loaded true } }")
    wanted = {(URIRef(str(r["d"])), PKG.loaded, Literal(False)) for r in rows}
    current = {(s, p, o) for s, p, o, _ in store.quads(DERIVED_GRAPH)}
    if wanted != current:
        if wanted:
            store.replace_graph(DERIVED_GRAPH, sorted(wanted))
        else:
            store.drop_graph(DERIVED_GRAPH)
    return len(wanted)


def refresh_after_write(store: GraphStore) -> None:
    """After files were loaded or forgotten: the not-loaded marks, then the load summary
    (:mod:`policykg.graph.summary`), each recomputed only where it changed."""
    refresh_derived(store)
    refresh_summary(store)


def source_graphs(store: GraphStore) -> list[str]:
    """The named graphs that hold a source file each (not the derived graph)."""
    return [g for g in store.graph_names() if g.startswith(SOURCE_GRAPH_PREFIX)]


def forget_source(store: GraphStore, source: str) -> bool:
    """Remove a source file's graph; returns False if it was not there."""
    iri = source_iri(source)
    if iri not in store.graph_names():
        return False
    store.drop_graph(iri)
    refresh_after_write(store)
    return True
