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
from policykg.loaders.read import ReadError, read_document, register_reader, supported_suffixes
from policykg.loaders.record import extract_file, extract_text, guide_record

__all__ = [
    "ReadError",
    "extract_file",
    "extract_text",
    "guide_record",
    "read_document",
    "register_reader",
    "supported_suffixes",
]
