"""Text matching for the queries: a user's words against texts from the store.

SPARQL 1.1 has no accent folding, so searches on Vietnamese text fetch the candidate strings and
match them here on the keys of :mod:`policykg.vietnamese.keys` (NFC and modern tone placement
first, so "hoà" and "hòa", "Uỷ" and "Ủy" are the same word): a query with a diacritic is matched on
the exact key (so "quản" does not find "quan"), a query without one on the loose key.
"""
from __future__ import annotations

from typing import Iterable

from policykg.queries.sparql import QueryError
from policykg.vietnamese.keys import exact_key, has_diacritics, loose_key

# Words a target indicator may leave out ("hoàn thành cấp trung học phổ thông" is a rate too).
_OPTIONAL_LEAD = ("ti le ",)


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
