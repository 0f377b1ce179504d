"""Nothing a file or a server sends stops a build, hangs it or crashes a command (issue 16).

The corpus and its expected outcomes are the table of ``tests/badinput.py``. Every run here is a
real command (click's runner, in this process) under a time budget enforced by a timer signal:
a case that hangs fails with :class:`Overtime` instead of blocking the suite. Every run is checked
for the absence of a traceback (an exception escaping the command, or the word in its output) and
for its exit status; failures must be one line naming the file; the good files beside the bad ones
must all be loaded.
"""
from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from badinput import FILES, GOOD, MAX_MB, QUERIES, REPLIES, URLS, Case, write_case
from click.testing import CliRunner
from fakeserver import FakeServer

from policykg.cli import main
from policykg.loaders.files import printable

FILE_BUDGET = 60.0    # seconds for one command on one file (the dense 0.5 MB line included)
BATCH_BUDGET = 240.0  # the whole corpus through one command
SERVER_BUDGET = 10.0  # one command against the fake server (its timeouts are 1 s)


class Overtime(BaseException):
    """A command ran past its budget (a BaseException, so no handler in the command eats it)."""


@contextmanager
def budget(seconds: float):
    def expire(signum, frame):
        raise Overtime(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(args: list[str], seconds: float = FILE_BUDGET):
    """Run ``policykg ARGS`` within ``seconds``; fails the test on a traceback."""
    started = time.monotonic()
    with budget(seconds):
        result = CliRunner().invoke(main, args)
    escaped = result.exception if not isinstance(result.exception, (SystemExit, type(None))) else None
    assert escaped is None, f"policykg {' '.join(map(printable, args))}: traceback {escaped!r}"
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    result.seconds = time.monotonic() - started  # type: ignore[attr-defined]  # read by the time checks
    return result


def lines(result, prefix: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(prefix)]


@pytest.fixture(autouse=True)
def _quick_http(monkeypatch):
    monkeypatch.setenv("POLICYKG_HTTP_TIMEOUT", "1")
    monkeypatch.setenv("POLICYKG_HTTP_DEADLINE", "1")
    monkeypatch.delenv("POLICYKG_UPDATE_URL", raising=False)


def _expect(result, case: Case, outcome: str, path: Path) -> None:
    errors, warnings = lines(result, "error: "), lines(result, "warning: ")
    if outcome == "fail":
        assert result.exit_code == 1, result.output
        assert len(errors) == 1 and errors[0].startswith(f"error: {printable(path)}: "), errors
        assert case.says in errors[0], errors
    else:
        assert result.exit_code == 0 and not errors, result.output
        if outcome == "warn":
            assert len(warnings) == 1 and case.says in warnings[0], warnings
        else:
            assert not warnings, warnings


@pytest.mark.parametrize("case", FILES, ids=lambda c: printable(c.name))
def test_each_case_through_extract_and_build(case, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    path = write_case(folder, case)
    if case.extract != "-":
        result = run(["extract", str(path), "--out", str(tmp_path / "out"), "--max-mb", MAX_MB])
        _expect(result, case, case.extract, path)
        written = list((tmp_path / "out").iterdir())
        assert len(written) == (case.extract != "fail"), written  # never a partial or empty .json
        assert all(p.suffix == ".json" and p.stat().st_size > 0 for p in written)
    result = run(["build", str(path), "--store", str(tmp_path / "store"), "--max-mb", MAX_MB])
    _expect(result, case, case.build, path)
    assert f"built {int(case.build != 'fail')} documents" in result.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Every case and the good files in one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    for case in FILES + GOOD:
        write_case(folder, case)
    return folder


def test_the_corpus_through_extract(corpus, tmp_path):
    out = tmp_path / "out"
    result = run(["extract", str(corpus), "--out", str(out), "--max-mb", MAX_MB], BATCH_BUDGET)
    readable = [c for c in FILES + GOOD if c.extract != "-"]
    failing = [c for c in readable if c.extract == "fail"]
    errors = lines(result, "error: ")
    assert result.exit_code == 1
    assert sorted(e.split(": ", 2)[1] for e in errors) == sorted(printable(corpus / c.name) for c in failing)
    assert len(lines(result, "warning: ")) == sum(c.extract == "warn" for c in readable)
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(Path(c.name).stem + ".json" for c in readable if c.extract != "fail")
    assert all((out / name).stat().st_size > 0 for name in written)
    assert result.stderr.splitlines()[-1] == (f"loaded {len(written)} of {len(readable)} document(s) into "
                                              f"{out}; {len(failing)} failed")


@pytest.fixture(scope="module")
def corpus_store(corpus, tmp_path_factory) -> tuple[str, object]:
    store = str(tmp_path_factory.mktemp("store") / "store")
    result = run(["build", str(corpus), "--store", store, "--max-mb", MAX_MB], BATCH_BUDGET)
    return store, result


def test_the_corpus_through_build_loads_every_good_file(corpus, corpus_store):
    store, result = corpus_store
    failing = [c for c in FILES if c.build == "fail"]
    loaded = [c for c in FILES + GOOD if c.build != "fail"]
    errors = lines(result, "error: ")
    assert result.exit_code == 1
    assert sorted(e.split(": ", 2)[1] for e in errors) == sorted(printable(corpus / c.name) for c in failing)
    for case in failing:
        assert any(case.says in e for e in errors if printable(corpus / case.name) in e), case.name
    assert f"built {len(loaded)} documents (0 skipped unchanged, {len(failing)} failed)" in result.stderr
    again = run(["build", str(corpus), "--store", store, "--max-mb", MAX_MB], BATCH_BUDGET)
    assert f"built 0 documents ({len(loaded)} skipped unchanged, {len(failing)} failed)" in again.stderr
    stats = run(["stats", "--store", store, "--json"])
    assert stats.exit_code == 0


QUERY_COMMANDS = [["stats"], ["export", "--format", "ttl"], ["export", "--format", "nq"],
                  ["export", "--format", "jsonld"], ["export", "--format", "graphml"],
                  ["export", "--format", "csv"], ["check", "--store"], ["trace", "rà soát chính sách", "--all"],
                  ["overload"], ["overload", "--place", "Kon Tum", "--year", "2025"], ["tasks"], ["targets"],
                  ["sources"], ["gaps"], ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 5"], ["agencies"],
                  ["agencies", "--unknown", "--place", "Kon Tum"]]


@pytest.mark.parametrize("command", QUERY_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_query_command_on_the_corpus_store(command, corpus_store, tmp_path):
    store, _ = corpus_store
    args = [*command, store] if command == ["check", "--store"] else [*command, "--store", store]
    result = run(args)
    assert result.exit_code == 0, result.output


def test_show_on_the_corpus_store(corpus_store, tmp_path):
    store, _ = corpus_store
    result = run(["show", "--store", store, "--out", str(tmp_path / "graph.html")])
    assert result.exit_code == 0 and (tmp_path / "graph.html").stat().st_size > 0


@pytest.mark.parametrize("query, options, status, says", QUERIES, ids=[q[0][:30] or "empty" for q in QUERIES])
def test_query_cases(query, options, status, says, corpus_store):
    store, _ = corpus_store
    result = run(["query", query, *options, "--store", store])
    assert result.exit_code == status, result.output
    assert says in result.output
    if status:
        assert len(lines(result, "Error: ")) == 1


ENDPOINT_COMMANDS = [["stats"], ["export", "--format", "nq"], ["trace", "x"], ["overload"], ["tasks"],
                     ["targets"], ["sources"], ["gaps"], ["agencies"], ["query", "ASK { ?s ?p ?o }"],
                     ["query", "SELECT * WHERE { ?s ?p ?o }"], ["check", "--store"], ["show"], ["build"]]


def _endpoint_args(command: list[str], url: str, tmp_path: Path) -> list[str]:
    if command == ["check", "--store"]:
        return ["check", "--store", url]
    if command == ["show"]:
        return ["show", "--store", url, "--out", str(tmp_path / "g.html")]
    if command == ["build"]:
        doc = tmp_path / "plan.txt"
        GOOD[0].make(doc)
        return ["build", str(doc), "--store", url]
    return [*command, "--store", url]


@pytest.fixture(scope="module")
def server():
    with FakeServer(hang_s=4, lifetime_s=900) as fake:
        yield fake


@pytest.mark.parametrize("kind", list(REPLIES))
def test_every_command_against_a_misbehaving_server(kind, server, tmp_path):
    for command in ENDPOINT_COMMANDS:
        result = run(_endpoint_args(command, server.url(kind), tmp_path), SERVER_BUDGET)
        assert result.exit_code == 1, (command, result.output)
        failures = lines(result, "Error: ") + lines(result, "error: ")
        assert len(failures) == 1 and REPLIES[kind] in failures[0], (command, result.output)
        assert result.seconds < SERVER_BUDGET
        assert "yes" not in result.stdout.split()  # a bad reply is never an answer


@pytest.mark.parametrize("url", list(URLS))
def test_every_command_refuses_a_malformed_url(url, tmp_path):
    for command in ENDPOINT_COMMANDS:
        result = run(_endpoint_args(command, url, tmp_path), SERVER_BUDGET)
        assert result.exit_code == 1, (command, result.output)
        failures = lines(result, "Error: ")
        assert len(failures) == 1 and URLS[url] in failures[0], (command, result.output)
    assert not any(Path(tmp_path).glob("ftp*")) and not Path("ftp:").exists()  # never taken as a folder


def test_a_query_string_in_the_endpoint_url_stays_a_query_string(server):
    from policykg.graph import open_store

    store = open_store(f"{server.base}/?key=x")
    assert store.query_url == f"{server.base}/query?key=x"
    assert store.update_url == f"{server.base}/update?key=x"


def test_service_runs_only_when_allowed_and_fails_in_one_line(corpus_store, server):
    store, _ = corpus_store
    query = f"SELECT * WHERE {{ SERVICE <{server.url('html')}> {{ ?s ?p ?o }} }}"
    seen = len(server.seen)
    refused = run(["query", query, "--store", store])
    assert refused.exit_code == 1 and "--allow-service" in refused.output and len(server.seen) == seen
    allowed = run(["query", query, "--allow-service", "--store", store], SERVER_BUDGET)
    assert allowed.exit_code == 1 and len(lines(allowed, "Error: ")) == 1, allowed.output
    assert "the query failed" in allowed.output and len(server.seen) > seen


def test_the_corpus_through_a_parallel_build(corpus, corpus_store, tmp_path):
    """Worker processes read the same bytes and fail the same files in the same words."""
    _, serial = corpus_store
    store = str(tmp_path / "store")
    result = run(["build", str(corpus), "--store", store, "--max-mb", MAX_MB, "--jobs", "2"], BATCH_BUDGET)
    assert result.exit_code == 1
    assert sorted(lines(result, "error: ")) == sorted(lines(serial, "error: "))
    assert sorted(lines(result, "warning: ")) == sorted(lines(serial, "warning: "))
    assert result.stderr.splitlines()[-1].split(" in ")[0] == serial.stderr.splitlines()[-1].split(" in ")[0]


def test_the_corpus_through_check(corpus):
    """check reads files with the same limits and record schema: one unreadable finding a bad file."""
    import json

    result = run(["check", str(corpus), "--format", "json", "--no-shacl", "--max-mb", MAX_MB], BATCH_BUDGET)
    assert result.exit_code == 1
    unreadable = {f["file"]: f["message"] for f in json.loads(result.stdout) if f["kind"] == "unreadable"}
    failing = {printable(corpus / c.name): c.says for c in FILES if c.build == "fail"}
    assert sorted(unreadable) == sorted(failing)
    for file, says in failing.items():
        assert says in unreadable[file], (file, unreadable[file])
