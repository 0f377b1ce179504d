"""The pipeline (policykg/pipeline.py): files -> loaders -> records -> graph, at the cost of the change."""
from __future__ import annotations

import os

import pytest

from policykg.graph import open_store
from policykg.graph.sources import source_iri
from policykg.pipeline import build_files, expand_paths

PLAN = "KẾ HOẠCH\nSố: {n}/KH-UBND\nI. NHIỆM VỤ\n1. Sở Y tế chủ trì rà soát chính sách y tế số {n}.\n"
OLD = 1_600_000_000_000_000_000  # a modification time well in the past (not "racy")


@pytest.fixture
def folder(tmp_path):
    for n in (1, 2, 3):
        path = tmp_path / f"plan{n}.txt"
        path.write_text(PLAN.format(n=n), encoding="utf-8")
        os.utime(path, ns=(OLD, OLD + n))
    return tmp_path


def test_unchanged_files_are_skipped_by_size_and_time_without_being_read(folder, monkeypatch):
    store = open_store(":memory:")
    files, _ = expand_paths([folder])
    assert len(build_files(files, store).built) == 3
    from policykg import pipeline

    def never(*args, **kwargs):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(pipeline, "read_source", never)
    assert build_files(files, store).skipped == ["plan1.txt", "plan2.txt", "plan3.txt"]


def test_a_touched_file_is_hashed_skipped_and_its_new_time_kept(folder):
    store = open_store(":memory:")
    files, _ = expand_paths([folder])
    build_files(files, store)
    os.utime(folder / "plan2.txt", ns=(OLD, OLD + 99))  # same bytes, new time
    assert build_files(files, store).skipped == ["plan1.txt", "plan2.txt", "plan3.txt"]
    assert store.graph_states()[source_iri("plan2.txt")].mtime_ns == OLD + 99


def test_a_changed_file_is_rebuilt_alone(folder):
    store = open_store(":memory:")
    files, _ = expand_paths([folder])
    build_files(files, store)
    (folder / "plan3.txt").write_text(PLAN.format(n=33), encoding="utf-8")
    result = build_files(files, store)
    assert result.built == ["plan3.txt"] and result.skipped == ["plan1.txt", "plan2.txt"]
    texts = {str(r["t"]) for r in store.query("SELECT ?t WHERE { ?x pkg:text ?t }")}
    assert any("số 33" in t for t in texts)


def test_a_file_just_written_keeps_no_time_so_the_next_build_hashes_it(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.format(n=1), encoding="utf-8")  # modified now: its time may not tell a change
    store = open_store(":memory:")
    build_files([path], store)
    assert store.graph_states()[source_iri("plan.txt")].mtime_ns is None


def test_the_quick_skip_keeps_the_long_ways_answers_for_twice_met_and_unnormalised_names(folder):
    import unicodedata

    store = open_store(":memory:")
    decomposed = folder / unicodedata.normalize("NFD", "kế hoạch.txt")  # as some file systems store names
    decomposed.write_text(PLAN.format(n=4), encoding="utf-8")
    os.utime(decomposed, ns=(OLD, OLD + 4))
    (folder / "copy").mkdir()
    twin = folder / "copy" / "plan1.txt"
    twin.write_text(PLAN.format(n=1), encoding="utf-8")
    os.utime(twin, ns=(OLD, OLD + 1))  # same name, bytes and time as plan1.txt
    files, _ = expand_paths([folder])
    first = build_files(files, store)
    again = build_files(files, store)
    assert sorted(again.skipped) == sorted(first.built) == ["kế hoạch.txt", "plan1.txt", "plan2.txt", "plan3.txt"]
    assert [line.split(":")[0] for line in again.failed] == [line.split(":")[0] for line in first.failed]
    assert len(again.failed) == 1 and "already built from" in again.failed[0]


def test_the_graph_layer_does_not_import_the_pipeline():
    import ast
    from pathlib import Path

    graph = Path(__file__).resolve().parents[1] / "graph"
    for module in graph.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            assert not any(n.startswith(("policykg.pipeline", "policykg.commands", "policykg.cli"))
                           or n == "policykg" for n in names), module.name
