"""policykg.queries: the questions asked of the graph, one SPARQL file each, answered as DataFrames.

Each function takes a :class:`policykg.graph.GraphStore` and returns a :class:`pandas.DataFrame`;
each ``policykg`` command of the same name is a thin shell over it.

>>> from policykg.queries import trace, overload, tasks, targets, sources, gaps, sparql_query
"""
from policykg.loaders.deadlines import due_years, falls_due
from policykg.queries.adhoc import read_sparql, sparql_query
from policykg.queries.common import UnknownPlace, places, resolve_place, resolve_places
from policykg.queries.listing import resolve_plans, targets, tasks
from policykg.queries.overload import FORMULA as OVERLOAD_FORMULA
from policykg.queries.overload import overload
from policykg.queries.sources import gaps, sources
from policykg.queries.sparql import QueryError, bind, load_query, query_names, run
from policykg.queries.trace import AmbiguousTask, TaskNotFound, find_tasks, trace, trace_tasks

__all__ = ["AmbiguousTask", "OVERLOAD_FORMULA", "QueryError", "TaskNotFound", "UnknownPlace", "bind", "due_years",
           "falls_due", "find_tasks", "gaps", "load_query", "overload", "places", "query_names", "read_sparql",
           "resolve_place", "resolve_places", "resolve_plans", "run", "sources", "sparql_query", "targets", "tasks",
           "trace", "trace_tasks"]
