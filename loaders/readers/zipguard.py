"""Zip packages (.docx, .odt) checked from their central directory before anything is parsed.

A zip states each member's compressed and expanded size. A document whose XML would expand to
gigabytes, or that compresses like a bomb (five million empty paragraphs in 80 KB, a 1 GB text
node), is refused from those numbers alone, before an XML parser builds a tree of it. A member that
lies about its size is caught while it is read (the ``zipfile`` module stops at the stated size
and checks the CRC).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from policykg.loaders.read import ReadError

_MB = 1024 * 1024
# Word's XML runs 5 to 10 times the text it holds: the text limit times this, plus room for the
# styles, theme and settings every package has, caps the XML a package may expand to (pictures and
# other members that are not parsed are not counted).
XML_FACTOR = 5
XML_BASE = 8 * _MB


def xml_limit(max_mb: float) -> int:
    """The most XML (bytes) a package may expand to for a text limit of ``max_mb`` megabytes.

    Examples
    --------
    >>> xml_limit(20) // _MB
    108
    """
    return int(max_mb * _MB * XML_FACTOR) + XML_BASE


DEFAULT_LIMIT = xml_limit(20)
# Real documents compress 5 to 30 times; bombs hundreds to millions of times. Only members large
# enough to matter are judged by their ratio.
MAX_RATIO = 200
RATIO_FLOOR = 2 * _MB
MAX_MEMBERS = 10_000


def check_zip(source: Path | BinaryIO, path: Path | str, limit: int = DEFAULT_LIMIT) -> None:
    """Refuse a zip package whose members would expand too far.

    Parameters
    ----------
    source : Path or binary file
        The package.
    path : Path or str
        The name to give in the message.
    limit : int
        Largest total expanded size of the XML members, in bytes (see :func:`xml_limit`).

    Raises
    ------
    ReadError
        More than ``limit`` bytes expanded in all, a member larger than :data:`RATIO_FLOOR` that
        expands more than :data:`MAX_RATIO` times, more than :data:`MAX_MEMBERS` members, or not a
        readable zip package.

    Examples
    --------
    >>> import io
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", "<w:p/>" * 1_000_000)
    >>> check_zip(buffer, "bomb.docx")
    Traceback (most recent call last):
    ...
    policykg.loaders.read.ReadError: bomb.docx: a zip bomb: word/document.xml expands 5.7 MB from ... times); refused unread
    """
    try:
        with zipfile.ZipFile(source) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ReadError(path, "not a valid zip package: truncated or corrupt") from None
    if len(members) > MAX_MEMBERS:
        raise ReadError(path, f"a zip package of {len(members)} members (at most {MAX_MEMBERS}); refused unread")
    total = 0
    for info in members:
        if info.filename.lower().endswith((".xml", ".rels")):
            total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ReadError(path, f"a zip bomb: {info.filename} expands {_mb(info.file_size)} from "
                                  f"{_mb(info.compress_size)} ({ratio} times); refused unread")
    if total > limit:
        raise ReadError(path, f"its XML expands to {_mb(total)}, over the {_mb(limit)} a document of "
                              "the size limit may take; split it (or raise --max-mb)")


def _mb(size: int) -> str:
    return f"{size / _MB:.1f} MB" if size >= _MB else f"{size / _MB:.2g} MB"
