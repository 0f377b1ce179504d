"""Node positions computed in Python, so the browser only draws.

Two layouts:

- :func:`layered_layout` for a trace: one row per step, the central resolution at the top, the
  task at the bottom (``networkx.multipartite_layout`` with the rows as subsets).
- :func:`cluster_layout` for everything else: documents, agencies and places are placed by a
  force layout (Fruchterman-Reingold, vectorised here with numpy: networkx's own switches to a
  per-node Python loop above 500 nodes and takes ~16 s for 1,700), and each plan's tasks and
  targets sit on a sunflower spiral around it. That keeps the expensive part to the ~1/3 of nodes
  that are not tasks or targets, and puts a plan's work visibly around the plan.

Coordinates are vis-network pixels (y grows downwards).
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

# Above this many nodes the page draws the given positions with physics off (a force simulation
# of thousands of nodes in the browser takes tens of seconds and keeps the page busy).
PHYSICS_MAX_NODES = 500
LEAF_TYPES = ("Task", "Target")
# Pixels between neighbouring leaves of one spiral, and between rows of a trace.
LEAF_SPACING = 22.0
ROW_SPACING = 150.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
GRAVITY = np.float32(2.0)

Positions = dict[str, tuple[float, float]]


def layered_layout(graph: nx.MultiDiGraph, rows: dict[str, int], width: float = 260.0) -> Positions:
    """Rows of nodes, row 0 at the top.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    rows : dict
        Node -> row number; nodes without one go to a last row.
    width : float
        Pixels between neighbours in a row.

    Returns
    -------
    dict
        Node -> (x, y).

    Examples
    --------
    >>> g = nx.MultiDiGraph([("task", "plan"), ("plan", "nq")])
    >>> pos = layered_layout(g, {"nq": 0, "plan": 1, "task": 2})
    >>> pos["nq"][1] < pos["plan"][1] < pos["task"][1]
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    last = max(rows.values(), default=-1) + 1
    simple = nx.Graph()
    for node in sorted(graph.nodes):
        simple.add_node(node, row=rows.get(node, last))
    raw = nx.multipartite_layout(simple, subset_key="row", align="horizontal", scale=1.0)
    positions: Positions = {}
    for row in sorted({d["row"] for _, d in simple.nodes(data=True)}):
        members = sorted((n for n, d in simple.nodes(data=True) if d["row"] == row), key=lambda n: raw[n][0])
        for i, node in enumerate(members):
            # multipartite_layout scales rows to unit size; spread them to fixed pixel gaps instead.
            positions[node] = ((i - (len(members) - 1) / 2) * width, row * ROW_SPACING)
    return positions


def force_layout(graph: nx.Graph, *, seed: int = 7, iterations: int = 60, size: float = 1.0) -> dict:
    """Fruchterman-Reingold positions in a ``size`` x ``size`` box, vectorised (no per-node loop).

    Parameters
    ----------
    graph : networkx.Graph
        Undirected; an edge attribute ``weight`` pulls harder.
    seed : int
        Seeds the initial positions, so the same graph is drawn the same way every time.
    iterations : int
    size : float

    Returns
    -------
    dict
        Node -> numpy array (x, y).

    Examples
    --------
    >>> pos = force_layout(nx.path_graph(4), size=100)
    >>> sorted(pos) == [0, 1, 2, 3] and all(abs(c) <= 100 for p in pos.values() for c in p)
    True
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    adjacency = nx.to_numpy_array(graph, nodelist=nodes, weight="weight", dtype=np.float32)
    rng = np.random.default_rng(seed)
    x, y = rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    # Rows in blocks so the n x n temporaries stay around 100 MB for large graphs.
    block = max(1, int(4_000_000 // n))
    for _ in range(iterations):
        disp_x, disp_y = np.empty_like(x), np.empty_like(y)
        for start in range(0, n, block):
            stop = start + block
            dx = x[start:stop, None] - x[None, :]
            dy = y[start:stop, None] - y[None, :]
            dist2 = dx * dx + dy * dy
            np.maximum(dist2, np.float32(1e-4), out=dist2)
            # Repulsion k^2/d and attraction A*d^2/k, both along (dx, dy)/d.
            coeff = k * k / dist2 - adjacency[start:stop] * np.sqrt(dist2) / k
            disp_x[start:stop] = (dx * coeff).sum(axis=1)
            disp_y[start:stop] = (dy * coeff).sum(axis=1)
        # A weak pull to the centre keeps isolated nodes and small components from drifting off
        # (plain Fruchterman-Reingold pushes them to the edge, and the page then zooms out for them).
        disp_x -= GRAVITY * (x - x.mean())
        disp_y -= GRAVITY * (y - y.mean())
        length = np.maximum(np.sqrt(disp_x * disp_x + disp_y * disp_y), np.float32(0.01))
        x += disp_x * (temperature / length)
        y += disp_y * (temperature / length)
        temperature -= cooling
    pos = np.stack([x, y], axis=1).astype(float)
    pos -= np.median(pos, axis=0)
    # Nodes with no or one link still end up far out; bring the last 2 % onto the rim of the rest
    # so they do not decide the zoom the page opens with.
    radius = np.sqrt((pos ** 2).sum(axis=1))
    if n >= 50:
        rim = float(np.percentile(radius, 98)) * 1.05
        far = radius > rim
        pos[far] *= (rim / radius[far])[:, None]
    extent = np.abs(pos).max() or 1.0
    pos *= size / extent
    return {node: pos[i] for i, node in enumerate(nodes)}


def _parent_of_leaves(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each task or target -> the node it is drawn around: its plan, else its first agency."""
    parent: dict[str, str] = {}
    for u, v, rel in graph.edges(keys=True):
        if rel in ("hasTask", "hasTarget"):
            parent.setdefault(v, u)
    for u, v, rel in graph.edges(keys=True):
        if rel in ("leads", "supports", "implementsTask"):
            parent.setdefault(v, u)
    return parent


def cluster_layout(graph: nx.MultiDiGraph, *, seed: int = 7) -> Positions:
    """Documents, agencies and places by force; tasks and targets spiralled around their plan.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        Nodes need a ``type`` attribute.
    seed : int

    Returns
    -------
    dict
        Node -> (x, y) in pixels, for every node.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("plan", type="Plan"); g.add_node("nq", type="Directive")
    >>> for i in range(30):
    ...     g.add_node(f"t{i}", type="Task"); _ = g.add_edge("plan", f"t{i}", key="hasTask")
    >>> _ = g.add_edge("plan", "nq", key="implements")
    >>> pos = cluster_layout(g)
    >>> len(pos) == 32 and math.dist(pos["t0"], pos["plan"]) < math.dist(pos["t29"], pos["plan"])
    True
    """
    parent = _parent_of_leaves(graph)
    leaves = {n for n, d in graph.nodes(data=True) if d.get("type") in LEAF_TYPES and n in parent}
    children: dict[str, list[str]] = {}
    for leaf in sorted(leaves, key=lambda n: (graph.nodes[n].get("type", ""), _natural(n))):
        children.setdefault(parent[leaf], []).append(leaf)
    core = nx.Graph()
    core.add_nodes_from(sorted(n for n in graph.nodes if n not in leaves))
    for u, v in graph.edges():
        if u in leaves and v in leaves:
            continue
        a, b = parent.get(u, u), parent.get(v, v)
        if a != b:
            # An agency with many tasks in a plan is pulled towards that plan.
            core.add_edge(a, b, weight=core.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    for _, _, data in core.edges(data=True):
        data["weight"] = 1 + math.log(data["weight"])
    # A spiral of m leaves has radius ~ LEAF_SPACING * sqrt(m); give each core node room for its own.
    room = sum(LEAF_SPACING * math.sqrt(len(c)) + 40 for c in children.values()) + 30 * core.number_of_nodes()
    size = max(300.0, room / 2.5)
    iterations = 60 if core.number_of_nodes() <= 1000 else 35
    core_pos = force_layout(core, seed=seed, iterations=iterations, size=size)
    positions: Positions = {n: (float(p[0]), float(p[1])) for n, p in core_pos.items()}
    for centre, leaf_list in children.items():
        cx, cy = positions[centre]
        for i, leaf in enumerate(leaf_list, start=1):
            radius = LEAF_SPACING * (1.5 + math.sqrt(i))
            positions[leaf] = (cx + radius * math.cos(i * _GOLDEN_ANGLE), cy + radius * math.sin(i * _GOLDEN_ANGLE))
    return positions


def _natural(iri: str) -> tuple:
    # task/2 before task/10, so a plan's spiral follows the document's order outwards.
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in iri.split("/"))


__all__ = ["LEAF_TYPES", "PHYSICS_MAX_NODES", "Positions", "cluster_layout", "force_layout", "layered_layout"]
