"""The bottom room: Vietnamese text, the one way every layer reads, folds and reports it.

Nothing here imports any other room of policykg; every room may import this one.

- :mod:`~policykg.vietnamese.tones`: NFC and modern tone placement ("hòa, khóa, Ủy"), with
  white space kept (:func:`nfc_modern`) or squeezed (:func:`nfc_squeezed`).
- :mod:`~policykg.vietnamese.keys`: accent folding for IRI slugs, comparison and search keys and
  the SPARQL text searches.
- :mod:`~policykg.vietnamese.messages`: any message as one printable line.

Deadline and due-year rules are Vietnamese text too, but they read documents: they live with the
loaders (:mod:`policykg.loaders.deadlines`) and every layer above uses them from there.

Examples
--------
>>> from policykg.vietnamese import loose_key, nfc_modern
>>> nfc_modern("Uỷ ban") == "Ủy ban", loose_key("Hoà Bình") == loose_key("hòa  bình")
(True, True)
"""
from policykg.vietnamese.keys import (
    ascii_fold,
    exact_key,
    has_diacritics,
    loose_key,
    plain_fold,
    search_needle,
    slugify,
    sparql_fold,
    strip_diacritics,
)
from policykg.vietnamese.messages import first_line, one_line, printable
from policykg.vietnamese.tones import fix_tones, nfc_modern, nfc_squeezed, nfc_squeezed_deep

__all__ = ["ascii_fold", "exact_key", "first_line", "fix_tones", "has_diacritics", "loose_key", "nfc_modern",
           "nfc_squeezed", "nfc_squeezed_deep", "one_line", "plain_fold", "printable", "search_needle", "slugify",
           "sparql_fold", "strip_diacritics"]
