"""Building: idempotent, incremental by content hash, one named graph per file, not-loaded marks."""
from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef

from policykg.graph.build import DERIVED_GRAPH, build_records, forget_source, source_graphs
from policykg.graph.namespaces import ID, PKG
from policykg.graph.sources import source_iri
from policykg.graph.store import open_store
from policykg.graph.store_api import STATE_GRAPH, read_state_index, read_state_index_parts
from policykg.graph.summary import SUMMARY_GRAPH
from policykg.pipeline import build_files, expand_paths

KH182 = URIRef(f"{ID}doc/kon-tum/182-kh-tu")
KL91 = URIRef(f"{ID}doc/91-kl-tw")


def plan_record(source="a.txt", doc_id="1/KH-UBND", implements=("182-KH/TU",), task="Tuyên truyền"):
    return {"source": source,
            "document": {"kind": "Kế hoạch", "id": doc_id, "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
                         "place": "Kon Tum"},
            "implements": list(implements),
            "references": [{"id": "182-KH/TU", "kind": "Kế hoạch", "issuer": "Ban Thường vụ Tỉnh ủy"}],
            "relations": [{"from": "182-KH/TU", "type": "implements", "to": "91-KL/TW"}],
            "tasks": [{"text": task, "lead": ["Sở Giáo dục và Đào tạo"]}]}


def kh182_record():
    """The provincial plan 182-KH/TU itself, loaded after being cited."""
    return {"source": "kh182.txt",
            "document": {"kind": "Kế hoạch", "id": "182-KH/TU", "issuer": "Ban Thường vụ Tỉnh ủy Kon Tum",
                         "place": "Kon Tum", "date": "2024-12-04"},
            "implements": ["91-KL/TW"], "tasks": [{"text": "Quán triệt Kết luận", "lead": ["Ban Tuyên giáo Tỉnh ủy"]}]}


@pytest.fixture
def store():
    return open_store(":memory:")


def graph_sets(store):
    return {g: {q[:3] for q in store.quads(g)} for g in store.graph_names()}


def loaded_marks(store, doc):
    return {str(r["v"]) for r in store.query("SELECT DISTINCT ?v WHERE { ?d pkg:loaded ?v }", {"d": doc})}


def test_building_twice_gives_the_same_graph(store):
    records = [plan_record(), plan_record("b.txt", "2/KH-UBND")]
    first = build_records(records, store)
    before = graph_sets(store)
    second = build_records(records, store)
    assert (len(first.built), len(second.built), len(second.skipped)) == (2, 0, 2)
    assert graph_sets(store) == before
    forced = build_records(records, store, force=True)
    assert len(forced.built) == 2 and graph_sets(store) == before


def test_changing_one_record_changes_only_its_graph(store):
    build_records([plan_record(), plan_record("b.txt", "2/KH-UBND")], store)
    before = graph_sets(store)
    result = build_records([plan_record(task="Tuyên truyền, phổ biến"), plan_record("b.txt", "2/KH-UBND")], store)
    after = graph_sets(store)
    assert result.built == ["a.txt"] and result.skipped == ["b.txt"]
    changed = {g for g in after if after[g] != before.get(g)}
    # Besides its own graph, only the derived load summary (its digests name the files) and the
    # state index (every file's state in one literal) follow.
    assert changed == {source_iri("a.txt"), SUMMARY_GRAPH, STATE_GRAPH}


def test_the_state_index_is_read_in_one_lookup_and_never_when_stale(store):
    build_records([plan_record(), plan_record("b.txt", "2/KH-UBND")], store)
    index = read_state_index(store)
    assert index is not None and index == {g: s for g, s in store.graph_states().items() if g in index}
    assert set(index) == {source_iri("a.txt"), source_iri("b.txt")}
    store.replace_graph("urn:other", [], content_hash="x")  # a write by other means
    assert read_state_index(store) is None
    assert build_records([plan_record()], store).skipped == ["a.txt"]  # read from the marks instead
    assert read_state_index(store) is not None
    forget_source(store, "b.txt")
    assert set(read_state_index(store)) == {source_iri("a.txt")}


def test_cited_document_is_marked_not_loaded_until_it_is_loaded(store):
    build_records([plan_record()], store)
    assert loaded_marks(store, KH182) == {"false"}
    assert loaded_marks(store, KL91) == {"false"}
    build_records([kh182_record()], store)
    # Same node: the citing plan's implements edge now reaches the loaded plan.
    assert loaded_marks(store, KH182) == {"true"}
    rows = store.query("SELECT DISTINCT ?p WHERE { ?p pkg:implements ?k . ?k pkg:sourceFile ?f }", {"k": KH182})
    assert [r["p"] for r in rows] == [URIRef(f"{ID}doc/kon-tum/1-kh-ubnd")]
    assert loaded_marks(store, KL91) == {"false"}


def test_forgetting_a_source_drops_its_graph_and_restores_marks(store):
    build_records([plan_record(), kh182_record()], store)
    assert forget_source(store, "kh182.txt") is True
    assert forget_source(store, "kh182.txt") is False
    assert source_iri("kh182.txt") not in store.graph_names()
    assert loaded_marks(store, KH182) == {"false"}


def test_derived_graphs_are_the_only_non_source_graphs(store):
    build_records([plan_record()], store)
    assert set(store.graph_names()) == {source_iri("a.txt"), DERIVED_GRAPH, SUMMARY_GRAPH, STATE_GRAPH}
    assert source_graphs(store) == [source_iri("a.txt")]


def test_record_without_source_and_duplicate_sources_fail_alone(store):
    result = build_records([{"document": {}}, plan_record(), plan_record()], store)
    assert result.built == ["a.txt"]
    assert len(result.failed) == 2 and "already built" in result.failed[1]


def test_build_files_reads_json_records_and_skips_unchanged_bytes(tmp_path, store):
    (tmp_path / "a.json").write_text(json.dumps(plan_record(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "kh182.json").write_text(json.dumps(kh182_record(), ensure_ascii=False), encoding="utf-8")
    files, problems = expand_paths([tmp_path])
    assert [f.name for f in files] == ["a.json", "kh182.json"] and problems == []
    assert build_files(files, store).summary() == "built 2 documents (0 skipped unchanged, 0 failed)"
    assert build_files(files, store).summary() == "built 0 documents (2 skipped unchanged, 0 failed)"
    # The graph is named by the record's source, so a later build from the .txt replaces it.
    assert source_iri("a.txt") in store.graph_names()


def test_a_bad_file_is_one_failure_and_the_rest_load(tmp_path, store):
    good = tmp_path / "a.json"
    good.write_text(json.dumps(plan_record(), ensure_ascii=False), encoding="utf-8")
    bad_json = tmp_path / "broken.json"
    bad_json.write_text("{not json", encoding="utf-8")
    not_record = tmp_path / "list.json"
    not_record.write_text("[1, 2]", encoding="utf-8")
    result = build_files([bad_json, not_record, good, tmp_path / "gone.txt"], store)
    assert result.built == ["a.txt"]
    assert len(result.failed) == 3
    assert all(line.count("\n") == 0 for line in result.failed)
    assert result.failed[0].startswith(str(bad_json))


def test_build_files_uses_the_extractor_for_documents(tmp_path, store):
    doc = tmp_path / "plan.txt"
    doc.write_text("KẾ HOẠCH", encoding="utf-8")
    calls = []

    def extract(path):
        calls.append(path.name)
        return plan_record(source=path.name)

    assert build_files([doc], store, extract=extract).built == ["plan.txt"]
    assert build_files([doc], store, extract=extract).skipped == ["plan.txt"]
    assert calls == ["plan.txt"]  # unchanged bytes: not even extracted again
    doc.write_text("KẾ HOẠCH (sửa)", encoding="utf-8")
    assert build_files([doc], store, extract=extract).built == ["plan.txt"]


def test_an_extractor_crash_fails_that_file_only(tmp_path, store):
    crash, fine = tmp_path / "crash.txt", tmp_path / "fine.txt"
    crash.write_text("x", encoding="utf-8")
    fine.write_text("y", encoding="utf-8")

    def extract(path):
        if path.name == "crash.txt":
            raise IndexError("list index out of range")
        return plan_record(source=path.name)

    result = build_files([crash, fine], store, extract=extract)
    assert result.built == ["fine.txt"]
    assert result.failed == [f"{crash}: extraction failed (IndexError: list index out of range); please report this file"]


def test_on_disk_store_keeps_hashes_between_sessions(tmp_path):
    where = tmp_path / "store"
    with open_store(where) as s:
        build_records([plan_record()], s)
        count = s.count()
    with open_store(where) as s:
        assert build_records([plan_record()], s).skipped == ["a.txt"]
        assert s.count() == count
        assert (URIRef(f"{ID}doc/kon-tum/1-kh-ubnd"), PKG.loaded, Literal(True), URIRef(source_iri("a.txt"))) \
            in set(s.quads())


def test_parallel_build_gives_the_same_graph(tmp_path):
    """--jobs extracts in worker processes; the store must come out exactly as from one process."""
    from pathlib import Path

    from policykg.graph import open_store
    from policykg.pipeline import build_files

    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        import pytest
        pytest.skip(f"no seed documents at {seeds}")
    files = sorted(seeds.glob("*.txt"))
    serial, parallel = open_store(tmp_path / "serial"), open_store(tmp_path / "parallel")
    try:
        assert len(build_files(files, serial).built) == 5
        result = build_files(files, parallel, jobs=2)
        assert len(result.built) == 5 and not result.failed
        assert set(serial.quads()) == set(parallel.quads())
        assert build_files(files, parallel, jobs=2).skipped == [f.name for f in files]
    finally:
        serial.close()
        parallel.close()


def test_a_build_writes_only_the_states_it_changed_until_the_delta_grows(store, monkeypatch):
    import policykg.graph.changes as changes

    monkeypatch.setattr(changes, "DELTA_MIN", 2)
    monkeypatch.setattr(changes, "DELTA_SHARE", 0.0)
    records = [plan_record(f"{n}.txt", f"{n}/KH-UBND") for n in range(1, 6)]
    build_records(records, store)
    first = read_state_index_parts(store)
    assert first is not None and first.base_size == 5 and first.delta == {}

    build_records([plan_record("1.txt", "1/KH-UBND", task="Kiểm tra, giám sát")] + records[1:], store)
    forget_source(store, "2.txt")
    index = read_state_index_parts(store)
    assert index is not None and index.base_size == 5  # the base was not written again
    assert set(index.delta) == {source_iri("1.txt"), source_iri("2.txt")} and index.delta[source_iri("2.txt")] is None
    assert index.states == {g: s for g, s in store.graph_states().items() if g in index.states}
    assert set(index.states) == {source_iri(f"{n}.txt") for n in (1, 3, 4, 5)}

    build_records([plan_record("3.txt", "3/KH-UBND", task="Báo cáo kết quả")], store)  # a third entry: too many
    rewritten = read_state_index_parts(store)
    assert rewritten is not None and rewritten.delta == {} and rewritten.base_size == 4
    assert rewritten.states == {g: s for g, s in store.graph_states().items() if g in rewritten.states}


def test_the_files_digest_is_kept_by_its_terms_and_equals_one_counted_anew(store):
    from policykg.graph.changes import Changes, read_states
    from policykg.graph.summary import sources_digest, state_files, stored_digest

    def counted_anew() -> str | None:
        return sources_digest(state_files(read_states(store)))

    build_records([plan_record(f"{n}.txt", f"{n}/KH-UBND") for n in range(1, 4)], store)
    build_records([plan_record("2.txt", "2/KH-UBND", task="Kiểm tra")], store)
    forget_source(store, "3.txt")
    index = read_state_index_parts(store)
    assert index is not None and index.total is not None
    assert Changes(store).digest() == counted_anew() == stored_digest(store)
    loose = [(URIRef("urn:x"), URIRef("urn:p"), Literal("x"))]
    store.replace_graph(source_iri("x.txt"), loose, content_hash=None)  # loaded by other means: no hash
    assert Changes(store).digest() is None and counted_anew() is None
    store.drop_graph(source_iri("x.txt"))
    build_records([plan_record("4.txt", "4/KH-UBND")], store)
    assert Changes(store).digest() == counted_anew() == stored_digest(store)


def test_a_bulk_load_compacts_the_store_and_a_small_build_does_not(tmp_path, monkeypatch):
    import policykg.graph.build as build
    from policykg.graph.store import OxigraphStore

    calls: list[str] = []
    monkeypatch.setattr(OxigraphStore, "optimize", lambda self: calls.append(self.location))
    monkeypatch.setattr(build, "BULK_FILES", 3)
    with open_store(tmp_path / "store") as disk:
        build_records([plan_record(f"{n}.txt", f"{n}/KH-UBND") for n in range(1, 5)], disk)
        assert len(calls) == 1
        build_records([plan_record("1.txt", "1/KH-UBND", task="Kiểm tra")], disk)
        assert len(calls) == 1
