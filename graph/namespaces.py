"""Namespaces of the policykg graph, as constants (the way :mod:`rdflib.namespace` does it).

Every IRI the graph layer writes is built from one of these, so a vocabulary term is spelled once.
``PKG`` is the project vocabulary (``ontology/policykg.ttl``); ``ID`` is where the resources live
(documents, agencies, tasks ...); the rest are the published vocabularies the ontology aligns with.

Examples
--------
>>> str(PKG.Task)
'https://w3id.org/policykg/ns#Task'
>>> PREFIXES["eli"]
'http://data.europa.eu/eli/ontology#'
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

PKG = Namespace("https://w3id.org/policykg/ns#")
ID = Namespace("https://w3id.org/policykg/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

# Prefixes used when serialising (Turtle, JSON-LD context) and as default SPARQL prefixes.
PREFIXES: dict[str, str] = {
    "pkg": str(PKG),
    "pkgid": str(ID),
    "eli": str(ELI),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
}


def sparql_prologue() -> str:
    """The ``PREFIX`` lines for every prefix in :data:`PREFIXES`, for queries sent to any endpoint.

    Returns
    -------
    str
        One ``PREFIX p: <iri>`` line per prefix.

    Examples
    --------
    >>> "PREFIX pkg: <https://w3id.org/policykg/ns#>" in sparql_prologue()
    True
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


__all__ = ["DCTERMS", "ELI", "ID", "ORG", "OWL", "PKG", "PREFIXES", "PROV", "RDF", "RDFS", "SH",
           "SKOS", "XSD", "sparql_prologue"]
