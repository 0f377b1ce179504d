"""The ``.rq`` files: loading them, binding their parameters, running them into DataFrames.

Each question is one SPARQL 1.1 file beside this module. A parameter is a variable with an
inline ``VALUES ?name { UNDEF }`` line: the file runs as it is (the parameter is unbound, i.e.
no restriction), and :func:`bind` replaces ``UNDEF`` with the given terms, each written by the
store's term serialiser (quotes and backslashes escaped, IRIs checked). User input never becomes
query text any other way. The block sits inside the ``WHERE`` clause, so it restricts the pattern
before any ``GROUP BY`` (a trailing ``VALUES`` would only filter the groups afterwards).

Every file declares its prefixes, so it runs on any SPARQL 1.1 endpoint too, and goes through
:meth:`policykg.graph.GraphStore.query`.
"""
from __future__ import annotations

import re
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from policykg.graph.namespaces import ID, XSD
from policykg.graph.store import GraphStore, NotSelect, to_ox
from policykg.graph.values import plain_literal

Param = Node | str | int | Iterable[Node] | None
_PARAM = r"VALUES\s+\?{name}\s*\{{\s*UNDEF\s*\}}"
_PROJECTION = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(?P<vars>.*?)\s*(?:(?<![?$\w])(?:FROM|WHERE)\b|\{)",
                         re.IGNORECASE | re.DOTALL)
_PROJECTED = re.compile(r"\bAS\s+[?$](\w+)\s*\)|(?<![\w)])[?$](\w+)", re.IGNORECASE)


class QueryError(ValueError):
    """A question that cannot be answered as asked (unknown place, no matching task ...).

    The message is one line, fit to show the user as it is.
    """


def query_names() -> list[str]:
    """The names of the ``.rq`` files shipped with policykg.

    Examples
    --------
    >>> "trace_hops" in query_names()
    True
    """
    return sorted(p.name[:-3] for p in resources.files(__package__).iterdir() if p.name.endswith(".rq"))


def load_query(name: str) -> str:
    """The text of ``queries/NAME.rq``.

    Parameters
    ----------
    name : str
        File name without ``.rq``.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        No such query.

    Examples
    --------
    >>> "pkg:implements" in load_query("trace_hops")
    True
    """
    path = resources.files(__package__) / f"{name}.rq"
    if not path.is_file():
        raise KeyError(f"no query {name!r} (known: {', '.join(query_names())})")
    return path.read_text(encoding="utf-8")


def term(value: Node | str | int) -> Node:
    """A parameter value as an RDF term: terms as they are, ``int`` as ``xsd:integer``, ``str`` as a
    plain literal.

    Examples
    --------
    >>> term(2026).datatype == XSD.integer, term("Kon Tum")
    (True, rdflib.term.Literal('Kon Tum'))
    """
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    return Literal(str(value))


def iri(value: str) -> URIRef:
    """An IRI a user typed: absolute, or ``pkgid:...`` for the policykg resource namespace.

    Raises
    ------
    QueryError
        Not a valid IRI.

    Examples
    --------
    >>> iri("pkgid:doc/91-kl-tw")
    rdflib.term.URIRef('https://w3id.org/policykg/id/doc/91-kl-tw')
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text.startswith("pkgid:"):
        text = str(ID) + text[len("pkgid:"):]
    try:
        to_ox(URIRef(text))
    except ValueError as exc:
        raise QueryError(f"not an IRI: {value!r} ({exc})") from exc
    return URIRef(text)


def bind(sparql: str, params: Mapping[str, Param] | None = None) -> str:
    """``sparql`` with each parameter's ``VALUES ?name { UNDEF }`` filled with serialised terms.

    Parameters
    ----------
    sparql : str
        Query text holding one ``VALUES ?name { UNDEF }`` line per parameter.
    params : mapping
        Parameter name -> a term, a list of terms (any of them), or None (left unbound). An
        empty list matches nothing.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        The query has no such parameter.

    Examples
    --------
    >>> q = "SELECT ?t WHERE { VALUES ?plan { UNDEF } ?plan <urn:p> ?t }"
    >>> bind(q, {"plan": [URIRef("urn:a"), URIRef("urn:b")]})
    'SELECT ?t WHERE { VALUES ?plan { <urn:a> <urn:b> } ?plan <urn:p> ?t }'
    >>> bind(q, {"plan": None}) == q
    True
    >>> bind("SELECT * { VALUES ?q { UNDEF } }", {"q": 'a" } ; DROP ALL'})
    'SELECT * { VALUES ?q { "a\\\\" } ; DROP ALL" } }'
    >>> bind("SELECT * { VALUES ?a { UNDEF } VALUES ?b { UNDEF } }", {"a": "VALUES ?b { UNDEF }", "b": "x"})
    'SELECT * { VALUES ?a { "VALUES ?b { UNDEF }" } VALUES ?b { "x" } }'
    """
    # Every slot is found in the query as written, then all are filled at once by position: a value
    # is never searched again, so text in one value can never be taken for another's slot.
    slots: list[tuple[int, int, str]] = []
    for name, value in (params or {}).items():
        if not re.fullmatch(r"\w+", name):
            raise KeyError(f"bad parameter name {name!r}")
        found = re.search(_PARAM.format(name=name), sparql)
        if not found:
            raise KeyError(f"query has no parameter ?{name}")
        if value is None:
            continue
        values = [value] if isinstance(value, (str, int, Node)) else list(value)
        data = " ".join(str(to_ox(term(v))) for v in values)
        slots.append((found.start(), found.end(), f"VALUES ?{name} {{ {data} }}"))
    out, at = [], 0
    for start, end, text in sorted(slots):
        out += [sparql[at:start], text]
        at = end
    return "".join(out) + sparql[at:]


def projection(sparql: str) -> list[str]:
    """The variables a SELECT query projects, in order (``[]`` for ``SELECT *`` or non-SELECT).

    Examples
    --------
    >>> projection("SELECT DISTINCT ?a (COUNT(?b) AS ?n) ?c WHERE { ?a ?b ?c }")
    ['a', 'n', 'c']
    >>> projection("SELECT ?from ?where { ?from ?p ?where }")
    ['from', 'where']
    >>> projection("SELECT * WHERE { ?s ?p ?o }")
    []
    """
    body = re.sub(r"#[^\n]*", "", sparql)
    match = _PROJECTION.search(body)
    if not match or match.group("vars").strip() == "*":
        return []
    names: list[str] = []
    for as_name, plain in _PROJECTED.findall(_strip_aggregates(match.group("vars"))):
        name = as_name or plain
        if name and name not in names:
            names.append(name)
    return names


def _strip_aggregates(text: str) -> str:
    """``(expr AS ?x)`` reduced to ``AS ?x)`` so variables inside expressions are not projected."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                out.append(text[start:i])
                start = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                inner = text[start:i + 1]
                match = re.search(r"\bAS\s+[?$]\w+\s*\)$", inner, re.IGNORECASE)
                out.append(" " + (match.group(0) if match else "") + " ")
                start = i + 1
    out.append(text[start:])
    return "".join(out)


def value(node: Node | None) -> Any:
    """An RDF term as a plain Python value for a DataFrame cell.

    IRIs and strings as ``str``; integers as ``int``; decimals and doubles as ``float``; booleans
    as ``bool``; dates and years as their ISO text; unbound as ``None``.

    Examples
    --------
    >>> value(Literal("95", datatype=XSD.decimal)), value(Literal(3)), value(URIRef("urn:x"))
    (95.0, 3, 'urn:x')
    >>> value(Literal("2030", datatype=XSD.gYear)), value(Literal("Kon Tum", lang="vi"))
    ('2030', 'Kon Tum')
    """
    if node is None:
        return None
    if isinstance(node, Literal):
        # The same rules the stores apply to their own terms (graph/values.py).
        return plain_literal(str(node), str(node.datatype) if node.datatype and not node.language else None)
    return str(node)


def run(store: GraphStore, sparql: str, params: Mapping[str, Param] | None = None,
        columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Run a SELECT (after :func:`bind`) and return its rows as a DataFrame of plain values.

    Parameters
    ----------
    store : GraphStore
    sparql : str
        Query text, or the name of a shipped ``.rq`` file.
    params : mapping, optional
        See :func:`bind`.
    columns : sequence of str, optional
        Column order; default the query's projection.

    Returns
    -------
    pandas.DataFrame
        One column per projected variable (even when no row binds it).

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> run(open_store(":memory:"), "SELECT ?s WHERE { ?s ?p ?o }").columns.tolist()
    ['s']
    """
    if re.fullmatch(r"\w+", sparql.strip()):
        sparql = load_query(sparql.strip())
    try:
        names, rows = store.select(bind(sparql, params))
    except NotSelect as exc:
        raise QueryError(str(exc)) from exc
    cols = list(columns or projection(sparql))
    cols += [n for n in names if n not in cols]
    where = {n: i for i, n in enumerate(names)}
    picks = [where.get(c) for c in cols]
    if picks == list(range(len(names))):
        data = rows
    else:
        data = [tuple(None if i is None else row[i] for i in picks) for row in rows]
    return pd.DataFrame(data, columns=cols, dtype=object) if data else pd.DataFrame(columns=cols, dtype=object)

