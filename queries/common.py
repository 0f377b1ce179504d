"""What several questions share: places, agencies and documents looked up by name."""
from __future__ import annotations

from typing import Iterable

import pandas as pd
from rdflib import URIRef

from policykg.graph.store import GraphStore
from policykg.queries.sparql import QueryError, iri, run
from policykg.queries.text import Matcher, exact_key, loose_key


class UnknownPlace(QueryError):
    """A place the store does not know."""


def places(store: GraphStore) -> pd.DataFrame:
    """The places in the store.

    Parameters
    ----------
    store : GraphStore

    Returns
    -------
    pandas.DataFrame
        ``place`` (IRI), ``name``, ``loaded`` (number of loaded documents of that place).

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> places(open_store(":memory:")).columns.tolist()
    ['place', 'name', 'loaded']
    """
    return run(store, "places")


def resolve_place(store: GraphStore, name: str | None) -> URIRef | None:
    """The IRI of a place named by the user: exact name first, then case- and accent-insensitive.

    Parameters
    ----------
    store : GraphStore
    name : str or None
        "Kon Tum", "kon tum", "Lam Dong", "Thành phố Lai Châu", or a place IRI. None gives None.

    Returns
    -------
    URIRef or None

    Raises
    ------
    UnknownPlace
        ``unknown place 'X' (known: ...)``.
    """
    if name is None:
        return None
    known = places(store)
    if "://" in name or name.startswith("pkgid:"):
        wanted = str(iri(name))
        if wanted in set(known["place"]):
            return URIRef(wanted)
    for key in (lambda t: t, exact_key, loose_key):
        hits = [p for p, n in zip(known["place"], known["name"]) if key(n) == key(name)]
        if len(hits) == 1:
            return URIRef(hits[0])
    names = ", ".join(sorted(known["name"])) or "none: the store is empty"
    raise UnknownPlace(f"unknown place {name!r} (known: {names})")


def place_names(store: GraphStore) -> dict[str, str]:
    """Place IRI -> name."""
    known = places(store)
    return dict(zip(known["place"], known["name"]))


def resolve_agencies(store: GraphStore, name: str, place: URIRef | None = None) -> list[URIRef]:
    """The agencies or groups a user's name stands for (in every place, or one).

    An exact name (case, accents, "tỷ"/"tỉ" aside) wins; otherwise every agency whose name holds
    all the words.

    Raises
    ------
    QueryError
        No agency matches.
    """
    found = run(store, "agencies", {"place": place})
    if found.empty:
        raise QueryError("no agency holds a task" + (" in that place" if place is not None else ""))
    matcher = Matcher(name)
    exact = [a for a, n in zip(found["agency"], found["name"]) if matcher.key_of(n) == matcher.key]
    hits = exact or [a for a, n in zip(found["agency"], found["name"]) if matcher.words(n)]
    if not hits:
        raise QueryError(f"no agency matches {name!r}")
    return sorted({URIRef(a) for a in hits})


def document_facts(store: GraphStore, docs: Iterable[str]) -> dict[str, dict]:
    """Identifier, label, kind, level, place and loaded flag of each document, one dict each.

    A document several files cite may carry several labels; the most specific one is kept (one
    that names a kind, then the shortest).
    """
    docs = sorted({str(d) for d in docs})
    if not docs:
        return {}
    rows = run(store, "documents", {"doc": [URIRef(d) for d in docs]})
    facts: dict[str, dict] = {}
    for row in rows.to_dict("records"):
        current = facts.get(row["doc"])
        if current is None or _label_rank(row.get("label")) < _label_rank(current.get("label")):
            facts[row["doc"]] = row
    for d in docs:
        facts.setdefault(d, {"doc": d, "id": None, "label": d.rsplit("/", 1)[-1], "kind": None,
                             "central": False, "loaded": False, "place": None, "issued": None})
    return facts


def _label_rank(label: str | None) -> tuple[int, int, str]:
    if not label:
        return (2, 0, "")
    return (1 if label.startswith("Văn bản") else 0, len(label), label)


def doc_name(fact: dict) -> str:
    """A document as people cite it: its label ("Kết luận 91-KL/TW"), else its identifier."""
    return fact.get("label") or fact.get("id") or fact["doc"]
