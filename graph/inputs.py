"""What the graph layer takes in: a record (a dict in the GUIDE's shape) and the name of its
source, converted to the triples of one named graph; and the one-line messages a build gives.

Files, their bytes and extraction are the pipeline's (:mod:`policykg.pipeline`): this layer never
reads a document.
"""
from __future__ import annotations

import hashlib

from policykg.graph.convert import RecordGraph, record_to_graph
from policykg.vietnamese.messages import one_line

__all__ = ["convert_record", "one_line", "sha256_bytes"]


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of bytes.

    Examples
    --------
    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def convert_record(record: dict, name: str) -> RecordGraph:
    """Convert a record (:func:`policykg.graph.convert.record_to_graph`); a converter bug costs
    this file only, named as a bug (``ValueError``)."""
    try:
        return record_to_graph(record, source=name)
    except (ValueError, RecursionError, TypeError, AttributeError, KeyError) as exc:
        raise ValueError(f"cannot convert its record ({type(exc).__name__}: {exc}); please report this file") from exc
