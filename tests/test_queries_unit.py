"""The queries on small hand-made records (no seeds needed): parameters, matching, every question."""
from __future__ import annotations

import pandas as pd
import pytest
from rdflib import Literal, URIRef

from policykg.graph import build_records, open_store
from policykg.graph.namespaces import ID
from policykg.graph.store import StoreError
from policykg.loaders.deadlines import due_years, falls_due
from policykg.queries import (
    AmbiguousTask,
    QueryError,
    TaskNotFound,
    UnknownPlace,
    bind,
    find_tasks,
    gaps,
    overload,
    resolve_place,
    sources,
    sparql_query,
    targets,
    tasks,
    trace,
)
from policykg.queries.sparql import load_query, projection, query_names, run, value
from policykg.queries.text import Matcher
from policykg.vietnamese.keys import exact_key, loose_key

SGD = "Sở Giáo dục và Đào tạo"


def task(text, lead=(), support=(), implement=(), deadline=None, line=None):
    return {"text": text, "lead": list(lead), "support": list(support), "implement": list(implement),
            "deadline": deadline, "line": line, "source_text": f"{text} (câu đầy đủ)." if line else None}


def kon_tum() -> dict:
    return {
        "source": "kt.txt",
        "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
                     "place": "Kon Tum"},
        "implements": ["182-KH/TU"],
        "provenance": {"implements": [{"id": "182-KH/TU", "line": 5,
                                       "source_text": "Triển khai Kế hoạch số 182-KH/TU về thực hiện Kết luận số 91-KL/TW"}]},
        "references": [{"id": "182-KH/TU", "kind": "Kế hoạch", "issuer": "Ban Thường vụ Tỉnh ủy"},
                       {"id": "91-KL/TW", "kind": "Kết luận", "issuer": "Bộ Chính trị"},
                       {"id": "29-NQ/TW", "kind": "Nghị quyết", "issuer": "Ban Chấp hành Trung ương Đảng"}],
        "relations": [
            {"from": "182-KH/TU", "type": "implements", "to": "91-KL/TW", "line": 5,
             "source_text": "Kế hoạch số 182-KH/TU về thực hiện Kết luận số 91-KL/TW"},
            {"from": "91-KL/TW", "type": "implements", "to": "29-NQ/TW", "line": 6,
             "source_text": "Kết luận số 91-KL/TW về tiếp tục thực hiện Nghị quyết số 29-NQ/TW"}],
        "tasks": [
            task("Tổ chức quán triệt Kết luận số 91-KL/TW đến cán bộ", [SGD], ["Các sở, ban, ngành"],
                 deadline="Năm 2026", line=10),
            task("Rà soát, sắp xếp mạng lưới trường lớp", [SGD], ["Sở Tài chính"], deadline="hằng năm", line=11),
            task("Bảo đảm kinh phí thực hiện", ["Sở Tài chính"], implement=["Sở Nội vụ"], deadline="Quý IV/2025",
                 line=12),
        ],
        "targets": [{"text": "Tỉ lệ hoàn thành cấp trung học phổ thông", "value": "95", "unit": "%", "year": 2030,
                     "line": 20, "source_text": "Tỉ lệ hoàn thành cấp trung học phổ thông đạt 95%."}],
    }


def lam_dong() -> dict:
    """A plan carrying out two documents side by side; one of them carries out a third."""
    return {
        "source": "ld.txt",
        "document": {"kind": "Kế hoạch", "id": "2/KH-SGDĐT", "issuer": "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng",
                     "place": "Lâm Đồng"},
        "implements": ["68/NQ-CP", "78-CTr/TU"],
        "relations": [{"from": "78-CTr/TU", "type": "implements", "to": "42-NQ/TW", "line": 3,
                       "source_text": "Chương trình hành động số 78-CTr/TU thực hiện Nghị quyết số 42-NQ/TW"}],
        "tasks": [task("Tuyên truyền nâng cao nhận thức về giáo dục", ["Phòng Tổ chức hành chính"], line=30)],
        "targets": [{"text": "Tỷ lệ hoàn thành cấp trung học phổ thông", "value": "97", "unit": "%", "year": 2030},
                    {"text": "Tỷ lệ hoàn thành cấp trung học cơ sở", "value": "99", "unit": "%", "year": 2030}],
    }


def bac_kan() -> dict:
    """One agency far above its peers: loads 20 against 2, 2, 2, 2, 2, 2."""
    others = ["Sở Y tế", "Sở Nội vụ", "Sở Xây dựng", "Sở Tài chính", "Công an tỉnh", "Sở Công Thương"]
    items = [task(f"Nhiệm vụ giáo dục số {n}", [SGD]) for n in range(10)]
    items += [task(f"Nhiệm vụ của {o}", [o]) for o in others]
    items.append(task("Phối hợp thực hiện chung", support=["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"]))
    return {"source": "bk.txt",
            "document": {"kind": "Kế hoạch", "id": "284/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Bắc Kạn",
                         "place": "Bắc Kạn"},
            "implements": ["91-KL/TW"], "tasks": items,
            "targets": [{"text": "hoàn thành cấp trung học phổ thông", "value": "95", "unit": "%", "year": 2030}]}


@pytest.fixture(scope="module")
def store():
    s = open_store(":memory:")
    build_records([kon_tum(), lam_dong(), bac_kan()], s)
    return s


# --- parameters and results ------------------------------------------------------------------------
def test_every_query_file_parses_and_runs_unbound(store):
    for name in query_names():
        run(store, name)  # no exception: the files are valid SPARQL with their parameters unbound


def test_bind_escapes_user_text_and_checks_names():
    q = "SELECT ?t WHERE { VALUES ?needle { UNDEF } ?t ?p ?needle }"
    bound = bind(q, {"needle": 'x" } ; DROP ALL ; #'})
    assert 'VALUES ?needle { "x\\" } ; DROP ALL ; #" }' in bound
    with pytest.raises(KeyError):
        bind(q, {"other": "x"})
    assert bind(q, {"needle": []}).count("VALUES ?needle {  }") == 1


def test_bound_injection_attempt_matches_nothing(store):
    assert run(store, "task_texts", {"needle": Literal('" } ?x ?y ?z . { "')}).empty
    assert run(store, "tasks", {"place": Literal('" } ?x ?y ?z . { "')}).empty


def test_iri_parameter_rejects_bad_iri(store):
    with pytest.raises(QueryError):
        trace(store, "https://example.org/a b")


def test_projection_and_values():
    assert projection("SELECT ?a (SAMPLE(?x) AS ?b) WHERE { ?a ?p ?x } GROUP BY ?a") == ["a", "b"]
    assert value(Literal("2030", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))) == "2030"
    assert value(Literal(True)) is True


def test_load_query_unknown():
    with pytest.raises(KeyError):
        load_query("nope")


# --- text matching ---------------------------------------------------------------------------------
def test_keys_fold_case_tones_and_y_i():
    assert exact_key("TỶ LỆ hoà") == exact_key("tỉ lệ hòa")
    assert loose_key("Quán triệt, Nghị quyết") == "quan triet nghi quyet"
    assert exact_key("quý") == "quý"  # a vowel cluster is not folded
    assert exact_key("Y tế") == "y tế"


def test_accented_query_is_accent_sensitive_plain_query_is_not():
    assert Matcher("quán triệt").phrase("Tổ chức quán triệt") and not Matcher("quán triệt").phrase("quan triet")
    assert Matcher("quan triet").phrase("Tổ chức QUÁN TRIỆT")
    with pytest.raises(QueryError):
        Matcher(" ,; ")


@pytest.mark.parametrize("deadline, year, due", [
    ("Năm 2026", 2026, True), ("Năm 2026", 2025, False), ("Quý IV/2025", 2025, True),
    ("trước ngày 20 tháng 12 hằng năm", 2031, True), ("Hàng năm", 2024, True), ("Thường xuyên", 2026, False),
    ("Giai đoạn 2026 - 2030", 2030, True), ("Giai đoạn 2026 - 2030", 2027, False),
    ("Năm 2024 và các năm tiếp theo", 2027, True), ("Năm 2024 và các năm tiếp theo", 2023, False), (None, 2026, False)])
def test_falls_due(deadline, year, due):
    assert falls_due(deadline, year) is due


def test_due_years_of_recurring():
    assert due_years("định kỳ hằng năm") == (frozenset(), 0)


# --- trace -----------------------------------------------------------------------------------------
def test_trace_by_words_goes_to_the_top_with_evidence(store):
    df = trace(store, "quan triet ket luan")
    assert df["hop"].tolist() == [0, 1, 2, 3]
    assert df["relation"].tolist() == ["in plan", "implements", "implements", "implements"]
    assert df["to_id"].tolist() == ["1/KH-UBND", "182-KH/TU", "91-KL/TW", "29-NQ/TW"]
    assert df["to_level"].tolist() == ["local", "local", "central", "central"]
    assert df["evidence"].iloc[0].startswith("Tổ chức quán triệt")
    assert "182-KH/TU" in df["evidence"].iloc[1] and df["line"].iloc[1] == 5
    assert "29-NQ/TW" in df["evidence"].iloc[3] and df["line"].iloc[3] == 6
    assert set(df["file"]) == {"kt.txt"}
    assert set(df["top_id"]) == {"29-NQ/TW"}


def test_trace_every_path_of_a_plan_carrying_out_two_documents(store):
    df = trace(store, "Tuyên truyền nâng cao nhận thức")
    assert df["path"].nunique() == 2
    tops = set(df.groupby("path")["top_id"].first())
    assert tops == {"68/NQ-CP", "42-NQ/TW"}
    chain = df[df["top_id"] == "42-NQ/TW"]["to_id"].tolist()
    assert chain == ["2/KH-SGDĐT", "78-CTr/TU", "42-NQ/TW"]


def test_trace_by_iri_and_pkgid(store):
    iri = f"{ID}doc/kon-tum/1-kh-ubnd/task/2"
    assert trace(store, iri)["to_id"].tolist() == trace(store, "pkgid:doc/kon-tum/1-kh-ubnd/task/2")["to_id"].tolist()
    with pytest.raises(TaskNotFound):
        trace(store, f"{ID}doc/kon-tum/1-kh-ubnd/task/99")


def test_trace_no_match_and_ambiguous(store):
    with pytest.raises(TaskNotFound, match="no task matches"):
        trace(store, "không có nhiệm vụ nào như vậy")
    with pytest.raises(AmbiguousTask) as info:
        trace(store, "nhiệm vụ")
    assert len(info.value.candidates) > 1 and "\n" not in str(info.value)
    picked = trace(store, "nhiệm vụ", pick=1)
    assert picked["task"].nunique() == 1
    assert trace(store, "nhiệm vụ", all_matches=True)["task"].nunique() == len(info.value.candidates)
    with pytest.raises(TaskNotFound):
        trace(store, "nhiệm vụ", pick=999)


def test_trace_place_narrows_the_search(store):
    assert find_tasks(store, "thực hiện", place="Kon Tum")["place"].unique().tolist() == ["Kon Tum"]
    with pytest.raises(UnknownPlace):
        trace(store, "thực hiện", place="Hà Giang")


def test_trace_survives_a_cycle():
    s = open_store(":memory:")
    build_records([{"source": "c.txt", "document": {"kind": "Kế hoạch", "id": "5/KH-UBND", "place": "Kon Tum"},
                    "implements": ["6/KH-UBND"],
                    "relations": [{"from": "6/KH-UBND", "type": "implements", "to": "7/KH-UBND"},
                                  {"from": "7/KH-UBND", "type": "implements", "to": "6/KH-UBND"}],
                    "tasks": [{"text": "Vòng lặp"}]}], s)
    df = trace(s, "vòng lặp")
    assert df["to_id"].tolist() == ["5/KH-UBND", "6/KH-UBND", "7/KH-UBND"]


def test_a_plan_implementing_nothing_is_its_own_top():
    s = open_store(":memory:")
    build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "9/KH-UBND", "place": "Kon Tum"},
                    "tasks": [{"text": "Một việc"}]}], s)
    df = trace(s, "một việc")
    assert df["hop"].tolist() == [0] and df["top_id"].tolist() == ["9/KH-UBND"]


# --- overload --------------------------------------------------------------------------------------
def test_overload_counts_weights_and_groups(store):
    df = overload(store, place="Kon Tum", year=2026)
    named = df[df["kind"] == "agency"].set_index("agency")
    assert named.loc[SGD, ["led", "supported", "implemented", "tasks", "plans"]].tolist() == [2, 0, 0, 2, 1]
    assert named.loc["Sở Tài chính", ["led", "supported"]].tolist() == [1, 1]
    assert named.loc["Sở Nội vụ", "implemented"] == 1
    assert named.loc[SGD, "load"] == 4 and named.loc["Sở Tài chính", "load"] == 3
    assert named.loc[SGD, "due"] == 2  # "Năm 2026" and "hằng năm"
    assert named.loc["Sở Tài chính", "due"] == 1  # "hằng năm" only; "Quý IV/2025" is not 2026
    assert df.iloc[0]["agency"] == SGD and df.iloc[0]["rank"] == 1
    groups = df[df["kind"] == "group"]
    assert groups["agency"].tolist() == ["Các sở, ban, ngành"] and not groups["flagged"].any()
    assert df["kind"].tolist().index("group") > df["kind"].tolist().index("agency")


def test_overload_flags_two_sd_above_named_peers(store):
    df = overload(store, place="bac kan", year=2026)
    named = df[df["kind"] == "agency"]
    loads = named["load"].astype(float)
    limit = loads.mean() + 2 * loads.std(ddof=0)
    assert named[named["flagged"]]["agency"].tolist() == [SGD]
    assert named.set_index("agency").loc[SGD, "load"] > limit
    assert df[df["kind"] == "group"]["flagged"].sum() == 0


def test_overload_needs_three_named_agencies_to_flag(store):
    df = overload(store, place="Lâm Đồng", year=2026)
    assert len(df) == 1 and not df["flagged"].any() and pd.isna(df["zscore"].iloc[0])


def test_overload_all_places_and_unknown_place(store):
    assert set(overload(store, year=2026)["place"]) == {"Kon Tum", "Lâm Đồng", "Bắc Kạn"}
    with pytest.raises(UnknownPlace, match=r"unknown place 'Hà Giang' \(known: .*Kon Tum"):
        overload(store, place="Hà Giang")


def test_resolve_place_is_case_and_accent_insensitive(store):
    assert resolve_place(store, "LAM DONG") == resolve_place(store, "Lâm Đồng") == URIRef(f"{ID}place/lam-dong")
    assert resolve_place(store, None) is None


# --- tasks, targets, sources, gaps ---------------------------------------------------------------
def test_tasks_filters(store):
    everything = tasks(store)
    assert len(everything) == 3 + 1 + 17
    assert tasks(store, place="Kon Tum")["position"].tolist() == [1, 2, 3]
    led = tasks(store, agency=SGD, role="lead", place="Kon Tum")
    assert led["position"].tolist() == [1, 2] and led["lead"].tolist() == [SGD, SGD]
    assert tasks(store, agency="so tai chinh", place="Kon Tum")["position"].tolist() == [2, 3]
    assert tasks(store, plan="1/KH-UBND", text="mang luoi")["position"].tolist() == [2]
    assert tasks(store, year=2025, place="Kon Tum")["position"].tolist() == [2, 3]
    row = tasks(store, place="Kon Tum").iloc[0]
    assert row["support"] == "Các sở, ban, ngành" and row["file"] == "kt.txt" and row["line"] == 10
    with pytest.raises(QueryError, match="no agency"):
        tasks(store, agency="Bộ Ngoại giao")
    with pytest.raises(QueryError, match="no plan"):
        tasks(store, plan="999/KH-UBND")
    with pytest.raises(QueryError):
        tasks(store, role="lead")


def test_targets_line_up_one_indicator_across_places(store):
    df = targets(store, "tỷ lệ hoàn thành cấp trung học phổ thông")
    assert df[["place", "value", "year"]].values.tolist() == [
        ["Bắc Kạn", "95", "2030"], ["Kon Tum", "95", "2030"], ["Lâm Đồng", "97", "2030"]]
    assert df["numeric"].tolist() == [95.0, 95.0, 97.0]
    assert targets(store, "ti le hoan thanh cap trung hoc pho thong")["place"].tolist() == df["place"].tolist()
    assert len(targets(store, place="Lâm Đồng")) == 2
    assert targets(store, "hoàn thành", year=2031).empty


def test_sources_count_plans_per_place(store):
    df = sources(store)
    kl91 = df[df["document_id"] == "91-KL/TW"].set_index("place")
    assert kl91.loc["Kon Tum", ["plans", "direct", "loaded"]].tolist() == [2, 1, 1]  # 1/KH-UBND via 182-KH/TU
    assert kl91.loc["Bắc Kạn", ["plans", "direct", "loaded"]].tolist() == [1, 1, 1]
    assert set(sources(store, place="Lâm Đồng")["document_id"]) == {"68/NQ-CP", "42-NQ/TW"}


def test_gaps(store):
    df = gaps(store)
    breaks = df[df["gap"] == "parent not loaded"]
    assert set(zip(breaks["plan_id"], breaks["missing_id"])) == {
        ("1/KH-UBND", "182-KH/TU"), ("2/KH-SGDĐT", "68/NQ-CP"), ("2/KH-SGDĐT", "78-CTr/TU"),
        ("284/KH-UBND", "91-KL/TW")}
    missing = df[df["gap"] == "not loaded"].set_index("missing_id")
    assert missing.loc["91-KL/TW", "implemented_by"] == 2 and missing.loc["91-KL/TW", "cited_in"] == 2
    assert "kt.txt" in missing.loc["91-KL/TW", "files"]
    assert set(gaps(store, place="Kon Tum")["place"]) == {"Kon Tum"}


# --- any SPARQL ------------------------------------------------------------------------------------
def test_sparql_query_forms(store, tmp_path):
    df = sparql_query(store, "SELECT ?name (COUNT(DISTINCT ?t) AS ?n) WHERE { ?a pkg:leads ?t ; skos:prefLabel ?name }"
                             " GROUP BY ?name ORDER BY DESC(?n)")
    assert df.columns.tolist() == ["name", "n"] and df.iloc[0]["name"] == SGD and df.iloc[0]["n"] == 12
    assert sparql_query(store, "ASK { ?t a pkg:Task }")["result"].tolist() == [True]
    assert sparql_query(store, "CONSTRUCT { ?t a pkg:Task } WHERE { ?t a pkg:Task } LIMIT 2").columns.tolist() == [
        "subject", "predicate", "object"]
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?t WHERE { ?t a pkg:Target }", encoding="utf-8")
    assert len(sparql_query(store, path)) == 4
    with pytest.raises(StoreError, match="bad SPARQL"):
        sparql_query(store, "SELECT ?x WHERE {")
    with pytest.raises(QueryError):
        sparql_query(store, str(tmp_path / "missing.rq"))
