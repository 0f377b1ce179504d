"""The load summary: the same counts as aggregating the source graphs, kept right place by place,
and never trusted once the files differ from those it was counted from."""
from __future__ import annotations

import copy

import pandas as pd
import pytest

from policykg.graph.build import build_records, forget_source
from policykg.graph.convert import record_to_graph
from policykg.graph.sources import source_iri
from policykg.graph.store import open_store
from policykg.graph.summary import SUMMARY_GRAPH, refresh_summary, summary_is_current
from policykg.graph.validate import validate_store
from policykg.loaders.deadlines import falls_due
from policykg.queries import overload
from policykg.queries.overload import recount_loads
from policykg.queries.sparql import run
from policykg.sample import iter_corpus

YEARS = range(2023, 2032)
COUNTS = ["led", "supported", "implemented", "tasks", "plans"]


def counts(store, name: str) -> pd.DataFrame:
    frame = (recount_loads(store) if name == "overload" else run(store, name))[["place", "agency", *COUNTS]]
    return frame.sort_values(["place", "agency"]).reset_index(drop=True)


def due(store, name: str, year: int) -> dict:
    """(place, agency) -> tasks due in ``year``, by the recount query or from the summary."""
    frame = run(store, name, {"year": year})
    out = {(p, a): int(n) for p, a, n in frame[["place", "agency", "due"]].itertuples(index=False)}
    if name == "overload_summary_due":
        for p, a, n in run(store, "overload_summary")[["place", "agency", "everyYear"]].itertuples(index=False):
            out[(p, a)] = out.get((p, a), 0) + int(n)
    return {k: n for k, n in out.items() if n}


def assert_summary_matches_sources(store) -> None:
    assert summary_is_current(store)
    pd.testing.assert_frame_equal(counts(store, "overload_summary"), counts(store, "overload"))
    for year in YEARS:
        assert due(store, "overload_summary_due", year) == due(store, "overload_due", year), year


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [record for _, _, record, _ in iter_corpus(80, seed=3)]


@pytest.fixture()
def store(records):
    s = open_store(":memory:")
    build_records(records, s)
    return s


def plan(city: str, number: str, tasks: list[dict]) -> dict:
    return {"source": f"{number.split('/')[0]}.txt",
            "document": {"kind": "Kế hoạch", "id": number, "place": city, "issuer": f"Ủy ban nhân dân {city}"},
            "tasks": tasks}


def test_summary_counts_equal_the_source_graph_aggregates(store):
    assert_summary_matches_sources(store)
    assert len(counts(store, "overload_summary")) > 100


def test_due_counts_follow_the_deadline_rules_in_both_paths():
    deadlines = ["Năm 2024 và các năm tiếp theo", "Hằng năm", "Giai đoạn 2026 - 2030", "Quý IV/2025",
                 "Thường xuyên", "Năm 2026", "Năm 2024, 2026 và các năm tiếp theo", None]
    tasks = [{"text": f"Việc {i}", "lead": ["Sở Y tế"], "support": ["Sở Tài chính"], "deadline": d}
             for i, d in enumerate(deadlines)]
    s = open_store(":memory:")
    build_records([plan("tỉnh Kon Tum", "7/KH-UBND", tasks)], s)
    for year in YEARS:
        expected = sum(falls_due(d, year) for d in deadlines)
        for name in ("overload_summary_due", "overload_due"):
            assert set(due(s, name, year).values()) <= {expected}, (name, year)
            assert sum(due(s, name, year).values()) == 2 * expected, (name, year)


def test_editing_one_file_recounts_only_its_place(store, records):
    edited = copy.deepcopy(records)
    victim = next(r for r in edited if r.get("tasks") and r["document"].get("place"))
    victim["tasks"][0]["lead"] = ["Sở Khoa học và Công nghệ"]
    victim["tasks"].append({"text": "Việc mới", "support": ["Sở Y tế"], "deadline": "Năm 2028"})
    result = build_records(edited, store)
    assert result.built == [victim["source"]]
    assert refresh_summary(store) == 0  # the build already did it
    assert_summary_matches_sources(store)


def test_forgetting_a_file_drops_what_it_counted(store, records):
    gone = next(r for r in records if r.get("tasks") and r["document"].get("place"))
    before = len(counts(store, "overload_summary"))
    assert forget_source(store, gone["source"])
    assert_summary_matches_sources(store)
    assert len(counts(store, "overload_summary")) <= before


def test_files_loaded_behind_the_builds_back_are_noticed_and_answered_correctly(store):
    rg = record_to_graph(plan("tỉnh Kon Tum", "99/KH-UBND", [{"text": "Việc lạ", "lead": ["Sở Y tế"]}]))
    store.replace_graph(rg.graph_iri, rg.triples, content_hash="f" * 64)
    assert not summary_is_current(store)
    stale = overload(store, year=2026)  # counted from the source graphs, not the stale summary
    row = stale[(stale["agency"] == "Sở Y tế") & (stale["place"] == "tỉnh Kon Tum")]
    assert row[["led", "tasks", "plans"]].values.tolist() == [[1, 1, 1]]
    assert refresh_summary(store) == 1
    assert_summary_matches_sources(store)
    pd.testing.assert_frame_equal(overload(store, year=2026), stale)


def test_a_graph_without_a_content_hash_is_never_taken_as_counted(store):
    rg = record_to_graph(plan("tỉnh Kon Tum", "98/KH-UBND", [{"text": "Việc", "lead": ["Sở Y tế"]}]))
    store.replace_graph(rg.graph_iri, rg.triples)
    refresh_summary(store)
    assert not summary_is_current(store)
    pd.testing.assert_frame_equal(counts(store, "overload_summary"), counts(store, "overload"))


def test_losing_the_summary_only_costs_time(store):
    fast = overload(store, year=2026)
    store.drop_graph(SUMMARY_GRAPH)
    assert not summary_is_current(store)
    pd.testing.assert_frame_equal(overload(store, year=2026), fast)
    refresh_summary(store)
    assert summary_is_current(store)


def test_summary_conforms_to_the_shapes():
    s = open_store(":memory:")
    tasks = [{"text": "Việc", "lead": ["Sở Y tế"], "support": ["Các sở, ban, ngành"], "implement": ["Sở Nội vụ"],
              "deadline": "Năm 2024 và các năm tiếp theo"},
             {"text": "Việc hai", "lead": ["Sở Y tế"], "deadline": "Quý IV/2025"}]
    build_records([plan("tỉnh Kon Tum", "5/KH-UBND", tasks)], s)
    assert s.count(SUMMARY_GRAPH) > 0
    report = validate_store(s)
    assert report.conforms, report.text


def test_rebuilding_unchanged_files_leaves_the_summary_alone(store, records):
    before = sorted(map(str, store.quads(SUMMARY_GRAPH)))
    assert build_records(records, store).built == []
    assert sorted(map(str, store.quads(SUMMARY_GRAPH))) == before
    assert source_iri(records[0]["source"]) in store.graph_names()


def test_every_term_the_summary_writes_is_declared_with_both_labels(store):
    from rdflib.namespace import OWL, RDF, RDFS

    from policykg.graph.namespaces import PKG
    from policykg.ontology import ontology_graph

    ont = ontology_graph()
    declared = {s for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in ont.subjects(RDF.type, cls)}
    used = {t for s, p, o, _ in store.quads(SUMMARY_GRAPH) for t in (p, o) if str(t).startswith(str(PKG))}
    assert {PKG.AgencyLoad, PKG.DueCount, PKG.sourcesDigest, PKG.recursFrom, PKG.everyYearCount} <= used
    assert used <= declared, used - declared
    for term in used:
        assert {label.language for label in ont.objects(term, RDFS.label)} >= {"vi", "en"}, term


def test_a_changed_record_recounts_its_own_place_only(store, records):
    """The build refreshes the summary for the places its changed graphs touch: the statements of
    every other place stay as they were, and the whole summary still equals a recount."""
    from policykg.graph.namespaces import PKG

    def by_place(s) -> dict:
        rows = s.query(f"SELECT ?load ?p ?o ?place WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ ?load ?p ?o ; "
                       f"<{PKG.place}> ?place }} }}")
        out: dict = {}
        for r in rows:
            out.setdefault(str(r["place"]), set()).add((r["load"], r["p"], r["o"]))
        return out

    changed = copy.deepcopy(next(r for r in records if r["document"].get("place") and len(r.get("tasks") or []) > 1
                                 and any(task.get("lead") for task in r["tasks"][1:])))
    changed["tasks"] = changed["tasks"][:1]
    before = by_place(store)
    assert build_records([changed], store).built == [changed["source"]]
    after = by_place(store)
    moved = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert len(moved) == 1  # only the changed plan's place
    assert_summary_matches_sources(store)
    place = next(iter(moved))
    assert summary_is_current(store, place=place)
    pd.testing.assert_frame_equal(overload(store, place=place, year=2026),
                                  overload(store, place=place, year=2026, recount=True))
