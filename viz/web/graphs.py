"""Small, focused graphs for vis-network: a task's trace, a document's neighbours, a place's
cascade. Never the whole store: each is capped at :data:`MAX_NODES` nodes.

A graph is plain data (``nodes``, ``edges``) sent to the page as JSON in a
``<script type="application/json">`` element; node labels and tooltips stay text there.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd

from policykg.viz.web.tables import url_for

MAX_NODES = 120
COLORS = {"task": "#f0ad4e", "central": "#d9534f", "local": "#5b8def", "agency": "#5cb85c", "missing": "#bbbbbb"}


def _short(text: Any, limit: int = 48) -> str:
    words = " ".join(str(text or "").split())
    return words if len(words) <= limit else words[:limit - 1] + "…"


def find_url(doc_id: Any) -> str | None:
    """The page of a document known by its identifier ("91-KL/TW"): ``/find?id=…``.

    Examples
    --------
    >>> find_url("91-KL/TW"), find_url(None)
    ('/find?id=91-KL%2FTW', None)
    """
    return "/find?" + urlencode({"id": str(doc_id)}) if doc_id else None


class _Graph:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []

    def node(self, key: str, label: Any, group: str, url: str | None, title: Any = None,
             level: int | None = None) -> bool:
        if key in self.nodes:
            return True
        if len(self.nodes) >= MAX_NODES:
            return False
        self.nodes[key] = {"id": key, "label": _short(label), "title": str(title or label or ""),
                           "color": COLORS.get(group, "#999999"), "url": url, "group": group,
                           **({"level": level} if level is not None else {})}
        return True

    def edge(self, a: str, b: str, label: str, dashed: bool = False) -> None:
        if a in self.nodes and b in self.nodes:
            self.edges.append({"from": a, "to": b, "label": label, "arrows": "to", "dashes": dashed})

    def data(self, direction: str = "UD") -> dict[str, Any]:
        return {"nodes": list(self.nodes.values()), "edges": self.edges, "direction": direction,
                "truncated": len(self.nodes) >= MAX_NODES}


def trace_graph(task: dict[str, Any], trace: pd.DataFrame, agencies: pd.DataFrame) -> dict[str, Any]:
    """A task, its chain up to the central document(s), and the agencies it names."""
    g = _Graph()
    depth = int(trace["hop"].max()) + 2 if not trace.empty else 2
    g.node("task", task.get("text"), "task", None, task.get("full_text"), level=depth)
    for row in trace.to_dict("records"):
        key = f"doc:{row['to_id'] or row['to_label']}"
        group = "central" if row["to_level"] == "central" else "local" if row["to_loaded"] else "missing"
        g.node(key, row["to_label"], group, find_url(row["to_id"]), row["to_label"], level=depth - 1 - int(row["hop"]))
        if int(row["hop"]) == 0:
            g.edge("task", key, "in plan")
        else:
            g.edge(f"doc:{row['from_id'] or row['from_label']}", key, "implements")
    for row in agencies.to_dict("records"):
        key = f"agency:{row['agency_iri']}"
        if g.node(key, row["agency"], "agency", url_for("agency", row["agency_iri"]), level=depth + 1):
            g.edge(key, "task", row["role"], dashed=row["role"] != "lead")
    return g.data()


def document_graph(facts: dict[str, Any], links: pd.DataFrame) -> dict[str, Any]:
    """A document between what it carries out (above) and what carries it out (below)."""
    g = _Graph()
    me = f"doc:{facts['doc']}"
    g.node(me, facts.get("label") or facts.get("id"), "central" if facts.get("central") else "local", None, level=1)
    for row in links.to_dict("records"):
        key = f"doc:{row['doc']}"
        out = row["direction"] == "out"
        group = "central" if row.get("level") == "central" else "local" if row["loaded"] else "missing"
        place = row.get("place") if isinstance(row.get("place"), str) else None
        label = f"{row['document']} ({place})" if place and not out else row["document"]
        if g.node(key, label, group, url_for("doc", row["doc"]), label, level=0 if out else 2):
            if out:
                g.edge(me, key, row["relation"], dashed=row["relation"] != "implements")
            else:
                g.edge(key, me, row["relation"], dashed=row["relation"] != "implements")
    return g.data()


def cascade_graph(place_docs: pd.DataFrame, facts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A place's documents and what they carry out, up to the central documents."""
    g = _Graph()
    docs = place_docs.to_dict("records")
    for row in docs:
        g.node(f"doc:{row['doc']}", row["document"], "local" if row["loaded"] else "missing",
               url_for("doc", row["doc"]), row["document"])
    for row in docs:
        for parent in str(row.get("parents") or "").split():
            fact = facts.get(parent, {})
            label = fact.get("label") or fact.get("id") or parent.rsplit("/", 1)[-1]
            group = "central" if fact.get("central") else "local" if fact.get("loaded") else "missing"
            if g.node(f"doc:{parent}", label, group, url_for("doc", parent), label):
                g.edge(f"doc:{row['doc']}", f"doc:{parent}", "implements")
    return g.data(direction="DU")
