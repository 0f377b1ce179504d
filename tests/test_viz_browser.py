"""The HTML view in headless Chromium: it draws every node with no console error and no network,
shows the legend, finds a task by its words, highlights a clicked task's chain to the central
source, filters by type and place, runs no script from a document, and stays quick at 5,000 nodes.

Screenshots are left in ``out/screenshots/`` (or ``$POLICYKG_SCREENSHOTS``) for a person to look at.
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from browser import SCREENSHOTS, evil_record, open_page, sample_records

from policykg.graph import build_records, open_store
from policykg.pipeline import build_files, expand_paths
from policykg.viz import find_agencies, resolve_task, show_graph, trace_page, view_graph
from policykg.viz.render import NO_PLACE
from policykg.viz.selection import place_subgraph
from policykg.viz.styles import HIGHLIGHT_COLOR
from policykg.viz.synthetic import synthetic_graph

NO_SCRIPT_RAN = "() => window.__pwned === undefined"
DOC = "https://w3id.org/policykg/id/doc/"


class Chain:
    """The chain the page highlights for a clicked task (static/viz.js, traceOf), spelled out here
    to check the page against: the task, its plan (hasTask), then implements as far as they go."""

    def __init__(self, graph: nx.MultiDiGraph, task: str) -> None:
        plans = sorted(u for u, _, k in graph.in_edges(task, keys=True) if k == "hasTask")
        self.nodes, self.edges, self.roots = [task, *plans[:1]], [], []
        if plans:
            self.edges.append((plans[0], task))
            frontier = plans[:1]
            while frontier:
                step = []
                for doc in frontier:
                    ups = sorted(v for _, v, k in graph.out_edges(doc, keys=True) if k == "implements")
                    if not ups and doc != plans[0]:
                        self.roots.append(doc)
                    for up in ups:
                        self.edges.append((doc, up))
                        if up not in self.nodes:
                            self.nodes.append(up)
                            step.append(up)
                frontier = step


@pytest.fixture(scope="module")
def sample_store():
    store = open_store(":memory:")
    build_records(sample_records(), store)
    return store


@pytest.fixture(scope="module")
def sample_graph(sample_store) -> nx.MultiDiGraph:
    return view_graph(sample_store)


@pytest.fixture(scope="module")
def evil_store():
    store = open_store(":memory:")
    build_records(sample_records() + [evil_record()], store)
    return store


@pytest.fixture(scope="module")
def evil_graph(evil_store) -> nx.MultiDiGraph:
    return view_graph(evil_store)


def write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def shoot(opened, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    opened.page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000  # a drawn page, not a blank one
    return path


def click_node(opened, node: str, scale: float = 1.5) -> None:
    """Zoom to a node and click it with the mouse, as a person would."""
    opened.js("([id, s]) => policykgView.network.moveTo({position: policykgView.network.getPosition(id), scale: s})",
              [node, scale])
    where = opened.js("(id) => policykgView.pagePosition(id)", node)
    opened.page.mouse.click(where["x"], where["y"])


def pixel(opened, node: str) -> list[int]:
    """The RGBA of the canvas pixel at a node's centre."""
    return opened.js("""(id) => {
        const v = policykgView, canvas = document.querySelector('#network canvas');
        const p = v.network.canvasToDOM(v.network.getPosition(id)), r = window.devicePixelRatio || 1;
        return Array.from(canvas.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data);
    }""", node)


def is_red(rgba: list[int]) -> bool:
    return rgba[0] > 150 and rgba[1] < 110 and rgba[2] < 110


def assert_clean(opened) -> None:
    assert opened.errors == [], opened.errors
    assert opened.requests == [], f"the page tried to fetch {opened.requests}"
    assert opened.dialogs == []


# --- the whole graph ----------------------------------------------------------------------------
def test_every_node_is_drawn_with_no_error_and_no_network(browser, sample_graph, tmp_path):
    opened = open_page(browser, write(tmp_path, "graph.html", show_graph(sample_graph).html))
    assert_clean(opened)
    expected = sample_graph.number_of_nodes()
    assert opened.js("() => policykgView.nodes.length") == expected
    assert opened.js("() => policykgView.network.body.nodeIndices.length") == expected  # drawn, not just loaded
    assert opened.js("() => policykgView.edges.length") == sample_graph.number_of_edges()
    assert opened.page.inner_text("#node-count") == str(expected)
    # A small graph settles with physics, then freezes.
    assert opened.js("() => policykgView.network.physics.options.enabled") is False


def test_legend_shows_each_type_with_its_count(browser, sample_graph, tmp_path):
    opened = open_page(browser, write(tmp_path, "graph.html", show_graph(sample_graph).html))
    items = opened.page.locator("#node-legend li")
    counts = {}
    for _, d in sample_graph.nodes(data=True):
        counts[d["type"]] = counts.get(d["type"], 0) + 1
    assert items.count() == len(counts)
    shown = {}
    for i in range(items.count()):
        item = items.nth(i)
        assert item.is_visible() and item.locator("svg.swatch").count() == 1
        shown[item.locator("input").get_attribute("value")] = int(item.locator(".legend-count").inner_text())
    assert shown == counts
    assert "Task · Nhiệm vụ" in opened.page.inner_text("#node-legend")
    assert opened.page.locator("#edge-legend li").count() == len({k for _, _, k in sample_graph.edges(keys=True)})


def test_search_finds_a_task_by_its_words(browser, sample_graph, tmp_path):
    opened = open_page(browser, write(tmp_path, "graph.html", show_graph(sample_graph).html))
    task = DOC + "kon-tum/45-kh-ubnd/task/5"
    # Typed without accents: the page folds diacritics as the CLI does.
    opened.page.fill("#search", "ra soat doi ngu kon tum so 5")
    opened.page.press("#search", "Enter")
    results = opened.page.locator("#results li")
    results.first.wait_for(timeout=5000)
    assert results.count() == 1 and results.first.get_attribute("data-id") == task
    assert "Rà soát đội ngũ giáo viên Kon Tum số 5" in results.first.inner_text()
    assert opened.page.inner_text("#search-status") == "1 match"
    assert opened.js("() => policykgView.network.getSelectedNodes()") == [task]
    # With accents, several words: every task of that kind in both places.
    opened.page.fill("#search", "Rà soát đội ngũ")
    opened.page.press("#search", "Enter")
    opened.page.wait_for_function("() => document.querySelectorAll('#results li').length === 5")
    assert_clean(opened)


def test_clicking_a_task_highlights_its_chain_to_the_central_source(browser, sample_graph, tmp_path):
    opened = open_page(browser, write(tmp_path, "graph.html", show_graph(sample_graph).html))
    task = DOC + "kon-tum/45-kh-ubnd/task/4"
    chain = Chain(sample_graph, task)
    click_node(opened, task)
    opened.page.wait_for_function("() => policykgView.highlighted.length > 0", timeout=5000)
    assert sorted(opened.js("() => policykgView.highlighted")) == sorted(chain.nodes)
    assert len(opened.js("() => policykgView.highlightedEdges")) == len(chain.edges) == 4
    # What is drawn: the chain keeps its colours inside a highlight ring, the rest is veiled.
    opened.page.wait_for_timeout(500)  # the click fits the chain into view with a short animation
    root, agency = chain.roots[0], find_agencies(sample_graph, "Sở Tài chính", "Kon Tum")[0]
    assert is_red(pixel(opened, root)), pixel(opened, root)  # the resolution's red star
    assert min(pixel(opened, agency)[:3]) > 190, pixel(opened, agency)  # a pale, veiled agency
    assert HIGHLIGHT_COLOR in opened.page.content()
    steps = opened.page.locator("#trace-list li")
    assert steps.count() == len(chain.nodes)
    assert steps.first.inner_text().startswith("Directive") and "Nghị quyết 29-NQ/TW" in steps.first.inner_text()
    assert "Kế hoạch số 182-KH/TU thực hiện Kết luận số 91-KL/TW" in opened.page.inner_text("#trace-list")
    shoot(opened, "viz-sample-click-trace.png")
    # A click on the background clears it.
    box = opened.page.locator("#network").bounding_box()
    opened.js("() => policykgView.network.moveTo({position: {x: 1e5, y: 1e5}, scale: 1})")
    opened.page.mouse.click(box["x"] + 20, box["y"] + 20)
    opened.page.wait_for_function("() => policykgView.highlighted.length === 0", timeout=5000)
    assert_clean(opened)


def test_filters_by_type_and_place(browser, sample_graph, tmp_path):
    opened = open_page(browser, write(tmp_path, "graph.html", show_graph(sample_graph).html))
    visible = "() => policykgView.nodes.get({filter: n => !n.hidden}).length"
    tasks = sum(1 for _, d in sample_graph.nodes(data=True) if d["type"] == "Task")
    opened.page.uncheck("input.type-filter[value=Task]")
    assert opened.js(visible) == sample_graph.number_of_nodes() - tasks
    assert opened.page.inner_text("#node-count") == str(sample_graph.number_of_nodes() - tasks)
    opened.page.check("input.type-filter[value=Task]")
    opened.page.select_option("#place-filter", "Bắc Kạn")
    shown = opened.js("() => policykgView.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert sorted(shown) == sorted(place_subgraph(sample_graph, "Bắc Kạn").nodes)
    opened.page.select_option("#place-filter", NO_PLACE)
    central = opened.js("() => policykgView.nodes.get({filter: n => !n.hidden}).map(n => n.group)")
    assert central and set(central) <= {"Directive", "NationalAgency"}
    assert_clean(opened)


# --- the trace and agency pages -----------------------------------------------------------------
def test_trace_page_opens_highlighted_top_down(browser, sample_store, sample_graph, tmp_path):
    task = resolve_task(sample_store, "kon-tum/45-kh-ubnd/task/8")
    opened = open_page(browser, write(tmp_path, "trace.html", trace_page(sample_store, task).html))
    assert_clean(opened)
    chain = Chain(sample_graph, task)
    assert opened.js("() => policykgView.nodes.length") == len(chain.nodes) == 5
    assert sorted(opened.js("() => policykgView.highlighted")) == sorted(chain.nodes)
    ys = opened.js("(ids) => ids.map(id => policykgView.pagePosition(id).y)", list(reversed(chain.nodes)))
    assert ys == sorted(ys) and len(set(ys)) == len(ys)  # resolution at the top, the task at the bottom
    shoot(opened, "viz-sample-trace-page.png")


# --- documents that carry markup ------------------------------------------------------------------
@pytest.mark.parametrize("keep_csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_markup_in_documents_runs_nothing(browser, evil_store, evil_graph, tmp_path, keep_csp):
    task = resolve_task(evil_store, "ha-giang/666-kh-ubnd/task/1")
    (agency,) = [a for a in find_agencies(evil_graph, "so giao duc", "Hà Giang")]
    for name, html in [("graph", show_graph(evil_graph).html), ("trace", trace_page(evil_store, task).html),
                       ("agency", show_graph(evil_graph, agency="onmouseover", place="Hà Giang").html)]:
        if not keep_csp:
            # Without the policy, escaping alone must keep the page inert.
            html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        opened = open_page(browser, write(tmp_path, f"{name}.html", html))
        page = opened.page
        assert opened.js(NO_SCRIPT_RAN), name
        assert page.locator("img, iframe, object, embed, b, [onerror], [onload], [onmouseover]").count() == 0
        assert page.locator("svg").count() == page.locator("svg.swatch").count()
        # Hover the task and the agency: their tooltips show the markup as text.
        for node, expected in [(task, "<script>window.__pwned = 'script'</script>"),
                               (agency, "<b onmouseover=\"window.__pwned = 'b'\">")]:
            if opened.js("(id) => policykgView.nodes.get(id) !== null", node):
                opened.js("([id]) => policykgView.network.moveTo({position: policykgView.network.getPosition(id), scale: 2})",
                          [node])
                where = opened.js("(id) => policykgView.pagePosition(id)", node)
                page.mouse.move(where["x"] + 40, where["y"] + 40)
                page.mouse.move(where["x"], where["y"], steps=4)
                page.wait_for_function("() => document.querySelector('div.vis-tooltip') && "
                                       "document.querySelector('div.vis-tooltip').style.visibility === 'visible'",
                                       timeout=5000)
                tip = page.locator("div.vis-tooltip")
                assert expected in tip.inner_text()
                # innerText turns line breaks into <br>; any other element would be injected markup.
                assert tip.evaluate("el => [...el.querySelectorAll('*')].map(e => e.tagName)") == ["BR"] * (
                    tip.inner_text().count("\n"))
        if opened.js("(id) => policykgView.nodes.get(id) !== null", task):
            page.fill("#search", "nhiem vu doc hai")
            page.press("#search", "Enter")
            page.locator("#results li").first.wait_for(timeout=5000)
            assert "<script>window.__pwned" in page.locator("#results li").first.inner_text()
            page.locator("#results li").first.click()
            page.wait_for_function("() => policykgView.highlighted.length > 0", timeout=5000)
            # The evil plan's implements sentence is listed with the hop, as text.
            assert "</script><script>window.__pwned = 'close'</script>" in page.inner_text("#trace-list")
        page.wait_for_timeout(200)  # let any onerror/onload that slipped in fire
        assert opened.js(NO_SCRIPT_RAN), name
        assert opened.errors == [] and opened.dialogs == [] and opened.requests == [], name
        if name == "trace" and keep_csp:
            shoot(opened, "viz-markup-trace.png")


# --- scale ----------------------------------------------------------------------------------------
def test_five_thousand_nodes_draw_and_highlight_a_chain(browser, tmp_path):
    graph = synthetic_graph(5000)
    page = show_graph(graph)
    assert not page.physics
    opened = open_page(browser, write(tmp_path, "big.html", page.html), timeout_ms=60_000)
    assert_clean(opened)
    assert opened.js("() => policykgView.network.body.nodeIndices.length") == graph.number_of_nodes()
    shoot(opened, "viz-synthetic-5000.png")
    task = sorted(n for n, d in graph.nodes(data=True) if d["type"] == "Task")[100]
    click_node(opened, task, scale=2.0)
    opened.page.wait_for_function("() => policykgView.highlighted.length > 0", timeout=10_000)
    assert sorted(opened.js("() => policykgView.highlighted")) == sorted(Chain(graph, task).nodes)
    assert_clean(opened)


# --- the seed documents -----------------------------------------------------------------------------
def test_seed_graph_in_the_browser(browser, shared_dir, tmp_path):
    store = open_store(tmp_path / "store")
    files, _ = expand_paths([shared_dir / "seeds"])
    build_files(files, store)
    graph = view_graph(store)
    opened = open_page(browser, write(tmp_path, "seeds.html", show_graph(graph).html))
    assert_clean(opened)
    assert opened.js("() => policykgView.network.body.nodeIndices.length") == graph.number_of_nodes() > 300
    shoot(opened, "viz-seeds-graph.png")
    tasks = sorted(n for n, d in graph.nodes(data=True) if d["type"] == "Task" and "kon-tum" in n)
    task = tasks[0]
    click_node(opened, task, scale=2.5)
    opened.page.wait_for_function("() => policykgView.highlighted.length > 0", timeout=5000)
    chain = Chain(graph, task)
    assert sorted(opened.js("() => policykgView.highlighted")) == sorted(chain.nodes)
    assert "Nghị quyết 29-NQ/TW" in opened.page.inner_text("#trace-list")
    trace = open_page(browser, write(tmp_path, "seeds-trace.html", trace_page(store, task).html))
    store.close()
    assert_clean(trace)
    shoot(trace, "viz-seeds-trace.png")


def test_an_empty_graph_opens_cleanly(browser, tmp_path):
    page = show_graph(nx.MultiDiGraph())
    assert page.nodes == 0
    opened = open_page(browser, write(tmp_path, "empty.html", page.html))
    assert_clean(opened)
    assert opened.js("() => policykgView.nodes.length") == 0
    assert opened.page.locator("#node-legend li").count() == 0


def test_search_looks_in_the_body_and_lists_heading_matches_first(browser, tmp_path):
    from test_viz_render import body_store

    opened = open_page(browser, write(tmp_path, "body.html", show_graph(view_graph(body_store())).html))
    opened.page.fill("#search", "nguyen tat thanh")  # typed without accents
    opened.page.press("#search", "Enter")
    opened.page.wait_for_function("() => document.querySelectorAll('#results li').length === 2")
    ids = [li.get_attribute("data-id") for li in opened.page.locator("#results li").all()]
    assert ids[0].endswith("/task/2") and ids[1].endswith("/task/1")  # heading first, then the body
    opened.page.fill("#search", "tỉ lệ")  # no such words: nothing
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#search-status") == "0 matches"
    assert_clean(opened)
