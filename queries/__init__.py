"""policykg.queries: the questions asked of the graph, one SPARQL file each, answered as DataFrames.

>>> from policykg.queries import trace, overload, tasks, targets, sources, gaps, sparql_query
"""
from policykg.queries.common import UnknownPlace, places, resolve_place
from policykg.queries.sparql import QueryError, bind, load_query, query_names, run
from policykg.queries.trace import AmbiguousTask, TaskNotFound, find_tasks, trace, trace_tasks

__all__ = ["AmbiguousTask", "QueryError", "TaskNotFound", "UnknownPlace", "bind", "find_tasks", "load_query",
           "places", "query_names", "resolve_place", "run", "trace", "trace_tasks"]
