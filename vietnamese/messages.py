"""Messages for a terminal: any text as one printable line.

Every error a user can cause is reported in one line; these are the two ways of making it:
:func:`one_line` keeps the whole message with its line breaks squeezed to spaces, :func:`first_line`
keeps only its first line (a parser's message followed by a dump of the input). Bytes that are not
UTF-8 (file names) are shown as ``\\xNN`` by :func:`printable`.
"""
from __future__ import annotations


def printable(text: object) -> str:
    """``text`` with bytes that are not UTF-8 (kept by Python as lone surrogates) written ``\\xNN``.

    Parameters
    ----------
    text : object
        A path, a message, anything ``str`` accepts.

    Returns
    -------
    str
        Text that encodes as UTF-8.

    Examples
    --------
    >>> printable("k\\udcffh.txt"), printable("Kế hoạch.txt"), printable("a\\ud800b")
    ('k\\\\xffh.txt', 'Kế hoạch.txt', 'a\\\\ud800b')
    """
    text = str(text)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _said(message: object) -> str:
    """What a message says; an exception with no words says its type."""
    text = str(message)
    if not text.strip() and isinstance(message, BaseException):
        return type(message).__name__
    return text


def _cut(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[:max(limit - 1, 0)] + "…"


def one_line(message: object, *, where: object | None = None, limit: int | None = None) -> str:
    """``message`` (an exception or text) as one printable line, ``WHERE: `` before it.

    Parameters
    ----------
    message : object
        An exception or any text; an exception with no message gives its type's name.
    where : object, optional
        A path or name the message is about; left out when the message already starts with it.
    limit : int, optional
        Longest line; a longer one is cut and ends in ``…``.

    Returns
    -------
    str
        White space runs (line breaks too) as single spaces; undecodable bytes as ``\\xNN``.

    Examples
    --------
    >>> one_line(ValueError("not JSON:\\n  at line 1"), where="a.json")
    'a.json: not JSON: at line 1'
    >>> one_line("a.json: empty", where="a.json"), one_line(KeyError()), one_line("x" * 9, limit=5)
    ('a.json: empty', 'KeyError', 'xxxx…')
    """
    text = printable(" ".join(_said(message).split()))
    if where is not None:
        place = printable(where)
        text = text if text.startswith(place) else f"{place}: {text}"
    return _cut(text, limit)


def first_line(message: object, *, limit: int | None = 200) -> str:
    """The first non-blank line of ``message``, squeezed as :func:`one_line` squeezes it.

    Parameters
    ----------
    message : object
        An exception or any text.
    limit : int or None
        Longest line (200 unless said; None for no limit); a longer one is cut and ends in ``…``.

    Returns
    -------
    str

    Examples
    --------
    >>> first_line("bad SPARQL: error at 1:18\\nmore"), first_line(OSError())
    ('bad SPARQL: error at 1:18', 'OSError')
    """
    lines = [line for line in _said(message).splitlines() if line.strip()]
    return one_line(lines[0] if lines else "", limit=limit)
