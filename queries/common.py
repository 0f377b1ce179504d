"""What several questions share: places, agencies and documents looked up by name."""
from __future__ import annotations

import hashlib
import threading
import weakref
from typing import Any, Callable, Iterable, TypeVar

import pandas as pd
from rdflib import Literal, URIRef

from policykg.graph.store import GraphStore
from policykg.queries.sparql import QueryError, iri, run
from policykg.queries.text import Matcher
from policykg.vietnamese.keys import exact_key, loose_key, search_needle

T = TypeVar("T")
# Per store object: name -> (state key, value). Weak, so a closed store's lists go with it.
_MEMO: "weakref.WeakKeyDictionary[GraphStore, dict[str, tuple[str, Any]]]" = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def state_key(store: GraphStore) -> str | None:
    """A digest of the store's state index (every source file's content hash, written at the end
    of a build and invalidated by any graph write), or None when the store has no valid index.

    Equal keys mean the same files built by the same code, so a list read from the store under
    one key can be reused while the key holds. One lookup.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> state_key(open_store(":memory:")) is None
    True
    """
    from policykg.graph.namespaces import PKG
    from policykg.graph.store_api import STATE_GRAPH

    # The index is a base and the delta of the builds since it was written whole: both, or a
    # one-file build would leave the key as it was.
    _, rows = store.select(f"SELECT ?index ?delta WHERE {{ GRAPH <{STATE_GRAPH}> {{ <{STATE_GRAPH}> "
                           f"<{PKG.stateIndexValid}> true ; <{PKG.stateIndex}> ?index "
                           f"OPTIONAL {{ <{STATE_GRAPH}> <{PKG.stateIndexDelta}> ?delta }} }} }}")
    if len(rows) != 1:
        return None
    index, delta = rows[0]
    return hashlib.sha256(f"{index}\0{delta or ''}".encode("utf-8")).hexdigest()


def cached_by_state(store: GraphStore, name: str, make: Callable[[], T]) -> T:
    """``make()``, kept for this store object while its :func:`state_key` stays the same.

    For the store-wide lists a search reads whole (places, agency names, document titles): they
    change only when a build changes the store, which changes the state index. A store with no
    valid index (a build running, or one made by other means) is never cached.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> cached_by_state(open_store(":memory:"), "answer", lambda: 42)
    42
    """
    key = state_key(store)
    if key is None:
        return make()
    with _MEMO_LOCK:
        hit = _MEMO.get(store, {}).get(name)
    if hit is not None and hit[0] == key:
        return hit[1]
    value = make()
    with _MEMO_LOCK:
        _MEMO.setdefault(store, {})[name] = (key, value)
    return value


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
        ``place`` (IRI) and ``name``, sorted by name.

    Examples
    --------
    >>> from policykg.graph import open_store
    >>> places(open_store(":memory:")).columns.tolist()
    ['place', 'name']
    """
    return cached_by_state(store, "places", lambda: run(store, "places")).copy()


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
    if "://" not in name and not name.startswith("pkgid:"):
        # A name as the store writes it is looked up by its label (one place's cost); only a name
        # that is not, or that several places bear, is matched against the list of every place.
        import pyoxigraph as ox

        labels = f"{ox.Literal(name, language='vi')} {ox.Literal(name)}"
        _, rows = store.select("SELECT DISTINCT ?place WHERE { VALUES ?label { " + labels + " } "
                               "?place <http://www.w3.org/2004/02/skos/core#prefLabel> ?label ; "
                               "a <https://w3id.org/policykg/ns#Place> }")
        if len(rows) == 1:
            return URIRef(rows[0][0])
    known = places(store)
    if "://" in name or name.startswith("pkgid:"):
        wanted = str(iri(name))
        if wanted in set(known["place"]):
            return URIRef(wanted)
    several: list[str] = []
    for key in (lambda t: t, exact_key, loose_key):
        hits = [p for p, n in zip(known["place"], known["name"]) if key(n) == key(name)]
        if len(hits) == 1:
            return URIRef(hits[0])
        several = several or hits
    if several:  # "Xã Tân Phú" of two provinces, or "xa tan thanh" for "Tân Thành" and "Tân Thạnh"
        raise UnknownPlace(f"place {name!r} is more than one place: give its IRI, one of {', '.join(sorted(several))}")
    raise UnknownPlace(unknown_place_message(name, list(known["name"])))


def unknown_place_message(name: str, known: list[str], shown: int = 12) -> str:
    """The one line that says a place is unknown: the known names nearest to it first (a store of
    every commune knows thousands), and, when the name is the first words of known ones ("Kon" of
    "Kon Tum": ``--place Kon Tum`` typed without quotes), that it needs quotes.

    Examples
    --------
    >>> print(unknown_place_message("Kon", ["Kon Tum", "Lai Châu"]))
    unknown place 'Kon': a name of several words needs quotes (--place "Kon Tum"); known: Kon Tum, Lai Châu
    >>> unknown_place_message("Atlantis", [])
    "unknown place 'Atlantis' (known: none: the store is empty)"
    """
    import difflib

    if not known:
        return f"unknown place {name!r} (known: none: the store is empty)"
    folded = loose_key(name)
    by_key = {loose_key(n): n for n in sorted(known, reverse=True)}
    nearest = [by_key[k] for k in difflib.get_close_matches(folded, list(by_key), n=shown, cutoff=0)]
    begun = [n for n in sorted(known) if loose_key(n).startswith(folded + " ")]
    listed = list(dict.fromkeys(begun[:shown] + nearest))[:shown]
    more = f", and {len(known) - len(listed)} more" if len(known) > len(listed) else ""
    names = ", ".join(listed) + more
    if begun:
        return f'unknown place {name!r}: a name of several words needs quotes (--place "{begun[0]}"); known: {names}'
    return f"unknown place {name!r} (known: {names})"


def resolve_places(store: GraphStore, name: str | None) -> list[URIRef] | None:
    """The place a user names (:func:`resolve_place`) and the places that belong to it today, so
    a question by today's province finds the documents printed with an old one ("Quảng Ngãi"
    -> also "Kon Tum", merged in 2025); by the old name, the old place alone. None gives None.

    Every ``--place`` of the query commands is read through this function.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"}}], store)
    >>> [str(p).rsplit("/", 1)[-1] for p in resolve_places(store, "Quảng Ngãi")]
    ['quang-ngai', 'kon-tum']
    >>> [str(p).rsplit("/", 1)[-1] for p in resolve_places(store, "kon tum")]
    ['kon-tum']
    """
    where = resolve_place(store, name)
    if where is None:
        return None
    old = run(store, "places_merged", {"place": where})
    return [where] + sorted(URIRef(o) for o in old["old"]) if not old.empty else [where]


NATIONAL = "(trung ương)"


def place_names(store: GraphStore) -> dict[str, str]:
    """Place IRI -> name; ``""`` (the place of central plans in the queries) -> "(trung ương)"."""
    known = places(store)
    return {"": NATIONAL, **dict(zip(known["place"], known["name"]))}


def resolve_agencies(store: GraphStore, name: str) -> list[URIRef]:
    """The agencies or groups (in every place) a user's name stands for.

    An exact name (case, accents, "tỷ"/"tỉ" aside) wins; otherwise every agency whose name holds
    all the words.

    Raises
    ------
    QueryError
        No agency matches.
    """
    matcher = Matcher(name)
    needle = search_needle(name)
    found = run(store, "agencies", {"needle": Literal(needle) if needle else None})
    exact = [a for a, n in zip(found["agency"], found["name"]) if matcher.key_of(n) == matcher.key]
    hits = exact or [a for a, n in zip(found["agency"], found["name"]) if matcher.words(n)]
    if not hits:
        raise QueryError(f"no agency matches {name!r}")
    return sorted({URIRef(a) for a in hits})


def document_facts(store: GraphStore, docs: Iterable[str], names: dict[str, str] | None = None,
                   graphs: Iterable[str] | None = None) -> dict[str, dict]:
    """Identifier, label, kind, level, place name, date and loaded flag of each document.

    A document several files cite may carry several labels or kinds; the most specific label is
    kept (one that names a kind, then the shortest).

    Parameters
    ----------
    store : GraphStore
    docs : iterable of str
        Document IRIs.
    names : dict, optional
        Place IRI -> name, if the caller has it already (:func:`place_names`).
    graphs : iterable of str, optional
        Read the facts in these named graphs only (files known to mention the documents); a
        document none of them identifies is then looked up everywhere.

    Returns
    -------
    dict
        IRI -> ``{"doc", "id", "label", "kind", "central", "loaded", "place", "issued"}``.
    """
    docs = sorted({str(d) for d in docs})
    facts: dict[str, dict[str, Any]] = {d: {"doc": d, "id": None, "label": None, "kind": None, "central": False, "loaded": False,
                 "place": None, "issued": None} for d in docs}
    if not docs:
        return facts
    graphs = sorted({str(g) for g in graphs or [] if isinstance(g, str) and g})
    if graphs:
        rows = run(store, "documents_in", {"doc": [URIRef(d) for d in docs], "g": [URIRef(g) for g in graphs]})
        unseen = sorted(set(docs) - set(rows.loc[rows["key"].isin(["id", "label"]), "doc"]))
        if unseen:
            rows = pd.concat([rows, run(store, "documents", {"doc": [URIRef(d) for d in unseen]})])
    else:
        rows = run(store, "documents", {"doc": [URIRef(d) for d in docs]})
    for doc, key, val in rows.itertuples(index=False):
        fact = facts[doc]
        if key == "label":
            if fact["label"] is None or _label_rank(val) < _label_rank(fact["label"]):
                fact["label"] = val
        elif key in ("central", "loaded"):
            fact[key] = True
        elif fact[key] is None or str(val) < str(fact[key]):
            fact[key] = val
    if any(f["place"] for f in facts.values()):
        names = names if names is not None else place_names(store)
        for fact in facts.values():
            fact["place"] = names.get(fact["place"], fact["place"]) if fact["place"] else None
    for d, fact in facts.items():
        fact["label"] = fact["label"] or fact["id"] or d.rsplit("/", 1)[-1]
    return facts


def _label_rank(label: str | None) -> tuple[int, int, str]:
    if not label:
        return (2, 0, "")
    return (1 if label.startswith("Văn bản") else 0, len(label), label)


def doc_name(fact: dict) -> str:
    """A document as people cite it: its label ("Kết luận 91-KL/TW"), else its identifier."""
    return fact.get("label") or fact.get("id") or fact["doc"]
