"""Is this word a Vietnamese syllable? The yardstick for telling real text from mis-decoded text.

Vietnamese is written one syllable a word, and a syllable has a rigid shape: an optional onset
consonant (``ngh``, ``tr``, ``qu`` ...), a vowel nucleus from a closed list (``a``, ``ươ``, ``uyê``
...), an optional final (``c``, ``ch``, ``m``, ``n``, ``ng``, ``nh``, ``p``, ``t``) and at most one
tone mark. Text decoded with the wrong table breaks that shape in nearly every word
(``ho¹ch``, ``Vieät``), so the share of well-formed syllables among the words that carry non-ASCII
letters separates a right decoding (typically above 0.9) from a wrong one (typically below 0.3).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ôô ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu uêu"
).split()
_CODA = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(
    rf"^(?:{_ONSET})?(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:{_CODA})?$"
)
# A word: a run of anything but white space, ASCII digits and ASCII punctuation. Mis-decoded
# letters are often Latin-1 symbols (¹ ¸ µ «), which must stay inside the word they broke.
_WORD = re.compile(r"[^\s!-@\[-`{-~\u2000-\u206f]+")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether ``word`` has the shape of one Vietnamese syllable (any case, tone marks allowed).

    Parameters
    ----------
    word : str
        One word without spaces or punctuation.

    Returns
    -------
    bool

    Examples
    --------
    >>> [is_syllable(w) for w in ("Nghiệp", "khuyến", "hoạch", "ho¹ch", "Vieät", "chøc", "sìt")]
    [True, True, True, False, False, False, False]
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if not _SYLLABLE.match(bare):
        return False
    # A syllable closed by c, ch, p or t takes only the acute or the dot-below tone (các, bạn).
    return not (bare.endswith(("c", "p", "t", "ch")) and tones in ([], ["\u0300"], ["\u0303"],
                                                                   ["\u0309"]))


def syllable_score(text: str) -> tuple[int, int]:
    """Count the words with a non-ASCII character, and how many of them are well-formed syllables.

    Words of plain ASCII are left out: they read the same in every encoding and so tell nothing.

    Parameters
    ----------
    text : str
        Decoded text.

    Returns
    -------
    (valid, total) : tuple of int

    Examples
    --------
    >>> syllable_score("Kế hoạch số 12")
    (3, 3)
    >>> syllable_score("KÕ ho¹ch sè 12 Tr­êng")
    (2, 4)
    """
    valid = total = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        total += 1
        valid += is_syllable(word)
    return valid, total
