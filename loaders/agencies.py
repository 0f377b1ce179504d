"""Agency names: read a list of agencies in running text and give each its canonical name.

Names resolve through a gazetteer kept as data (``data/agencies.tsv``: canonical, kind, aliases),
which a user extends with files of the same shape. Matching is on words, case-folded, with commas,
hyphens and "&" ignored inside a name, so "Sở GD&ĐT", "Sở GDĐT" and "sở Giáo dục và Đào tạo" meet,
and "UBND các huyện thành phố" meets "Ủy ban nhân dân các huyện, thành phố". A name the gazetteer
does not know is still read when it opens with an agency word followed by a capitalised word
("Trường Cao đẳng …", "Báo …", "Phòng Tổ chức hành chính").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from policykg.loaders.agency_words import (
    HEAD_PARTS,
    QUALIFIERS_BY_FIRST,
    ROLE_VERBS,
    SEPARATORS,
    SKIP,
    TITLE_FIRST,
    TRAILING,
    TRAILING_WORDS,
    VERB_PHRASES,
    VERB_WORDS,
    Token,
    after_title,
    name_key,
    tokenize,
)
from policykg.vietnamese.tones import nfc_modern

_LISTS_KEPT = 8192  # texts whose agency lists a gazetteer keeps (find_lists)
# What the second cell of a gazetteer line may say (README: "Agency names").
GAZETTEER_KINDS = ("agency", "group", "national")
# A division of another body opens with one of these ("Phòng Kế hoạch - Tài chính", "Văn phòng").
_DIVISION_WORDS = re.compile(r"^(?:Phòng|Văn phòng|Thanh tra)(?:\s|$)")


@dataclass(frozen=True)
class Mention:
    """An agency read in text: canonical ``name``, ``kind`` (agency, group, national, unknown) and
    the character span it was read from; for a division printed with its parent ("Phòng Tổ chức
    hành chính Sở GDĐT", "Phòng X thuộc Sở Y"), the parent's canonical name, its span included."""

    name: str
    kind: str
    start: int
    end: int
    parent: str | None = None



class Gazetteer:
    """Canonical agency names and their aliases, matched longest first.

    Examples
    --------
    >>> g = Gazetteer.default()
    >>> [m.name for m in g.read_list("Sở GD&ĐT, các Sở, ban ngành liên quan và UBND các huyện thành phố")[0]]
    ['Sở Giáo dục và Đào tạo', 'Các sở, ban, ngành', 'Ủy ban nhân dân cấp huyện']
    """

    def __init__(self, entries: dict[tuple[str, ...], tuple[str, str]] | None = None) -> None:
        self.entries: dict[tuple[str, ...], tuple[str, str]] = dict(entries or {})
        self._index()

    def _index(self) -> None:
        """Rebuild what matching reads from ``entries``: the alias trie and the first words."""
        self._trie = _Trie.of(self.entries)
        # Words a list can open with: a name's first word, an agency word, "giao"/"đề", a title.
        self._openers = ({k[0] for k in self.entries if k} | set(HEAD_PARTS) | {"giao", "đề"} | TITLE_FIRST) \
            - SEPARATORS
        self._lists: dict[str, tuple[tuple[tuple[Mention, ...], int, int], ...]] = {}

    @classmethod
    def default(cls) -> "Gazetteer":
        """The gazetteer shipped in ``loaders/data/agencies.tsv``."""
        return _default()

    @classmethod
    def from_tsv(cls, text: str) -> "Gazetteer":
        """Read ``canonical<TAB>kind<TAB>alias…`` lines (``#`` starts a comment)."""
        g = cls()
        g._add_tsv(text)
        return g

    def _add_tsv(self, text: str) -> None:
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [nfc_modern(c.strip()) for c in line.split("\t") if c.strip()]
            # The kind may be left out: a second cell that names no kind is the first alias.
            has_kind = len(cells) > 1 and cells[1].casefold() in GAZETTEER_KINDS
            canonical, kind = cells[0], (cells[1].casefold() if has_kind else "agency")
            for alias in [canonical, *cells[2 if has_kind else 1:]]:
                key = name_key(alias)
                self.entries[key] = (canonical, kind)
                if kind == "group" and key and key[0] != "các":
                    self.entries.setdefault(("các",) + key, (canonical, kind))
        self._index()

    def extended(self, files: list[Path]) -> "Gazetteer":
        """A copy with the entries of user files added (theirs win on the same alias)."""
        g = Gazetteer(self.entries)
        for path in files:
            g._add_tsv(Path(path).read_text(encoding="utf-8"))
        return g

    def canonical(self, name: str) -> str:
        """The canonical form of one printed name, or the name itself tidied up."""
        mentions, _ = self.read_list(name)
        if len(mentions) == 1:
            return mentions[0].name
        return re.sub(r"\s+", " ", name).strip()

    def kind_of(self, name: str) -> str:
        """``agency``, ``group``, ``national``, or ``unknown`` for a name not in the gazetteer."""
        hit = self.entries.get(name_key(name))
        return hit[1] if hit else "unknown"

    # -- matching -------------------------------------------------------------------------------
    def _match(self, toks: Sequence[Token], i: int) -> tuple[str, str, int] | None:
        """The longest alias opening at token ``i`` (skipping "," "-" "&" inside it): canonical
        name, kind and the token index after it; None when no alias opens there.

        One walk down the alias trie: it stops at the first token no alias continues with, where
        probing every prefix up to the longest alias would build and look up a key per token.
        """
        best = None
        node = self._trie
        j, n = i, len(toks)
        while j < n:
            key = toks[j].key
            j += 1
            if key in SKIP:
                continue
            child = node.next.get(key)
            if child is None:
                break
            node = child
            if node.hit is not None:
                best = (node.hit[0], node.hit[1], j)
        return best

    def _generic(self, toks: Sequence[Token], i: int) -> int | None:
        """End index of a name the gazetteer does not know, opening with an agency word."""
        if i >= len(toks):
            return None
        for parts in HEAD_PARTS.get(toks[i].key, ()):
            if tuple(t.key for t in toks[i:i + len(parts)]) != parts:
                continue
            j = i + len(parts)
            if j >= len(toks) or not toks[j].text[:1].isupper():
                return None
            while j < len(toks) and j - i < 14:
                tok = toks[j]
                if tok.key in {",", ";", ":", "(", ")", ".", "/", "|"}:
                    break
                if tok.key in {"và", "cùng"} and j + 1 < len(toks):
                    nxt = toks[j + 1]
                    if nxt.key == "các" or self._match(toks, j + 1) or self._starts_head(toks, j + 1) \
                            or nxt.text[:1].islower():
                        break  # "… và cơ quan liên quan": the list goes on, the name has ended
                if tok.text[:1].islower() and j + 1 < len(toks) and (tok.key, toks[j + 1].key) in VERB_PHRASES \
                        and toks[j + 1].text[:1].islower() and not (tok.key == "thường" and toks[j - 1].key == "dục"):
                    break  # (a verb is lower case through: "Truyền hình Thành phố" holds no "hình thành")
                if j + 1 < len(toks) and (tok.key, toks[j + 1].key) in ROLE_VERBS:
                    break  # "Chi cục X" / "Phối hợp với …" joined by a wrap: a role verb in any case
                if tok.key in VERB_WORDS and tok.text[:1].islower():
                    break
                if j > i + len(parts) and self._match(toks, j) and toks[j].text[:1].isupper():
                    break  # "Phòng Tổ chức hành chính Sở GDĐT": the parent office follows
                j += 1
            while j > i + len(parts) and toks[j - 1].key in TRAILING:
                j -= 1  # "Ban Chỉ đạo bầu cử của" / "tỉnh": a name never ends on a linking word
            return j
        return None

    def _starts_head(self, toks: Sequence[Token], i: int) -> bool:
        if i >= len(toks):
            return False
        return any(tuple(t.key for t in toks[i:i + len(p)]) == p and i + len(p) < len(toks)
                   and toks[i + len(p)].text[:1].isupper() for p in HEAD_PARTS.get(toks[i].key, ()))

    def _skip_qualifiers(self, toks: Sequence[Token], j: int) -> int:
        changed = True
        while changed and j < len(toks):
            changed = False
            for parts in QUALIFIERS_BY_FIRST.get(toks[j].key, ()):
                k, n = j, 0
                while k < len(toks) and n < len(parts):
                    if toks[k].key in SKIP and n > 0:
                        k += 1
                        continue
                    if toks[k].key != parts[n]:
                        break
                    k += 1
                    n += 1
                if n == len(parts):
                    j, changed = k, True
                    if parts[-1] in {"tỉnh", "phố"}:
                        # "tỉnh Kon Tum": the place name that follows is part of the qualifier
                        while j < len(toks) and toks[j].text[:1].isupper() and not self._match(toks, j) \
                                and not self._starts_head(toks, j):
                            j += 1
                    break
        return j

    def read_one(self, text: str, toks: Sequence[Token], i: int) -> tuple[Mention, int] | None:
        """Read one agency at token ``i``; return it and the token index after it."""
        while i < len(toks) and toks[i].key in {"giao", "đề", "nghị"}:
            i += 1
        i = after_title(toks, i)
        hit = self._match(toks, i)
        if hit:
            name, kind, j = hit
            return Mention(name, kind, toks[i].start, toks[j - 1].end), self._skip_qualifiers(toks, j)
        after = self._generic(toks, i)
        if after is None or after <= i:
            return None
        j = end = after
        while end > i and toks[end - 1].key in SKIP:
            end -= 1
        raw = text[toks[i].start:toks[end - 1].end]
        raw = re.sub(r"\bUBND\b", "Ủy ban nhân dân", re.sub(r"\bHĐND\b", "Hội đồng nhân dân", raw))
        raw = re.sub(r"\s*[–—-]\s*", " - ", raw)
        raw = re.sub(r"\s+(tỉnh|thành phố)$", "", raw.strip())
        raw = TRAILING_WORDS.sub("", raw)  # "Ban Chỉ đạo bầu cử của (tỉnh)": the body is the Ban
        raw = raw[:1].upper() + raw[1:]
        return Mention(raw, "unknown", toks[i].start, toks[end - 1].end), self._skip_qualifiers(toks, j)

    def read_list(self, text: str, start: int = 0) -> tuple[list[Mention], int]:
        """Read a list of agencies opening at character ``start`` ("A, B và C").

        Parameters
        ----------
        text : str
            NFC text.
        start : int
            Where the list opens; leading separators are skipped.

        Returns
        -------
        (mentions, end)
            The agencies in order (a mixed mention such as "các sở, ban, ngành, địa phương" gives
            two) and the character offset where the list stops.
        """
        toks = [t for t in tokenize(text) if t.start >= start]
        return self._read_list(text, toks, 0, start)

    def _read_list(self, text: str, toks: Sequence[Token], i: int, end: int) -> tuple[list[Mention], int]:
        mentions: list[Mention] = []
        while i < len(toks):
            had_separator = not mentions
            while i < len(toks) and toks[i].key in SEPARATORS:
                i += 1
                had_separator = True
            got = self.read_one(text, toks, i)
            if got is None:
                break
            if not had_separator and got[0].kind != "group":
                break  # two names with nothing between: the second qualifies the first
            mention, i = got
            mention, i = self._with_parent(text, toks, mention, i)
            mentions.append(mention)
            end = toks[i - 1].end if i > 0 else end
        return mentions, end

    def _with_parent(self, text: str, toks: Sequence[Token], mention: Mention,
                     i: int) -> tuple[Mention, int]:
        """A division followed by its parent body ("Phòng Tổ chức hành chính Sở GDĐT", "Phòng X
        thuộc Sở Y"): one mention of the division, its parent kept, so the parent is not read as
        the agency the sentence is about."""
        if not _DIVISION_WORDS.match(mention.name) or i >= len(toks):
            return mention, i
        j = i
        if toks[j].key in ("thuộc", "của"):
            j += 1
        elif toks[j].key == "trực" and j + 1 < len(toks) and toks[j + 1].key == "thuộc":
            j += 2
        if j >= len(toks) or not toks[j].text[:1].isupper():
            return mention, i
        got = self.read_one(text, toks, j)
        if got is None or got[0].kind not in ("agency", "unknown") or _DIVISION_WORDS.match(got[0].name):
            return mention, i
        parent, k = got
        return Mention(mention.name, mention.kind, mention.start, parent.end, parent.name), k

    def find_lists(self, text: str) -> list[tuple[list[Mention], int, int]]:
        """Every maximal agency list in ``text`` with its character span, left to right.

        Examples
        --------
        >>> found = Gazetteer.default().find_lists("Giao Sở Y tế chủ trì, phối hợp UBND các huyện thành phố")
        >>> [([m.name for m in mentions], start, end) for mentions, start, end in found]
        [(['Sở Y tế'], 0, 12), (['Ủy ban nhân dân cấp huyện'], 31, 55)]
        """
        # The loaders read the same line several times (tasks, run-on trimming, full names,
        # parents): the lists of a text are kept, and each caller gets lists of its own.
        found = self._lists.get(text)
        if found is None:
            if len(self._lists) >= _LISTS_KEPT:
                self._lists.clear()
            found = self._lists[text] = tuple((tuple(m), s, e) for m, s, e in self._find_lists(text))
        return [(list(m), s, e) for m, s, e in found]

    def _find_lists(self, text: str) -> list[tuple[list[Mention], int, int]]:
        toks = tokenize(text)
        out = []
        i = 0
        while i < len(toks):
            if toks[i].key not in self._openers:
                i += 1
                continue
            got = self.read_one(text, toks, i)
            if got is None:
                i += 1
                continue
            mentions, end = self._read_list(text, toks, i, toks[i].start)
            out.append((mentions, toks[i].start, end))
            while i < len(toks) and toks[i].start < end:
                i += 1
        return out


class _Trie:
    """A node of the alias trie: one edge per token key; ``hit`` is the (canonical, kind) of the
    alias that ends here, if one does."""

    __slots__ = ("next", "hit")

    def __init__(self) -> None:
        self.next: dict[str, _Trie] = {}
        self.hit: tuple[str, str] | None = None

    @classmethod
    def of(cls, entries: dict[tuple[str, ...], tuple[str, str]]) -> "_Trie":
        """The trie of every alias key in ``entries`` (the empty key matches nothing, as before)."""
        root = cls()
        for key, value in entries.items():
            if not key:
                continue
            node = root
            for word in key:
                child = node.next.get(word)
                if child is None:
                    child = node.next[word] = cls()
                node = child
            node.hit = value
        return root


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    data = resources.files("policykg.loaders").joinpath("data/agencies.tsv").read_text(encoding="utf-8")
    return Gazetteer.from_tsv(data)


def unique(names: list[str], *exclude: list[str]) -> list[str]:
    """Names in order without repeats, leaving out any already in ``exclude`` lists."""
    seen = {n for group in exclude for n in group}
    out = []
    for n in names:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out
