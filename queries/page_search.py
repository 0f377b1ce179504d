"""Search over the documents and agencies of a store, for the web app's search box.

Words match as :class:`~policykg.queries.text.Matcher` matches them (accents aside when typed
without them), against lists of names read and folded once per state of the store
(:func:`~policykg.queries.common.cached_by_state`), not once per search.
"""
from __future__ import annotations

import pandas as pd

from policykg.graph.store import GraphStore
from policykg.queries.common import cached_by_state, doc_name, document_facts, place_names
from policykg.queries.pages import agencies_info
from policykg.queries.sparql import run
from policykg.queries.text import Matcher
from policykg.vietnamese.keys import exact_key, loose_key, search_needle, sparql_fold

DOCUMENT_COLUMNS = ["id", "document", "kind", "place", "issued", "loaded", "doc"]


def search_documents(store: GraphStore, text: str) -> pd.DataFrame:
    """Documents whose identifier, label or title holds all the words of ``text`` (accents aside
    when typed without them).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DOCUMENT_COLUMNS`, loaded documents first.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum"}, "implements": ["91-KL/TW"]}], store)
    >>> search_documents(store, "91-KL")["id"].tolist()
    ['91-KL/TW']
    """
    matcher = Matcher(text)
    hits = sorted({d for d, keys in _document_keys(store) if _holds(matcher, keys)})
    if not hits:
        return pd.DataFrame(columns=DOCUMENT_COLUMNS)
    facts = document_facts(store, hits, place_names(store))
    out = pd.DataFrame([{"id": f.get("id"), "document": doc_name(f), "kind": f.get("kind"), "place": f.get("place"),
                         "issued": f.get("issued"), "loaded": bool(f.get("loaded")), "doc": d}
                        for d, f in facts.items()], columns=DOCUMENT_COLUMNS)
    out = out.sort_values(["loaded", "place", "id"], ascending=[False, True, True], na_position="first")
    return out.reset_index(drop=True)


def search_agencies(store: GraphStore, text: str) -> pd.DataFrame:
    """Agencies and groups whose name holds all the words of ``text``, with their place.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~policykg.queries.pages.AGENCY_COLUMNS`; ``kind`` is "agency", "group" or "national".

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...     "tasks": [{"text": "Việc", "lead": ["Sở Y tế"]}]}], store)
    >>> search_agencies(store, "so y te")[["agency", "place", "kind"]].values.tolist()
    [['Sở Y tế', 'Kon Tum', 'agency']]
    """
    matcher = Matcher(text)
    needle = search_needle(text)
    # The needle is the word agencies.rq narrowed by in the store; kept, so the same names are found.
    hits = sorted({a for a, folded, keys in _agency_keys(store)
                   if (needle is None or needle in folded) and _holds(matcher, keys)})
    return agencies_info(store, hits)


def warm_search(store: GraphStore) -> None:
    """Read the lists :func:`search_agencies` and :func:`search_documents` match against, so the
    first search after a server starts does not pay for them (a server calls this in a thread).

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> warm_search(open_store(":memory:"))
    """
    _agency_keys(store)
    _document_keys(store)
    place_names(store)


# A name's two search keys (loose, exact), each as " word word " so a word is a substring test.
_Keys = tuple[str, str]


def _keys(text: str) -> _Keys:
    return f" {' '.join(loose_key(text).split())} ", f" {' '.join(exact_key(text).split())} "


def _holds(matcher: Matcher, keys: _Keys) -> bool:
    """As ``matcher.words(text)`` on the keys made once per text (a word of the key is a space-
    delimited substring of the padded key)."""
    key = keys[0] if matcher.loose else keys[1]
    return all(f" {t} " in key for t in matcher.required)


def _agency_keys(store: GraphStore) -> list[tuple[str, str, _Keys]]:
    """Every agency and group with its name folded as agencies.rq folds it and its search keys:
    read and folded once per state of the store, not once per search (29,000 names at 10,000
    documents)."""
    def read() -> list[tuple[str, str, _Keys]]:
        found = run(store, "page_agency_names")
        return [(a, sparql_fold(n), _keys(n)) for a, n in zip(found["agency"], found["name"]) if n is not None]
    return cached_by_state(store, "agency_keys", read)


def _document_keys(store: GraphStore) -> list[tuple[str, _Keys]]:
    """Every document's identifier and title with their search keys, once per state of the store."""
    def read() -> list[tuple[str, _Keys]]:
        found = run(store, "page_doc_search")
        return [(d, _keys(t)) for d, t in zip(found["doc"], found["text"]) if t is not None]
    return cached_by_state(store, "document_keys", read)
