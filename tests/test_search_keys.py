"""Task search on the stored search key (pkg:searchText): the same answers as folding every task's
text in SPARQL, which a store built before the key still gets."""
from __future__ import annotations

import importlib
import random
from pathlib import Path

import pandas as pd
import pytest

from policykg.graph import build_records, open_store
from policykg.pipeline import build_files, expand_paths
from policykg.queries import find_tasks
from policykg.queries.sparql import run
from policykg.queries.text import Matcher
from policykg.sample import iter_corpus
from policykg.vietnamese.keys import loose_key, search_key, search_words, strip_diacritics

# ``policykg.queries.trace`` the attribute is the function; the module is fetched by name.
trace_module = importlib.import_module("policykg.queries.trace")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DROP_KEYS = "PREFIX pkg: <https://w3id.org/policykg/ns#> DELETE WHERE { GRAPH ?g { ?task pkg:searchText ?key } }"
KEYS = "PREFIX pkg: <https://w3id.org/policykg/ns#> SELECT ?task ?key WHERE { ?task pkg:searchText ?key }"
TEXTS = """PREFIX pkg: <https://w3id.org/policykg/ns#>
SELECT ?task ?text ?body WHERE { ?task pkg:text ?text OPTIONAL { ?task pkg:sourceText ?body } } ORDER BY ?task"""


def plan(source: str, number: str, place: str, tasks: list[tuple[str, str | None]]) -> dict:
    return {"source": source, "document": {"kind": "Kế hoạch", "id": number, "place": place,
                                           "issuer": f"Ủy ban nhân dân tỉnh {place}"},
            "tasks": [{"text": text, "source_text": body, "line": n} for n, (text, body) in enumerate(tasks, 1)]}


SNIPPETS = [
    plan("kt.txt", "12/KH-UBND", "Kon Tum", [
        ("Tổ chức quán triệt Kết luận số 91-KL/TW", "Tổ chức quán triệt Kết luận số 91-KL/TW đến cán bộ, đảng viên."),
        ("Rà soát, sắp xếp mạng lưới trường lớp",
         "Rà soát, sắp xếp mạng lưới trường lớp; đầu tư Trường THPT chuyên Nguyễn Tất Thành đạt chuẩn."),
        ("Nâng tỷ lệ trẻ em đi học đúng độ tuổi", None),
        ("Uỷ ban nhân dân các huyện chỉ đạo thực hiện", "Uỷ ban nhân dân các huyện, thành phố chỉ đạo thực hiện."),
    ]),
    plan("bk.txt", "30/KH-UBND", "Bắc Kạn", [
        ("Quán triệt, tuyên truyền", "Quán triệt, tuyên truyền sâu rộng Nghị quyết số 29-NQ/TW về đổi mới giáo dục."),
        ("Bảo đảm kinh phí", "Bảo đảm kinh phí thực hiện; nâng tỉ lệ trường đạt chuẩn quốc gia lên 60%."),
        ("Đào tạo, bồi dưỡng giáo viên",
         "Đào tạo, bồi dưỡng giáo viên theo chương trình mới; tuyên truyền, quán triệt."),
    ]),
    plan("lc.txt", "7/KH-UBND", "Lai Châu", [
        ("Chuyển đổi số trong giáo dục",
         "Đẩy mạnh chuyển đổi số, ứng dụng công nghệ thông tin trong quản lý trường học."),
        ("Hòa nhập cho trẻ khuyết tật", "Giáo dục hoà nhập cho trẻ khuyết tật ở vùng khó khăn."),
    ]),
]
SNIPPET_QUERIES = ["quán triệt", "quan triet", "Nguyễn Tất Thành", "nguyen tat thanh", "tuyên truyền quán triệt",
                   "tỷ lệ", "ti le truong", "ủy ban", "uy ban nhan dan", "hòa nhập", "hoa nhap", "giáo dục",
                   "chuyen doi so", "Trường THPT chuyên", "kinh phí 60", "khong co gi", "a b", "91-KL/TW"]


def searched(store, queries: list[str]) -> dict[str, pd.DataFrame]:
    return {q: find_tasks(store, q) for q in queries}


def old_and_new(store, queries: list[str]) -> tuple[dict, dict]:
    """find_tasks on the stored keys, then on the same store without them (the folding query)."""
    assert trace_module.task_texts(store, "x")["key"].isna().sum() == 0
    new = searched(store, queries)
    store.update(DROP_KEYS)
    assert run(store, KEYS).empty
    old = searched(store, queries)
    return old, new


def assert_same(old: dict, new: dict) -> None:
    for query in old:
        pd.testing.assert_frame_equal(old[query], new[query], check_dtype=False, obj=repr(query))


# --- the key and the words ------------------------------------------------------------------------
def test_search_key_is_the_loose_key_of_heading_then_body():
    assert search_key("Tổ chức quán triệt", "Uỷ ban, HOÀ BÌNH") == loose_key("Tổ chức quán triệt Ủy ban hòa bình")
    assert search_key("Nâng tỷ lệ", None, "") == search_key("nâng tỉ lệ") == "nang ti le"
    assert search_words("Nâng tỷ lệ, nâng TỈ LỆ a") == ["nang", "ti", "le"]


@pytest.mark.parametrize("query,text", [
    ("quán triệt", "Tổ chức quán triệt Kết luận"), ("quan triet", "Tổ chức QUÁN TRIỆT Kết luận"),
    ("tỷ lệ trường", "nâng tỉ lệ trường đạt chuẩn"), ("ủy ban", "Uỷ ban nhân dân"), ("hoà nhập", "giáo dục hòa nhập"),
    ("91-KL/TW quán triệt", "quán triệt Kết luận số 91-KL/TW"), ("Đắk Lắk", "tỉnh Đắk Lắk."),
])
def test_every_match_holds_the_words_looked_for_in_its_key(query, text):
    matcher = Matcher(query)
    assert matcher.phrase(text) or matcher.words(text)
    key = search_key(text)
    assert search_words(query) and all(w in key for w in search_words(query))


def test_build_writes_the_key_of_heading_and_body():
    store = open_store(":memory:")
    build_records([plan("a.txt", "1/KH-UBND", "Kon Tum", [("Rà soát", "Rà soát mạng lưới trường"), ("Tổ chức", None),
                                                          (None, "Câu không có tiêu đề")])], store)
    keys = sorted(run(store, KEYS)["key"])
    assert keys == [search_key("Rà soát", "Rà soát mạng lưới trường"), "to chuc"]


# --- the same answers as the folding query -------------------------------------------------------
def test_snippets_find_the_same_tasks_with_and_without_keys():
    store = open_store(":memory:")
    build_records(SNIPPETS, store)
    old, new = old_and_new(store, SNIPPET_QUERIES)
    assert_same(old, new)
    assert new["nguyen tat thanh"]["text"].tolist() == ["Rà soát, sắp xếp mạng lưới trường lớp"]
    # heading matches first (by place), then the task that has the words only in its body
    assert new["quán triệt"]["text"].tolist() == ["Quán triệt, tuyên truyền", "Tổ chức quán triệt Kết luận số 91-KL/TW",
                                                  "Đào tạo, bồi dưỡng giáo viên"]
    assert new["khong co gi"].empty


def corpus_queries(store, seed: int, count: int) -> list[str]:
    """Words of the stored tasks: a phrase of a body, the same without accents, two scattered words of
    a heading, a word of a body; picked by a seeded draw, so every run asks the same."""
    rows = run(store, TEXTS)
    rng = random.Random(seed)
    queries: list[str] = []
    for text, body in rng.sample(list(zip(rows["text"], rows["body"])), count):
        words = (body or text).split()
        at = rng.randrange(max(1, len(words) - 3))
        phrase = " ".join(words[at:at + 3])
        heading = text.split()
        queries += [phrase, strip_diacritics(phrase), " ".join(heading[::3][:2]),
                    rng.choice([w for w in words if len(search_key(w)) > 1] or words)]
    return queries


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text, _, _ in iter_corpus(24, seed=11, layout="mixed"):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    store = open_store(str(tmp_path_factory.mktemp("store") / "store"))
    files, problems = expand_paths([folder])
    assert not problems and not build_files(files, store).failed
    yield store
    store.close()


def test_generated_corpus_finds_the_same_tasks_with_and_without_keys(corpus_store):
    queries = corpus_queries(corpus_store, seed=5, count=6)
    old, new = old_and_new(corpus_store, queries)
    assert_same(old, new)
    assert sum(len(found) for found in new.values()) > len(queries)  # the words drawn do find tasks


def test_seed_plans_find_the_same_tasks_with_and_without_keys(tmp_path):
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"no seed documents at {SHARED} (../shared from the repository root)")
    store = open_store(str(tmp_path / "store"))
    files, problems = expand_paths([SHARED / "seeds"])
    assert not problems and not build_files(files, store).failed
    queries = ["Nguyễn Tất Thành", "nguyen tat thanh", "quán triệt", "quan triet nghi quyet", "tổ chức thực hiện",
               "Sở Giáo dục và Đào tạo", "ty le", "chuyển đổi số"] + corpus_queries(store, seed=3, count=4)
    old, new = old_and_new(store, queries)
    assert_same(old, new)
    assert "/kon-tum/" in new["Nguyễn Tất Thành"]["task"].iloc[0]
    store.close()


def test_a_store_built_before_the_key_is_rebuilt():
    """The code fingerprint every graph is stored with covers the writer of the key and its folding,
    so `build` rebuilds a store made before them (and then searches it on the key)."""
    from policykg.graph.build import conversion_files

    names = {f"{path.parent.name}/{path.name}" for path in conversion_files()}
    assert {"graph/convert.py", "vietnamese/keys.py"} <= names
