"""Stage 1: read a file into text, through a registry of readers keyed by file suffix.

A reader is a function ``(path) -> str``. Formats register themselves with :func:`register_reader`;
third-party packages can add one through the ``policykg.readers`` entry-point group, so a new format
plugs in without touching the rest of the pipeline.
"""
from __future__ import annotations

import codecs
from importlib.metadata import entry_points
from pathlib import Path
from typing import Callable

Reader = Callable[[Path], str]

_READERS: dict[str, Reader] = {}
_PLUGINS_LOADED = False


class ReadError(Exception):
    """A file that cannot be turned into text; the message says why in one line."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for one or more file suffixes (``".txt"``, ``".md"`` ...).

    Parameters
    ----------
    suffixes : str
        Lower-case suffixes with the leading dot.

    Returns
    -------
    decorator
        Registers the function and returns it unchanged.

    Examples
    --------
    >>> @register_reader(".note")
    ... def read_note(path):
    ...     return path.read_text()
    >>> ".note" in supported_suffixes()
    True
    """

    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = reader
        return reader

    return decorate


def _load_plugins() -> None:
    global _PLUGINS_LOADED
    if _PLUGINS_LOADED:
        return
    _PLUGINS_LOADED = True
    for ep in entry_points(group="policykg.readers"):
        reader = ep.load()
        _READERS.setdefault(f".{ep.name.lower().lstrip('.')}", reader)


def supported_suffixes() -> list[str]:
    """Suffixes that have a reader, sorted."""
    _load_plugins()
    return sorted(_READERS)


def read_document(path: Path | str) -> str:
    """Read a document into text with the reader registered for its suffix.

    Parameters
    ----------
    path : Path or str
        The file to read.

    Returns
    -------
    str
        The text, not yet normalised.

    Raises
    ------
    ReadError
        With a one-line reason: missing, unreadable, not a regular file (a FIFO would block the
        read), a file name that is not UTF-8, unsupported type, not text.

    Examples
    --------
    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("Kế hoạch".encode("utf-16"))
    >>> read_document(p)
    'Kế hoạch'
    """
    path = Path(path)
    _load_plugins()
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(supported_suffixes())
        raise ReadError(path, f"unsupported file type '{path.suffix or '(none)'}' (readable: {known})")
    from policykg.loaders.files import check_regular

    check_regular(path)  # a FIFO, device or link loop is refused before any reader opens it
    try:
        return reader(path)
    except ReadError:
        raise
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None


def decode_text(data: bytes, path: Path | str = "<bytes>") -> str:
    """Decode bytes of a plain-text document: UTF-8 (with or without BOM), UTF-16 (any endianness),
    or one of the legacy Vietnamese encodings TCVN3, VNI and Windows-1258.

    UTF-16 without a byte-order mark is recognised by its NUL bytes: Vietnamese text in UTF-16 has a
    zero in nearly every other byte, which no UTF-8 text has. Bytes that are not UTF-8 are scored
    as each legacy encoding and read in the one that gives well-formed Vietnamese syllables
    (:mod:`policykg.loaders.readers.legacy` explains the heuristic); UTF-8 text whose lines were
    typed in a TCVN3 or VNI font is converted too. A file of another format renamed ``.txt``, or
    binary data, is refused with a reason.

    Examples
    --------
    >>> decode_text("Kế hoạch".encode("utf-8"))
    'Kế hoạch'
    >>> decode_text("KÕ ho¹ch thùc hiÖn NghÞ quyÕt".encode("latin-1"))
    'Kế hoạch thực hiện Nghị quyết'
    """
    from policykg.loaders.readers import legacy  # here, not at the top: readers import this module

    if data.startswith(codecs.BOM_UTF8):
        return legacy.repair_text(_strict(data[3:], "utf-8", path))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if b"\x00" in data[:4096]:
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = max(len(sample) // 2, 1)
        if odd > 0.3 * half and odd > even:
            return _strict(data, "utf-16-le", path)
        if even > 0.3 * half and even > odd:
            return _strict(data, "utf-16-be", path)
        raise ReadError(path, _binary_reason(data))
    if not data.strip():
        raise ReadError(path, "empty file")
    if _looks_binary(data[:4096]):
        raise ReadError(path, _binary_reason(data))
    try:
        return legacy.repair_text(_strict(data, "utf-8", path))
    except ReadError as exc:
        decoded = legacy.decode_legacy(data)
        if decoded is not None:
            return decoded[0]
        # UTF-8 with a few stray bytes (a line pasted from an older file): keep the document,
        # the stray bytes become U+FFFD. More than one in a thousand characters is not UTF-8.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(1, len(text) // 1000) and not text.isascii():
            return legacy.repair_text(text)
        raise ReadError(path, f"{exc.reason}, and not recognisably TCVN3, VNI or "
                              "Windows-1258 Vietnamese either") from None


# Signatures of formats that get renamed to .txt by mistake, so the message can say what it is.
_MAGIC = {
    b"%PDF-": "a PDF file, not plain text (rename it .pdf)",
    b"PK\x03\x04": "a zip package (a .docx?), not plain text",
    b"\xd0\xcf\x11\xe0": "a legacy Office file (a .doc?), not plain text",
    b"{\\rtf": "an RTF document, not plain text",
}


def _binary_reason(data: bytes) -> str:
    for magic, reason in _MAGIC.items():
        if data.startswith(magic):
            return reason
    return "binary data, not a text document"


def _looks_binary(sample: bytes) -> bool:
    """Control bytes other than tab, newlines and form feed make up over 2 % of the sample."""
    if any(sample.startswith(magic) for magic in _MAGIC):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.02 * len(sample)


def _strict(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"not valid {encoding} text (byte {exc.start})") from None
    if not text.strip():
        raise ReadError(path, "empty file")
    return text


@register_reader(".txt", ".md", ".text", ".markdown")
def read_plain_text(path: Path) -> str:
    """Plain text and Markdown: bytes decoded by :func:`decode_text`."""
    return decode_text(path.read_bytes(), path)
from policykg.loaders import readers as _readers  # noqa: F401,E402  (registers .docx, .pdf, .html, .doc)
