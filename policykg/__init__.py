"""policykg: a knowledge graph of Vietnamese policy documents.

The public API a notebook user needs; each CLI command is a thin shell over one of these.

>>> from policykg import extract_file          # one document -> extraction record (GUIDE.md)
>>> from policykg import trace, overload       # questions to the graph -> pandas DataFrames

The rooms of the package are top-level folders of the repository, installed as subpackages
(setup.cfg ``package_dir``), lowest layer first; a room imports only rooms below it
(``tests/test_layers.py``):

==========================  =======================
package                     folder
==========================  =======================
``policykg.vietnamese``     ``vietnamese/``
``policykg.loaders``        ``loaders/``
``policykg.ontology``       ``ontology/``
``policykg.graph``          ``graph/``
``policykg.queries``        ``queries/``
``policykg.viz``            ``viz/``
``policykg.check``          ``check/``
``policykg.sample``         ``sample/``
``policykg`` (front door)   ``policykg/``
==========================  =======================
"""
# The loaders and the queries (pandas, rdflib) load on first use, so `policykg --help` stays fast.
_LOADERS = ("extract_file", "extract_text", "guide_record")
_QUERIES = ("trace", "overload", "tasks", "targets", "sources", "gaps", "sparql_query")

__all__ = [*_LOADERS, *_QUERIES]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _LOADERS:
        from policykg import loaders

        return getattr(loaders, name)
    if name in _QUERIES:
        from policykg import queries

        return getattr(queries, name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
