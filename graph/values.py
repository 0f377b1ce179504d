"""Plain Python values for query results, straight from the store's own terms.

Answers go into DataFrames as plain values (``str``, ``int``, ``float``, ``bool``). Building an
rdflib term for every cell first and converting it afterwards cost 11 s of a 20 s query over
10,000 documents, so the stores convert their native terms (pyoxigraph terms, SPARQL JSON cells)
here directly, with the same rules as :func:`policykg.queries.sparql.value`.
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = frozenset(_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                         "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                         "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
DECIMALS = frozenset(_XSD + t for t in ("decimal", "double", "float"))
BOOLEAN = _XSD + "boolean"


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
