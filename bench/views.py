"""Start-up and views for a person at a terminal: `policykg --help`, and `show --trace` against the
trace query itself on the same store, same run.

    python bench/run.py --views --stores STORE_1000 STORE_10000

A trace page reads only its chain (viz/tracing.py), so its cost should follow the chain, not the
store: at 10,000 documents it is expected within a small factor of the trace query it is drawn
from. Each line gives medians of interleaved runs (in process), and one command-line run of each
(`policykg trace` and `policykg show --trace`, new processes, imports included).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LONGEST = """
SELECT ?task (COUNT(?doc) AS ?depth) WHERE {
  { SELECT ?plan WHERE { ?plan pkg:implements/pkg:implements/pkg:implements ?top } LIMIT 20 }
  ?plan pkg:hasTask ?task ; pkg:implements* ?doc .
} GROUP BY ?task ORDER BY DESC(?depth) ?task LIMIT 1
"""


def longest_task(store) -> str:
    """A task whose plan sits at the bottom of a long chain (a 6-node trace in a generated corpus)."""
    names, rows = store.select(LONGEST)
    if not rows:
        names, rows = store.select("SELECT ?task WHERE { ?plan pkg:hasTask ?task } LIMIT 1")
    return str(rows[0][0])


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _cli(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, check=True)
    return time.perf_counter() - t


def trace_view_line(store_path: Path, runs: int = 5) -> str:
    """One table row: documents, trace nodes, trace query vs trace page (in process and CLI)."""
    from policykg.graph import open_store
    from policykg.queries.trace import trace_tasks
    from policykg.viz.show import trace_page

    store = open_store(str(store_path), create=False, read_only=True)
    try:
        documents = len(store.select("SELECT DISTINCT ?d WHERE { ?d pkg:loaded true }")[1])
        task = longest_task(store)
        from rdflib import URIRef

        trace_page(store, task)  # warm: imports and the store's caches, for both sides alike
        query = _median(lambda: trace_tasks(store, [URIRef(task)]), runs)
        page_holder: dict[str, object] = {}
        view = _median(lambda: page_holder.setdefault("p", trace_page(store, task)), runs)
        nodes = trace_page(store, task).nodes
    finally:
        store.close()
    with tempfile.TemporaryDirectory() as tmp:
        cli_trace = _cli(["trace", task, "--store", str(store_path), "--format", "json"])
        cli_show = _cli(["show", "--trace", task, "--store", str(store_path), "--out", f"{tmp}/t.html"])
    return (f"| {documents} | {nodes} | {query * 1000:.0f} ms | {view * 1000:.0f} ms | {view / query:.1f}x | "
            f"{cli_trace:.2f} s | {cli_show:.2f} s |")


def report(stores: list[Path], runs: int = 5) -> str:
    """`policykg --help` start-up, then one row per store."""
    from run import startup_line  # bench/run.py, beside this file

    lines = [startup_line(), "",
             "| show --trace | nodes | trace query (median) | trace page (median) | ratio | `policykg trace` | "
             "`policykg show --trace` |", "|---|---|---|---|---|---|---|"]
    lines += [trace_view_line(s, runs) for s in stores]
    return "\n".join(lines)
