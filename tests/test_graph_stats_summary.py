"""The stats the build keeps with the load summary: after any build, edit, move or forget they
equal the union scan, a build that changes a few files updates them without scanning, and once
they no longer match the files ``stats`` scans instead."""
from __future__ import annotations

import copy
import random

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph import summary_facts, summary_stats
from policykg.graph.build import build_records, forget_source, write
from policykg.graph.changes import Changes
from policykg.graph.convert import record_to_graph
from policykg.graph.inputs import convert_record
from policykg.graph.stats import NATIONAL, graph_stats, scan_stats
from policykg.graph.store import open_store
from policykg.graph.store_api import GraphState
from policykg.graph.summary_stats import read_stored, stored_stats
from policykg.sample import iter_corpus


def assert_kept_equals_scan(store) -> None:
    kept = stored_stats(store)
    assert kept is not None, "the build left no current stats"
    scanned = scan_stats(store)[0]
    assert kept.to_dict() == scanned.to_dict()
    assert list(kept.by_place) == list(scanned.by_place)  # same order: by label, national last
    assert graph_stats(store) == graph_stats(store, recount=True)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [record for _, _, record, _ in iter_corpus(60, seed=5)]


@pytest.fixture()
def store(records):
    s = open_store(":memory:")
    build_records(records, s)
    return s


@pytest.fixture()
def no_scan(monkeypatch):
    """Fail if the build scans the store for its stats: it must update them from the change (here
    at any share of the store; a small corpus's every place is a large share of it)."""
    def refuse(*args, **kwargs):
        raise AssertionError("the build scanned the store for its stats")

    monkeypatch.setattr(summary_stats, "scan_stats", refuse)
    monkeypatch.setattr(summary_stats, "FULL_SHARE", 1.0)


def with_tasks(records: list[dict]) -> dict:
    return copy.deepcopy(next(r for r in records if r["document"].get("place") and len(r.get("tasks") or []) > 1))


def test_the_first_build_keeps_what_a_scan_counts(store):
    assert_kept_equals_scan(store)
    stats = graph_stats(store)
    assert stats.by_place[NATIONAL]["Document"] > 0 and len(stats.by_place) > 10
    assert stats.quads == store.count() and stats.cited_only > 0


def test_editing_one_record_updates_the_stats_without_a_scan(store, records, no_scan):
    edited = with_tasks(records)
    edited["tasks"] = edited["tasks"][1:] + [{"text": "Việc mới", "lead": ["Sở Khoa học và Công nghệ"]}]
    edited["targets"] = []
    assert build_records([edited], store).built == [edited["source"]]
    assert_kept_equals_scan(store)


def test_an_edit_no_count_depends_on_updates_only_the_quads(store, records, no_scan, monkeypatch):
    edited = with_tasks(records)
    edited["tasks"][0]["text"] += " và báo cáo kết quả"
    edited["tasks"][0]["deadline"] = "Quý IV/2027"
    before = graph_stats(store)
    monkeypatch.setattr(summary_stats, "_recount_places", lambda *a: pytest.fail("nothing to recount"))
    assert build_records([edited], store).built == [edited["source"]]
    assert_kept_equals_scan(store)
    after = graph_stats(store)
    assert (after.by_class, after.by_place) == (before.by_class, before.by_place)


def test_moving_a_plan_to_another_place(store, records, no_scan):
    moved = with_tasks(records)
    before = graph_stats(store)
    moved["document"]["place"] = "tỉnh Kon Tum"  # a place no other file names
    assert build_records([moved], store).built == [moved["source"]]
    assert_kept_equals_scan(store)
    after = graph_stats(store)
    assert after.by_place["tỉnh Kon Tum"]["Task"] == len(moved["tasks"])
    assert sum(c["Task"] for c in after.by_place.values()) == sum(c["Task"] for c in before.by_place.values())


def test_a_plan_losing_its_place_moves_its_tasks_to_the_national_bucket(store, records, no_scan):
    national = with_tasks(records)
    before = graph_stats(store).by_place[NATIONAL]["Task"]
    national["document"]["place"] = None
    national["document"]["issuer"] = "Bộ Y tế"
    build_records([national], store)
    assert_kept_equals_scan(store)
    assert graph_stats(store).by_place[NATIONAL]["Task"] >= before + len(national["tasks"])


def test_forgetting_a_file(store, records, no_scan):
    gone = with_tasks(records)
    before = graph_stats(store)
    assert forget_source(store, gone["source"])
    assert_kept_equals_scan(store)
    assert graph_stats(store).loaded == before.loaded - 1
    assert graph_stats(store).quads < before.quads


def test_removing_the_only_file_citing_a_document_drops_it(store, records, no_scan):
    citing = copy.deepcopy(records[0])
    citing["source"] = "trich-dan.txt"
    citing["document"]["id"] = "777/KH-UBND"
    citing["implements"] = ["999-NQ/TW"]
    before = graph_stats(store)
    build_records([citing], store)
    assert_kept_equals_scan(store)
    assert graph_stats(store).cited_only == before.cited_only + 1
    forget_source(store, "trich-dan.txt")
    assert_kept_equals_scan(store)
    after = graph_stats(store)
    assert (after.cited_only, after.by_class, after.by_place) == (before.cited_only, before.by_class, before.by_place)


def test_a_sequence_of_random_edits_stays_exact(store, records, no_scan):
    rng = random.Random(7)
    places = sorted({r["document"]["place"] for r in records if r["document"].get("place")})
    current = {r["source"]: copy.deepcopy(r) for r in records}
    for step in range(8):
        changed = []
        for record in rng.sample(sorted(current.values(), key=lambda r: r["source"]), 3):
            record = copy.deepcopy(record)
            action = rng.choice(["place", "tasks", "targets", "cites", "forget"])
            if action == "place":
                record["document"]["place"] = rng.choice(places + [None])
            elif action == "tasks":
                record["tasks"] = (record.get("tasks") or [])[: rng.randint(0, 3)]
            elif action == "targets":
                record["targets"] = []
            elif action == "cites":
                record["implements"] = [f"{step}{rng.randint(1, 3)}-NQ/TW"]
            else:
                forget_source(store, record["source"])
                del current[record["source"]]
                continue
            current[record["source"]] = record
            changed.append(record)
        build_records(changed, store)
        assert_kept_equals_scan(store)


def test_a_change_touching_much_of_the_store_scans_once(store, records, monkeypatch):
    calls = []
    scan = summary_stats.scan_stats
    monkeypatch.setattr(summary_stats, "scan_stats", lambda s: calls.append(1) or scan(s))
    edited = with_tasks(records)
    edited["tasks"] = edited["tasks"][:1]
    monkeypatch.setattr(summary_stats, "FULL_SHARE", 0.0)
    build_records([edited], store)
    assert calls == [1]
    assert_kept_equals_scan(store)


def test_a_build_changing_more_files_than_it_tracks_scans(store, records, monkeypatch):
    calls = []
    scan = summary_stats.scan_stats
    monkeypatch.setattr(summary_stats, "scan_stats", lambda s: calls.append(1) or scan(s))
    monkeypatch.setattr(summary_facts, "LIMIT", 2)
    edited = [copy.deepcopy(r) for r in records[:3]]
    for record in edited:
        record["targets"] = []
        record["implements"] = ["5-NQ/TW"]
    assert len(build_records(edited, store).built) == 3
    assert calls == [1]
    assert_kept_equals_scan(store)


def test_a_killed_build_makes_stats_scan_until_the_next_build(store, records):
    edited = with_tasks(records)
    edited["document"]["place"] = "tỉnh Kon Tum"
    changes = Changes(store)
    rg = convert_record(edited, edited["source"])
    write(store, changes, rg.graph_iri, rg.triples, GraphState("0" * 64, "killed"))  # no refresh: killed here
    assert read_stored(store) is not None and stored_stats(store) is None
    assert graph_stats(store) == graph_stats(store, recount=True)
    assert graph_stats(store).by_place["tỉnh Kon Tum"]["Task"] == len(edited["tasks"])
    build_records(records[:3], store, force=True)
    assert_kept_equals_scan(store)


def test_files_loaded_by_other_means_are_never_taken_as_counted(store):
    rg = record_to_graph({"source": "la.txt", "document": {"id": "5/KH-UBND", "place": "tỉnh Kon Tum"},
                          "tasks": [{"text": "Việc lạ", "lead": ["Sở Y tế"]}]})
    store.replace_graph(rg.graph_iri, rg.triples, content_hash="f" * 64)
    assert stored_stats(store) is None
    assert graph_stats(store).by_place["tỉnh Kon Tum"]["Task"] == 1
    build_records([], store)
    assert_kept_equals_scan(store)


def test_rebuilding_unchanged_files_writes_nothing(store, records, no_scan):
    from policykg.graph.summary import SUMMARY_GRAPH

    before = sorted(map(str, store.quads(SUMMARY_GRAPH)))
    assert build_records(records, store).built == []
    assert sorted(map(str, store.quads(SUMMARY_GRAPH))) == before


def test_stats_and_stats_recount_print_the_same(tmp_path, records):
    path = str(tmp_path / "store")
    s = open_store(path)
    build_records(records[:20], s)
    s.close()
    runner = CliRunner()
    for fmt in ("table", "csv"):
        kept = runner.invoke(main, ["stats", "--store", path, "--format", fmt])
        scanned = runner.invoke(main, ["stats", "--store", path, "--format", fmt, "--recount"])
        assert kept.exit_code == 0 and scanned.exit_code == 0, kept.output + scanned.output
        assert kept.output == scanned.output
    assert "quads in 20 source graphs" in kept.output or fmt == "csv"
    assert "(all places)" in kept.output
