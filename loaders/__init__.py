"""policykg.loaders: a document file -> its extraction record (see ../shared/gold/GUIDE.md).

Pure functions, no graph or store knowledge. The stages, one module each:

1. :mod:`read`       file -> text (a registry of readers keyed by suffix)
2. :mod:`layout`     hard-wrapped text, cell tables, heads -> one paragraph a line (``layout_tables``,
   ``layout_columns``); :mod:`normalise` -> NFC lines, artefacts removed, footnotes set aside
3. :mod:`outline`    lines -> heading tree and tables, each node with its line number
4. extraction: :mod:`metadata`, :mod:`citations`, :mod:`agencies`, :mod:`tasks` (with
   :mod:`task_heads` for trailers and agency headings, :mod:`task_tables` for task tables),
   :mod:`deadlines`, :mod:`targets`, assembled by :mod:`record`.

The full record carries provenance (``line`` and ``source_text`` on tasks, targets, references and
relations, and a ``provenance`` section for ``implements`` / ``based_on``); :func:`guide_record`
strips it to the exact GUIDE.md shape.
"""
from typing import TYPE_CHECKING, Any

from policykg.loaders.read import ReadError, read_document, register_reader, supported_suffixes

if TYPE_CHECKING:
    from policykg.loaders.record import extract_file, extract_text, guide_record


def __getattr__(name: str) -> Any:
    # The extraction stack loads on first use: listing and reading files (a build that finds
    # nothing changed) never needs it.
    if name in ("extract_file", "extract_text", "guide_record"):
        from policykg.loaders import record

        return getattr(record, name)
    raise AttributeError(f"module 'policykg.loaders' has no attribute {name!r}")

__all__ = [
    "ReadError",
    "extract_file",
    "extract_text",
    "guide_record",
    "read_document",
    "register_reader",
    "supported_suffixes",
]
