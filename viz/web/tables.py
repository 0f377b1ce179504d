"""Tables of a page: what is shown (with links to other pages) and what is downloaded (the whole
DataFrame, with the CLI's ``--format`` columns), and the stable URL of every thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd

from policykg.graph.namespaces import ID
from policykg.queries.formats import to_bytes

MAX_SHOWN = 500
DOWNLOADS = ("csv", "xlsx")
# A page kind -> the part of the IRI after the namespace that its path leaves out.
_PREFIX = {"task": "doc/", "doc": "doc/", "coverage": "doc/", "agency": "agency/", "place": "place/"}


def url_for(kind: str, iri: str | None) -> str | None:
    """The page of a thing: ``/doc/91-kl-tw`` for ``pkgid:doc/91-kl-tw``; ``/doc?iri=…`` for an IRI
    outside the namespace. None for no IRI.

    Examples
    --------
    >>> url_for("doc", "https://w3id.org/policykg/id/doc/91-kl-tw")
    '/doc/91-kl-tw'
    >>> url_for("task", "https://w3id.org/policykg/id/doc/kon-tum/1-kh/task/7")
    '/task/kon-tum/1-kh/task/7'
    >>> url_for("doc", "urn:x y")
    '/doc?iri=urn%3Ax+y'
    """
    if not iri or not isinstance(iri, str):
        return None
    head = str(ID) + _PREFIX[kind]
    if iri.startswith(head) and len(iri) > len(head):
        return f"/{kind}/" + quote(iri[len(head):], safe="/-_.~")
    return f"/{kind}?" + urlencode({"iri": iri})


def iri_from_path(kind: str, rest: str) -> str:
    """The IRI a page path stands for (the inverse of :func:`url_for`).

    Examples
    --------
    >>> iri_from_path("agency", "kon-tum/so-y-te")
    'https://w3id.org/policykg/id/agency/kon-tum/so-y-te'
    """
    return str(ID) + _PREFIX[kind] + rest


@dataclass
class Table:
    """One table of a page.

    ``frame`` is downloaded whole; ``columns`` are the ones shown; ``links`` maps a shown column
    to (page kind, column holding the IRI) so its cells link to that thing's page.
    """

    name: str
    title: str
    frame: pd.DataFrame
    columns: list[str] = field(default_factory=list)
    links: dict[str, tuple[str, str]] = field(default_factory=dict)
    note: str | None = None

    def shown_columns(self) -> list[str]:
        """The columns shown on the page, in order."""
        return [c for c in (self.columns or list(self.frame.columns)) if c in self.frame.columns]

    def rows(self, limit: int = MAX_SHOWN) -> list[list[tuple[str, str | None]]]:
        """The first ``limit`` rows as (text, link or None) cells."""
        cols = self.shown_columns()
        out = []
        for record in self.frame.head(limit).to_dict("records"):
            cells = []
            for col in cols:
                link = self.links.get(col)
                href = url_for(link[0], record.get(link[1])) if link else None
                cells.append((cell_text(record.get(col)), href))
            out.append(cells)
        return out


def cell_text(value: Any) -> str:
    """A cell as text: missing as empty, whole floats without ``.0``, booleans as ✓.

    Examples
    --------
    >>> cell_text(None), cell_text(3.0), cell_text(True), cell_text(float("nan"))
    ('', '3', '✓', '')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def download_bytes(frame: pd.DataFrame, fmt: str, sheet: str) -> bytes:
    """A table as the CLI writes it with ``--format csv`` (UTF-8 with BOM) or ``xlsx``.

    Examples
    --------
    >>> download_bytes(pd.DataFrame({"place": ["Kon Tum"]}), "csv", "t")[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    if fmt not in DOWNLOADS:
        raise ValueError(f"unknown format {fmt!r}")
    return to_bytes(frame, fmt, sheet=sheet[:31] or "policykg")
