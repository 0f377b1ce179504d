"""The named graphs of source files: each file's graph is named by the file's name alone (not its
folder), so moving a corpus keeps its graphs, and the name can be read back from the graph.
"""
from __future__ import annotations

from urllib.parse import quote, unquote

from policykg.graph.namespaces import ID
from policykg.vietnamese.tones import nfc_squeezed as nfc

__all__ = ["SOURCE_GRAPH_PREFIX", "source_iri", "source_name"]

# Every source file's named graph is under this IRI (see :func:`source_iri`).
SOURCE_GRAPH_PREFIX = f"{ID}source/"


def source_iri(source: str) -> str:
    """The IRI of a source file, which is also the name of its graph.

    The file name alone (not its folder) names it, so moving the corpus keeps the graphs.

    Examples
    --------
    >>> source_iri("000_e9a555e437f53403.txt")
    'https://w3id.org/policykg/id/source/000_e9a555e437f53403.txt'
    >>> source_iri("kế hoạch.txt")
    'https://w3id.org/policykg/id/source/k%E1%BA%BF%20ho%E1%BA%A1ch.txt'
    """
    name = nfc(source).replace("\\", "/").rsplit("/", 1)[-1]
    return f"{SOURCE_GRAPH_PREFIX}{quote(name, safe='-._~')}"


def source_name(graph_iri: str) -> str | None:
    """The source name a source graph's IRI was made from (:func:`source_iri`), None for another graph.

    Examples
    --------
    >>> source_name(source_iri("kế hoạch.txt")), source_name("urn:other")
    ('kế hoạch.txt', None)
    """
    if not graph_iri.startswith(SOURCE_GRAPH_PREFIX):
        return None
    return unquote(graph_iri[len(SOURCE_GRAPH_PREFIX):])
