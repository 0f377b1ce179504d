"""Plain Python values for query results, straight from the store's own terms.

Answers go into DataFrames as plain values (``str``, ``int``, ``float``, ``bool``). Building an
rdflib term for every cell first and converting it afterwards cost 11 s of a 20 s query over
10,000 documents, so the stores convert their native terms (pyoxigraph terms, SPARQL JSON cells)
here directly, with the same rules as :func:`policykg.queries.sparql.value`.
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = frozenset(_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                         "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                         "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
DECIMALS = frozenset(_XSD + t for t in ("decimal", "double", "float"))
BOOLEAN = _XSD + "boolean"
_STRING = _XSD + "string"


def plain_literal(text: str, datatype: str | None = None) -> Any:
    """A literal's lexical form and datatype IRI as a plain value.

    Numbers become ``int`` or ``float`` (their text when it is not a valid number), booleans
    ``bool``; everything else (strings, dates, years) stays as its text.

    Parameters
    ----------
    text : str
        The lexical form.
    datatype : str, optional
        Datatype IRI; None for a plain or language-tagged string.

    Returns
    -------
    str, int, float or bool

    Examples
    --------
    >>> plain_literal("95", _XSD + "decimal"), plain_literal("3", _XSD + "integer"), plain_literal("x")
    (95.0, 3, 'x')
    >>> plain_literal("true", BOOLEAN), plain_literal("2030", _XSD + "gYear")
    (True, '2030')
    """
    if datatype in INTEGERS:
        try:
            return int(text)
        except ValueError:
            return text
    if datatype in DECIMALS:
        try:
            return float(text)
        except ValueError:
            return text
    if datatype == BOOLEAN:
        return text.strip().lower() in ("true", "1")
    return text


def plain_ox(term: Any) -> Any:
    """A pyoxigraph term (or None) as a plain value: IRIs and blank nodes as their text.

    Examples
    --------
    >>> plain_ox(ox.NamedNode("urn:x")), plain_ox(ox.Literal("7", datatype=ox.NamedNode(_XSD + "integer")))
    ('urn:x', 7)
    >>> plain_ox(None) is None
    True
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return plain_literal(term.value, None if term.language else term.datatype.value)
    return term.value


def plain_json(cell: dict[str, Any] | None) -> Any:
    """A SPARQL 1.1 JSON results cell (or None) as a plain value.

    Examples
    --------
    >>> plain_json({"type": "literal", "value": "2", "datatype": _XSD + "integer"})
    2
    >>> plain_json({"type": "uri", "value": "urn:x"}), plain_json(None)
    ('urn:x', None)
    """
    if cell is None:
        return None
    if cell["type"] in ("literal", "typed-literal") and "xml:lang" not in cell:
        return plain_literal(cell["value"], cell.get("datatype"))
    return cell["value"]


def to_ox(term: Node | str) -> Any:
    """An rdflib term (or IRI string) as a pyoxigraph term.

    Examples
    --------
    >>> to_ox(Literal("Kon Tum", lang="vi"))
    <Literal value=Kon Tum language=vi>
    """
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and term.datatype != URIRef(_STRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def from_ox(term: Any) -> Node | None:
    """A pyoxigraph term as an rdflib term (plain strings lose their ``xsd:string`` datatype).

    Examples
    --------
    >>> from_ox(ox.Literal("2030", datatype=ox.NamedNode(_XSD + "gYear"))).datatype == URIRef(_XSD + "gYear")
    True
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _STRING else URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported term {term!r}")


def node_from_ox(term: Any) -> Node:
    """A pyoxigraph term that must be there (a triple's subject, a bound variable) as an rdflib term.

    Examples
    --------
    >>> node_from_ox(ox.NamedNode("urn:a"))
    rdflib.term.URIRef('urn:a')
    """
    node = from_ox(term)
    if node is None:
        raise TypeError(f"expected an RDF term, got {term!r}")
    return node

