"""What a build reads: the files under the paths given, each read once, with the limits every
command applies to documents (:mod:`policykg.loaders.batch`), and ``.json`` records validated
against the record schema (:mod:`policykg.graph.record_schema`).

A source is hashed from the very bytes that are extracted: a file changed while the build runs is
stored under the hash of what was read, never the new bytes' hash with the old text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from policykg.graph.inputs import convert_record, sha256_bytes
from policykg.loaders.batch import RECORD_SUFFIX, expand_paths
from policykg.vietnamese.messages import one_line
from policykg.vietnamese.tones import nfc_squeezed

T = TypeVar("T")

__all__ = ["RECORD_SUFFIX", "Source", "expand_paths", "extract_bytes", "extract_one", "prepare_file", "read_source"]


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


def read_source(path: Path, max_mb: float) -> Source:
    """Read one input once: a ``.json`` record parsed and validated (impossible dates dropped), a
    document's bytes checked against the limits.

    Raises
    ------
    policykg.loaders.ReadError
        Not a regular file, a name that is not UTF-8, larger than the limits, a zip bomb.
    policykg.graph.record_schema.RecordError
        A ``.json`` file that is not an extraction record (a ``ValueError``).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = p.write_bytes(b"")
    >>> source = read_source(p, 1)
    >>> source.name, source.digest[:12]
    ('plan.txt', 'e3b0c44298fc')
    """
    from policykg.graph.record_schema import parse_record
    from policykg.loaders.batch import read_checked
    from policykg.loaders.dates import drop_impossible_dates

    data = read_checked(path, max_mb)
    digest = sha256_bytes(data)
    if path.suffix.lower() != RECORD_SUFFIX:
        return Source(path, nfc_squeezed(path.name), digest, data)
    record = parse_record(data)
    warnings = drop_impossible_dates(record)
    return Source(path, nfc_squeezed(str(record.get("source") or path.name)), digest, record=record, warnings=warnings)


def prepare_file(path: str, name: str, data: bytes | None = None, max_mb: float | None = None
                 ) -> tuple[tuple[str, str] | None, str | None, list[str]]:
    """In a worker process: extract one document from its bytes and convert it to N-Triples text.

    Returns ``((graph IRI, N-Triples), None, warnings)``, or ``(None, one-line error, warnings)``:
    errors travel back as text because exceptions with their own constructor arguments do not
    always survive pickling.
    """
    from policykg.graph.store_api import to_ntriples
    from policykg.loaders import ReadError
    from policykg.loaders.batch import DEFAULT_MAX_MB, read_checked

    where = Path(path)
    try:
        max_mb = max_mb or DEFAULT_MAX_MB
        record, warnings = extract_bytes(where, read_checked(where, max_mb) if data is None else data, max_mb)
        rg = convert_record(record, name)
        return (rg.graph_iri, to_ntriples(rg.triples)), None, [one_line(w, where=where) for w in warnings]
    except (ReadError, OSError, ValueError) as exc:
        return None, one_line(exc, where=where), []
    except Exception as exc:  # a worker must report, never die silently
        return None, one_line(f"{type(exc).__name__}: {exc}", where=where), []


def extract_bytes(path: Path, data: bytes, max_mb: float) -> tuple[dict, list[str]]:
    """The record of a document's bytes (the text they hold, with the size limit of ``max_mb``)
    and the warnings of its dropped dates."""
    from policykg.loaders.batch import extract_record, text_of_snapshot

    def extract(p: Path) -> tuple[dict, list[str]]:
        return extract_record(text_of_snapshot(p, data, max_mb), p.name)

    return extract_one(extract, path)


def extract_one(extract: Callable[[Path], T], path: Path) -> T:
    """Run an extractor on one file; an unexpected error in it fails this file only, named as a
    bug (``ValueError``).

    Examples
    --------
    >>> extract_one(lambda p: 1 / 0, Path("a.txt"))
    Traceback (most recent call last):
    ...
    ValueError: extraction failed (ZeroDivisionError: division by zero); please report this file
    """
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
