"""policykg: a knowledge graph of Vietnamese policy documents.

The public API a notebook user needs; each CLI command is a thin shell over one of these.

>>> from policykg import extract_file          # one document -> extraction record (GUIDE.md)
>>> from policykg import trace, overload       # questions to the graph -> pandas DataFrames
"""
from policykg.loaders import extract_file, extract_text, guide_record

# The queries (policykg.queries) load on first use, so importing the loaders stays light.
_QUERIES = ("trace", "overload", "tasks", "targets", "sources", "gaps", "sparql_query")

__all__ = ["extract_file", "extract_text", "guide_record", *_QUERIES]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _QUERIES:
        from policykg import queries

        return getattr(queries, name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
