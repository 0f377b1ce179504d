"""How each node type and edge relation looks: colour, shape, size and the legend's words.

Every node type of :func:`policykg.graph.to_networkx` has its own (shape, colour) pair, so a node
can be told apart on a grey-scale print by shape and on a screen by colour. The shapes are vis-network
shapes that draw the label *below* the node (``dot``, ``star`` ...), so long Vietnamese titles do not
inflate the node itself.

Examples
--------
>>> node_style("Plan").shape, node_style("Plan").color
('square', '#1f77b4')
>>> node_style("SomethingNew").label      # unknown types still get a style
'SomethingNew'
>>> edge_style("implements").width > edge_style("cites").width
True
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    """The look of one node type.

    Attributes
    ----------
    type : str
        Node type as in the networkx view (``"Plan"``, ``"Task"`` ...).
    label : str
        Legend text: English name and the Vietnamese word the documents use.
    shape : str
        vis-network shape.
    color : str
        Fill colour (``#rrggbb``).
    size : int
        Radius in pixels at zoom 1.
    dashed : bool
        Dashed border, for the types that share a shape with another type.
    """

    type: str
    label: str
    shape: str
    color: str
    size: int
    dashed: bool = False


@dataclass(frozen=True)
class EdgeStyle:
    """The look of one edge relation: legend text, colour and line width."""

    relation: str
    label: str
    color: str
    width: float


# Legend order: the cascade from the centre down to the work.
NODE_STYLES: dict[str, NodeStyle] = {s.type: s for s in [
    NodeStyle("Directive", "Directive · Văn bản chỉ đạo", "star", "#d62728", 22),
    NodeStyle("Plan", "Plan · Kế hoạch", "square", "#1f77b4", 16),
    NodeStyle("Document", "Other document · Văn bản", "square", "#8c564b", 12, dashed=True),
    NodeStyle("NationalAgency", "National agency · Cơ quan trung ương", "diamond", "#006d2c", 16),
    NodeStyle("Agency", "Agency · Cơ quan", "triangle", "#2ca02c", 13),
    NodeStyle("AgencyGroup", "Agency group · Nhóm cơ quan", "triangleDown", "#74c476", 12),
    NodeStyle("Task", "Task · Nhiệm vụ", "dot", "#ff7f0e", 8),
    NodeStyle("Target", "Target · Chỉ tiêu", "dot", "#9467bd", 7, dashed=True),
    NodeStyle("Place", "Place · Địa phương", "hexagon", "#7f7f7f", 14),
]}

EDGE_STYLES: dict[str, EdgeStyle] = {s.relation: s for s in [
    EdgeStyle("implements", "implements · triển khai", "#d62728", 3.0),
    EdgeStyle("basedOn", "based on · căn cứ", "#e377c2", 1.5),
    EdgeStyle("cites", "cites · trích dẫn", "#bdbdbd", 1.0),
    EdgeStyle("issuedBy", "issued by · ban hành", "#8c564b", 1.0),
    EdgeStyle("hasTask", "has task · có nhiệm vụ", "#9ecae1", 1.0),
    EdgeStyle("hasTarget", "has target · có chỉ tiêu", "#c5b0d5", 1.0),
    EdgeStyle("leads", "leads · chủ trì", "#2ca02c", 1.5),
    EdgeStyle("supports", "supports · phối hợp", "#a1d99b", 1.0),
    EdgeStyle("implementsTask", "implements task · thực hiện", "#bcbd22", 1.0),
    EdgeStyle("place", "place · địa phương", "#d9d9d9", 0.5),
]}

# Drawn for anything the view gains later, so a new type is visible rather than an error.
_FALLBACK_NODE = NodeStyle("?", "?", "ellipse", "#cccccc", 10)
_FALLBACK_EDGE = EdgeStyle("?", "?", "#cccccc", 1.0)

# Colour of the highlighted trace (the rest is veiled in white while a trace is shown).
HIGHLIGHT_COLOR = "#ffd400"


def node_style(node_type: str) -> NodeStyle:
    """The style of a node type (a grey ellipse for an unknown one).

    Parameters
    ----------
    node_type : str

    Returns
    -------
    NodeStyle
    """
    style = NODE_STYLES.get(node_type)
    if style is None:
        return NodeStyle(node_type, node_type, _FALLBACK_NODE.shape, _FALLBACK_NODE.color, _FALLBACK_NODE.size)
    return style


def edge_style(relation: str) -> EdgeStyle:
    """The style of an edge relation (thin grey for an unknown one).

    Parameters
    ----------
    relation : str

    Returns
    -------
    EdgeStyle
    """
    style = EDGE_STYLES.get(relation)
    if style is None:
        return EdgeStyle(relation, relation, _FALLBACK_EDGE.color, _FALLBACK_EDGE.width)
    return style


__all__ = ["EDGE_STYLES", "EdgeStyle", "HIGHLIGHT_COLOR", "NODE_STYLES", "NodeStyle",
           "edge_style", "node_style"]
