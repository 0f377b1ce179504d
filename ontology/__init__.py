"""policykg.ontology: the vocabulary (``policykg.ttl``) and SHACL shapes (``shapes.ttl``) as package data.

Examples
--------
>>> from rdflib import OWL, RDF, URIRef
>>> (URIRef("https://w3id.org/policykg/ns#Task"), RDF.type, OWL.Class) in ontology_graph()
True
"""
from __future__ import annotations

from importlib.resources import files

from rdflib import Graph

ONTOLOGY_FILE = "policykg.ttl"
SHAPES_FILE = "shapes.ttl"


def _read(name: str) -> str:
    return files("policykg.ontology").joinpath(name).read_text(encoding="utf-8")


def ontology_text() -> str:
    """The vocabulary as Turtle text."""
    return _read(ONTOLOGY_FILE)


def shapes_text() -> str:
    """The SHACL shapes as Turtle text."""
    return _read(SHAPES_FILE)


def ontology_graph() -> Graph:
    """The vocabulary parsed into an rdflib :class:`~rdflib.Graph`."""
    return Graph().parse(data=ontology_text(), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes parsed into an rdflib :class:`~rdflib.Graph`."""
    return Graph().parse(data=shapes_text(), format="turtle")


__all__ = ["ONTOLOGY_FILE", "SHAPES_FILE", "ontology_graph", "ontology_text", "shapes_graph", "shapes_text"]
