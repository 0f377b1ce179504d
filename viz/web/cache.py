"""The store as the app sees it: the same store, with the answers to a few store-wide questions
kept for a while.

Every library function that takes a place name looks the places up first (``queries/places.rq``:
0.2 s on 10,000 documents, several times a page). The app's store is opened read-only, so those
answers only change when the store is rebuilt; they are kept :data:`SECONDS` seconds.
"""
from __future__ import annotations

import threading
import time
from typing import Any

from policykg.graph.store import GraphStore
from policykg.queries.sparql import load_query

SECONDS = 300.0
KEPT = ("places",)


class KeptAnswers:
    """A :class:`~policykg.graph.GraphStore` whose SELECTs of :data:`KEPT` queries are kept.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> store = KeptAnswers(open_store(":memory:"))
    >>> store.select(load_query("places")) is store.select(load_query("places"))
    True
    """

    def __init__(self, store: GraphStore, seconds: float = SECONDS) -> None:
        self.store = store
        self.seconds = seconds
        self.kept_texts = {load_query(name) for name in KEPT}
        self._kept: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def select(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """As the store's ``select``; a kept query's answer is reused for :attr:`seconds`."""
        if sparql not in self.kept_texts:
            return self.store.select(sparql)
        with self._lock:
            hit = self._kept.get(sparql)
        if hit is not None and time.monotonic() - hit[0] < self.seconds:
            return hit[1]
        answer = self.store.select(sparql)
        with self._lock:
            self._kept[sparql] = (time.monotonic(), answer)
        return answer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)
