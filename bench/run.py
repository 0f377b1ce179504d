"""policykg benchmarks: one command, one table, ratios against baselines measured in the same run.

    python bench/run.py                 # 1,000 and 10,000 documents (several minutes)
    python bench/run.py --quick         # 200 and 1,000 documents (about a minute)
    python bench/run.py --pathological  # only the worst adversarial line, in MB/s (about a minute)
    python bench/run.py --costs --work DIR  # only the costs that follow the change (bench/costs.py)
    python bench/run.py --serve         # only the web app's pages on 10,000 documents (bench/serve.py)
    python bench/run.py --views --stores S1 S2  # --help start-up; show --trace vs trace (bench/views.py)

Sections:
1. loaders: throughput in MB/s against the floor of reading the same bytes and scanning them once
   with one regular expression, CPU time of interleaved runs (the machine is shared);
2. build: `policykg build --jobs N` wall time and peak resident memory of the whole process tree;
3. queries: trace and overload latency (median, p95) on the embedded Oxigraph store, against
   rdflib's in-memory store running the same SPARQL on the same triples, and a networkx traversal;
4. HTML view: generation time and size at 1,000 and 5,000 nodes.

Everything is generated (policykg.sample), so the run needs nothing but the project. Results go to
stdout and, with --record, are appended to bench/RESULTS.md with the date and machine.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _timed(fn, repeat: int = 1):
    best = float("inf")
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def _latency(fn, runs: int) -> tuple[float, float]:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (OSError, AttributeError, ValueError):
            continue
    return total


def corpus(n: int, work: Path) -> Path:
    from policykg.sample import generate_corpus

    out = work / f"corpus-{n}"
    if not (out / "manifest.jsonl").exists():
        generate_corpus(n, seed=7, out=out, replace=True)
    return out / "docs"


def bench_loaders(docs: Path, rounds: int = 3) -> dict:
    """Extraction against the floor of reading the same bytes and scanning them once with one
    regular expression: CPU time (not wall time: the machine is shared), the two run interleaved
    ``rounds`` times (floor, loaders, floor, loaders ...) so both see the same machine, the ratio
    the median of the rounds' ratios."""
    from policykg.loaders import extract_file
    from policykg.loaders.read import decode_text

    files = sorted(docs.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    words = re.compile(r"\w+")

    def floor():
        for f in files:
            words.findall(decode_text(f.read_bytes(), f))

    def loaders():
        for f in files:
            extract_file(f)

    loaders()  # warm: imports, the gazetteer, caches
    floors, loads = [], []
    for _ in range(rounds):
        floors.append(_cpu(floor))
        loads.append(_cpu(loaders))
    floor_s, load_s = statistics.median(floors), statistics.median(loads)
    ratio = statistics.median(l / f for f, l in zip(floors, loads))
    worst_name, worst_s, worst_mb = _pathological()
    return {"documents": len(files), "MB": size / 1e6, "floor_s": floor_s, "loaders_s": load_s,
            "floor_MBps": size / 1e6 / floor_s, "loaders_MBps": size / 1e6 / load_s, "ratio": ratio,
            "rounds": rounds, "worst_name": worst_name, "worst_s": worst_s, "worst_MB": worst_mb}


def _cpu(fn) -> float:
    """CPU seconds of this process spent in ``fn()``."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def _pathological(size: int = 1_000_000) -> tuple[str, float, float]:
    """The slowest of the adversarial lines of tests/pathological.py, each made ``size`` characters
    long and put through the whole extraction (every text stage), to catch a stage that turns
    quadratic. Returns its name, seconds and megabytes (UTF-8)."""
    from policykg.loaders.record import extract_text

    sys.path.insert(0, str(ROOT / "tests"))
    from pathological import PATHOLOGICAL, scaled

    times, sizes = {}, {}
    for name in PATHOLOGICAL:
        text = scaled(name, size)
        sizes[name] = len(text.encode("utf-8")) / 1e6
        times[name], _ = _timed(lambda: extract_text(text))
    worst = max(times, key=lambda n: times[n] / sizes[n])
    return worst, times[worst], sizes[worst]


def pathological_line(size: int = 1_000_000) -> str:
    """One line: the worst adversarial line in MB/s through the whole extraction."""
    name, seconds, mb = _pathological(size)
    return (f"worst adversarial line: {name!r}, {mb:.2f} MB through the whole extraction in "
            f"{seconds:.2f} s = {mb / seconds:.2f} MB/s")


def startup_line(runs: int = 7) -> str:
    """`policykg --help` start-up against the bare interpreter's, medians of interleaved runs."""

    def once(args: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True)
        return time.perf_counter() - t

    bare, helps = [], []
    for _ in range(runs):
        bare.append(once([sys.executable, "-c", "pass"]))
        helps.append(once([sys.executable, "-m", "policykg", "--help"]))
    b, h = statistics.median(bare), statistics.median(helps)
    return (f"policykg --help: {h * 1000:.0f} ms median of {runs} (python -c pass: {b * 1000:.0f} ms; "
            f"{h / b:.1f}x a bare start)")


def bench_build(docs: Path, store: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "policykg", "build", str(docs), "--store", str(store), "--jobs", str(jobs)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - t
    err = proc.stderr.read()
    built = re.search(r"built (\d+) documents", err)
    return {"wall_s": wall, "peak_rss_MB": peak / 1e6, "built": int(built.group(1)) if built else None,
            "exit": proc.returncode}


def bench_queries(store_path: Path, runs: int, with_rdflib: bool, full_overload: bool = False) -> dict:
    import networkx as nx
    import rdflib

    from policykg.graph import open_store, to_networkx
    from policykg.queries import find_tasks, overload, trace

    store = open_store(store_path)
    out: dict = {}
    try:
        found = find_tasks(store, "tổ chức thực hiện")
        pick = found.iloc[len(found) // 2]
        task, place = str(pick["task"]), str(pick["place"])
        out["place"] = place
        out["quads"] = store.count()
        out["trace_ox"] = _latency(lambda: trace(store, task), runs)
        out["overload_place_ox"] = _latency(lambda: overload(store, place=place, year=2026), max(5, runs // 4))
        out["overload_all_ox"] = _latency(lambda: overload(store, year=2026), 5)
        out["overload_all_recount"] = _latency(lambda: overload(store, year=2026, recount=True), 1)
        out["summary_refresh"] = _summary_refresh(store, place)
        if not with_rdflib:
            return out
        t, graph = _timed(lambda: to_networkx(store))
        out["nx_view_s"] = t

        def nx_trace():
            start = next((u for u, v, d in graph.in_edges(task, data=True) if d.get("relation") == "hasTask"), None)
            seen, frontier = set(), [start]
            while frontier:
                node = frontier.pop()
                for _, nxt, d in graph.out_edges(node, data=True):
                    if d.get("relation") == "implements" and nxt not in seen:
                        seen.add(nxt)
                        frontier.append(nxt)
            return seen

        def nx_overload():
            counts: dict = {}
            for u, v, d in graph.edges(data=True):
                if d.get("relation") in ("leads", "supports", "implementsTask"):
                    counts[(u, d["relation"])] = counts.get((u, d["relation"]), 0) + 1
            return counts

        out["trace_nx"] = _latency(nx_trace, runs)
        out["overload_all_nx"] = _latency(nx_overload, 3)
        if with_rdflib:
            ds = rdflib.Dataset(default_union=True)
            graphs: dict = {}

            def load_rdflib() -> None:
                for s, p, o, g in store.quads():
                    if g not in graphs:
                        graphs[g] = ds.graph(rdflib.URIRef(str(g)))
                    graphs[g].add((s, p, o))

            t, _ = _timed(load_rdflib)
            out["rdflib_load_s"] = t
            from policykg.graph.namespaces import PREFIXES

            prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
            sparql = prologue + ("SELECT ?d WHERE { ?p pkg:hasTask ?t . ?p pkg:implements+ ?d }")
            ox_q = sparql.replace("?t .", f"<{task}> .")
            out["trace_sparql_ox"] = _latency(lambda: store.query(ox_q), runs)
            out["trace_sparql_rdflib"] = _latency(lambda: list(ds.query(ox_q)), max(3, runs // 10))
            agg = prologue + ("SELECT ?a (COUNT(DISTINCT ?t) AS ?n) WHERE { ?a pkg:leads ?t } GROUP BY ?a")
            out["overload_sparql_ox"] = _latency(lambda: store.query(agg), 5)
            out["overload_sparql_rdflib"] = _latency(lambda: list(ds.query(agg)), 2)
            if full_overload:
                # overload.rq itself (the recount); rdflib needs about a minute for it at 1,000 documents.
                from policykg.queries.sparql import load_query

                recount = load_query("overload")
                out["overload_rq_ox"] = _latency(lambda: store.select(recount), 3)
                t, _ = _timed(lambda: list(ds.query(recount)))
                out["overload_rq_rdflib"] = (t, t)
    finally:
        store.close()
    del nx
    return out


def _summary_refresh(store, place_name: str) -> tuple[float, float]:
    """Seconds to recount the load summary of one place (as after editing one file), and all of it."""
    from policykg.graph.namespaces import PKG
    from policykg.graph.summary import SUMMARY_GRAPH, refresh_summary
    from policykg.queries.common import resolve_place

    place = str(resolve_place(store, place_name))
    refresh_summary(store)  # a reused store may have been counted by other code
    # Forget the digests of the place and of the whole summary, as an edited file of that place would.
    for node in (place, SUMMARY_GRAPH):
        store.update(f"DELETE WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ <{node}> <{PKG.sourcesDigest}> ?d }} }}")
    one, recounted = _timed(lambda: refresh_summary(store))
    assert recounted == 1, recounted
    store.drop_graph(SUMMARY_GRAPH)
    full, _ = _timed(lambda: refresh_summary(store))
    return one, full


def bench_html(sizes: list[int]) -> dict:
    from policykg.viz.show import show_graph
    from policykg.viz.synthetic import synthetic_graph

    out = {}
    for n in sizes:
        graph = synthetic_graph(n)
        t, page = _timed(lambda: show_graph(graph), 1)
        out[n] = (t, len(page.html.encode("utf-8")) / 1e6, page.nodes)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="200 and 1,000 documents instead of 1,000 and 10,000")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--work", type=Path, default=None, help="Folder for corpora and stores (default: a temp dir)")
    ap.add_argument("--record", action="store_true", help="Append the table to bench/RESULTS.md")
    ap.add_argument("--reuse", action="store_true", help="Reuse corpora and stores already in --work (queries only)")
    ap.add_argument("--pathological", action="store_true",
                    help="Only print the worst adversarial line through the whole extraction, in MB/s")
    ap.add_argument("--startup", action="store_true",
                    help="Only print the start-up of `policykg --help` against a bare Python start, same run")
    ap.add_argument("--serve", action="store_true",
                    help="Only time the web app's pages (bench/serve.py) on the larger corpus (--quick: 1,000)")
    ap.add_argument("--views", action="store_true",
                    help="Only time `policykg --help` and `show --trace` against the trace query (bench/views.py) "
                         "on the stores given with --stores")
    ap.add_argument("--stores", type=Path, nargs="*", default=[], help="With --views: stores to time, smallest first")
    ap.add_argument("--costs", action="store_true",
                    help="Only the costs that follow the change (bench/costs.py): incremental build, one-place "
                         "overload, N-Quads export, Oxigraph vs rdflib on the .rq files; corpora and stores in --work")
    ap.add_argument("--no-baselines-large", action="store_true",
                    help="Skip the rdflib and networkx baselines on the larger corpus (they take minutes to load)")
    args = ap.parse_args()
    if args.pathological:
        print(pathological_line(), flush=True)
        return
    if args.startup:
        print(startup_line(), flush=True)
        return
    if args.views:
        import views  # bench/views.py, beside this file

        print(views.report(args.stores), flush=True)
        return
    if args.serve:
        import serve as serve_bench  # bench/serve.py, beside this file

        work = args.work or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
        print(serve_bench.report(1000 if args.quick else 10000, work, args.jobs), flush=True)
        return
    small, large = (200, 1000) if args.quick else (1000, 10000)
    work = args.work or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    if args.costs:
        say(f"policykg costs, {date.today()} on {platform.node()} ({os.cpu_count()} cores, "
            f"Python {platform.python_version()}), CPU time, code fingerprint pinned")
        run_costs(say, work, [small, large])
        _record(args.record, lines)
        return

    say(f"policykg benchmarks, {date.today()} on {platform.node()} ({os.cpu_count()} cores, "
        f"Python {platform.python_version()}), jobs={args.jobs}")
    say("")
    t, docs_small = _timed(lambda: corpus(small, work))
    t2, docs_large = _timed(lambda: corpus(large, work))
    say(f"corpus: {small} documents in {t:.1f} s, {large} in {t2:.1f} s (generated, seed 7)")

    lo = bench_loaders(docs_small) if not args.reuse else None
    if lo:
        say("")
        say("| loaders | documents | MB | seconds | MB/s | floor MB/s (read + one regex scan) | ratio |")
        say("|---|---|---|---|---|---|---|")
        say(f"| extract (CPU, median of {lo['rounds']} interleaved rounds) | {lo['documents']} | {lo['MB']:.1f} | "
            f"{lo['loaders_s']:.2f} | {lo['loaders_MBps']:.2f} | {lo['floor_MBps']:.1f} | {lo['ratio']:.0f}x the floor |")
        say(f"| worst adversarial line, whole extraction ({lo['worst_name']}) | 1 | {lo['worst_MB']:.1f} | "
            f"{lo['worst_s']:.2f} | {lo['worst_MB'] / lo['worst_s']:.2f} | {lo['floor_MBps']:.1f} | "
            f"{lo['floor_MBps'] * lo['worst_s'] / lo['worst_MB']:.0f}x the floor |")

    say("")
    say("| build | documents | wall | per document | peak RSS (process tree) |")
    say("|---|---|---|---|---|")
    stores = {}
    for n, docs in ((small, docs_small), (large, docs_large)):
        stores[n] = work / f"store-{n}"
        if args.reuse and stores[n].exists():
            say(f"| (store of {n} reused) | | | | |")
            continue
        b = bench_build(docs, stores[n], args.jobs)
        say(f"| build --jobs {args.jobs} | {b['built']} | {b['wall_s']:.1f} s | {1000 * b['wall_s'] / max(n, 1):.0f} ms | "
            f"{b['peak_rss_MB']:.0f} MB |")

    for n, rdf in ((small, True), (large, not args.no_baselines_large)):
        q = bench_queries(stores[n], runs=30, with_rdflib=rdf, full_overload=n == small)
        say("")
        say(f"| queries at {n} documents ({q['quads']:,} quads) | median | p95 | ratio |")
        say("|---|---|---|---|")
        say(f"| trace (policykg.queries.trace, Oxigraph) | {1000 * q['trace_ox'][0]:.1f} ms | {1000 * q['trace_ox'][1]:.1f} ms | |")
        if "trace_nx" in q:
            say(f"| trace (networkx traversal, view built in {q['nx_view_s']:.1f} s) | {1000 * q['trace_nx'][0]:.2f} ms | "
                f"{1000 * q['trace_nx'][1]:.2f} ms | Oxigraph {q['trace_ox'][0] / max(q['trace_nx'][0], 1e-9):.0f}x slower |")
        say(f"| overload, one place ({q['place']}) | {1000 * q['overload_place_ox'][0]:.0f} ms | "
            f"{1000 * q['overload_place_ox'][1]:.0f} ms | |")
        say(f"| overload, every place (Oxigraph, load summary) | {q['overload_all_ox'][0]:.2f} s | "
            f"{q['overload_all_ox'][1]:.2f} s | {q['overload_all_recount'][0] / q['overload_all_ox'][0]:.0f}x faster "
            f"than recounting |")
        say(f"| overload, every place, recounted from the source graphs | {q['overload_all_recount'][0]:.2f} s | | |")
        say(f"| load summary: recount one place / recount all | {q['summary_refresh'][0]:.2f} s / "
            f"{q['summary_refresh'][1]:.1f} s | | |")
        if "overload_all_nx" in q:
            say(f"| overload counts (networkx) | {q['overload_all_nx'][0]:.2f} s | {q['overload_all_nx'][1]:.2f} s | |")
        if rdf:
            r_t, o_t = q["trace_sparql_rdflib"][0], q["trace_sparql_ox"][0]
            r_a, o_a = q["overload_sparql_rdflib"][0], q["overload_sparql_ox"][0]
            say(f"| trace SPARQL: Oxigraph vs rdflib in-memory (loaded in {q['rdflib_load_s']:.0f} s) | "
                f"{1000 * o_t:.1f} ms vs {1000 * r_t:.1f} ms | | Oxigraph {r_t / o_t:.0f}x faster |")
            say(f"| leads COUNT by agency: Oxigraph vs rdflib | {1000 * o_a:.0f} ms vs {1000 * r_a:.0f} ms | | "
                f"Oxigraph {r_a / o_a:.0f}x faster |")
            if "overload_rq_rdflib" in q:
                o_r, r_r = q["overload_rq_ox"][0], q["overload_rq_rdflib"][0]
                say(f"| overload.rq (the recount): Oxigraph vs rdflib | {o_r:.2f} s vs {r_r:.1f} s | | "
                    f"Oxigraph {r_r / o_r:.0f}x faster |")

    h = bench_html([1000, 5000])
    say("")
    say("| HTML view | nodes | generation | size |")
    say("|---|---|---|---|")
    for n, (t, mb, nodes) in h.items():
        say(f"| policykg show | {nodes} | {t:.2f} s | {mb:.1f} MB |")
    _record(args.record, lines)


def _record(record: bool, lines: list[str]) -> None:
    if record:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as f:
            f.write("\n## " + lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n")


def run_costs(say, work: Path, sizes: list[int]) -> None:
    """The costs of bench/costs.py on the corpora and stores of ``work`` (made when missing)."""
    import costs

    costs.run(say, {n: corpus(n, work) for n in sizes}, {n: work / f"store-{n}" for n in sizes})

if __name__ == "__main__":
    main()
