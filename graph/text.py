"""Text helpers for identifiers: NFC, ASCII folding of Vietnamese, slugs.

IRIs must come out the same whoever writes the name and however it was encoded, so everything
goes through NFC first; slugs are then ASCII-folded (``đ`` -> ``d``, tones dropped), which also
makes old and new tone placement (``Uỷ`` / ``Ủy``) land on the same slug.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from policykg.loaders.normalise import strip_diacritics

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def nfc(text: str) -> str:
    """Unicode NFC with runs of white space collapsed to one space and the ends stripped.

    Examples
    --------
    >>> nfc("  Ủy  ban\\u00a0nhân dân ") == "Ủy ban nhân dân"
    True
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def nfc_deep(value: Any) -> Any:
    """``value`` with every string inside it (dicts, lists) put through :func:`nfc`.

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
    >>> nfc_deep({"a": [" x  y ", 1, None]})
    {'a': ['x y', 1, None]}
    """
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {k: nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    return value


@lru_cache(maxsize=1 << 16)
def ascii_fold(text: str) -> str:
    """Vietnamese text without diacritics: ``"Lâm Đồng"`` -> ``"Lam Dong"``.

    Examples
    --------
    >>> ascii_fold("Bắc Kạn, Đắk Lắk")
    'Bac Kan, Dak Lak'
    """
    return strip_diacritics(nfc(text))


@lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """A lower-case ASCII slug: letters and digits, runs of anything else as one ``-``.

    Parameters
    ----------
    text : str
        Any name or document id.

    Returns
    -------
    str
        Never empty: text with no letter or digit gives ``"x"``.

    Examples
    --------
    >>> slugify("Kon Tum"), slugify("91-KL/TW"), slugify("628/QĐ-TTg")
    ('kon-tum', '91-kl-tw', '628-qd-ttg')
    >>> slugify("Sở Giáo dục và Đào tạo")
    'so-giao-duc-va-dao-tao'
    """
    return _NON_ALNUM.sub("-", ascii_fold(text).lower()).strip("-") or "x"


def fold_key(text: str) -> str:
    """A comparison key: NFC, case-folded, ASCII-folded, punctuation as single spaces.

    Examples
    --------
    >>> fold_key("Ban Chấp hành Trung ương Đảng (khóa XI)") == fold_key("ban chap hanh trung uong dang khoa xi")
    True
    """
    return " ".join(_NON_ALNUM.split(ascii_fold(text).lower())).strip()
