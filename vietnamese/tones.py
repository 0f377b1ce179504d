"""NFC and modern tone placement: the one form every Vietnamese string is matched in.

Two names for two jobs: :func:`nfc_modern` keeps the text's spacing (line structure, tabs that
carry tables), :func:`nfc_squeezed` also squeezes white space, for names and values stored in the
graph so that the same name always makes the same string.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_TONED_A_E = "àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ"
_TONED_Y = "ỳýỷỹỵỲÝỶỸỴ"
# Old-style placement puts the tone on the second vowel of oa, oe, uy at a syllable's end.
_OLD_TONE = re.compile(rf"(?<![qQ])([oO][{_TONED_A_E}]|[uU][{_TONED_Y}])(?!\w)")
_SPACES = re.compile(r"\s+")


def fix_tones(text: str) -> str:
    """Move an old-style tone mark to the modern vowel: ``hoà`` → ``hòa``, ``Uỷ`` → ``Ủy``.

    Parameters
    ----------
    text : str
        NFC text.

    Returns
    -------
    str
        NFC text with modern tone placement; letter case is kept.

    Examples
    --------
    >>> fix_tones("hoà bình, khoá học, Uỷ ban, HOÀ, thuý, quý")
    'hòa bình, khóa học, Ủy ban, HÒA, thúy, quý'
    """

    def move(match: re.Match[str]) -> str:
        pair = match.group(1)
        first, second = pair[0], pair[1]
        decomposed = unicodedata.normalize("NFD", second)
        mark = next(c for c in decomposed if c in _TONE_MARKS)
        base = "".join(c for c in decomposed if c not in _TONE_MARKS)
        return unicodedata.normalize("NFC", first + mark) + base

    return _OLD_TONE.sub(move, text)


def nfc_modern(text: str) -> str:
    """Unicode NFC with modern tone placement; spacing and line breaks kept.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str

    Examples
    --------
    >>> nfc_modern("Uỷ ban nhân dân\\tHoà Bình") == "Ủy ban nhân dân\\tHòa Bình"
    True
    """
    return fix_tones(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=1 << 16)
def nfc_squeezed(text: str) -> str:
    """:func:`nfc_modern` with runs of white space as one space and the ends stripped.

    The form of every name and value the graph stores, so the same name makes the same string
    whoever typed it, however it was encoded and wrapped.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> nfc_squeezed("  Uỷ  ban\\u00a0nhân dân ") == "Ủy ban nhân dân"
    True
    """
    return _SPACES.sub(" ", nfc_modern(text)).strip()


def nfc_squeezed_deep(value: Any) -> Any:
    """``value`` with every string inside it (dicts, lists) put through :func:`nfc_squeezed`.

    Parameters
    ----------
    value : Any
        A JSON-like value (an extraction record).

    Returns
    -------
    Any
        A new value of the same shape; non-string leaves unchanged.

    Examples
    --------
    >>> nfc_squeezed_deep({"a": [" x  y ", 1, None]})
    {'a': ['x y', 1, None]}
    """
    if isinstance(value, str):
        return nfc_squeezed(value)
    if isinstance(value, dict):
        return {k: nfc_squeezed_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_squeezed_deep(v) for v in value]
    return value
