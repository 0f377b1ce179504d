"""Costs that follow the change, not the store (issue 19): measured on the generated corpora.

- incremental build: one changed file and an unchanged rebuild, CPU time of what `policykg build`
  does beyond start-up (open the store, list the files, build, close), in this process, against
  the command's start-up (`policykg build --help`), at each size. The code fingerprint is pinned
  (:data:`CODE`), so loaders edited while the benchmark runs do not rebuild its stores;
- one-place overload at each size;
- N-Quads export through pyoxigraph's writer, MB/s;
- Oxigraph against rdflib's in-memory store on the project's own `.rq` files (same data, same run).

Run through ``python bench/run.py --costs`` (with ``--work`` to reuse corpora and stores).
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _cpu(fn) -> tuple[float, object]:
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def _child_cpu(args: list[str]) -> float:
    """CPU seconds (user + system) a command takes, from the kernel's accounting of children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


CODE = "bench pinned"


def settle(docs: Path, store_path: Path, jobs: int = 2) -> int:
    """Build (or bring up to date) a store of ``docs`` with the pinned fingerprint; documents built."""
    from policykg.graph import open_store
    from policykg.pipeline import build_files, expand_paths

    files, _ = expand_paths([docs])
    store = open_store(store_path)
    try:
        built = len(build_files(files, store, jobs=jobs, code=CODE).built)
        # A store reused from an earlier run has been through hundreds of measured builds, whose
        # merges no short process finishes: compacted first, as a bulk load leaves a store.
        store.optimize()
        return built
    finally:
        store.close()


def incremental(docs: dict[int, Path], stores: dict[int, Path], jobs: int = 2, rounds: int = 7) -> dict[int, dict]:
    """CPU of a rebuild with nothing changed and with one file changed (bytes edited), at every
    size: medians of rounds that go through the sizes in turn (1,000, 10,000, 1,000, …), so that a
    stretch of a slower machine (a shared host) weighs on every size alike, not on the one measured
    then. Each figure is what the command does after start-up: open, list, build, close."""
    from policykg.graph import open_store
    from policykg.pipeline import build_files, expand_paths

    sizes = sorted(docs)
    settled = {n: settle(docs[n], stores[n], jobs) for n in sizes}
    victims: dict[int, Path] = {}
    for n in sizes:
        files, _ = expand_paths([docs[n]])
        # A commune's plan, the middle one: a commune's share of the data is the same at every corpus
        # size, where a province's grows with it (its own recount is then larger, not the store's part).
        communes = [f for f in files if "_xa-" in f.name] or files
        victims[n] = communes[len(communes) // 2]
    originals = {n: victims[n].read_bytes() for n in sizes}

    def command(n: int):
        store = open_store(stores[n])
        try:
            return build_files(expand_paths([docs[n]])[0], store, code=CODE)
        finally:
            store.close()

    unchanged: dict[int, list[float]] = {n: [] for n in sizes}
    changed: dict[int, list[float]] = {n: [] for n in sizes}
    try:
        for i in range(rounds):
            for n in sizes:
                unchanged[n].append(_cpu(lambda: command(n))[0])
                victims[n].write_bytes(originals[n] + f"\nGhi chú {i}.\n".encode("utf-8"))
                seconds, result = _cpu(lambda: command(n))
                assert result.built == [victims[n].name], result.summary()
                changed[n].append(seconds)
    finally:
        for n in sizes:
            victims[n].write_bytes(originals[n])
            command(n)
    startup = {n: statistics.median(_child_cpu([sys.executable, "-m", "policykg", "build", "--help"]) for _ in range(3))
               for n in sizes}
    return {n: {"settled_built": settled[n], "victim": victims[n].name, "unchanged_s": statistics.median(unchanged[n]),
                "changed_s": statistics.median(changed[n]), "startup_s": startup[n]} for n in sizes}


def export_nquads(store_path: Path) -> dict:
    """Export N-Quads to a file through pyoxigraph's writer; MB/s of wall and CPU time."""
    from policykg.graph import open_store
    from policykg.graph.export import export_to

    store = open_store(store_path, read_only=True)
    try:
        with tempfile.TemporaryDirectory(prefix="policykg-export-") as folder:
            out = Path(folder) / "graph.nq"
            wall = time.perf_counter()
            cpu, size = _cpu(lambda: export_to(store, "nq", out))
            wall = time.perf_counter() - wall
    finally:
        store.close()
    return {"MB": size / 1e6, "wall_s": wall, "cpu_s": cpu, "MBps": size / 1e6 / wall}


def one_place_overload(stores: dict[int, Path], place: str, runs: int = 9) -> dict[int, float]:
    """Median CPU seconds of `overload --place` on the load summary at every size, the sizes taken
    in turn within each run (as :func:`incremental`)."""
    from policykg.graph import open_store
    from policykg.queries import overload

    opened = {n: open_store(path, read_only=True) for n, path in stores.items()}
    times: dict[int, list[float]] = {n: [] for n in opened}
    try:
        for store in opened.values():
            overload(store, place=place, year=2026)
        for _ in range(runs):
            for n, store in opened.items():
                times[n].append(_cpu(lambda: overload(store, place=place, year=2026))[0])
    finally:
        for store in opened.values():
            store.close()
    return {n: statistics.median(t) for n, t in times.items()}


def whole_store_reads(store_path: Path, runs: int = 5) -> dict:
    """Median seconds of `stats` from the counts the build keeps and of whole-country `overload`
    from the load summary, and one `stats --recount` (the union scan), on the same store."""
    from policykg.graph import graph_stats, open_store
    from policykg.queries import overload

    store = open_store(store_path, read_only=True)
    out: dict = {}
    try:
        for name, fn in (("stats", lambda: graph_stats(store)), ("overload", lambda: overload(store, year=2026))):
            fn()
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            out[name] = statistics.median(times)
        t = time.perf_counter()
        scanned = graph_stats(store, recount=True)
        out["stats_recount"] = time.perf_counter() - t
        assert graph_stats(store) == scanned, "the kept stats differ from the scan"
    finally:
        store.close()
    return out


def engines(store_path: Path, with_rdflib: bool, runs: int = 9) -> dict:
    """The project's own `.rq` files on Oxigraph (plain values, no rdflib terms) and, when asked,
    on rdflib's in-memory Dataset loaded with the same quads: trace's hops from one plan
    (queries/trace_hops.rq), and the load aggregate of every place and agency (graph/agency_load.rq)."""
    import rdflib

    from policykg.graph import open_store
    from policykg.graph.namespaces import PREFIXES
    from policykg.graph.summary import AGENCY_LOAD
    from policykg.queries.sparql import bind, load_query

    store = open_store(store_path, read_only=True)
    out: dict = {}
    try:
        _, rows = store.select("SELECT ?plan WHERE { GRAPH ?g { ?plan a <https://w3id.org/policykg/ns#Plan> ; "
                               "<https://w3id.org/policykg/ns#place> ?p ; <https://w3id.org/policykg/ns#implements> ?d } }")
        plans = sorted({r[0] for r in rows})
        plan = plans[len(plans) // 2]
        trace = bind(load_query("trace_hops"), {"start": rdflib.URIRef(plan)})
        loads = bind(AGENCY_LOAD, {})

        def median(fn, n: int) -> float:
            fn()
            times = []
            for _ in range(n):
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            return statistics.median(times)

        out["trace_ox"] = median(lambda: store.select(trace), runs)
        out["loads_ox"] = median(lambda: store.select(loads), 3)
        out["quads"] = store.count()
        if with_rdflib:
            ds = rdflib.Dataset(default_union=True)
            for s, p, o, g in store.quads():
                ds.graph(g).add((s, p, o))
            ns = {k: rdflib.Namespace(v) for k, v in PREFIXES.items()}
            out["trace_rdflib"] = median(lambda: list(ds.query(trace, initNs=ns)), 3)
            out["loads_rdflib"] = median(lambda: list(ds.query(loads, initNs=ns)), 1)
    finally:
        store.close()
    return out


def report(say, sizes: list[int], docs: dict, stores: dict, places: dict, rdflib_at: int) -> None:
    """Measure and print the issue-19 table: each figure at every size, ratios in the same run."""
    inc = incremental({n: docs[n] for n in sizes}, {n: stores[n] for n in sizes}, jobs=min(2, os.cpu_count() or 1))
    over = one_place_overload({n: stores[n] for n in sizes}, places[sizes[0]])
    whole = {n: whole_store_reads(stores[n]) for n in sizes}
    exp = {n: export_nquads(stores[n]) for n in sizes}
    eng = {n: engines(stores[n], with_rdflib=n == rdflib_at) for n in sizes}
    small, large = sizes[0], sizes[-1]
    say("")
    say("| costs that follow the change | " + " | ".join(f"{n} documents" for n in sizes) + f" | {large} / {small} |")
    say("|---|" + "---|" * (len(sizes) + 1))

    def row(label: str, values: dict, fmt: str, ratio: bool = True) -> None:
        cells = " | ".join(fmt.format(values[n]) for n in sizes)
        say(f"| {label} | {cells} | {values[large] / values[small]:.2f}x |" if ratio else f"| {label} | {cells} | |")

    row("build, one file changed: CPU beyond start-up (open, list, build)", {n: inc[n]["changed_s"] for n in sizes},
        "{:.3f} s")
    row("build, nothing changed: CPU beyond start-up", {n: inc[n]["unchanged_s"] for n in sizes}, "{:.3f} s")
    row("`policykg build --help` (start-up) CPU", {n: inc[n]["startup_s"] for n in sizes}, "{:.2f} s")
    say("| the changed file (the middle commune plan of the corpus) | " + " | ".join(f"`{inc[n]['victim']}`" for n in sizes)
        + " | |")
    row(f"overload, one place ({places[small]}), CPU", over, "{:.3f} s")
    row("overload, whole country, from the load summary", {n: whole[n]["overload"] for n in sizes}, "{:.3f} s")
    row("stats, from the counts the build keeps", {n: whole[n]["stats"] for n in sizes}, "{:.3f} s")
    row("stats --recount (union scan)", {n: whole[n]["stats_recount"] for n in sizes}, "{:.2f} s")
    row("export N-Quads to a file, MB/s (wall)", {n: exp[n]["MBps"] for n in sizes}, "{:.0f} MB/s", ratio=False)
    row("  size", {n: exp[n]["MB"] for n in sizes}, "{:.0f} MB", ratio=False)
    row("trace_hops.rq from one plan, Oxigraph", {n: eng[n]["trace_ox"] * 1000 for n in sizes}, "{:.2f} ms")
    row("agency_load.rq, every place (Oxigraph)", {n: eng[n]["loads_ox"] for n in sizes}, "{:.2f} s")
    e = eng[rdflib_at]
    if "trace_rdflib" in e:
        say(f"| same .rq, rdflib in-memory at {rdflib_at}: trace_hops | {1000 * e['trace_rdflib']:.1f} ms vs "
            f"{1000 * e['trace_ox']:.2f} ms | Oxigraph {e['trace_rdflib'] / e['trace_ox']:.0f}x faster | |")
        say(f"| same .rq, rdflib in-memory at {rdflib_at}: agency_load (leads, supports ... aggregate) | "
            f"{e['loads_rdflib']:.1f} s vs {e['loads_ox']:.2f} s | Oxigraph {e['loads_rdflib'] / e['loads_ox']:.0f}x faster | |")


def run(say, docs: dict, stores: dict) -> None:
    """Settle the stores of ``docs`` (size -> folder) and print :func:`report` for one place they share."""
    from policykg.graph import open_store
    from policykg.queries import places as place_table

    sizes = sorted(docs)
    for n in sizes:
        settle(docs[n], stores[n])
    known = []
    for n in sizes:
        store = open_store(stores[n], read_only=True)
        try:
            known.append(set(place_table(store)["name"]))
        finally:
            store.close()
    shared = sorted(set.intersection(*known))
    place = shared[len(shared) // 2]
    report(say, sizes, docs, stores, {n: place for n in sizes}, rdflib_at=sizes[0])
