"""What the queries must show on the five seed plans (built once for the module)."""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph import open_store
from policykg.pipeline import build_files, expand_paths
from policykg.queries import gaps, overload, sources, targets, tasks, trace
from policykg.queries.sparql import value

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SGD = "Sở Giáo dục và Đào tạo"
PROVINCES = ["Kon Tum", "Tây Ninh", "Bắc Kạn"]  # plans of the people's committees, which task the departments


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"no seed documents at {SHARED} (../shared from the repository root)")
    s = open_store(str(tmp_path_factory.mktemp("seeds") / "store"))
    files, problems = expand_paths([SHARED / "seeds"])
    result = build_files(files, s)
    assert not problems and not result.failed
    yield s
    s.close()


def test_trace_kon_tum_task_reaches_91_kl_and_29_nq_with_evidence(store):
    df = trace(store, "Tăng cường công tác phổ biến, quán triệt", place="Kon Tum")
    assert df["task"].nunique() == 1 and "/kon-tum/" in df["task"].iloc[0]
    ids = df["to_id"].tolist()
    assert ids[-2:] == ["91-KL/TW", "29-NQ/TW"] and "182-KH/TU" in ids
    assert df["to_level"].iloc[-1] == "central" and df["top_id"].iloc[0] == "29-NQ/TW"
    for row in df.itertuples():
        assert row.evidence and row.file == "000_e9a555e437f53403.txt" and row.line > 0
    hops = df[df["relation"] == "implements"]
    for row in hops.itertuples():  # each hop's sentence names the document it reaches
        assert row.to_id.split("/")[0] in row.evidence


def test_trace_accent_free_words_find_the_same_task(store):
    a = trace(store, "Tăng cường công tác phổ biến, quán triệt", place="Kon Tum")
    b = trace(store, "tang cuong cong tac pho bien quan triet", place="kon tum")
    assert a["to_id"].tolist() == b["to_id"].tolist()


def test_overload_ranks_the_education_department_first(store):
    df = overload(store, year=2026)
    for place in PROVINCES:
        named = df[(df["place"] == place) & (df["kind"] == "agency")]
        assert named.iloc[0]["agency"] == SGD, place
        assert named.iloc[0]["rank"] == 1
        leads = named.sort_values("led", ascending=False)
        assert leads.iloc[0]["agency"] == SGD, place
    groups = df[df["kind"] == "group"]
    assert "Các sở, ban, ngành" in set(groups["agency"]) and not groups["flagged"].any()


def test_overload_counts_equal_plain_sparql_counts(store):
    df = overload(store, year=2026)
    for prop, column in (("pkg:leads", "led"), ("pkg:supports", "supported"), ("pkg:implementsTask", "implemented")):
        rows = store.query(
            "SELECT ?agency ?place (COUNT(DISTINCT ?t) AS ?n) WHERE { "
            f"?agency {prop} ?t . ?plan pkg:hasTask ?t ; pkg:place ?place . }} GROUP BY ?agency ?place")
        plain = {(str(r["agency"]), str(r["place"])): value(r["n"]) for r in rows}
        names = {str(r["p"]): str(r["n"]) for r in store.query("SELECT DISTINCT ?p ?n WHERE { ?p a pkg:Place ; skos:prefLabel ?n }")}
        ours = {(a, p): n for a, p, n in zip(df["agency_iri"], df["place"], df[column]) if n}
        assert ours == {(a, names[p]): n for (a, p), n in plain.items()}, column
    plans = store.query("SELECT ?agency (COUNT(DISTINCT ?plan) AS ?n) WHERE { "
                        "?agency pkg:leads|pkg:supports|pkg:implementsTask ?t . ?plan pkg:hasTask ?t } GROUP BY ?agency")
    assert {str(r["agency"]): value(r["n"]) for r in plans} == dict(zip(df["agency_iri"], df["plans"]))


def test_targets_line_up_upper_secondary_completion(store):
    df = targets(store, "tỷ lệ hoàn thành cấp trung học phổ thông")
    by_place = {p: (v, y) for p, v, y in zip(df["place"], df["value"], df["year"])}
    assert by_place == {"Kon Tum": ("95", "2030"), "Lâm Đồng": ("97", "2030"), "Bắc Kạn": ("95", "2030")}
    assert df["evidence"].notna().all() and df["line"].notna().all()


def test_tasks_of_an_agency_in_a_place(store):
    df = tasks(store, agency=SGD, role="lead", place="Tây Ninh")
    assert len(df) == 11 and set(df["lead"].str.contains(SGD)) == {True}
    assert set(df["plan"]) == {"2739/KH-UBND"}


def test_sources_and_gaps(store):
    src = sources(store)
    kl91 = src[src["document_id"] == "91-KL/TW"]
    assert {"Kon Tum", "Bắc Kạn", "Thành phố Lai Châu"} <= set(kl91["place"])
    nq29 = src[src["document_id"] == "29-NQ/TW"]
    assert set(nq29["place"]) >= {"Kon Tum", "Tây Ninh", "Bắc Kạn", "Thành phố Lai Châu"}
    g = gaps(store)
    breaks = g[g["gap"] == "parent not loaded"]
    assert "182-KH/TU" in set(breaks["missing_id"]) and breaks["evidence"].notna().all()
    assert {"91-KL/TW", "29-NQ/TW"} <= set(g[g["gap"] == "not loaded"]["missing_id"])
