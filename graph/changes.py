"""What a build changes: the states it starts from, the documents and places its writes touch, and
the state index it leaves for the next build.

:class:`Changes` reads every source graph's state in one lookup (the state index, else the graphs'
own marks), notes before and after each write what the graph holds (one small query of that graph),
and :func:`save_state_index` stores the states the build ends with: only what changed, as the
index's delta, while that stays small. The derived graphs are then refreshed from the notes
(:func:`policykg.graph.build.refresh_after_write`), so a build costs what changed.
"""
from __future__ import annotations

from policykg.graph.namespaces import PKG
from policykg.graph.sources import SOURCE_GRAPH_PREFIX
from policykg.graph.store_api import (
    GraphState,
    GraphStore,
    StateIndex,
    read_state_index_parts,
    state_delta_request,
    state_index_request,
)
from policykg.graph.summary import digest_of_sum, file_term, state_value, stored_digest
from policykg.graph.summary_facts import EMPTY, FactLog, facts_query, parse_facts

__all__ = ["DELTA_MIN", "DELTA_SHARE", "Changes", "read_states", "save_state_index"]

# The state index's delta is written alone while it holds at most this share of the base's entries
# (or DELTA_MIN entries); past that the whole index is written again and the delta starts empty.
DELTA_SHARE = 0.125
DELTA_MIN = 64


class Changes:
    """The documents and places a build's writes touch, before and after each write, so the
    derived graphs are refreshed for those only
    (:func:`~policykg.graph.build.refresh_after_write`).

    Parameters
    ----------
    store : GraphStore
    states : dict, optional
        Graph IRI -> :class:`~policykg.graph.store_api.GraphState` as read at the start of the
        build (:meth:`GraphStore.graph_states`); kept up to date by :meth:`wrote`.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> from policykg.graph.sources import source_iri
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"}}], store)
    >>> changes = Changes(store)
    >>> list(changes.states) == [source_iri("a.txt")], changes.index is not None, changes.summary_was_current
    (True, True, True)
    >>> changes.before(source_iri("a.txt"))
    >>> [p.rsplit("/", 1)[-1] for p in changes.places]
    ['kon-tum']
    """

    def __init__(self, store: GraphStore, states: dict[str, GraphState] | None = None) -> None:
        self.store = store
        self.index: StateIndex | None = read_state_index_parts(store) if states is None else None
        self.states = dict(self.index.states if self.index is not None else read_states(store) if states is None
                           else states)
        # The sum the files' digest is taken of, kept as files change (one term a file), so the
        # digest never needs every file's state hashed again; None until counted.
        self.total = self.index.total if self.index is not None else None
        if self.total is None:
            self.total = _total(self.states)
        self.summary_was_current = stored_digest(store) == self.digest()
        self.docs: set[str] = set()
        self.places: set[str] = set()
        self.graphs: set[str] = set()
        self.restated: set[str] = set()
        self.facts = FactLog()  # what the changed graphs held, for the kept stats

    def before(self, graph_iri: str) -> None:
        """Note what ``graph_iri`` holds now, before it is replaced or dropped (a graph the build
        has no state of is new, and holds nothing)."""
        if graph_iri in self.states:
            self.note(graph_iri)

    def wrote(self, graph_iri: str, state: GraphState | None) -> None:
        """Note what ``graph_iri`` holds after a write (``state`` None: it was dropped)."""
        self.graphs.add(graph_iri)
        self.total = _moved(self.total, graph_iri, self.states.get(graph_iri), state)
        if state is None:
            self.states.pop(graph_iri, None)
            self.facts.saw(graph_iri, EMPTY, after=True)
            return
        self.states[graph_iri] = state
        self.note(graph_iri)

    def digest(self) -> str | None:
        """The digest of every source file's content and code now
        (:func:`policykg.graph.summary.sources_digest`); None while a file has no hash."""
        if self.total is None:  # a file without a hash was written or dropped: counted again
            self.total = _total(self.states)
        return None if self.total is None else digest_of_sum(self.total)

    def note(self, graph_iri: str) -> None:
        """Add the documents ``graph_iri`` types and the places it names, and keep what the
        stats count of it (:class:`~policykg.graph.summary_facts.FactLog`): before the build's
        first write of it, or after its last."""
        # One small query of one graph: the nodes it types, places, plans and loads, its size.
        facts = parse_facts(self.store.select(facts_query(graph_iri))[1])
        self.docs.update(n for n, c in facts.types if c == str(PKG.Document))
        self.places.update(p for _, p in facts.placed)
        self.facts.saw(graph_iri, facts, after=graph_iri in self.graphs)


def read_states(store: GraphStore) -> dict[str, GraphState]:
    """Every graph's state from the graphs' own marks (one pass per mark), with every source graph
    listed, an empty state for one with no marks (loaded by other means)."""
    states = store.graph_states()
    for graph in store.graph_names():
        if graph.startswith(SOURCE_GRAPH_PREFIX) and graph not in states:
            states[graph] = GraphState()
    return states


def save_state_index(store: GraphStore, changes: Changes) -> None:
    """Store the build's states as the state index, when they differ from the one the build read
    (one request, so the next build reads them in one lookup).

    A build that read a valid index writes only what it changed, as the index's delta, while the
    delta stays small beside the base (:data:`DELTA_SHARE`); past that, or without a valid index,
    every state is written whole. So the write costs the change, and the read stays one lookup.
    """
    touched = {g for g in changes.graphs | changes.restated if g.startswith(SOURCE_GRAPH_PREFIX)}
    index = changes.index
    if index is not None and not touched and index.total is not None:
        return
    changes.digest()  # the total counted again if a write left it unknown
    if index is not None:
        delta = {**index.delta, **{g: changes.states.get(g) for g in touched
                                   if changes.states.get(g) != index.states.get(g)}}
        if len(delta) <= max(DELTA_MIN, DELTA_SHARE * index.base_size):
            store.update(state_delta_request(delta, changes.total))
            return
    source = {g: s for g, s in changes.states.items() if g.startswith(SOURCE_GRAPH_PREFIX)}
    store.update(state_index_request(source, changes.total))


def _term(graph: str, state: GraphState) -> int | None:
    """A source file's term of the digest; None when it has no hash."""
    value = state_value(state)
    return None if value is None else file_term(graph, value)


def _total(states: dict[str, GraphState]) -> int | None:
    """The sum of every source file's term of the digest; None when a file has no hash."""
    total = 0
    for graph, state in states.items():
        if graph.startswith(SOURCE_GRAPH_PREFIX):
            term = _term(graph, state)
            if term is None:
                return None
            total += term
    return total % 2 ** 256


def _moved(total: int | None, graph: str, old: GraphState | None, new: GraphState | None) -> int | None:
    """``total`` after ``graph`` went from ``old`` to ``new`` (None: absent); None when it must be
    counted again (a file without a hash on either side)."""
    if total is None or not graph.startswith(SOURCE_GRAPH_PREFIX):
        return total
    for state, sign in ((old, -1), (new, 1)):
        if state is not None:
            term = _term(graph, state)
            if term is None:
                return None
            total += sign * term
    return total % 2 ** 256
