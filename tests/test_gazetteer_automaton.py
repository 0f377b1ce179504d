"""The gazetteer's alias trie reads what probing every prefix read (issue 19, cheap extraction wins).

The reference here is the matcher the trie replaced: at a token, build the key one word at a time
(skipping "," "-" "&" inside a name) up to the longest alias and keep the longest key the
gazetteer holds. The title and qualifier look-ups by first word, and the lists a gazetteer keeps
per text, are checked against their plain forms the same way.
"""
from __future__ import annotations

from importlib import resources

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders.agencies import Gazetteer, Mention
from policykg.loaders.agency_words import QUALIFIERS, SKIP, TITLES, after_title, tokenize

G = Gazetteer.default()

# Printed names as the gazetteer file holds them: canonical names and aliases.
_ALIASES = sorted({cell.strip() for line in resources.files("policykg.loaders").joinpath("data/agencies.tsv")
                   .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
                   for n, cell in enumerate(line.split("\t")) if n != 1 and cell.strip()})
# Words of running text around agency lists, in the documents' style.
_FILLER = ["chủ trì", "phối hợp", "triển khai", "thực hiện", "giao", "đề nghị", "tham mưu", "các", "tỉnh", "Kon Tum",
           "thành phố", "trên địa bàn", "có liên quan", "trực thuộc", "của", "kế hoạch", "năm 2025", "Phòng",
           "Trường Cao đẳng", "Ban Chỉ đạo", "Giám đốc", "Chủ tịch", "thuộc", "Nghệ An", "tổ chức", "UBND", "Sở"]
_GLUE = [" ", ", ", " và ", "; ", " - ", " & ", " / ", " cùng ", ": ", "\n", " ("]


def naive_match(g: Gazetteer, toks, i: int):
    """The matcher before the trie: probe every prefix up to the longest alias."""
    longest = max((len(k) for k in g.entries), default=0)
    best = None
    key: list[str] = []
    j = i
    while j < len(toks) and len(key) < longest:
        if toks[j].key in SKIP:
            j += 1
            continue
        key.append(toks[j].key)
        j += 1
        hit = g.entries.get(tuple(key))
        if hit:
            best = (hit[0], hit[1], j)
    return best


def naive_after_title(toks, i: int) -> int:
    for title in TITLES:
        j = i + len(title)
        if tuple(t.key for t in toks[i:j]) == title and j < len(toks) \
                and (toks[j].text[:1].isupper() or toks[j].key == "các"):
            return j
    return i


class NaiveGazetteer(Gazetteer):
    """The gazetteer as it read before: prefix probing, every qualifier tried, no kept lists."""

    def _match(self, toks, i):
        return naive_match(self, toks, i)

    def _skip_qualifiers(self, toks, j):
        changed = True
        while changed:
            changed = False
            for q in QUALIFIERS:
                parts = q.split()
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
                        while j < len(toks) and toks[j].text[:1].isupper() and not self._match(toks, j) \
                                and not self._starts_head(toks, j):
                            j += 1
                    break
        return j

    def find_lists(self, text):
        return self._find_lists(text)


_NAIVE = NaiveGazetteer(G.entries)


def _cased(s: str, how: int) -> str:
    return (s, s.upper(), s.lower(), s[:1].lower() + s[1:])[how]


@st.composite
def snippets(draw) -> str:
    """A line of text: aliases (whole, cut short, in another case), filler words and separators."""
    out = []
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(st.integers(0, 3))
        if kind <= 1:
            alias = draw(st.sampled_from(_ALIASES))
            words = alias.split()
            if kind == 1 and len(words) > 1:  # the first words of a name: the trie walk stops early
                alias = " ".join(words[:draw(st.integers(1, len(words) - 1))])
            piece = _cased(alias, draw(st.integers(0, 3)))
        else:
            piece = draw(st.sampled_from(_FILLER))
        out.append(piece + draw(st.sampled_from(_GLUE)))
    return "".join(out).strip()


def _names(found: list[tuple[list[Mention], int, int]]) -> list[tuple[list[Mention], int, int]]:
    return [(list(m), s, e) for m, s, e in found]


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(snippets())
def test_trie_and_probing_agree_at_every_token(text):
    toks = tokenize(text)
    for i in range(len(toks) + 1):
        assert G._match(toks, i) == naive_match(G, toks, i), (text, i)
        assert after_title(toks, i) == naive_after_title(toks, i), (text, i)
        assert G._skip_qualifiers(toks, i) == _NAIVE._skip_qualifiers(toks, i), (text, i)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(snippets())
def test_lists_read_alike(text):
    assert G.find_lists(text) == _NAIVE.find_lists(text)
    assert G.find_lists(text) == _NAIVE.find_lists(text)  # the second time from the kept lists
    assert G.read_list(text) == _NAIVE.read_list(text)


def test_nested_aliases_and_groups_in_a_small_gazetteer():
    # Aliases that are the first words of others, a group (read with "các" too) and punctuation inside.
    g = Gazetteer.from_tsv("Sở Y tế\tagency\tSở Y\nSở Y tế dự phòng\tagency\n"
                           "Các sở, ban, ngành\tgroup\tsở ban ngành\nBan Dân tộc\tagency\tBan DT&TG\n")
    naive = NaiveGazetteer(g.entries)
    for text in ["Sở Y tế dự phòng, Sở Y và các sở, ban, ngành", "Sở Y tế dự, Ban DT&TG", "sở - ban - ngành",
                 "Ban Dân tộc, các Sở ban ngành liên quan", ", Sở Y tế", "Sở"]:
        toks = tokenize(text)
        for i in range(len(toks) + 1):
            assert g._match(toks, i) == naive_match(g, toks, i), (text, i)
        assert g.find_lists(text) == naive.find_lists(text), text
    assert [m.name for m in g.read_list("Sở Y tế dự phòng, Sở Y")[0]] == ["Sở Y tế dự phòng", "Sở Y tế"]
    assert g._match(tokenize("Sở Y tế dự"), 0) == ("Sở Y tế", "agency", 3)  # the longest alias that ends


def test_kept_lists_are_the_callers_own():
    text = "Sở Tài chính chủ trì, phối hợp Sở Nội vụ"
    first = G.find_lists(text)
    first[0][0].clear()
    first.clear()
    assert [[m.name for m in ms] for ms, _, _ in G.find_lists(text)] == [["Sở Tài chính"], ["Sở Nội vụ"]]


def test_extending_a_gazetteer_rebuilds_what_it_matches(tmp_path):
    extra = tmp_path / "more.tsv"
    extra.write_text("Trung tâm Điều hành đô thị thông minh\tagency\tIOC\n", encoding="utf-8")
    g = G.extended([extra])
    assert [m.name for m in g.read_list("IOC, Sở Y tế")[0]] == ["Trung tâm Điều hành đô thị thông minh", "Sở Y tế"]
    assert G._match(tokenize("IOC"), 0) is None
