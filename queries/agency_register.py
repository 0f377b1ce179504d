"""The agency register: each body the graph knows, with what it belongs to and what it is given.

One row per agency node (identities as :mod:`policykg.graph.agencies` keys them): a division
("Phòng Kế hoạch - Tài chính") under its parent body, a provincial body under its province, a
national body once, collective groups apart. ``policykg agencies`` prints it.
"""
from __future__ import annotations

import pandas as pd
from rdflib import URIRef

from policykg.graph.store import GraphStore
from policykg.queries.common import NATIONAL, resolve_places
from policykg.queries.sparql import run

COLUMNS = ["place", "place_today", "kind", "agency", "parent", "in_gazetteer", "aliases", "led", "supported",
           "implemented", "tasks", "agency_iri"]
COUNTS = ["led", "supported", "implemented", "tasks"]
# What the parent column says of a division whose parent no document names.
UNKNOWN_PARENT = "(không rõ)"


def agency_register(store: GraphStore, *, place: str | None = None, unknown: bool = False) -> pd.DataFrame:
    """Every agency and group with its place, parent, aliases seen and task counts by role.

    Parameters
    ----------
    store : GraphStore
    place : str, optional
        Only the bodies of this place, named as printed ("Kon Tum") or as the province it belongs
        to today ("Quảng Ngãi" finds Kon Tum's bodies too); accents optional.
    unknown : bool
        Only the names the agency gazetteer lacks (read by their head words and shape): what to
        add with ``--gazetteer``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``place`` (empty for national bodies: "(trung ương)"),
        ``place_today`` (the province since the 2025 merger, when another), ``kind`` (agency,
        division, national, group), ``parent`` (a division's parent body; "(không rõ)" when no
        document names it), ``in_gazetteer``, ``aliases`` (names as printed, " | " between),
        task counts by role. Sorted by place, kind, name.

    Raises
    ------
    UnknownPlace
        ``place`` is not in the store.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-SCT", "place": "Kon Tum",
    ...     "issuer": "Sở Công Thương tỉnh Kon Tum"},
    ...     "tasks": [{"text": "Việc một", "lead": ["Phòng Kế hoạch - Tài chính"], "support": ["Sở Y tế"]}]}], store)
    >>> agency_register(store)[["agency", "kind", "parent", "led", "supported"]].values.tolist()
    [['Sở Công Thương', 'agency', '', 0, 0], ['Sở Y tế', 'agency', '', 0, 1], ['Phòng Kế hoạch - Tài chính', 'division', 'Sở Công Thương', 1, 0]]
    >>> agency_register(store, place="Quảng Ngãi")["place_today"].unique().tolist()
    ['Quảng Ngãi']
    """
    where = [str(p) for p in resolve_places(store, place) or []] if place else None
    rows = run(store, "agency_register")
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    if where is not None:
        rows = rows[rows["place"].isin(where)]
    if unknown:
        rows = rows[rows["known"].map(_false)]
    frame = pd.DataFrame({
        "place": rows["placeName"].fillna(NATIONAL),
        "place_today": rows["currentName"].fillna(""),
        "kind": [_kind(c, p, u, pl) for c, p, u, pl in
                 zip(rows["class"], rows["parentName"], rows["parentUnknown"], rows["placeName"])],
        "agency": rows["name"],
        "parent": [p if isinstance(p, str) else (UNKNOWN_PARENT if _true(u) else "")
                   for p, u in zip(rows["parentName"], rows["parentUnknown"])],
        "in_gazetteer": [not _false(k) for k in rows["known"]],
        "aliases": rows["aliases"].fillna(""),
        "agency_iri": rows["agency"],
    })
    for col in COUNTS:
        frame[col] = rows[col].fillna(0).astype(int).values
    frame = frame.sort_values(["place", "kind", "agency"], key=_order)
    return frame[COLUMNS].reset_index(drop=True)


def with_merged_places(store: GraphStore, place: URIRef | None) -> list[URIRef] | None:
    """A place and the places that belong to it today ("Quảng Ngãi" -> also "Kon Tum"), for a
    query's ``?place`` parameter; None stays None (every place).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> from policykg.graph.places import place_iri
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"}}], store)
    >>> [str(p).rsplit("/", 1)[-1] for p in with_merged_places(store, URIRef(place_iri("Quảng Ngãi")))]
    ['quang-ngai', 'kon-tum']
    """
    return resolve_places(store, str(place)) if place is not None else None


def unknown_names_line(store: GraphStore, limit: int = 12) -> str | None:
    """The build summary's line naming the agencies read but not in the gazetteer, or None.

    Parameters
    ----------
    store : GraphStore
    limit : int
        How many names to print before "…".

    Returns
    -------
    str or None
        ``agencies read but not known: A, B, … (N names; policykg agencies --unknown lists them,
        README "Agency names" says how to add them)``; None when every name is known or the
        store cannot answer.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH", "place": "Kon Tum"},
    ...     "tasks": [{"text": "Việc", "lead": ["Trung tâm Khuyến công", "Sở Y tế"]}]}], store)
    >>> unknown_names_line(store)
    'agencies read but not known: Trung tâm Khuyến công (1 name; policykg agencies --unknown lists them, README "Agency names" says how to add them)'
    """
    from policykg.graph.store import StoreError
    from policykg.queries.sparql import QueryError

    try:
        names = run(store, "agency_unknown")
    except (QueryError, StoreError):
        return None  # a line of the summary never fails the build it follows
    if names.empty:
        return None
    shown = [str(n) for n in names["name"][:limit]] + (["…"] if len(names) > limit else [])
    count = f"{len(names)} name" + ("s" if len(names) != 1 else "")
    return (f"agencies read but not known: {', '.join(shown)} ({count}; policykg agencies --unknown lists "
            'them, README "Agency names" says how to add them)')


def _kind(cls: object, parent: object, parent_unknown: object, place: object) -> str:
    if str(cls).endswith("#AgencyGroup"):
        return "group"
    if isinstance(parent, str) or _true(parent_unknown):
        return "division"
    return "agency" if isinstance(place, str) else "national"


def _true(value: object) -> bool:
    return str(value).lower() in ("true", "1")


def _false(value: object) -> bool:
    return str(value).lower() in ("false", "0")


def _order(column: pd.Series) -> pd.Series:
    if column.name == "kind":
        return column.map({"agency": 0, "division": 1, "national": 2, "group": 3})
    return column.map(lambda v: str(v).casefold())
