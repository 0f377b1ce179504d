"""The demo: a generated corpus built into the embedded store, one trace, the overload table and the
HTML view. What ``policykg demo`` runs on a fresh machine. A front-door job: it runs the pipeline,
the queries and the view over the sample room's corpus.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Iterator

import pandas as pd

from policykg.graph import BuildResult, GraphStore, open_store
from policykg.pipeline import build_files
from policykg.sample.corpus import CorpusSummary, generate_corpus

DEMO_DOCUMENTS = 120
# The demo reads documents as people get them (hard-wrapped, portal pages, PDF text), one layout each.
DEMO_LAYOUT = "mixed"
# Plans tried for the trace before settling: enough to find a chain read end to end, few enough to stay fast.
_TRIES = 12
# Deepest first: a commune plan's task has the longest chain up to the central resolution.
_LEVELS = ["commune", "department", "province", "party"]


@dataclass
class DemoResult:
    """What the demo made: the corpus, the build, a trace, the overload table and the HTML page."""

    corpus: CorpusSummary
    build: BuildResult
    store: Path
    html: Path
    html_nodes: int
    task_place: str | None
    trace: pd.DataFrame
    overload_place: str | None
    overload: pd.DataFrame


def run_demo(documents: int = DEMO_DOCUMENTS, seed: int = 0, out: Path | str = "policykg-demo",
             jobs: int = 0, layout: str = DEMO_LAYOUT) -> DemoResult:
    """Generate a sample corpus, build it, trace one task and rank one province's agencies.

    Parameters
    ----------
    documents : int
        Size of the corpus.
    seed : int
        The same seed gives the same corpus, the same graph and the same answers.
    out : Path or str
        Folder for ``corpus/``, ``store/`` and ``graph.html``; a corpus already there is replaced.
    jobs : int
        Extraction processes (0: one per core).
    layout : str
        How the documents are printed (see :mod:`policykg.sample.layouts`); ``mixed`` by default,
        so the demo goes through the same reading of real layouts as real documents.

    Returns
    -------
    DemoResult

    Examples
    --------
    >>> import tempfile
    >>> r = run_demo(30, seed=2, out=tempfile.mkdtemp(), jobs=1, layout="clean")
    >>> len(r.build.built) == 30 and bool(r.trace["relation"].eq("implements").any())
    True
    """
    from policykg.queries import overload
    from policykg.viz.show import show_store

    out = Path(out)
    summary = generate_corpus(documents, seed, out / "corpus", replace=True, layout=layout)
    store = open_store(out / "store")
    try:
        files = sorted((out / "corpus" / "docs").glob("*.txt"))
        built = build_files(files, store, jobs=jobs or os.cpu_count() or 1)
        doc, task_place, chain = _traced(store, out / "corpus")
        province = _province_place(out / "corpus", doc.get("province"))
        ranking = overload(store, place=province, year=date.today().year)
        page = show_store(store)
        html = out / "graph.html"
        page.write(html)
    finally:
        store.close()
    return DemoResult(summary, built, out / "store", html, page.nodes, task_place, chain, province, ranking)


def _manifest(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line]


def _plans(corpus: Path) -> Iterator[tuple[dict, dict]]:
    """(manifest line, intended record) of the plans with tasks, deepest level first."""
    docs = _manifest(corpus)
    for level in _LEVELS:
        for doc in docs:
            if doc.get("level") == level:
                record = json.loads((corpus / "gold" / f"{doc['name']}.json").read_text(encoding="utf-8"))
                if record.get("tasks"):
                    yield doc, record


def _traced(store: GraphStore, corpus: Path) -> tuple[dict, str | None, pd.DataFrame]:
    """The deepest plan's first task found in the store, and its trace: the first of a few plans
    whose chain the store holds up to a central document, else the longest chain found. A plan
    whose printed layout was misread (its place or task not in the store) is passed over."""
    from policykg.queries import find_tasks, trace
    from policykg.queries.sparql import QueryError

    best: tuple[dict, str | None, pd.DataFrame] | None = None
    for doc, record in islice(_plans(corpus), _TRIES):
        place = record["document"]["place"]
        words = " ".join(record["tasks"][0]["text"].split()[:10])
        try:
            candidates = find_tasks(store, words, place=place)
            if candidates.empty:
                continue
            chain = trace(store, str(candidates["task"].iloc[0]))
        except QueryError:
            continue
        if chain["to_level"].eq("central").any():
            return doc, place, chain
        if best is None or len(chain) > len(best[2]):
            best = doc, place, chain
    if best is None:
        raise ValueError("no plan of the sample corpus has a task the store can trace; generate more documents")
    return best


def _province_place(corpus: Path, province: str | None) -> str | None:
    for doc in _manifest(corpus):
        if doc.get("level") == "province" and doc.get("province") == province:
            return json.loads((corpus / "gold" / f"{doc['name']}.json").read_text(encoding="utf-8"))["document"]["place"]
    return None
