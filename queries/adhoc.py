"""query: any SPARQL the user writes, from a file or as text, answered as a DataFrame."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from policykg.graph.store import GraphStore
from policykg.queries.sparql import QueryError, projection, value


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
        SELECT: one column per projected variable. ASK: one column ``result``. CONSTRUCT and
        DESCRIBE: columns ``subject``, ``predicate``, ``object``.

    allow_service : bool
        Let a ``SERVICE`` clause make the store send requests to other servers (refused by
        default: a query of the local graph must not reach the network).

    Raises
    ------
    policykg.graph.StoreError
        Malformed SPARQL (the message says where).
    QueryError
        An unreadable query file, or a ``SERVICE`` clause without ``allow_service``.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> sparql_query(open_store(":memory:"), "ASK { ?s ?p ?o }")
    result
    0   False
    """
    sparql = read_sparql(query)
    if not sparql.strip():
        raise QueryError("empty query")
    if not allow_service and uses_service(sparql):
        raise QueryError("the query has a SERVICE clause, which sends requests to other servers; "
                         "give --allow-service to run it")
    result = store.query(sparql)
    if isinstance(result, bool):
        return pd.DataFrame({"result": [result]})
    if (result and isinstance(result[0], tuple)) or (
            not result and re.search(r"^\s*(?:CONSTRUCT|DESCRIBE)\b", _body(sparql), re.IGNORECASE | re.MULTILINE)):
        return pd.DataFrame([[value(t) for t in triple] for triple in result],
                            columns=["subject", "predicate", "object"], dtype=object)
    cols = projection(sparql)
    for row in result:
        cols.extend(k for k in row if k not in cols)
    return pd.DataFrame([[value(row.get(c)) for c in cols] for row in result], columns=cols, dtype=object)


def _body(sparql: str) -> str:
    """The query without comments and prologue lines."""
    lines = [re.sub(r"#.*", "", line) for line in sparql.splitlines()]
    return "\n".join(l for l in lines if not re.match(r"\s*(?:PREFIX|BASE)\b", l, re.IGNORECASE))
