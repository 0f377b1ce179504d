"""Build the graph: files or records -> one named graph each in the store.

Loading is incremental. Each source file's named graph carries the SHA-256 of the file's bytes and
the fingerprint of the code that built it; a file whose bytes and code are unchanged is skipped
without being read again, a changed one has its graph replaced in one transaction. After each build
the derived graph that marks documents known only from citations (``pkg:loaded false``) is
recomputed, so loading a cited document later flips its mark without touching the citing graphs.
"""
from __future__ import annotations

import hashlib
import json
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Literal, URIRef

from policykg.graph.convert import SOURCE_GRAPH_PREFIX, RecordGraph, record_to_graph, source_iri
from policykg.graph.namespaces import ID, PKG
from policykg.graph.store import GraphStore, Triple, to_ntriples
from policykg.graph.summary import refresh_summary
from policykg.graph.text import nfc

DERIVED_GRAPH = f"{ID}graph/derived"
RECORD_SUFFIX = ".json"

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
    """

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

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


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of bytes.

    Examples
    --------
    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


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
    result = BuildResult()
    seen: dict[str, str] = {}
    for record in records:
        name = nfc(str(record.get("source") or "")) if isinstance(record, dict) else ""
        if not name:
            result.failed.append("record without a 'source' file name")
            continue
        if _duplicate(name, name, seen, result):
            continue
        digest = record_hash(record)
        if not force and is_unchanged(store, source_iri(name), digest):
            result.skipped.append(name)
            continue
        load_graph(store, record_to_graph(record, source=name), digest)
        result.built.append(name)
    refresh_after_write(store)
    return result


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Files to build: the files named, and below each folder every document the loaders read
    plus every ``.json`` extraction record, sorted.

    Returns
    -------
    (files, problems)
        ``problems``: one line per path that is neither a file nor a folder.
    """
    from policykg.loaders import supported_suffixes

    suffixes = set(supported_suffixes()) | {RECORD_SUFFIX}
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def _default_extract(path: Path) -> dict:
    from policykg.loaders import extract_file

    return extract_file(path)


def build_files(files: Iterable[Path], store: GraphStore, *, force: bool = False,
                extract: Extractor | None = None, jobs: int = 1) -> BuildResult:
    """Extract and load files: documents through the loaders, ``.json`` files as ready records.

    One file that cannot be read never stops the rest: it gets one line in ``failed``.

    Parameters
    ----------
    files : iterable of Path
        Files (see :func:`expand_paths` for folders); iterate a progress bar here if you like.
    store : GraphStore
    force : bool
        Rebuild files whose bytes and code are unchanged.
    extract : callable, optional
        ``path -> record``; defaults to :func:`policykg.loaders.extract_file`.
    jobs : int
        Processes that extract and convert documents in parallel; this process stays the one
        writer of the store, so each document is still loaded in its own transaction.

    Returns
    -------
    BuildResult
    """
    from policykg.loaders import ReadError

    result = BuildResult()
    seen: dict[str, str] = {}
    pool = ProcessPoolExecutor(jobs) if jobs > 1 and extract is None else None
    pending: deque[tuple[str, str, Path, Future]] = deque()

    def settle(name: str, digest: str, path: Path, future: Future) -> None:
        prepared, error = future.result()
        if error:
            result.failed.append(error)
            return
        graph_iri, body = prepared
        load_triples(store, graph_iri, body, digest)
        result.built.append(name)

    try:
        for path in files:
            path = Path(path)
            try:
                data = path.read_bytes()
                record = _read_record(path, data) if path.suffix.lower() == RECORD_SUFFIX else None
                name = nfc(str(record.get("source") or path.name)) if record else nfc(path.name)
                if _duplicate(name, str(path), seen, result):
                    continue
                digest = sha256_bytes(data)
                if not force and is_unchanged(store, source_iri(name), digest):
                    result.skipped.append(name)
                    continue
                if record is None and pool is not None:
                    pending.append((name, digest, path, pool.submit(prepare_file, str(path), name)))
                    while len(pending) > 4 * jobs:
                        settle(*pending.popleft())
                    continue
                if record is None:
                    record = _extract_one(extract or _default_extract, path)
                rg = record_to_graph(record, source=name)
            except (ReadError, OSError, ValueError) as exc:
                result.failed.append(_one_line(path, exc))
                continue
            load_graph(store, rg, digest)
            result.built.append(name)
        while pending:
            settle(*pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        refresh_after_write(store)
    return result


def prepare_file(path: str, name: str) -> tuple[tuple[str, str] | None, str | None]:
    """In a worker process: extract one file and convert it to N-Triples text.

    Returns ``((graph IRI, N-Triples), None)``, or ``(None, one-line error)``: errors travel back as
    text because exceptions with their own constructor arguments do not always survive pickling.
    """
    from policykg.loaders import ReadError

    try:
        record = _extract_one(_default_extract, Path(path))
        rg = record_to_graph(record, source=name)
        return (rg.graph_iri, to_ntriples(rg.triples)), None
    except (ReadError, OSError, ValueError) as exc:
        return None, _one_line(Path(path), exc)
    except Exception as exc:  # a worker must report, never die silently
        return None, _one_line(Path(path), ValueError(f"{type(exc).__name__}: {exc}"))


def _extract_one(extract: Extractor, path: Path) -> dict:
    """Run the extractor; an unexpected error in it fails this file only, named as a bug."""
    from policykg.loaders import ReadError

    try:
        record = extract(path)
    except (ReadError, OSError, ValueError):
        raise
    except Exception as exc:  # one document that trips the extractor must not stop a corpus build
        raise ValueError(f"extraction failed ({type(exc).__name__}: {exc}); please report this file") from exc
    if not isinstance(record, dict):
        raise ValueError("extractor returned no record")
    return record


def _read_record(path: Path, data: bytes) -> dict:
    record = json.loads(data.decode("utf-8-sig"))
    if not isinstance(record, dict) or not isinstance(record.get("document", {}), dict):
        raise ValueError("not an extraction record (a JSON object with a 'document')")
    return record


def _duplicate(name: str, where: str, seen: dict[str, str], result: BuildResult) -> bool:
    if name in seen:
        result.failed.append(f"{where}: source name {name!r} already built from {seen[name]} in this run")
        return True
    seen[name] = where
    return False


def _one_line(path: Path, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if text.startswith(str(path)) else f"{path}: {text}"


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
