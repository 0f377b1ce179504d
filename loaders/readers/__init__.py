"""Readers for real-world document formats, registered with :func:`policykg.loaders.read.register_reader`
when this package is imported (``read.py`` imports it at its end).

- :mod:`.word`     .docx (python-docx): paragraphs, Word numbering as text, tables, footnotes
- :mod:`.pdf`      .pdf with a text layer (pdfplumber): reading order, ruled tables; scans refused
- :mod:`.web`      .html / .htm pages of legal-document and provincial portals: the body only
- :mod:`.worddoc`  legacy .doc through LibreOffice or antiword
- :mod:`.legacy`   TCVN3, VNI and Windows-1258 text detected and converted to Unicode

The third-party libraries are imported when a file is read, so a missing one costs only the
formats that need it, with a ``ReadError`` that says what to install.
"""
from policykg.loaders.readers import pdf, web, word, worddoc  # noqa: F401  (registration)
