"""The same graph through a real SPARQL server: `oxigraph serve` on 127.0.0.1 (issue 8).

The server comes from the `oxigraph` package of the test extra; the test starts it on a free
loopback port with a temporary folder and stops it itself.
"""
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph import graph_stats, open_store, validate_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str, proc: subprocess.Popen, seconds: float = 20) -> bool:
    """Whether the server at ``url`` answers a query within ``seconds`` (False once it has died)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            return True
        except OSError:
            time.sleep(0.2)
    return False


@pytest.fixture(scope="module", params=["union-default-graph", "explicit-union"])
def server(request, tmp_path_factory):
    # Beside the running interpreter first: a venv's scripts need not be on PATH (CI runs under env -i).
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.skip("no `oxigraph` server binary (pip install oxigraph, part of the test extra)")
    port = _free_port()
    args = [binary, "serve", "--location", str(tmp_path_factory.mktemp("server")), "--bind", f"127.0.0.1:{port}"]
    if request.param == "union-default-graph":
        args.append("--union-default-graph")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    if not _answers(url, proc):
        proc.kill()
        pytest.fail(f"oxigraph server did not start on {url}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def seeds():
    folder = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not folder.is_dir():
        pytest.skip(f"no seed documents at {folder}")
    return folder


@pytest.fixture(scope="module")
def both(server, seeds, tmp_path_factory):
    embedded = tmp_path_factory.mktemp("embedded") / "store"
    runner = CliRunner()
    for store in (server, str(embedded)):
        result = runner.invoke(main, ["build", str(seeds), "--store", store])
        assert result.exit_code == 0, result.output
    return server, str(embedded)


def test_server_holds_the_same_graph(both):
    remote, local = (open_store(x) for x in both)
    try:
        assert set(remote.graph_names()) == set(local.graph_names())
        for graph in local.graph_names():
            assert set(remote.quads(graph)) == set(local.quads(graph)), graph
        assert graph_stats(remote) == graph_stats(local)
    finally:
        local.close()


def test_same_answers_to_the_same_query(both):
    query = ("SELECT ?plan ?top WHERE { ?plan pkg:implements+ ?top . ?top dcterms:identifier ?id "
             "FILTER(?id IN (\"29-NQ/TW\", \"91-KL/TW\")) }")
    remote, local = (open_store(x) for x in both)
    try:
        def rows(store):
            return sorted((str(r["plan"]), str(r["top"])) for r in store.query(query))

        assert rows(remote) == rows(local) and rows(local)
    finally:
        local.close()


def test_server_graph_conforms_and_rebuild_skips(both, seeds):
    remote = open_store(both[0])
    assert validate_store(remote).conforms
    result = CliRunner().invoke(main, ["build", str(seeds), "--store", both[0]])
    assert result.exit_code == 0 and "5 skipped" in result.output


def test_unreachable_endpoint_is_one_line():
    result = CliRunner().invoke(main, ["stats", "--store", f"http://127.0.0.1:{_free_port()}"])
    assert result.exit_code == 1
    assert "cannot reach the SPARQL endpoint" in result.output and "Traceback" not in result.output


def test_trace_and_overload_answer_the_same_through_the_server(both):
    from policykg.queries import overload, trace

    remote, local = (open_store(x) for x in both)
    try:
        t_remote = trace(remote, "quán triệt tuyên truyền nâng cao nhận thức", place="Kon Tum")
        t_local = trace(local, "quán triệt tuyên truyền nâng cao nhận thức", place="Kon Tum")
        assert t_local.equals(t_remote) and len(t_local) >= 4
        o_remote, o_local = overload(remote, year=2026), overload(local, year=2026)
        assert o_local.equals(o_remote) and not o_local.empty
    finally:
        local.close()


def test_an_nquads_export_bulk_loaded_by_oxigraph_answers_the_same(both, tmp_path):
    """The scale-out path of the README: `export --format nq --out` (pyoxigraph's writer, streamed),
    `oxigraph load` (its bulk loader), `oxigraph serve`: trace and overload as on the embedded store."""
    from policykg.queries import overload, trace

    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    local_path = both[1]
    nq = tmp_path / "graph.nq"
    result = CliRunner().invoke(main, ["export", "--format", "nq", "--store", local_path, "--out", str(nq)])
    assert result.exit_code == 0, result.output
    db = tmp_path / "db"
    subprocess.run([binary, "load", "--location", str(db), "--file", str(nq)], check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(db), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        assert _answers(url, proc), "oxigraph server did not start"
        remote, local = open_store(url), open_store(local_path, read_only=True)
        try:
            words = "quán triệt tuyên truyền nâng cao nhận thức"
            assert trace(remote, words, place="Kon Tum").equals(trace(local, words, place="Kon Tum"))
            o_remote, o_local = overload(remote, year=2026), overload(local, year=2026)
            assert o_local.equals(o_remote) and not o_local.empty
        finally:
            local.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
