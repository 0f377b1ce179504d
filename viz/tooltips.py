"""Tooltip and label text of nodes and edges: plain text, never markup.

vis-network shows a string ``title`` with ``innerText`` (only a DOM element is inserted as
markup), so a task reading ``<script>…</script>`` shows those characters and runs nothing. The
text is therefore kept as it is here, not HTML-escaped (escaping would show ``&lt;`` to the
reader); what keeps it inert is that it only ever reaches the page as JSON data (see
:mod:`policykg.viz.assets`) and is only ever put into the page as text. The browser test checks
both with a crafted task.
"""
from __future__ import annotations

from typing import Any

from policykg.viz.selection import short_id
from policykg.viz.styles import edge_style, node_style

# Long sentences make a tooltip the size of the screen; the full text is in the source file.
MAX_SENTENCE = 600
MAX_LABEL = 48
MAX_TASK_LABEL = 40


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis when cut.

    Examples
    --------
    >>> clip("Quán triệt Kết luận số 91-KL/TW", 20)
    'Quán triệt Kết luận…'
    >>> clip("ngắn", 20)
    'ngắn'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def node_label(attrs: dict[str, Any]) -> str:
    """The short text drawn under a node: a task's first words, a document's name.

    Examples
    --------
    >>> node_label({"type": "Plan", "label": "Kế hoạch 284/KH-UBND"})
    'Kế hoạch 284/KH-UBND'
    """
    limit = MAX_TASK_LABEL if attrs.get("type") in ("Task", "Target") else MAX_LABEL
    return clip(str(attrs.get("label") or ""), limit)


def node_tooltip(node: str, attrs: dict[str, Any]) -> str:
    """Tooltip of a node: name, kind, number, date, place; a task's text and deadline.

    Parameters
    ----------
    node : str
        The node's IRI (shown as its short id, which ``policykg show --trace`` accepts).
    attrs : dict
        Node attributes of the networkx view (with :func:`policykg.viz.details.view_graph`'s extras).

    Returns
    -------
    str
        Lines separated by ``\\n``.

    Examples
    --------
    >>> print(node_tooltip("https://w3id.org/policykg/id/doc/kon-tum/1-kh-ubnd/task/3",
    ...     {"type": "Task", "label": "Rà soát <b>đội ngũ</b>", "text": "Rà soát <b>đội ngũ</b>",
    ...      "deadline": "Năm 2026", "place": "Kon Tum"}))
    Task · Nhiệm vụ
    Rà soát <b>đội ngũ</b>
    deadline: Năm 2026
    place: Kon Tum
    id: kon-tum/1-kh-ubnd/task/3
    """
    kind = str(attrs.get("type") or "")
    lines = [node_style(kind).label]
    if kind == "Task":
        lines.append(clip(str(attrs.get("text") or attrs.get("label") or ""), MAX_SENTENCE))
        if attrs.get("deadline"):
            lines.append(f"deadline: {attrs['deadline']}")
    else:
        lines.append(str(attrs.get("label") or ""))
        if kind in ("Directive", "Plan", "Document"):
            if attrs.get("kind"):
                lines.append(f"kind: {attrs['kind']}" + (" (central)" if attrs.get("central") else ""))
            if attrs.get("number"):
                lines.append(f"number: {attrs['number']}")
            if attrs.get("date"):
                lines.append(f"date: {attrs['date']}")
            if attrs.get("title"):
                lines.append(f"title: {clip(str(attrs['title']), MAX_SENTENCE)}")
            if attrs.get("loaded") is False:
                lines.append("(known only from citations)")
        if kind == "Target":
            value = " ".join(str(attrs[k]) for k in ("value", "unit") if attrs.get(k))
            if value:
                lines.append(f"value: {value}" + (f" by {attrs['year']}" if attrs.get("year") else ""))
    if attrs.get("place"):
        lines.append(f"place: {attrs['place']}")
    if kind in ("Task", "Target") and attrs.get("sourceText") and attrs.get("sourceText") != attrs.get("text"):
        where = f"line {attrs['line']}" if attrs.get("line") else "source"
        lines.append(f"{where}: “{clip(str(attrs['sourceText']), MAX_SENTENCE)}”")
    lines.append(f"id: {short_id(node)}")
    return "\n".join(line for line in lines if line)


def edge_tooltip(relation: str, attrs: dict[str, Any]) -> str:
    """Tooltip of an edge: the relation and, when the graph has it, the sentence that states it.

    Examples
    --------
    >>> print(edge_tooltip("leads", {"sourceText": "Sở Tài chính chủ trì.", "line": 97}))
    leads · chủ trì
    line 97: “Sở Tài chính chủ trì.”
    >>> print(edge_tooltip("implements", {"sourceText": "Triển khai …", "line": 8, "file": "a.txt", "alsoStatedIn": 2}))
    implements · triển khai
    line 8 of a.txt: “Triển khai …”
    (also stated in 2 other files)
    """
    lines = [edge_style(relation).label]
    if attrs.get("sourceText"):
        where = f"line {attrs['line']}" if attrs.get("line") else "evidence"
        if attrs.get("file"):
            where += f" of {attrs['file']}"
        lines.append(f"{where}: “{clip(str(attrs['sourceText']), MAX_SENTENCE)}”")
    if attrs.get("alsoStatedIn"):
        others = int(attrs["alsoStatedIn"])
        lines.append(f"(also stated in {others} other file{'s' if others > 1 else ''})")
    return "\n".join(lines)


__all__ = ["clip", "edge_tooltip", "node_label", "node_tooltip"]
