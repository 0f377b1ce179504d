"""``policykg query``: run any SPARQL query, from a file or typed in."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.output import emit, query_options, run_query
from policykg.queries import sparql_query


@click.command("query")
@click.argument("query")
@query_options
@click.option("--allow-service", is_flag=True,
              help="Run SERVICE clauses (they send requests to other servers; refused otherwise).")
def command(query: str, store_path: str | None, fmt: str, out: Path | None, width: int | None,
            allow_service: bool) -> None:
    """Run QUERY, a SPARQL file (FILE.rq) or the query text itself, over the whole graph.

    The default graph is the union of all documents. Prefixes pkg:, pkgid:, skos:, dcterms:,
    prov:, rdfs:, rdf:, xsd:, org:, eli: are declared. SELECT gives its variables as columns, ASK
    one column 'result', CONSTRUCT/DESCRIBE columns subject, predicate, object. A SERVICE clause
    (a request to another server) is refused unless --allow-service is given. Each distinct row
    is shown once (a fact several files state would otherwise repeat). A syntax error is one line
    with its line, column, the words before it and a hint.

    \b
    Examples:
      policykg query 'SELECT ?name (COUNT(?t) AS ?n) WHERE { ?a pkg:leads ?t ; skos:prefLabel ?name } GROUP BY ?name'
      policykg query my-question.rq --format csv --out answer.csv
    """
    df = run_query(store_path, sparql_query, query, allow_service=allow_service)
    emit(df, fmt, out, width=width, sheet="query")
