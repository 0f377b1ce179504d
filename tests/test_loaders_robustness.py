"""The loaders never raise on arbitrary text and stay linear on pathological lines.

Timing budgets here are generous on purpose: they catch exponential or quadratic backtracking, not
small slowdowns (speed lives in bench/). Each case is a 1 MB line; the stages take well under a
second on it on the development machine.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathological import PATHOLOGICAL

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.citation_links import relations_in
from policykg.loaders.citations import find_citations
from policykg.loaders.normalise import normalise
from policykg.loaders.outline import build_outline
from policykg.loaders.record import extract_text

# Characters the grammars care about, so random text hits their edges often.
ALPHABET = ("abcdeghiklmnopqrstuvxyđĐăâêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵốồổỗộớờởỡợứừửữựấầẩẫậắằẳẵặếềểễệ"
            "ABCDEGHIKLMNOPQRSTUVXYĐỦỶ0123456789 \t\n.,;:-–/|()[]*\"“”%&¹²³<>")
WORDS = ["Kế hoạch", "số", "Nghị quyết", "Kết luận", "Luật", "ngày", "tháng", "năm", "của", "về", "thực hiện",
         "chủ trì", "phối hợp với", "Sở Y tế", "UBND", "các sở, ban, ngành", "đạt", "%", "91-KL/TW", "12/NQ-CP",
         "I.", "1.", "a)", "-", "·", "|", "\t", "\n", "Cơ quan thực hiện:", "Thời gian thực hiện:", "[bookmark: x]",
         "[footnoteRef:1]", "[1: ", "]", "¹", "Trên đây là", "./.", "PHỤ LỤC", "Đến năm 2030", "trước ngày 5/12"]

text_soup = st.one_of(
    st.text(alphabet=ALPHABET, max_size=3000),
    st.lists(st.sampled_from(WORDS), max_size=400).map(" ".join),
)
quick = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@quick
@given(text_soup)
def test_normalise_and_outline_never_raise(text):
    outline = build_outline(normalise(text))
    assert outline.root.kind == "root"


@quick
@given(text_soup)
def test_citation_grammar_never_raises(text):
    cites = find_citations(text)
    assert all(0 <= c.start <= c.end <= len(text) for c in cites)
    relations_in(text)


@quick
@given(text_soup)
def test_agency_reader_never_raises(text):
    mentions, end = Gazetteer.default().read_list(text)
    assert end <= len(text) and all(m.name for m in mentions)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_soup)
def test_whole_extraction_never_raises(text):
    record = extract_text(text)
    assert set(record) >= {"document", "tasks", "targets", "references"}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_line_is_read_through(name):
    # How long these take (linear, well under a second per MB) is measured by bench/run.py.
    text = PATHOLOGICAL[name][:1_000_000]
    outline = build_outline(normalise(text))
    citations = find_citations(text + " ")  # a fresh string: the grammar is memoised per text
    assert outline is not None and isinstance(citations, tuple)
