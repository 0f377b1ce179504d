"""Text matching for the queries: NFC, case and accent folding, ``tỷ``/``tỉ``, deadline years.

SPARQL 1.1 has no accent folding, so searches on Vietnamese text fetch the candidate strings and
match them here; everything is put through :func:`policykg.loaders.normalise.nfc` (NFC and the
modern tone placement) first, so "hoà" and "hòa", "Uỷ" and "Ủy" are the same word.

Two keys per text:

- :func:`exact_key`: NFC, case-folded, with ``y``/``i`` after a consonant folded to ``i``
  ("tỷ lệ" = "tỉ lệ", "kỹ" = "kĩ", "quản lý" = "quản lí"); diacritics are kept.
- :func:`loose_key`: the same without diacritics (``đ`` -> ``d``), for users who type
  "quan triet".

A query with a diacritic is matched on the exact key (so "quản" does not find "quan"), a query
without one on the loose key.
"""
from __future__ import annotations

import re
from typing import Iterable

from policykg.loaders.deadlines import due_years, falls_due  # noqa: F401 (public here too)
from policykg.loaders.normalise import nfc, strip_diacritics
from policykg.queries.sparql import QueryError

_WORD = re.compile(r"\w+")
# A syllable whose only vowel is y after one or more consonants: tỷ, kỹ, lý, mỹ, sỹ, hy ...
_CONSONANT_Y = re.compile(r"\b([bcdđghklmnpqrstvx]+)([yýỳỷỹỵ])\b")
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
# Words a target indicator may leave out ("hoàn thành cấp trung học phổ thông" is a rate too).
_OPTIONAL_LEAD = ("ti le ",)


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
    lowered = nfc(str(text)).lower()
    folded = _CONSONANT_Y.sub(lambda m: m.group(1) + m.group(2).translate(_Y_TO_I), lowered)
    return " ".join(_WORD.findall(folded))


def loose_key(text: str) -> str:
    """:func:`exact_key` without diacritics: ``"Quán triệt"`` -> ``"quan triet"``.

    Examples
    --------
    >>> loose_key("Sở Giáo dục và Đào tạo")
    'so giao duc va dao tao'
    >>> loose_key("tỷ lệ") == loose_key("ti le")
    True
    """
    return strip_diacritics(exact_key(text))


def has_diacritics(text: str) -> bool:
    """True if ``text`` has a Vietnamese letter beyond ASCII (a tone, a hat, ``đ``).

    Examples
    --------
    >>> has_diacritics("quan triet"), has_diacritics("quán triệt")
    (False, True)
    """
    return loose_key(text) != exact_key(text)


class Matcher:
    """Match texts against a user's words, accent-insensitively when the words have no accent.

    Parameters
    ----------
    query : str
        The words typed.
    optional_lead : bool
        Let "tỷ lệ"/"tỉ lệ" at the start of the query be absent from the text (for target
        indicators, whose extraction sometimes drops it).

    Raises
    ------
    QueryError
        The query has no word (only punctuation or spaces).

    Examples
    --------
    >>> m = Matcher("quan triet nghi quyet")
    >>> m.phrase("Tổ chức quán triệt Nghị quyết số 29"), m.words("Nghị quyết được quán triệt")
    (True, True)
    >>> Matcher("quán triệt").phrase("quan triet")
    False
    >>> Matcher("tỷ lệ hoàn thành", optional_lead=True).words("hoàn thành cấp THPT")
    True
    """

    def __init__(self, query: str, *, optional_lead: bool = False) -> None:
        self.loose = not has_diacritics(query)
        self.key = self.key_of(query)
        if not self.key:
            raise QueryError(f"no words to search for in {query!r}")
        self.tokens = self.key.split()
        self.required = self.tokens
        if optional_lead:
            plain = loose_key(query) + " "
            for lead in _OPTIONAL_LEAD:
                if plain.startswith(lead) and len(self.tokens) > len(lead.split()) + 1:
                    self.required = self.tokens[len(lead.split()):]

    def key_of(self, text: str) -> str:
        """``text`` under the key this query matches on (loose or exact)."""
        return loose_key(text) if self.loose else exact_key(text)

    def phrase(self, text: str | None) -> bool:
        """The query's words appear together, in order, in ``text`` (on word boundaries)."""
        return text is not None and f" {self.key} " in f" {self.key_of(text)} "

    def words(self, text: str | None) -> bool:
        """Every required word of the query appears somewhere in ``text``."""
        if text is None:
            return False
        have = set(self.key_of(text).split())
        return all(t in have for t in self.required)


_SPARQL_FOLD = str.maketrans({**{c: "a" for c in "áàảãạăắằẳẵặâấầẩẫậ"}, **{c: "e" for c in "éèẻẽẹêếềểễệ"},
                               **{c: "i" for c in "íìỉĩịyýỳỷỹỵ"}, **{c: "o" for c in "óòỏõọôốồổỗộơớờởỡợ"},
                               **{c: "u" for c in "úùủũụưứừửữự"}, "đ": "d"})


def sparql_fold(text: str) -> str:
    """``text`` folded the way the ``.rq`` text searches fold theirs: lower case, vowels without
    diacritics, ``y`` as ``i``, ``đ`` as ``d`` (``LCASE`` and ``REPLACE`` with constant patterns).

    Examples
    --------
    >>> sparql_fold("Tỷ lệ QUÁN TRIỆT, Đồng")
    'ti le quan triet, dong'
    """
    return nfc(text).lower().translate(_SPARQL_FOLD)


def search_needle(query: str) -> str | None:
    """The word of ``query`` the store looks for first (the longest, folded by :func:`sparql_fold`);
    None when no word has two letters.

    Every text the exact match accepts holds it, so the store can drop the others before Python
    matches; standard SPARQL 1.1 has no accent folding of its own.

    Examples
    --------
    >>> search_needle("quán triệt Nghị quyết"), search_needle("a b")
    ('triet', None)
    """
    words = sorted((sparql_fold(w) for w in _WORD.findall(nfc(query))), key=len, reverse=True)
    return words[0] if words and len(words[0]) >= 2 else None


def best_matches(texts: Iterable[tuple[str, str | None]], query: str) -> list[str]:
    """The keys of ``(key, text)`` pairs whose text holds the query: as a phrase if any does, else
    with all its words.

    Examples
    --------
    >>> best_matches([("a", "Quán triệt Nghị quyết"), ("b", "Nghị quyết, quán triệt")], "quán triệt nghị quyết")
    ['a']
    >>> best_matches([("b", "Nghị quyết, quán triệt")], "quán triệt nghị quyết")
    ['b']
    """
    matcher = Matcher(query)
    pairs = list(texts)
    found = [k for k, t in pairs if matcher.phrase(t)]
    return found or [k for k, t in pairs if matcher.words(t)]
