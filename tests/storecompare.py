"""Comparing stores in tests: what a build wrote, without when it read the files."""
from __future__ import annotations

from pathlib import Path

from policykg.graph.store import open_store


def content_quads(location: Path) -> set:
    """The store's quads but the files' size and time stamps (when a file was read, not what it says)
    and the state index that lists them."""
    from policykg.graph.namespaces import PKG

    store = open_store(location, create=False)
    try:
        return {q for q in store.quads() if q[1] not in (PKG.sourceSize, PKG.sourceModified, PKG.stateIndex)}
    finally:
        store.close()
