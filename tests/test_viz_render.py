"""The HTML view without a browser: self-contained, escaped, legend and counts right, trace rule,
layouts, and the size and time of large pages."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from browser import EVIL, evil_record, sample_records

from policykg.graph import build_records, open_store
from policykg.viz import (
    PHYSICS_MAX_NODES,
    SelectionError,
    cluster_layout,
    find_agencies,
    render_page,
    resolve_task,
    show_graph,
    show_store,
    trace_page,
    trace_view,
    view_graph,
)
from policykg.viz.assets import csp_hash
from policykg.viz.synthetic import synthetic_graph
from policykg.viz.tooltips import edge_tooltip, node_tooltip
from policykg.viz.tracing import trace_rows

DOC = "https://w3id.org/policykg/id/doc/"


@pytest.fixture(scope="module")
def store():
    store = open_store(":memory:")
    build_records(sample_records() + [evil_record()], store)
    return store


@pytest.fixture(scope="module")
def graph(store) -> nx.MultiDiGraph:
    return view_graph(store)


class _Scan(HTMLParser):
    """Every tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    return parser


def page_data(html: str) -> dict:
    (text,) = [t for a, t in scan(html).scripts if a.get("id") == "policykg-data"]
    return json.loads(text)


def pages(graph) -> dict[str, str]:
    store = open_store(":memory:")
    build_records(sample_records() + [evil_record()], store)
    return {"whole": show_graph(graph).html,
            "trace": trace_page(store, "quan triet kon tum so 4").html,
            "agency": show_graph(graph, agency="Sở Giáo dục và Đào tạo", place="Kon Tum").html,
            "place": show_graph(graph, place="Bắc Kạn").html}


# --- self-contained -----------------------------------------------------------------------------
def test_no_src_or_href_loads_anything(graph):
    for name, html in pages(graph).items():
        tags = scan(html).tags
        loading = [(t, a) for t, a in tags for key in ("src", "href", "srcset", "data", "action")
                   if a.get(key) not in (None, "", "#")]
        assert loading == [], f"{name} page loads {loading}"
        assert not [t for t, _ in tags if t in ("link", "iframe", "object", "embed", "img", "base")], name
        # Nor does CSS: no @import, no url() that is not data:.
        css = "".join(t for t, _ in [(m.group(1), 0) for m in re.finditer(r"<style>(.*?)</style>", html, re.S)])
        assert "@import" not in css and not re.search(r"url\((?!\s*[\"']?data:)", css), name


def test_scripts_are_inline_and_allowed_by_the_csp(graph):
    html = show_graph(graph).html
    parsed = scan(html)
    (csp,) = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src" not in csp  # default-src 'none' covers fetch/XHR
    code = [text for attrs, text in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2 and all(len(text) > 1000 for text in code)  # vis-network and viz.js, inlined
    assert "vis-network" in code[0][:400] and "@license" in code[0][:1000]  # license header kept
    for text in code:
        assert csp_hash(text) in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


# --- escaping -----------------------------------------------------------------------------------
def test_document_text_never_appears_as_markup(graph):
    for name, html in pages(graph).items():
        for payload in EVIL.values():
            assert payload not in html, f"{name}: raw {payload!r} in the page"
        (data,) = [t for a, t in scan(html).scripts if a.get("id") == "policykg-data"]
        assert "<" not in data and ">" not in data and "&" not in data  # all as \u003c etc.
        tags = scan(html).tags
        assert not [t for t, a in tags if any(k.startswith("on") for k in a)], f"{name}: inline handler"
        assert [t for t, _ in tags].count("script") == 3, f"{name}: a document text opened a script"


def test_document_text_reaches_tooltips_unchanged(graph):
    data = page_data(show_graph(graph).html)
    evil_task = next(n for n in data["nodes"] if n["id"].endswith("666-kh-ubnd/task/1"))
    assert EVIL["script"] in evil_task["title"] and EVIL["img"] in evil_task["title"]
    assert f"deadline: {EVIL['close']}" in evil_task["title"]
    agency = next(n for n in data["nodes"] if n["title"].split("\n")[1] == EVIL["handler"])
    assert agency["group"] == "Agency"
    evil_edge = next(e for e in data["edges"] if e["rel"] == "implements" and "666" in e["from"])
    assert EVIL["close"] in evil_edge["title"]


def test_titles_are_escaped_in_the_markup():
    g = nx.MultiDiGraph()
    g.add_node("p", type="Plan", label="x", place="<i>Kon Tum</i>")
    html = render_page(g, title="<script>alert(1)</script>", subtitle="a & b").html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    assert ">a &amp; b<" in html and '<option value="&lt;i&gt;Kon Tum&lt;/i&gt;">' in html


# --- content ------------------------------------------------------------------------------------
def test_every_node_and_edge_is_in_the_data(graph):
    data = page_data(show_graph(graph).html)
    # 46, and the three provinces the old ones belong to since 2025 (Quảng Ngãi, Thái Nguyên, Tuyên Quang)
    assert len(data["nodes"]) == graph.number_of_nodes() == 49
    assert len(data["edges"]) == graph.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_legend_lists_present_types_with_counts_shapes_and_filters(graph):
    html = show_graph(graph).html
    legend = re.findall(r'class="type-filter" value="(\w+)" checked>.*?<span class="legend-count">(\d+)</span>',
                        html, re.S)
    counts = {}
    for _, d in graph.nodes(data=True):
        counts[d["type"]] = counts.get(d["type"], 0) + 1
    assert {t: int(c) for t, c in legend} == counts
    assert [t for t, _ in legend][:2] == ["Directive", "Plan"]
    assert html.count('<svg class="swatch"') == len(counts)
    data = page_data(html)
    shapes = {g: o["shape"] for g, o in data["options"]["groups"].items()}
    assert len({(shapes[t], data["options"]["groups"][t]["color"]["background"]) for t in counts}) == len(counts)


def test_node_tooltips_carry_the_details():
    plan = node_tooltip(DOC + "kon-tum/45-kh-ubnd", {"type": "Plan", "label": "Kế hoạch 45/KH-UBND", "kind": "Kế hoạch",
                                                   "number": "45/KH-UBND", "date": "2025-01-10", "place": "Kon Tum"})
    for part in ("Plan · Kế hoạch", "kind: Kế hoạch", "number: 45/KH-UBND", "date: 2025-01-10", "place: Kon Tum",
                 "id: kon-tum/45-kh-ubnd"):
        assert part in plan
    task = node_tooltip(DOC + "x/task/1", {"type": "Task", "label": "Rà soát", "text": "Rà soát đội ngũ",
                                            "deadline": "Năm 2026", "sourceText": "Sở X chủ trì rà soát đội ngũ.",
                                            "line": 31})
    assert "Rà soát đội ngũ" in task and "deadline: Năm 2026" in task and "line 31: “Sở X chủ trì" in task
    assert edge_tooltip("leads", {}) == "leads · chủ trì"


def test_edge_tooltips_carry_evidence(graph):
    data = page_data(show_graph(graph).html)
    leads = [e for e in data["edges"] if e["rel"] == "leads" and "kon-tum/45" in e["to"]]
    assert leads and all("“Sở Giáo dục và Đào tạo chủ trì" in e["title"] for e in leads)
    hop = next(e for e in data["edges"] if e["rel"] == "implements" and e["from"].endswith("182-kh-tu"))
    assert "line 9: “Kế hoạch số 182-KH/TU thực hiện Kết luận số 91-KL/TW.”" in hop["title"]


# --- selection ----------------------------------------------------------------------------------
def test_trace_view_reaches_the_central_resolution(store):
    graph, rows = trace_view(store, resolve_task(store, "kon-tum/45-kh-ubnd/task/4"))
    assert set(graph.nodes) == {DOC + "kon-tum/45-kh-ubnd/task/4", DOC + "kon-tum/45-kh-ubnd", DOC + "kon-tum/182-kh-tu",
                                DOC + "91-kl-tw", DOC + "29-nq-tw"}
    assert [n for n, r in rows.items() if r == 0] == [DOC + "29-nq-tw"]
    bac_kan, _ = trace_view(store, resolve_task(store, "bac-kan/284-kh-ubnd/task/1"))
    assert {DOC + "91-kl-tw", DOC + "29-nq-tw"} <= set(bac_kan.nodes) and not any("kon-tum" in n for n in bac_kan)


def test_trace_page_is_laid_out_top_down(store):
    task = resolve_task(store, "quan triet kon tum so 4")
    data = page_data(trace_page(store, "quan triet kon tum so 4").html)
    y = {n["id"]: n["y"] for n in data["nodes"]}
    assert y[DOC + "29-nq-tw"] < y[DOC + "91-kl-tw"] < y[DOC + "kon-tum/182-kh-tu"] < y[DOC + "kon-tum/45-kh-ubnd"] < y[task]
    assert data["focus"] == task and data["physics"] is False and len(data["nodes"]) == 5


def test_trace_rows_put_every_document_below_what_it_implements():
    import pandas as pd

    hops = pd.DataFrame({"path": [1, 1, 1, 1, 2, 2], "hop": [0, 1, 2, 3, 0, 1],
                         "from_iri": ["t", "p", "a", "b", "t", "p"], "to_iri": ["p", "a", "b", "x", "p", "c"]})
    rows = trace_rows(hops)
    assert rows["t"] == rows["p"] + 1 and rows["p"] > rows["a"] > rows["b"] and rows["c"] == 0 == rows["x"]


def test_task_and_agency_lookup(store, graph):
    with pytest.raises(SelectionError, match="matches 5 tasks"):
        resolve_task(store, "quan triet")
    with pytest.raises(SelectionError, match="no task matches"):
        resolve_task(store, "không có nhiệm vụ này")
    everywhere = find_agencies(graph, "so giao duc va dao tao")
    assert len(everywhere) == 2
    assert find_agencies(graph, "Sở Giáo dục và Đào tạo", place="kon tum") == [
        "https://w3id.org/policykg/id/agency/kon-tum/so-giao-duc-va-dao-tao"]


def test_agency_page_holds_its_tasks_and_plans(graph):
    page = show_graph(graph, agency="Sở Tài chính", place="Kon Tum")
    data = page_data(page.html)
    ids = {n["id"] for n in data["nodes"]}
    assert sorted({n["group"] for n in data["nodes"]}) == ["Agency", "Directive", "Plan", "Task"]
    assert sum(n["group"] == "Task" for n in data["nodes"]) == 4  # tasks 3, 6, 9, 12 of Kon Tum
    # Its plan and what that plan implements, up to the resolution, so a click traces all the way.
    assert {DOC + "kon-tum/45-kh-ubnd", DOC + "kon-tum/182-kh-tu", DOC + "91-kl-tw", DOC + "29-nq-tw"} <= ids
    assert not any("bac-kan" in i for i in ids)
    with pytest.raises(SelectionError, match="no agency called"):
        show_graph(graph, agency="Bộ Ngoại giao")


def test_conflicting_options_are_refused(store, graph):
    with pytest.raises(SelectionError, match="not both"):
        show_store(store, trace="x", agency="y")
    with pytest.raises(SelectionError, match="no task matches 'quan triet kon tum so 4' in Bắc Kạn"):
        show_store(store, trace="quan triet kon tum so 4", place="Bắc Kạn")
    assert show_store(store, trace="quan triet so 4", place="Kon Tum").nodes == 5
    with pytest.raises(SelectionError, match="no node has place"):
        show_graph(graph, place="Atlantis")


def test_trace_page_shows_the_evidence_trace_gives(store):
    page = show_store(store, trace="kon-tum/45-kh-ubnd/task/4")
    hop = next(e for e in page_data(page.html)["edges"] if e["rel"] == "implements" and e["from"].endswith("182-kh-tu"))
    assert "Kết luận số 91-KL/TW" in hop["title"] and "kon-tum.txt" in page.html


# --- layout and scale ---------------------------------------------------------------------------
def test_cluster_layout_is_deterministic_and_spreads_nodes(graph):
    first, second = cluster_layout(graph), cluster_layout(graph)
    assert first == second and set(first) == set(graph.nodes)
    assert len({(round(x), round(y)) for x, y in first.values()}) == graph.number_of_nodes()


def test_physics_only_for_small_graphs(graph):
    assert render_page(graph, title="t").physics is True
    big = synthetic_graph(PHYSICS_MAX_NODES + 100)
    assert render_page(big, title="t").physics is False


@pytest.mark.parametrize("n, megabytes", [(1000, 3), (5000, 10)])
def test_large_graphs_render_static_and_compact(n, megabytes):
    # Generation time is measured by bench/run.py, not asserted here.
    g = synthetic_graph(n)
    page = render_page(g, title=f"{n} nodes")
    size = len(page.html.encode("utf-8")) / 1e6
    assert page.nodes == g.number_of_nodes() and not page.physics
    assert size < megabytes, size


# --- search over heading and body ---------------------------------------------------------------
def body_store():
    store = open_store(":memory:")
    build_records([{"source": "hb.txt", "document": {"kind": "Kế hoạch", "id": "12/KH-UBND", "place": "Kon Tum"},
                    "implements": ["57-NQ/TW"],
                    "tasks": [{"text": "Nâng cao chất lượng giáo dục", "line": 7,
                               "source_text": "Nâng cao chất lượng giáo dục, trọng tâm là Trường THPT chuyên "
                                              "Nguyễn Tất Thành đạt chuẩn quốc gia."},
                              {"text": "Rà soát mạng lưới trường Nguyễn Tất Thành", "line": 9}]}], store)
    return store


def test_show_trace_finds_a_task_by_words_of_its_body():
    store = body_store()
    page = show_store(store, trace="chuyen Nguyen Tat Thanh dat chuan")
    assert page.nodes == 3 and page_data(page.html)["focus"].endswith("/task/1")  # task, plan, resolution


def test_page_search_keys_are_the_command_lines(graph):
    store = body_store()
    data = page_data(show_graph(view_graph(store)).html)
    task = next(n for n in data["nodes"] if n["id"].endswith("/task/1"))
    assert task["search"] == "nang cao chat luong giao duc"
    assert "truong thpt chuyen nguyen tat thanh" in task["body"]


# --- agency and place pages read only their part ----------------------------------------------------
@pytest.mark.parametrize("options", [{"agency": "Sở Tài chính", "place": "Kon Tum"},
                                     {"agency": "so giao duc va dao tao"}, {"place": "Bắc Kạn"}])
def test_agency_and_place_pages_from_the_store_equal_those_cut_from_the_whole_graph(store, graph, options):
    part = page_data(show_store(store, **options).html)
    whole = page_data(show_graph(graph, **options).html)
    assert sorted(n["id"] for n in part["nodes"]) == sorted(n["id"] for n in whole["nodes"])
    assert sorted((e["from"], e["to"], e["rel"]) for e in part["edges"]) == sorted(
        (e["from"], e["to"], e["rel"]) for e in whole["edges"])
    assert sorted(n["title"] for n in part["nodes"]) == sorted(n["title"] for n in whole["nodes"])
    assert sorted(e["title"] for e in part["edges"]) == sorted(e["title"] for e in whole["edges"])


def test_unknown_agency_or_place_from_the_store_is_one_line(store):
    with pytest.raises(SelectionError, match="no agency called 'Bộ Ngoại giao'"):
        show_store(store, agency="Bộ Ngoại giao")
    with pytest.raises(SelectionError, match="no node has place 'Atlantis'; places: .*Kon Tum"):
        show_store(store, place="Atlantis")
