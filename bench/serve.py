"""Web app bench: how long each page of ``policykg serve`` takes on a generated store, against the
library call at its heart measured in the same run (the page's own overhead is the ratio).

    python bench/serve.py --documents 10000 --work /tmp/pkg-bench   # generate, build, time
    python bench/run.py --serve [--quick]                          # the same, from the bench runner

The target (issue 18): every page except SPARQL renders in under a second on 10,000 documents.
Pages are asked over HTTP of the app served by uvicorn on a free port of this machine (as a browser
would), warm, median of a few runs.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

RUNS = 5


def _median(fn: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any, float]:
    """Median of ``runs`` warm calls, the last result, and the first (cold) call's time."""
    t = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - t
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result, cold


def prepare(n: int, work: Path, jobs: int = 2) -> Path:
    """A store of ``n`` generated documents in ``work`` (generated and built once, then reused)."""
    from policykg.sample import generate_corpus

    corpus = work / f"corpus-{n}"
    if not (corpus / "manifest.jsonl").exists():
        generate_corpus(n, seed=7, out=corpus, replace=True)
    store = work / f"store-{n}"
    if not store.exists():
        subprocess.run([sys.executable, "-m", "policykg", "build", str(corpus / "docs"), "--store", str(store),
                        "--jobs", str(jobs)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return store


def bench_pages(store_path: Path) -> list[tuple[str, float, float, int, str, float]]:
    """(page, median seconds, first call's seconds, status, baseline name, baseline median seconds)
    for each page."""
    from rdflib import URIRef

    from policykg.graph import open_store
    from policykg.queries import overload, page_coverage, sources, trace_tasks
    from policykg.queries import pages as q
    from policykg.viz.web import serve_in_background
    from policykg.viz.web.tables import url_for

    store = open_store(str(store_path), create=False, read_only=True)
    running = serve_in_background(store)
    central = page_coverage.central_documents(store)
    doc = central["document_iri"].iloc[0]
    loads = overload(store)
    place = loads["place"].value_counts().index[0]
    place_iri = q.place_iri_or_none(store, place)
    agency = loads[(loads["place"] == place) & (loads["kind"] == "agency")]["agency_iri"].iloc[0]
    plans = q.place_documents(store, place)
    plan = plans[plans["loaded"] & (plans["tasks"] > 0)]["doc"].iloc[0]
    task_iri = str(plan) + "/task/1"
    words = "quán triệt"
    rows = []
    pages: list[tuple[str, str, str, Callable[[], Any]]] = [
        ("home", "/", "sources (library)", lambda: sources(store)),
        ("search", "/search?q=" + quote(words), "find_tasks (library)",
         lambda: __import__("policykg.queries", fromlist=["find_tasks"]).find_tasks(store, words)),
        ("search (vs. old stores)", "/search?q=" + quote(words), "search's first cut folding every task (old stores)",
         lambda: _folded_first_cut(store, words)),
        ("search: agencies, documents", "/search?q=" + quote("so y te"),
         "agencies.rq folding every name + page_doc_search (before the per-state lists)",
         lambda: _folded_names("so y te", store)),
        ("task", str(url_for("task", task_iri)), "trace_tasks (library)",
         lambda: trace_tasks(store, [URIRef(task_iri)])),
        ("document (central)", str(url_for("doc", doc)), "document_page (library)", lambda: q.document_page(store, doc)),
        ("document (plan)", str(url_for("doc", plan)), "document_page (library)", lambda: q.document_page(store, plan)),
        ("coverage", str(url_for("coverage", doc)), "coverage (library)", lambda: page_coverage.coverage(store, doc)),
        ("place", str(url_for("place", place_iri)), "overload one place (library)",
         lambda: overload(store, place=place_iri)),
        ("agency", str(url_for("agency", agency)), "agency_page (library)", lambda: q.agency_page(store, agency)),
        ("download: place overload csv", str(url_for("place", place_iri)) + "?download=overload&format=csv",
         "overload one place (library)", lambda: overload(store, place=place_iri)),
    ]
    for name, url, base_name, base in pages:
        page_t, status, cold = _median(lambda: _status(running.url + url))
        base_t, _, _ = _median(base)
        rows.append((f"{name} `{url[:60]}`", page_t, cold, status, base_name, base_t))
    running.stop()
    store.close()
    return rows


def _folded_first_cut(store: Any, words: str) -> Any:
    """The search's first cut on a store built before tasks had their key (pkg:searchText): every
    task's text folded in SPARQL (task_texts_folded.rq), the cost the search page had before."""
    from rdflib import Literal

    from policykg.queries.sparql import run
    from policykg.vietnamese.keys import search_needle

    return run(store, "task_texts_folded", {"needle": Literal(search_needle(words))})


def _folded_names(words: str, store: Any) -> Any:
    """What the search page read for agencies and documents on every search before their lists
    were kept per state of the store: every agency name folded in SPARQL, every title."""
    from rdflib import Literal

    from policykg.queries.sparql import run
    from policykg.vietnamese.keys import search_needle

    return (run(store, "agencies", {"needle": Literal(search_needle(words))}), run(store, "page_doc_search"))


def _status(url: str) -> int:
    """The status of a GET of ``url``, its body read to the end."""
    try:
        with urllib.request.urlopen(url, timeout=120) as reply:
            reply.read()
            return int(reply.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def report(n: int, work: Path, jobs: int = 2) -> str:
    """The bench table for a store of ``n`` documents, as Markdown."""
    t = time.perf_counter()
    store = prepare(n, work, jobs)
    ready = time.perf_counter() - t
    lines = [f"| web app pages at {n:,} documents (store ready in {ready:.0f} s) | median | first call | status | "
             "under 1 s | library call | median | page / library |", "|---|---|---|---|---|---|---|---|"]
    for name, page_t, cold, status, base_name, base_t in bench_pages(store):
        lines.append(f"| {name} | {1000 * page_t:.0f} ms | {1000 * cold:.0f} ms | {status} | "
                     f"{'yes' if page_t < 1 else 'NO'} | {base_name} | {1000 * base_t:.0f} ms | "
                     f"{page_t / max(base_t, 1e-9):.1f}x |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--work", type=Path, default=None, help="Folder for the corpus and store (reused when present)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="policykg-bench-serve-"))
    print(report(args.documents, work, args.jobs), flush=True)


if __name__ == "__main__":
    main()
