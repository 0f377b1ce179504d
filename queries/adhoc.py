"""query: any SPARQL the user writes, from a file or as text, answered as a DataFrame."""
from __future__ import annotations

import re
from pathlib import Path
from typing import cast

import pandas as pd
from rdflib.term import Node

from policykg.graph.store import GraphStore, StoreError
from policykg.queries.sparql import QueryError, projection, value


class SparqlSyntaxError(QueryError, StoreError):
    """Malformed SPARQL, explained in one line (:func:`explain_syntax_error`). Both a
    :class:`QueryError` and the store's :class:`StoreError`, which callers caught before."""


_AT = re.compile(r"error at (\d+):(\d+)")
_PREFIXES = "pkg:, pkgid:, skos:, dcterms:, prov:, rdfs:, rdf:, xsd:, org:, eli:"


def read_sparql(query: str | Path) -> str:
    """The SPARQL text of ``query``: the contents of a file (``.rq``, ``.sparql`` or any existing
    path), else ``query`` itself.

    Raises
    ------
    QueryError
        A path ending in ``.rq``/``.sparql`` that does not exist, or an unreadable file.

    Examples
    --------
    >>> read_sparql("SELECT * WHERE { ?s ?p ?o }")
    'SELECT * WHERE { ?s ?p ?o }'
    """
    text = str(query)
    if "\n" not in text and len(text) < 4096:
        path = Path(text).expanduser()
        try:
            if path.is_file():
                return path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read {text}: {exc}") from exc
        if path.suffix.lower() in (".rq", ".sparql"):
            raise QueryError(f"no query file {text}")
    return text


# What may hide the word SERVICE without being the keyword: strings, IRIs, comments.
_OPAQUE = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)|''\'(?:[^'\\]|\\.|'(?!''))*(?:''\'|$)'''
                     r'''|"(?:[^"\\\n]|\\.)*(?:"|$)|'(?:[^'\\\n]|\\.)*(?:'|$)'''
                     r'''|<[^<>"{}|^`\\\s]*>|\#[^\n]*''', re.MULTILINE)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)


def uses_service(sparql: str) -> bool:
    """True when the query holds a ``SERVICE`` clause (a request the store would send to another
    server); the word inside strings, IRIs, comments or names does not count.

    Examples
    --------
    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT * { sErViCe SILENT ?endpoint { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service { ?service ?p "SERVICE" ; pkg:service <urn:SERVICE> } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_OPAQUE.sub(" ", sparql)))


def sparql_query(store: GraphStore, query: str | Path, *, allow_service: bool = False) -> pd.DataFrame:
    """Run any SPARQL query (SELECT, ASK or CONSTRUCT/DESCRIBE) over the whole graph.

    The usual prefixes (``pkg:``, ``pkgid:``, ``skos:``, ``dcterms:``, ``prov:`` ...) are
    predeclared by the store.

    Parameters
    ----------
    store : GraphStore
    query : str or Path
        SPARQL text, or a path to a file holding it.

    Returns
    -------
    pandas.DataFrame
        SELECT: one column per projected variable, each distinct row once (a fact several
        files state would otherwise repeat its row once per file). ASK: one column ``result``. CONSTRUCT and
        DESCRIBE: columns ``subject``, ``predicate``, ``object``.

    allow_service : bool
        Let a ``SERVICE`` clause make the store send requests to other servers (refused by
        default: a query of the local graph must not reach the network).

    Raises
    ------
    policykg.graph.StoreError
        The store failed.
    SparqlSyntaxError
        Malformed SPARQL (one line: where, and a hint; :func:`explain_syntax_error`); it is a
        ``QueryError`` and a ``StoreError``.
    QueryError
        An unreadable query file, or a ``SERVICE`` clause without ``allow_service``.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> sparql_query(open_store(":memory:"), "ASK { ?s ?p ?o }")["result"].tolist()
    [False]
    """
    sparql = read_sparql(query)
    if not sparql.strip():
        raise QueryError("empty query")
    if not allow_service and uses_service(sparql):
        raise QueryError("the query has a SERVICE clause, which sends requests to other servers; "
                         "give --allow-service to run it")
    try:
        result = store.query(sparql)
    except StoreError as exc:
        if str(exc).startswith("bad SPARQL:"):
            raise SparqlSyntaxError(explain_syntax_error(sparql, str(exc))) from exc
        raise
    if isinstance(result, bool):
        return pd.DataFrame({"result": [result]})
    if (result and isinstance(result[0], tuple)) or (
            not result and re.search(r"^\s*(?:CONSTRUCT|DESCRIBE)\b", _body(sparql), re.IGNORECASE | re.MULTILINE)):
        triples = cast(list[tuple[Node, Node, Node]], result)
        return pd.DataFrame([[value(t) for t in triple] for triple in triples],
                            columns=["subject", "predicate", "object"], dtype=object)
    rows = cast(list[dict[str, Node]], result)
    cols = projection(sparql)
    for row in rows:
        cols.extend(k for k in row if k not in cols)
    frame = pd.DataFrame([[value(row.get(c)) for c in cols] for row in rows], columns=cols, dtype=object)
    # The default graph is the union of every file's graph, so a fact stated by several files
    # matches once per file: the same row, repeated. Each row is shown once.
    return frame.drop_duplicates(ignore_index=True) if cols else frame


def explain_syntax_error(sparql: str, message: str) -> str:
    """The parser's complaint as one line a person can act on: where (line, column and the words
    just before), and a hint, instead of the parser's list of expected tokens.

    Parameters
    ----------
    sparql : str
        The query.
    message : str
        The store's "bad SPARQL: error at LINE:COLUMN: expected one of ..." line.

    Returns
    -------
    str

    Examples
    --------
    >>> explain_syntax_error("SELEC ?x", "bad SPARQL: error at 1:9: expected one of DESCRIBE, [_]")
    "bad SPARQL at line 1, column 1 ('SELEC'): a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX lines)"
    >>> explain_syntax_error("SELECT ?x WHERE { ?x a foo:T }", "bad SPARQL: error at 1:28: expected one of Prefix not found")
    "bad SPARQL at line 1, column 24 (after '{ ?x a'): unknown prefix 'foo:'; declared: pkg:, pkgid:, skos:, dcterms:, prov:, rdfs:, rdf:, xsd:, org:, eli:"
    >>> explain_syntax_error("SELECT ?x WHERE { ?x a pkg:Task", "bad SPARQL: error at 1:32: expected one of '}'")
    "bad SPARQL at line 1, column 32 (after '?x a pkg:Task'): the query is incomplete: close every {, ( and quote; a triple ends with ."
    """
    m = _AT.search(message)
    if not m:
        return message
    line_no, column = int(m.group(1)), int(m.group(2))
    lines = sparql.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    expected = message[m.end():]
    before = line[:column - 1].rstrip()
    offset = len("\n".join(lines[:line_no - 1])) + (1 if line_no > 1 else 0) + column - 1
    at_end = not sparql[offset:].strip()
    if "Prefix not found" in expected:
        word = re.search(r"([A-Za-z][\w-]*)?:[\w-]*$", before)
        start = word.start() if word else len(before)
        name = (word.group(1) or "") if word else ""
        return (f"bad SPARQL at line {line_no}, column {start + 1} (after {_tail(line[:start])!r}): unknown "
                f"prefix '{name}:'; declared: {_PREFIXES}")
    if not re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _body(sparql)):
        first = (_body(sparql).split() or [""])[0]
        return (f"bad SPARQL at line {line_no}, column 1 ({first!r}): a query starts with SELECT, ASK, "
                "CONSTRUCT or DESCRIBE (after any PREFIX lines)")
    where = f"bad SPARQL at line {line_no}, column {column} (after {_tail(before)!r})"
    if at_end:
        return f"{where}: the query is incomplete: close every {{, ( and quote; a triple ends with ."
    near = line[column - 1:].split()
    found = near[0] if near else ""
    return (f"{where}: unexpected {found!r}; variables start with ?, IRIs are <…> or prefix:name, "
            "text is in \"quotes\"")


def _tail(text: str, words: int = 3) -> str:
    return " ".join(text.split()[-words:])


def _body(sparql: str) -> str:
    """The query without comments and prologue lines."""
    lines = [re.sub(r"#.*", "", line) for line in sparql.splitlines()]
    return "\n".join(l for l in lines if not re.match(r"\s*(?:PREFIX|BASE)\b", l, re.IGNORECASE))
