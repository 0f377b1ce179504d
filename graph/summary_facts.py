"""What one version of one source graph says that the kept stats depend on
(:mod:`policykg.graph.summary_stats`), read by one small query per graph write.

:class:`policykg.graph.changes.Changes` runs :func:`facts_query` before a graph is replaced or
dropped and after it is written (in place of its own query: the documents it types and the
places it names are among these facts), and keeps them in a :class:`FactLog`: each changed graph
as the build found it and as it left it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from policykg.graph.namespaces import PKG
from policykg.graph.stats import CLASSES
from policykg.graph.store_api import MARKS

# Past this many changed graphs one scan beats tracking every node they hold.
LIMIT = 500
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"

_P = f"<{PKG}"
_CLASS_VALUES = " ".join(f"{_P}{c}>" for c in CLASSES)
_MARK_VALUES = ", ".join(f"<{m}>" for m in MARKS.values())


@dataclass
class Facts:
    """What one version of one source graph says that the counts depend on."""

    types: set[tuple[str, str]] = field(default_factory=set)  # (node, class IRI), classes of CLASSES
    placed: set[tuple[str, str]] = field(default_factory=set)  # (node, place)
    tasks: set[tuple[str, str]] = field(default_factory=set)  # (plan, task or target)
    loaded: set[str] = field(default_factory=set)  # documents it loads (pkg:loaded true)
    labels: set[tuple[str, str]] = field(default_factory=set)  # (place, label) of the places it types
    content: int = 0  # its quads, its marks aside


EMPTY = Facts()


def facts_query(graph_iri: str) -> str:
    """The one query of one graph that :class:`~policykg.graph.changes.Changes` runs before and
    after each write: rows ``(kind, a, b)``."""
    g = f"<{graph_iri}>"
    return (f"SELECT ?k ?a ?b WHERE {{ GRAPH {g} {{ "
            f"{{ VALUES ?b {{ {_CLASS_VALUES} }} ?a a ?b BIND(\"t\" AS ?k) }} "
            f"UNION {{ ?a {_P}place> ?b BIND(\"p\" AS ?k) }} "
            f"UNION {{ ?a {_P}hasTask> ?b BIND(\"h\" AS ?k) }} UNION {{ ?a {_P}hasTarget> ?b BIND(\"h\" AS ?k) }} "
            f"UNION {{ ?a {_P}loaded> true BIND(\"l\" AS ?k) }} "
            f"UNION {{ ?a a {_P}Place> ; <{SKOS_LABEL}> ?b BIND(\"n\" AS ?k) }} "
            f"UNION {{ {{ SELECT (COUNT(*) AS ?a) WHERE {{ ?s ?p ?o "
            f"FILTER(?s != {g} || ?p NOT IN ({_MARK_VALUES})) }} }} BIND(\"q\" AS ?k) }} }} }}")


def parse_facts(rows: Iterable[tuple[Any, ...]]) -> Facts:
    """The rows of :func:`facts_query` as :class:`Facts`.

    Examples
    --------
    >>> f = parse_facts([("t", "urn:a", "urn:C"), ("p", "urn:a", "urn:p"), ("q", 7, None)])
    >>> f.types, f.placed, f.content
    ({('urn:a', 'urn:C')}, {('urn:a', 'urn:p')}, 7)
    """
    facts = Facts()
    for kind, a, b in rows:
        if kind == "t":
            facts.types.add((str(a), str(b)))
        elif kind == "p":
            facts.placed.add((str(a), str(b)))
        elif kind == "h":
            facts.tasks.add((str(a), str(b)))
        elif kind == "l":
            facts.loaded.add(str(a))
        elif kind == "n":
            facts.labels.add((str(a), str(b)))
        elif kind == "q":
            facts.content = int(a)
    return facts


class FactLog:
    """The facts of each changed graph as the build found it (its first version) and as it left
    it (its last), or nothing once more than :data:`LIMIT` graphs changed (the build scans then)."""

    def __init__(self) -> None:
        self.before: dict[str, Facts] = {}
        self.after: dict[str, Facts] = {}
        self.overflow = False

    def saw(self, graph_iri: str, facts: Facts, after: bool) -> None:
        """Keep ``facts`` of ``graph_iri``: after a write (``after``), or before the build's first."""
        if self.overflow:
            return
        if after:
            self.after[graph_iri] = facts
            self.before.setdefault(graph_iri, EMPTY)  # a graph new to the store held nothing
        else:
            self.before.setdefault(graph_iri, facts)
        if len(self.before) > LIMIT:
            self.overflow = True
            self.before, self.after = {}, {}


def union(facts: list[Facts]) -> Facts:
    """The facts of several graphs together (their quads aside)."""
    out = Facts()
    for f in facts:
        out.types |= f.types
        out.placed |= f.placed
        out.tasks |= f.tasks
        out.loaded |= f.loaded
        out.labels |= f.labels
    return out


__all__ = ["EMPTY", "LIMIT", "SKOS_LABEL", "FactLog", "Facts", "facts_query", "parse_facts", "union"]
