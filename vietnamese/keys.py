"""Accent folding: keys for identifiers, comparison, search and SPARQL, all on one core.

:func:`strip_diacritics` is the one folding core; every key is NFC with modern tone placement
first (:mod:`policykg.vietnamese.tones`), so "hoà"/"hòa" and "Uỷ"/"Ủy" always fold alike.

- :func:`slugify`: IRI slugs (``"Sở Tài chính"`` -> ``so-tai-chinh``).
- :func:`exact_key`: case-folded words, ``y``/``i`` after a consonant folded ("tỷ lệ" = "tỉ lệ"),
  diacritics kept: a query typed with accents matches on it.
- :func:`loose_key`: the same without diacritics: names compared across spellings, and queries
  typed without accents ("quan triet").
- :func:`plain_fold`: lower case, no diacritics, punctuation kept: the HTML page's own folding
  (``viz/static/viz.js``, ``fold``).
- :func:`sparql_fold`: what the ``.rq`` text searches compute with ``LCASE`` and ``REPLACE``.
- :func:`search_key`: the loose key a task's whole text is stored under (``pkg:searchText``), and
  :func:`search_words`, the words of a query under it, which a search looks for with ``CONTAINS``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from policykg.vietnamese.tones import nfc_modern, nfc_squeezed

# NFD does not split these letters into base + mark, so they are folded by hand.
_UNSPLIT = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"\w+")
# A syllable whose only vowel is y after one or more consonants: tỷ, kỹ, lý, mỹ, sỹ, hy ...
_CONSONANT_Y = re.compile(r"\b([bcdđghklmnpqrstvx]+)([yýỳỷỹỵ])\b")
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_SPARQL_FOLD = str.maketrans({**{c: "a" for c in "áàảãạăắằẳẵặâấầẩẫậ"}, **{c: "e" for c in "éèẻẽẹêếềểễệ"},
                              **{c: "i" for c in "íìỉĩịyýỳỷỹỵ"}, **{c: "o" for c in "óòỏõọôốồổỗộơớờởỡợ"},
                              **{c: "u" for c in "úùủũụưứừửữự"}, "đ": "d"})


def strip_diacritics(text: str) -> str:
    """``text`` without diacritics (tones, hats, horns; ``đ`` as ``d``); case and spacing kept.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> strip_diacritics("Bắc Kạn, Đắk Lắk")
    'Bac Kan, Dak Lak'
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_UNSPLIT))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def ascii_fold(text: str) -> str:
    """Vietnamese text without diacritics, white space squeezed: ``"Lâm  Đồng"`` -> ``"Lam Dong"``.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> ascii_fold("Bắc Kạn,  Đắk Lắk ")
    'Bac Kan, Dak Lak'
    """
    return strip_diacritics(nfc_squeezed(text))


def plain_fold(text: str) -> str:
    """Lower case, no diacritics, single spaces, punctuation kept (the HTML page's folding).

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> plain_fold("  Sở Giáo dục và Đào tạo, Kon Tum ")
    'so giao duc va dao tao, kon tum'
    """
    return ascii_fold(text).lower()


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


def exact_key(text: str) -> str:
    """NFC (modern tones), case-folded, ``y``/``i`` folded, words separated by single spaces.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> exact_key("Tỷ lệ  hoàn thành") == exact_key("tỉ lệ hoàn thành")
    True
    >>> exact_key("Uỷ ban, HOÀ BÌNH")
    'ủy ban hòa bình'
    """
    lowered = nfc_modern(str(text)).lower()
    folded = _CONSONANT_Y.sub(lambda m: m.group(1) + m.group(2).translate(_Y_TO_I), lowered)
    return " ".join(_WORD.findall(folded))


def loose_key(text: str) -> str:
    """:func:`exact_key` without diacritics: the key names are compared on.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> loose_key("Sở Giáo dục và Đào tạo")
    'so giao duc va dao tao'
    >>> loose_key("Ban Chấp hành Trung ương Đảng (khóa XI)") == loose_key("ban chap hanh trung uong dang khoa xi")
    True
    >>> loose_key("tỷ lệ") == loose_key("ti le")
    True
    """
    return strip_diacritics(exact_key(text))


def has_diacritics(text: str) -> bool:
    """True if ``text`` has a Vietnamese letter beyond ASCII (a tone, a hat, ``đ``).

    Parameters
    ----------
    text : str

    Returns
    -------
    bool

    Examples
    --------
    >>> has_diacritics("quan triet"), has_diacritics("quán triệt")
    (False, True)
    """
    return loose_key(text) != exact_key(text)


def sparql_fold(text: str) -> str:
    """``text`` folded the way the ``.rq`` text searches fold theirs: lower case, vowels without
    diacritics, ``y`` as ``i``, ``đ`` as ``d`` (``LCASE`` and ``REPLACE`` with constant patterns).

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> sparql_fold("Tỷ lệ QUÁN TRIỆT, Đồng")
    'ti le quan triet, dong'
    """
    return nfc_modern(text).lower().translate(_SPARQL_FOLD)


def search_needle(query: str) -> str | None:
    """The word of ``query`` a store looks for first (the longest, folded by :func:`sparql_fold`);
    None when no word has two letters.

    Every text an exact match accepts holds it, so the store can drop the others before Python
    matches; standard SPARQL 1.1 has no accent folding of its own.

    Parameters
    ----------
    query : str

    Returns
    -------
    str or None

    Examples
    --------
    >>> search_needle("quán triệt Nghị quyết"), search_needle("a b")
    ('triet', None)
    """
    words = sorted((sparql_fold(w) for w in _WORD.findall(nfc_modern(query))), key=len, reverse=True)
    return words[0] if words and len(words[0]) >= 2 else None


def search_key(*parts: str | None) -> str:
    """The key a task's text is searched on: :func:`loose_key` of its parts joined by a space (parts
    that are None or empty left out). The graph stores it (``pkg:searchText``) so a search folds
    only the words typed, never the stored texts.

    Parameters
    ----------
    *parts : str or None
        The texts searched together (a task's heading, then its body).

    Returns
    -------
    str

    Examples
    --------
    >>> search_key("Tổ chức quán triệt", None, "Kết luận số 91-KL/TW")
    'to chuc quan triet ket luan so 91 kl tw'
    """
    return loose_key(" ".join(p for p in parts if p))


def search_words(query: str) -> list[str]:
    """The words of ``query`` under :func:`search_key`, each once, longest first, those of at least
    two letters: the substrings every search key a match of ``query`` holds.

    A text matched by the words typed (accents or not, see :class:`policykg.queries.text.Matcher`)
    holds each of them under :func:`loose_key`, so its search key contains them all.

    Parameters
    ----------
    query : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> search_words("Quán triệt Nghị quyết, quán triệt")
    ['triet', 'quyet', 'quan', 'nghi']
    >>> search_words("a b")
    []
    """
    words = dict.fromkeys(w for w in search_key(query).split() if len(w) >= 2)
    return sorted(words, key=len, reverse=True)
