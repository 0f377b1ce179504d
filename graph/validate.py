"""Check the graph against the SHACL shapes of ``ontology/shapes.ttl`` with pyshacl.

The shapes are checked on the union of all named graphs, because that is the graph queries see: a
plan's tasks and its issuer may come from different files.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from policykg.graph.namespaces import PREFIXES
from policykg.graph.store import GraphStore
from policykg.ontology import shapes_graph


@dataclass
class ValidationReport:
    """The outcome of a SHACL check.

    Attributes
    ----------
    conforms : bool
    violations : int
        Number of validation results.
    text : str
        pyshacl's human-readable report.
    """

    conforms: bool
    violations: int
    text: str


def union_graph(store: GraphStore) -> Graph:
    """All triples of the store, named graphs merged, as an in-memory rdflib :class:`Graph`.

    Examples
    --------
    >>> from policykg.graph.store import open_store
    >>> len(union_graph(open_store(":memory:")))
    0
    """
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for s, p, o, _ in store.quads():
        graph.add((s, p, o))
    return graph


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate an rdflib graph against the policykg shapes.

    Parameters
    ----------
    graph : rdflib.Graph
        Data graph (no inference is run: every type the shapes need is written explicitly).

    Returns
    -------
    ValidationReport

    Examples
    --------
    >>> from rdflib import RDF, URIRef
    >>> from policykg.graph.namespaces import PKG
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:t"), RDF.type, PKG.Task))
    >>> report = validate_graph(g)
    >>> report.conforms, "a task is in exactly one plan" in report.text
    (False, True)
    """
    from pyshacl import validate

    conforms, results, text = validate(graph, shacl_graph=shapes_graph(), inference="none",
                                       advanced=True, allow_warnings=False)
    from rdflib.namespace import SH

    violations = len(set(results.subjects(predicate=None, object=SH.ValidationResult)))
    return ValidationReport(bool(conforms), violations, text)


def validate_store(store: GraphStore) -> ValidationReport:
    """Validate everything in the store (the union of its named graphs)."""
    return validate_graph(union_graph(store))
