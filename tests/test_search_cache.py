"""Document and agency search on lists read once per state of the store (queries.common.cached_by_state):
the same answers as reading and folding them in the store on every search, and a build that
changes the store is seen at once."""
from __future__ import annotations

import pandas as pd
import pytest
from rdflib import Literal

from policykg.graph import build_records, open_store
from policykg.queries import page_search
from policykg.queries.common import cached_by_state, place_names, state_key
from policykg.queries.sparql import run
from policykg.queries.text import Matcher
from policykg.vietnamese.keys import search_needle


def plan(source: str, number: str, place: str, title: str, agencies: list[str]) -> dict:
    return {"source": source, "document": {"kind": "Kế hoạch", "id": number, "place": place, "title": title,
                                           "issuer": f"Ủy ban nhân dân tỉnh {place}"},
            "implements": ["91-KL/TW", "Nghị quyết số 29-NQ/TW"],
            "tasks": [{"text": f"Việc {n}", "lead": [a]} for n, a in enumerate(agencies, 1)]}


RECORDS = [
    plan("kt.txt", "12/KH-UBND", "Kon Tum", "Thực hiện Kết luận số 91-KL/TW về đổi mới giáo dục",
         ["Sở Giáo dục và Đào tạo", "Sở Y tế", "Ban Tuyên giáo Tỉnh ủy", "Ủy ban nhân dân các huyện"]),
    plan("bk.txt", "30/KH-UBND", "Bắc Kạn", "Triển khai Nghị quyết 29-NQ/TW",
         ["Sở Tài chính", "Sở Giáo dục và Đào tạo", "Uỷ ban Mặt trận Tổ quốc tỉnh"]),
    plan("lc.txt", "7/KH-UBND", "Lai Châu", "Chuyển đổi số trong giáo dục",
         ["Sở Thông tin và Truyền thông", "Sở Y tế", "Hội Khuyến học tỉnh"]),
]
QUERIES = ["sở y tế", "so y te", "giáo dục", "giao duc dao tao", "ủy ban", "uy ban", "uỷ ban mặt trận", "91-KL",
           "29-NQ/TW", "kế hoạch", "chuyển đổi số", "tuyen giao", "hội", "không có gì", "KH-UBND"]


def old_agencies(store, text: str) -> list[str]:
    """The search as it was: every name folded by agencies.rq in the store, on every search."""
    matcher = Matcher(text)
    needle = search_needle(text)
    found = run(store, "agencies", {"needle": Literal(needle) if needle else None})
    return sorted({a for a, n in zip(found["agency"], found["name"]) if matcher.words(n)})


def old_documents(store, text: str) -> list[str]:
    matcher = Matcher(text)
    found = run(store, "page_doc_search")
    return sorted({d for d, t in zip(found["doc"], found["text"]) if matcher.words(t)})


@pytest.fixture()
def store(tmp_path):
    store = open_store(tmp_path / "store")
    build_records(RECORDS, store)
    return store


def test_built_store_has_a_state_key(store) -> None:
    assert state_key(store) is not None


@pytest.mark.parametrize("text", QUERIES)
def test_same_answers_as_searching_the_store(store, text: str) -> None:
    for _ in range(2):  # the first search reads the lists, the second reuses them
        agencies = page_search.search_agencies(store, text)
        assert sorted(agencies["agency_iri"]) == old_agencies(store, text)
        documents = page_search.search_documents(store, text)
        assert sorted(documents["doc"]) == old_documents(store, text)


def test_some_searches_find_something(store) -> None:
    assert set(page_search.search_agencies(store, "so y te")["place"]) == {"Kon Tum", "Lai Châu"}
    assert "12/KH-UBND" in set(page_search.search_documents(store, "giao duc")["id"])


def test_a_build_is_seen_at_once(store) -> None:
    assert page_search.search_agencies(store, "Sở Xây dựng").empty
    assert "Hà Giang" not in place_names(store).values()
    build_records([plan("hg.txt", "9/KH-UBND", "Hà Giang", "Xây dựng trường", ["Sở Xây dựng"])], store)
    assert page_search.search_agencies(store, "Sở Xây dựng")["place"].tolist() == ["Hà Giang"]
    assert page_search.search_documents(store, "9/KH-UBND")["id"].tolist() == ["9/KH-UBND"]
    assert "Hà Giang" in place_names(store).values()


def test_cache_kept_while_the_state_holds(store) -> None:
    calls: list[int] = []

    def make() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"n": [len(calls)]})

    first = cached_by_state(store, "test_list", make)
    second = cached_by_state(store, "test_list", make)
    assert len(calls) == 1 and second is first
    build_records([plan("hg.txt", "9/KH-UBND", "Hà Giang", "Xây dựng", ["Sở Xây dựng"])], store)
    assert cached_by_state(store, "test_list", make)["n"].tolist() == [2]


def test_no_index_no_cache() -> None:
    store = open_store(":memory:")
    calls: list[int] = []
    for _ in range(2):
        cached_by_state(store, "test_list", lambda: calls.append(1))
    assert len(calls) == (1 if state_key(store) is not None else 2)
