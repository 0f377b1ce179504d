"""SHACL violations of the graph, one finding per validation result.

The graph is checked against ``ontology/shapes.ttl`` the way ``policykg build --check`` does
(:mod:`policykg.graph.validate`: the union of the named graphs, no inference), but each result
becomes a finding placed where its focus node came from: the source file (``prov:wasDerivedFrom``
or ``pkg:sourceFile``), the line (``pkg:line``) and the printed text (``pkg:sourceText``).
Violations are ``error``, SHACL warnings ``warning``, SHACL infos ``info``.
"""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from policykg.check.model import Finding, quote
from policykg.graph.namespaces import PKG, PROV, RDFS
from policykg.graph.store import GraphStore
from policykg.graph.validate import union_graph
from policykg.ontology import shapes_graph

KIND = "shacl"
_SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}


def _short(term: object) -> str:
    text = str(term)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1] if text.startswith("http") else text


def graph_findings(graph: Graph, files: dict[str, str] | None = None) -> list[Finding]:
    """Validate an rdflib graph and turn each SHACL result into a finding.

    Parameters
    ----------
    graph : rdflib.Graph
        The data graph (all types written explicitly).
    files : dict, optional
        Source name -> how findings name the file.

    Returns
    -------
    list of Finding

    Examples
    --------
    >>> from rdflib import RDF, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:t"), RDF.type, PKG.Task))
    >>> found = graph_findings(g)
    >>> found[0].kind, found[0].severity, any("exactly one plan" in f.message for f in found)
    ('shacl', 'error', True)
    """
    from pyshacl import validate

    files = files or {}
    _, results, _ = validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True,
                             allow_warnings=False)
    out = []
    for result in set(results.subjects(predicate=None, object=SH.ValidationResult)):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), "error")
        source = graph.value(focus, PROV.wasDerivedFrom) or graph.value(focus, PKG.sourceFile)
        name = graph.value(URIRef(source), PKG.fileName) if source is not None else None
        line = graph.value(focus, PKG.line)
        text = graph.value(focus, PKG.sourceText) or graph.value(focus, RDFS.label) or _short(focus)
        where = f"{_short(focus)}" + (f", {_short(path)}" if isinstance(path, URIRef) else "")
        out.append(Finding(KIND, severity, files.get(str(name), str(name)) if name is not None else "",
                           int(line) if line is not None else None, quote(str(text)),
                           f"SHACL: {message or 'shape not met'} ({where})"))
    return out


def shape_findings(store: GraphStore, files: dict[str, str] | None = None) -> list[Finding]:
    """SHACL findings for everything in a store (the union of its named graphs).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "place": "Kon Tum",
    ...                     "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}}], store)
    >>> shape_findings(store)
    []
    """
    return graph_findings(union_graph(store), files)
