"""A full disk costs one line, never a traceback or a half-written file (issue 16).

Two ways: a real tmpfs of 1.5 MB mounted for the test (needs root; skipped otherwise), and the write
calls made to fail with ENOSPC (always). After the disk is freed, building again gives a store equal
to a clean build; ``extract`` never leaves a partial ``.json``.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from storecompare import content_quads

from policykg.cli import main
from policykg.graph.store import OxigraphStore

ENOSPC = OSError(errno.ENOSPC, "No space left on device")


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def errors(result) -> list[str]:
    return [l for l in result.stderr.splitlines() if l.lower().startswith("error")]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    from policykg.sample import generate_corpus

    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(24, seed=3, out=out, replace=True)
    return out / "docs"


@pytest.fixture(scope="module")
def clean(docs, tmp_path_factory) -> set:
    where = tmp_path_factory.mktemp("clean") / "store"
    assert run("build", str(docs), "--store", str(where)).exit_code == 0
    return content_quads(where)


def _mount(where: Path, size: str, remount: bool = False) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    options = f"remount,size={size}" if remount else f"size={size}"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path, request) -> Iterator[Path]:
    """A tmpfs of ``request.param`` (default 1.5 MB: the store fills it within a few documents)."""
    where = tmp_path / "disk"
    where.mkdir()
    if not _mount(where, getattr(request, "param", "1500k")):
        pytest.skip("cannot mount a small tmpfs here (needs root and permission to mount)")
    yield where
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _all_json_whole(folder: Path) -> list[str]:
    names = sorted(p.name for p in folder.iterdir())
    for name in names:
        json.loads((folder / name).read_text(encoding="utf-8"))  # every file written is whole
    return names


@pytest.mark.parametrize("tiny_disk", ["64k"], indirect=True)
def test_extract_on_a_full_disk(tiny_disk, docs):
    out = tiny_disk / "out"
    result = run("extract", str(docs), "--out", str(out))
    assert result.exit_code == 1
    assert len(errors(result)) == 1 and "no space left on device; stopped" in errors(result)[0]
    written = _all_json_whole(out)
    assert 0 < len(written) < len(list(docs.glob("*.txt")))
    assert all(name.endswith(".json") and not name.startswith(".") for name in written)
    assert _mount(tiny_disk, "64m", remount=True)
    again = run("extract", str(docs), "--out", str(out))
    assert again.exit_code == 0 and len(_all_json_whole(out)) == len(list(docs.glob("*.txt")))


def test_build_on_a_full_disk_then_again_equals_a_clean_build(tiny_disk, docs, clean):
    store = tiny_disk / "store"
    result = run("build", str(docs), "--store", str(store))
    assert result.exit_code == 1
    assert len(errors(result)) == 1 and "no space left on device" in errors(result)[0], result.stderr
    assert _mount(tiny_disk, "256m", remount=True)
    again = run("build", str(docs), "--store", str(store))
    assert again.exit_code == 0, again.output
    assert content_quads(store) == clean


def test_extract_stops_at_enospc_and_writes_nothing_partial(docs, tmp_path, monkeypatch):
    from policykg.loaders import batch

    real, calls = batch.atomic_write, []

    def filling(path, data):
        calls.append(path)
        if len(calls) >= 3:
            raise ENOSPC
        real(path, data)

    monkeypatch.setattr(batch, "atomic_write", filling)
    result = run("extract", str(docs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and len(calls) == 3
    left = len(list(docs.glob("*.txt"))) - 3
    assert errors(result) == [f"error: {sorted(docs.glob('*.txt'))[2]}: cannot write {calls[2]}: no space left on "
                              f"device; stopped, {left} more document(s) not extracted"]
    assert _all_json_whole(tmp_path / "out") == [p.name for p in calls[:2]]


def test_build_stops_at_enospc_and_recovers(docs, tmp_path, monkeypatch, clean):
    real, calls = OxigraphStore.replace_graph, []

    def filling(self, *args, **kwargs):
        calls.append(args[0])
        if len(calls) >= 4:
            raise OSError("IO error: No space left on device: While appending to file: 000008.log")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(OxigraphStore, "replace_graph", filling)
    store = tmp_path / "store"
    result = run("build", str(docs), "--store", str(store))
    assert result.exit_code == 1
    assert errors(result) == [f"error: cannot write the store {store}: no space left on device; documents loaded "
                              "so far are whole, build again when it is fixed"]
    assert "built 3 documents" in result.stderr
    monkeypatch.setattr(OxigraphStore, "replace_graph", real)
    assert run("build", str(docs), "--store", str(store)).exit_code == 0
    assert content_quads(store) == clean


def test_query_output_on_a_full_disk(tmp_path, monkeypatch, clean, docs):
    from policykg import sinks

    store = tmp_path / "store"
    run("build", str(docs), "--store", str(store))
    monkeypatch.setattr(sinks, "atomic_write", lambda path, data: (_ for _ in ()).throw(ENOSPC))
    out = tmp_path / "tasks.csv"
    result = run("tasks", "--store", str(store), "--format", "csv", "--out", str(out))
    assert result.exit_code == 1 and errors(result) == [f"Error: cannot write {out}: No space left on device"]
    assert not out.exists()
    monkeypatch.undo()
    if Path("/dev/full").exists():
        full = subprocess.run([sys.executable, "-m", "policykg", "export", "--store", str(store), "--format", "nq"],
                              stdout=open("/dev/full", "wb"), stderr=subprocess.PIPE, text=True, timeout=120)
        assert full.returncode == 1 and "Traceback" not in full.stderr, full.stderr
        assert full.stderr.strip().splitlines() == ["Error: cannot write the output: No space left on device"]
