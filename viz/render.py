"""A networkx view -> one self-contained HTML page (pyvis for the network data, our template).

pyvis assembles the vis-network nodes and edges; its own page template is not used because it
loads vis-network, Bootstrap and tom-select from CDNs. Our template
(``static/graph.html.j2``) inlines everything (:mod:`policykg.viz.assets`) and adds the legend,
search, filters and trace panel (``static/viz.js``).
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network

from policykg.viz.assets import (
    VIS_NETWORK_VERSION,
    content_security_policy,
    json_for_script,
    read_resource,
    read_static,
)
from policykg.viz.layout import PHYSICS_MAX_NODES, Positions, cluster_layout
from policykg.viz.styles import EDGE_STYLES, HIGHLIGHT_COLOR, NODE_STYLES, edge_style, node_style
from policykg.viz.tooltips import edge_tooltip, node_label, node_tooltip

# Value of the place filter meaning "nodes with no place" (central documents, national bodies).
NO_PLACE = "__none__"


@dataclass
class Page:
    """A rendered page.

    Attributes
    ----------
    html : str
    nodes, edges : int
        How many the page draws.
    physics : bool
        Whether the browser settles the layout before freezing it (small graphs only).
    """

    html: str
    nodes: int
    edges: int
    physics: bool

    def write(self, path: str | Path) -> int:
        """Write the page as UTF-8 (whole or not at all: a temporary file renamed); returns its
        size in bytes."""
        from policykg.loaders.files import atomic_write

        data = self.html.encode("utf-8")
        atomic_write(Path(path), data)
        return len(data)


def _darker(color: str, factor: float = 0.7) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * factor), int(g * factor), int(b * factor))


def _options(graph: nx.MultiDiGraph, physics: bool) -> dict[str, Any]:
    big = graph.number_of_nodes() > PHYSICS_MAX_NODES
    groups = {}
    for kind in {d.get("type", "") for _, d in graph.nodes(data=True)}:
        style = node_style(kind)
        border = _darker(style.color)
        groups[kind] = {"shape": style.shape, "size": style.size,
                        "color": {"background": style.color, "border": border,
                                  "highlight": {"background": style.color, "border": "#000000"},
                                  "hover": {"background": style.color, "border": "#000000"}}}
        if style.dashed:
            groups[kind]["shapeProperties"] = {"borderDashes": [4, 3]}
    return {
        "groups": groups,
        "nodes": {"font": {"size": 12, "face": "system-ui, sans-serif"}, "borderWidth": 1,
                  # Labels vanish when zoomed out far enough to be unreadable: cheaper and clearer.
                  "scaling": {"label": {"enabled": False, "drawThreshold": 7}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": False if big else {"type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000, "springLength": 120,
                                  "springConstant": 0.02, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": True, "iterations": 150, "fit": True}},
        # improvedLayout clusters and re-lays-out graphs above 100 nodes in the browser; positions
        # are already given.
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": True},
    }


def search_keys(attrs: dict[str, Any]) -> dict[str, str]:
    """What the page's search box looks in: the heading and, for a task, the body, as the keys
    ``policykg trace`` and ``tasks --text`` compare (:func:`policykg.vietnamese.keys.loose_key`:
    no case, no accents, "tỷ" = "tỉ"), so the page finds what the command line finds.

    Examples
    --------
    >>> search_keys({"type": "Task", "label": "Rà soát", "text": "Rà soát đội ngũ",
    ...              "sourceText": "Rà soát đội ngũ; Trường THPT chuyên Nguyễn Tất Thành"})
    {'search': 'ra soat doi ngu', 'body': 'ra soat doi ngu truong thpt chuyen nguyen tat thanh'}
    """
    from policykg.vietnamese.keys import loose_key

    keys = {"search": loose_key(str(attrs.get("text") or attrs.get("label") or ""))}
    if attrs.get("sourceText"):
        keys["body"] = loose_key(str(attrs["sourceText"]))
    return keys


def _network(graph: nx.MultiDiGraph, positions: Positions, physics: bool) -> Network:
    net = Network(directed=True)
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        kind = str(attrs.get("type") or "")
        x, y = positions.get(node, (0.0, 0.0))
        place = attrs.get("place") or (attrs.get("label") if kind == "Place" else None)
        net.add_node(node, label=node_label(attrs) or node.rsplit("/", 1)[-1], shape=node_style(kind).shape,
                     group=kind, title=node_tooltip(node, attrs), x=round(x, 1), y=round(y, 1),
                     place=str(place) if place else "", **search_keys(attrs))
    for i, (u, v, rel, attrs) in enumerate(sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])):
        # pyvis's add_edge checks both ends against a list of every node id: quadratic, ~10 s at
        # 5,000 nodes; the nodes are known to exist here, so the edge is appended directly.
        # Not "directed": that writes arrows on every edge, where the options set them once.
        edge = Edge(u, v, False, id=f"e{i}", rel=str(rel), title=edge_tooltip(str(rel), attrs))
        net.edges.append(edge.options)
    net.options = _options(graph, physics)
    return net


def _legend(graph: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    counts: dict[str, int] = {}
    for _, d in graph.nodes(data=True):
        counts[str(d.get("type") or "")] = counts.get(str(d.get("type") or ""), 0) + 1
    order = list(NODE_STYLES) + sorted(set(counts) - set(NODE_STYLES))
    nodes = [{"type": t, "label": node_style(t).label, "shape": node_style(t).shape,
              "color": node_style(t).color, "dashed": node_style(t).dashed, "count": counts[t]}
             for t in order if t in counts]
    relations = {str(k) for _, _, k in graph.edges(keys=True)}
    rel_order = list(EDGE_STYLES) + sorted(relations - set(EDGE_STYLES))
    edges = [{"relation": r, "label": edge_style(r).label, "color": edge_style(r).color,
              "width": max(1, round(edge_style(r).width))} for r in rel_order if r in relations]
    return nodes, edges


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                          loader=jinja2.FunctionLoader(lambda name: read_resource(f"static/{name}")))


def render_page(graph: nx.MultiDiGraph, *, title: str, subtitle: str = "",
                positions: Positions | None = None, focus: str | None = None,
                physics: bool | None = None) -> Page:
    """Render a graph as a self-contained interactive HTML page.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        Nodes with ``type`` and ``label`` (and optionally ``place`` and the tooltip attributes of
        :func:`policykg.viz.details.view_graph`); edges keyed by relation.
    title, subtitle : str
        Page heading (plain text; escaped).
    positions : dict, optional
        Node -> (x, y) pixels; default :func:`policykg.viz.layout.cluster_layout`.
    focus : str, optional
        A task whose trace is highlighted when the page opens.
    physics : bool, optional
        Let the browser settle the layout first; default: only up to
        :data:`~policykg.viz.layout.PHYSICS_MAX_NODES` nodes.

    Returns
    -------
    Page

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="Plan", label="Kế hoạch 1/KH-UBND", place="Kon Tum")
    >>> g.add_node("t", type="Task", label="<script>alert(1)</script>")
    >>> _ = g.add_edge("p", "t", key="hasTask")
    >>> page = render_page(g, title="demo")
    >>> (page.nodes, page.edges), "<script>alert" in page.html, "https://" in page.html.split("<script")[0]
    ((2, 1), False, False)
    """
    if positions is None:
        positions = cluster_layout(graph)
    if physics is None:
        physics = graph.number_of_nodes() <= PHYSICS_MAX_NODES
    net = _network(graph, positions, physics)
    node_legend, edge_legend = _legend(graph)
    data = {
        "nodes": net.nodes, "edges": net.edges, "options": net.options, "focus": focus,
        "physics": physics, "noPlace": NO_PLACE, "highlight": HIGHLIGHT_COLOR,
        "nodeStyles": {t: {"short": s.label.split(" · ")[0]} for t, s in NODE_STYLES.items()},
        "edgeStyles": {r: {"color": s.color, "width": s.width} for r, s in EDGE_STYLES.items()},
    }
    vis_js, viz_js = read_static("static/vis-network.min.js"), read_static("static/viz.js")
    places = sorted({n["place"] for n in net.nodes if n.get("place")})
    html = _ENV.get_template("graph.html.j2").render(
        title=title, subtitle=subtitle, node_count=len(net.nodes), edge_count=len(net.edges),
        node_legend=node_legend, edge_legend=edge_legend, places=places, no_place=NO_PLACE,
        csp=content_security_policy([vis_js, viz_js]), css=Markup(read_static("static/viz.css")),
        data_json=Markup(json_for_script(data)), vis_js=Markup(vis_js), viz_js=Markup(viz_js),
        version=_version("policykg"), pyvis_version=_version("pyvis"), vis_version=VIS_NETWORK_VERSION)
    return Page(html, len(net.nodes), len(net.edges), physics)


__all__ = ["NO_PLACE", "Page", "render_page"]
