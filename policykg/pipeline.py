"""The pipeline: files -> loaders -> records -> graph -> derived graphs.

The one place that knows all the rooms: it lists and reads files (:mod:`policykg.pipeline_inputs`),
runs the loaders on them (in a process pool when asked), hands records and triples to the graph
layer (:mod:`policykg.graph.build`, which knows nothing of files) and has the derived graphs
refreshed for what changed.

A build's cost follows the change. Every source graph's state (content hash, code fingerprint, the
file's size and modification time) is read in one lookup at the start; a file whose size and
modification time are unchanged is skipped without being read, one whose stamp changed is read
and hashed (and skipped if its bytes did not change), and only changed documents are extracted.

>>> from policykg.pipeline import build_files, expand_paths
"""
from __future__ import annotations

import hashlib
import os
import stat as stat_module
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from policykg.graph.build import (
    BuildResult,
    conversion_files,
    duplicate,
    refresh_unless_stopped,
    restat,
    write,
)
from policykg.graph.changes import Changes
from policykg.graph.inputs import convert_record
from policykg.graph.record_schema import check_record
from policykg.graph.sources import source_iri, source_name
from policykg.graph.store_api import GraphState, GraphStore, StoreError
from policykg.loaders.files import printable
from policykg.pipeline_inputs import RECORD_SUFFIX, expand_paths, extract_bytes, extract_one, prepare_file, read_source
from policykg.vietnamese.messages import one_line
from policykg.vietnamese.tones import nfc_squeezed

__all__ = ["BuildResult", "Extractor", "build_files", "built_with", "expand_paths", "read_source"]

Extractor = Callable[[Path], dict]
# A file modified this close to the moment it is read may change again within the same clock tick
# without its stamp changing (the "racy" case of git's index): its stamp is not kept, so the next
# build hashes it.
RACY_NS = 2_000_000_000


@lru_cache(maxsize=1)
def built_with() -> str:
    """Version and fingerprint of the code that turns a file into triples (loaders + graph).

    Stored with every graph, so improving the extraction rebuilds files whose bytes did not change.

    Examples
    --------
    >>> built_with().startswith("policykg ")
    True
    """
    import policykg.loaders
    from policykg import __version__

    loaders = Path(policykg.loaders.__file__).parent
    digest = hashlib.sha256()
    files = sorted(p for p in loaders.rglob("*") if p.is_file() and p.suffix in {".py", ".tsv"})
    files += conversion_files()
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return f"policykg {__version__} code {digest.hexdigest()[:16]}"


def _stamp(path: Path) -> tuple[int, int | None] | None:
    """A regular file's (size, modification time in ns), the time left out when racy; None for
    anything else (it is read, and reported)."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not stat_module.S_ISREG(info.st_mode):
        return None
    racy = info.st_mtime_ns >= time.time_ns() - RACY_NS
    return info.st_size, None if racy else info.st_mtime_ns


class _Unchanged:
    """The test a build puts every listed file to first: a document whose graph was built by this
    code from a file of the same name, size and modification time is skipped.

    Looked up by the file's name as listed (normalised only when that misses) and stat-ed once,
    with no path or IRI built: in a build that changed one file of 10,000 this is nearly all the
    work, so it is kept to a dict lookup and a ``stat``. Anything it cannot decide (a record, a racy
    or changed stamp, a name met twice) is read, in the same order, with the same result.
    """

    def __init__(self, states: dict[str, GraphState], code: str) -> None:
        self.by_name: dict[str, GraphState] = {}
        for graph, state in states.items():
            if state.built_with == code and state.mtime_ns is not None and state.size is not None:
                name = source_name(graph)
                if name is not None:
                    self.by_name[name] = state
        self.racy_from = time.time_ns() - RACY_NS

    def skip(self, path: Path, seen: dict[str, str]) -> str | None:
        """The file's source name if it is unchanged and not met before in this build, else None."""
        name = path.name
        known = self.by_name.get(name)
        if known is None and name.isprintable() and _utf8(name):
            name = nfc_squeezed(name)  # a name stored in another form (NFD, spacing)
            known = self.by_name.get(name)
        if known is None or name in seen or name[-5:].lower() == RECORD_SUFFIX:
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None
        if (info.st_size != known.size or info.st_mtime_ns != known.mtime_ns
                or info.st_mtime_ns >= self.racy_from or not stat_module.S_ISREG(info.st_mode)):
            return None
        where = os.fspath(path)
        seen[name] = where if where.isprintable() else printable(path)
        return name


def _utf8(name: str) -> bool:
    """Whether a file name is valid UTF-8 (one that is not is refused by reading it, in one line)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def build_files(files: Iterable[Path], store: GraphStore, *, force: bool = False,
                extract: Extractor | None = None, jobs: int = 1, max_mb: float | None = None,
                code: str | None = None) -> BuildResult:
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
    code : str, optional
        The fingerprint stored as ``built_with`` (default :func:`built_with`, the code's own); a
        benchmark pins it so that code edited meanwhile does not rebuild its store.

    Returns
    -------
    BuildResult

    Examples
    --------
    >>> import tempfile
    >>> from policykg.graph import open_store
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.json").write_text('{"source": "a.txt", "document": {"id": "1/KH-UBND"}}')
    >>> store = open_store(":memory:")
    >>> build_files([folder / "a.json"], store).summary()
    'built 1 documents (0 skipped unchanged, 0 failed)'
    >>> build_files([folder / "a.json"], store).summary()
    'built 0 documents (1 skipped unchanged, 0 failed)'
    """
    from policykg.loaders.batch import DEFAULT_MAX_MB
    from policykg.loaders.read import ReadError

    max_mb = max_mb or DEFAULT_MAX_MB
    code = code or built_with()
    result = BuildResult()
    seen: dict[str, str] = {}
    pool: ProcessPoolExecutor | None = None
    pending: deque[tuple[str, GraphState, Future]] = deque()
    try:
        changes = Changes(store)
    except StoreError as exc:
        result.stopped = str(exc)
        return result
    unchanged = None if force else _Unchanged(changes.states, code)

    def settle(name: str, state: GraphState, future: Future) -> None:
        try:
            prepared, error, warnings = future.result()
        except Exception as exc:  # the worker process died (out of memory, killed)
            prepared, error, warnings = None, f"{name}: the process extracting it died ({type(exc).__name__})", []
        result.warnings += warnings
        if error:
            result.failed.append(error)
            return
        graph_iri, body = prepared
        write(store, changes, graph_iri, body, state)
        result.built.append(name)

    try:
        for path in files:
            path = path if isinstance(path, Path) else Path(path)
            if unchanged is not None:
                name = unchanged.skip(path, seen)
                if name is not None:
                    result.skipped.append(name)
                    continue
            try:
                stamp = _stamp(path)
                is_record = path.suffix.lower() == RECORD_SUFFIX
                source = read_source(path, max_mb)
                name = source.name
                if duplicate(name, printable(path), seen, result):
                    continue
                graph_iri = source_iri(name)
                known = changes.states.get(graph_iri)
                if not force and known is not None and (known.sha256, known.built_with) == (source.digest, code):
                    if stamp is not None and not is_record and (known.size, known.mtime_ns) != stamp:
                        restat(store, changes, graph_iri, *stamp)
                    result.skipped.append(name)
                    continue
                state = GraphState(source.digest, code, *(stamp if stamp and not is_record else (None, None)))
                if source.record is None and extract is None and jobs > 1:
                    pool = pool or ProcessPoolExecutor(jobs)
                    pending.append((name, state, pool.submit(prepare_file, str(path), name, source.data, max_mb)))
                    while len(pending) > 4 * jobs:
                        settle(*pending.popleft())
                    continue
                record, warnings = source.record, source.warnings
                if record is None and extract is not None:
                    record, warnings = extract_one(extract, path), []
                    check_record(record)
                elif record is None:
                    record, warnings = extract_bytes(path, source.data, max_mb)
                result.warnings += [one_line(w, where=path) for w in warnings]
                rg = convert_record(record, name)
            except (ReadError, OSError, ValueError) as exc:
                result.failed.append(one_line(exc, where=path))
                continue
            write(store, changes, rg.graph_iri, rg.triples, state)
            result.built.append(name)
        while pending:
            settle(*pending.popleft())
    except StoreError as exc:
        result.stopped = str(exc)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    refresh_unless_stopped(store, result, changes)
    return result
