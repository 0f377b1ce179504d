"""What a build reads: the files under the paths given, each read once, with the limits every
command applies to documents (:mod:`policykg.loaders.batch`), and ``.json`` records validated
against the record schema (:mod:`policykg.graph.record_schema`).

A source is hashed from the very bytes that are extracted: a file changed while the build runs is
stored under the hash of what was read, never the new bytes' hash with the old text.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from policykg.graph.convert import RecordGraph, record_to_graph
from policykg.graph.record_schema import parse_record
from policykg.graph.store import to_ntriples
from policykg.graph.text import nfc
from policykg.loaders.files import printable

T = TypeVar("T")

RECORD_SUFFIX = ".json"


@dataclass
class Source:
    """One input file, read.

    Attributes
    ----------
    path : Path
    name : str
        The source name that names its graph: the record's ``source``, else the file name.
    digest : str
        SHA-256 of the bytes read.
    data : bytes
        The bytes (a document's, to extract; empty for a record, already parsed).
    record : dict or None
        The record of a ``.json`` file.
    warnings : list of str
        What was dropped on the way (impossible dates).
    """

    path: Path
    name: str
    digest: str
    data: bytes = b""
    record: dict | None = None
    warnings: list[str] = field(default_factory=list)


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of bytes.

    Examples
    --------
    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Files to build: the files named, and below each folder every document the loaders read
    plus every ``.json`` extraction record, sorted.

    Names with those suffixes that are not regular files (a FIFO, a broken link, a link loop) are
    listed too, so reading them reports them in one line each rather than losing them.

    Returns
    -------
    (files, problems)
        ``problems``: one line per path that is neither a file nor a folder.

    Examples
    --------
    >>> expand_paths([Path("/no/such/folder")])
    ([], ['/no/such/folder: no such file or folder'])
    """
    from policykg.loaders import supported_suffixes

    suffixes = set(supported_suffixes()) | {RECORD_SUFFIX}
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes
                                and (p.is_file() or not p.is_dir())))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(f"{printable(path)}: no such file or folder")
    return files, problems


def read_source(path: Path, max_mb: float) -> Source:
    """Read one input once: a ``.json`` record parsed and validated (impossible dates dropped), a
    document's bytes checked against the limits.

    Raises
    ------
    policykg.loaders.ReadError
        Not a regular file, a name that is not UTF-8, larger than the limits, a zip bomb.
    policykg.graph.record_schema.RecordError
        A ``.json`` file that is not an extraction record (a ``ValueError``).
    """
    from policykg.loaders.batch import read_checked
    from policykg.loaders.dates import drop_impossible_dates

    data = read_checked(path, max_mb)
    digest = sha256_bytes(data)
    if path.suffix.lower() != RECORD_SUFFIX:
        return Source(path, nfc(path.name), digest, data)
    record = parse_record(data)
    warnings = drop_impossible_dates(record)
    return Source(path, nfc(str(record.get("source") or path.name)), digest, record=record, warnings=warnings)


def prepare_file(path: str, name: str, data: bytes | None = None, max_mb: float | None = None
                 ) -> tuple[tuple[str, str] | None, str | None, list[str]]:
    """In a worker process: extract one document from its bytes and convert it to N-Triples text.

    Returns ``((graph IRI, N-Triples), None, warnings)``, or ``(None, one-line error, warnings)``:
    errors travel back as text because exceptions with their own constructor arguments do not
    always survive pickling.
    """
    from policykg.loaders import ReadError
    from policykg.loaders.batch import DEFAULT_MAX_MB, read_checked

    where = Path(path)
    try:
        max_mb = max_mb or DEFAULT_MAX_MB
        record, warnings = extract_bytes(where, read_checked(where, max_mb) if data is None else data, max_mb)
        rg = convert_record(record, name)
        return (rg.graph_iri, to_ntriples(rg.triples)), None, [one_line(where, ValueError(w)) for w in warnings]
    except (ReadError, OSError, ValueError) as exc:
        return None, one_line(where, exc), []
    except Exception as exc:  # a worker must report, never die silently
        return None, one_line(where, ValueError(f"{type(exc).__name__}: {exc}")), []


def extract_bytes(path: Path, data: bytes, max_mb: float) -> tuple[dict, list[str]]:
    """The record of a document's bytes (the text they hold, with the size limit of ``max_mb``)
    and the warnings of its dropped dates."""
    from policykg.loaders.batch import extract_record, text_of_snapshot

    def extract(p: Path) -> tuple[dict, list[str]]:
        return extract_record(text_of_snapshot(p, data, max_mb), p.name)

    return extract_one(extract, path)


def convert_record(record: dict, name: str) -> RecordGraph:
    """Convert a record (:func:`policykg.graph.convert.record_to_graph`); a converter bug costs
    this file only, named as a bug (``ValueError``)."""
    try:
        return record_to_graph(record, source=name)
    except (ValueError, RecursionError, TypeError, AttributeError, KeyError) as exc:
        raise ValueError(f"cannot convert its record ({type(exc).__name__}: {exc}); please report this file") from exc


def extract_one(extract: Callable[[Path], T], path: Path) -> T:
    """Run an extractor on one file; an unexpected error in it fails this file only, named as a
    bug (``ValueError``)."""
    from policykg.loaders import ReadError

    try:
        record = extract(path)
    except (ReadError, OSError, ValueError):
        raise
    except Exception as exc:  # one document that trips the extractor must not stop a corpus build
        raise ValueError(f"extraction failed ({type(exc).__name__}: {exc}); please report this file") from exc
    if record is None:
        raise ValueError("extractor returned no record")
    return record


def one_line(path: Path, exc: BaseException) -> str:
    """``PATH: message`` in one printable line (the path once, even if the message starts with it).

    Examples
    --------
    >>> one_line(Path("a.json"), ValueError("not JSON:\\n  at line 1"))
    'a.json: not JSON: at line 1'
    """
    text = printable(" ".join(str(exc).split()) or type(exc).__name__)
    where = printable(path)
    return text if text.startswith(where) else f"{where}: {text}"
