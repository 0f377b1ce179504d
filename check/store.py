"""Plans rebuilt from the graph store, so ``policykg check --store`` can run the record checks.

Each source file's named graph gives back the record it was built from, read by the graph layer's
own reverse of the conversion (:func:`policykg.graph.records.records_from_store`), so the check
and the build cannot disagree on where a field is kept. The text itself is not in the store, so
checks that read lines or the outline (count mismatches, coverage gaps) have nothing to work on
there.
"""
from __future__ import annotations

from policykg.check.model import Plan
from policykg.graph.records import records_from_store
from policykg.graph.store import GraphStore


def plans_from_store(store: GraphStore) -> list[Plan]:
    """One :class:`Plan` per loaded source file, its record rebuilt from the graph.

    Parameters
    ----------
    store : GraphStore

    Returns
    -------
    list of Plan
        Sorted by source name; ``file`` is the source name; no text or outline.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> rec = {"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "place": "Kon Tum"},
    ...        "implements": ["91-KL/TW"], "tasks": [{"text": "Rà soát", "lead": ["Sở Y tế"], "line": 7}]}
    >>> _ = build_records([rec], store)
    >>> plan = plans_from_store(store)[0]
    >>> plan.file, plan.record["implements"], plan.record["tasks"][0]["lead"], plan.record["tasks"][0]["line"]
    ('a.txt', ['91-KL/TW'], ['Sở Y tế'], 7)
    """
    return [Plan(record["source"], record) for record in records_from_store(store)]
