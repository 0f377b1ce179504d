"""policykg.graph: extraction records -> one knowledge graph in an embedded Oxigraph store.

Files and extraction are not this layer's: :mod:`policykg.pipeline` reads files, runs the loaders
and hands the records here (``policykg.pipeline.build_files``).

Modules, one job each:

- :mod:`namespaces`  vocabulary and resource namespaces (``pkg:``, ``pkgid:``, ELI, ORG, PROV ...)
- :mod:`text`, :mod:`places`, :mod:`documents`, :mod:`agencies`  deterministic IRIs: central
  documents and national bodies are one node, local ones are scoped by place
- :mod:`convert`     one record -> the triples of its source file's named graph
- :mod:`store`       the store interface and its Oxigraph implementation
- :mod:`store_api`   the store interface, its errors and request text, shared by both stores
- :mod:`build`       records -> store, incremental by content hash; derived graphs for what changed
- :mod:`summary`     the load summary (per place and agency), counted by ``agency_load.rq``
- :mod:`validate`    SHACL check against ``ontology/shapes.ttl``
- :mod:`nx_view`, :mod:`stats`, :mod:`export`  networkx view, counts, serialisations

>>> from policykg.graph import build_records, open_store
>>> store = open_store(":memory:")
>>> build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"}}], store).built
['a.txt']
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each public name and the module that defines it. They load on first use, so a command that needs
# only the store (an unchanged rebuild, a query) never imports networkx, rdflib's serialisers or
# the SHACL validator.
_EXPORTS = {
    "BuildResult": "build", "build_records": "build", "forget_source": "build",
    "RecordGraph": "convert", "record_to_graph": "convert",
    "FORMATS": "export", "export_bytes": "export",
    "to_networkx": "nx_view",
    "GraphStats": "stats", "graph_stats": "stats",
    "GraphStore": "store", "OxigraphStore": "store", "StoreError": "store", "open_store": "store",
    "ValidationReport": "validate", "validate_store": "validate",
}

__all__ = [
    "BuildResult", "FORMATS", "GraphStats", "GraphStore", "OxigraphStore", "RecordGraph", "StoreError",
    "ValidationReport", "build_records", "export_bytes", "forget_source", "graph_stats", "open_store",
    "record_to_graph", "to_networkx", "validate_store",
]

if TYPE_CHECKING:
    from policykg.graph.build import BuildResult, build_records, forget_source
    from policykg.graph.convert import RecordGraph, record_to_graph
    from policykg.graph.export import FORMATS, export_bytes
    from policykg.graph.nx_view import to_networkx
    from policykg.graph.stats import GraphStats, graph_stats
    from policykg.graph.store import GraphStore, OxigraphStore, StoreError, open_store
    from policykg.graph.validate import ValidationReport, validate_store


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f"policykg.graph.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'policykg.graph' has no attribute {name!r}")
