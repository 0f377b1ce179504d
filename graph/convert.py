"""One extraction record -> the RDF triples of its source file's named graph.

The record is a dict in the ``GUIDE.md`` shape, optionally with the loaders' provenance (``line``,
``source_text`` on tasks, targets, references and relations; ``roles_line`` / ``roles_text`` on
tasks; a ``provenance`` section for ``implements`` / ``based_on``). Every key may be absent.

Every node gets a deterministic IRI (no blank nodes), so converting the same record twice gives
the same triples and a document cited by one file and loaded from another is the same node.

Statements that must carry their proof are written twice: as the direct triple
(``agency pkg:leads task``, ``plan pkg:implements directive``) for simple queries, and as a
qualified node (``pkg:Assignment``, ``pkg:DocumentLink``) holding the sentence, its line and the
source file (PROV-O ``prov:wasDerivedFrom``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, cast

from rdflib import Literal, URIRef
from rdflib.term import Node

from policykg.graph.agencies import AgencyRef, agency_ref, issuer_ref
from policykg.graph.documents import document_classes, document_iri, document_label, is_central, kind_of
from policykg.graph.namespaces import DCTERMS, ORG, PKG, PROV, RDF, RDFS, SKOS, XSD
from policykg.graph.places import (
    canonical_place,
    current_place,
    known_place,
    place_iri,
    place_label,
    scoped_place,
    split_locality,
)
from policykg.graph.sources import source_iri
from policykg.loaders.dates import is_real_date, looks_iso
from policykg.loaders.deadlines import due_years
from policykg.vietnamese.keys import search_key, slugify
from policykg.vietnamese.tones import nfc_squeezed as nfc
from policykg.vietnamese.tones import nfc_squeezed_deep

Triple = tuple[URIRef, URIRef, Node]

# Record role keys -> the direct property an agency has to the task.
ROLE_PROPERTIES = {"lead": PKG.leads, "support": PKG.supports, "implement": PKG.implementsTask}
# Relation types in records -> document-to-document properties.
LINK_PROPERTIES = {"implements": PKG.implements, "based_on": PKG.basedOn, "cites": PKG.cites}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass
class RecordGraph:
    """The triples of one record and where they go.

    Attributes
    ----------
    graph_iri : str
        Named graph of the source file (also the IRI of the ``pkg:SourceFile`` node).
    document_iri : str
        The loaded document.
    source : str
        Source file name.
    triples : list of (s, p, o)
        rdflib terms; no duplicates; deterministic order.
    """

    graph_iri: str
    document_iri: str
    source: str
    triples: list[Triple] = field(default_factory=list)


def date_literal(value: Any) -> Literal | None:
    """A typed literal for an ISO date, year-month or year; other text as a plain literal; an
    impossible date (``2024-13-45``) none.

    Examples
    --------
    >>> [date_literal(v).datatype.split("#")[1] for v in ("2024-08-12", "2025-01", "2019")]
    ['date', 'gYearMonth', 'gYear']
    >>> date_literal(None) is None, date_literal("2024-13-45") is None
    (True, True)
    """
    if value is None or str(value).strip() == "":
        return None
    text = nfc(str(value))
    if looks_iso(text) and not is_real_date(text):
        return None  # never an invalid xsd:date (the readers warn and drop these before)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Literal(text, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    return Literal(text)


def _vi(text: Any) -> Literal | None:
    return Literal(nfc(str(text)), lang="vi") if text is not None and nfc(str(text)) else None


def _int(value: Any) -> Literal | None:
    try:
        return Literal(int(value), datatype=XSD.integer) if value is not None else None
    except (TypeError, ValueError):
        return None


class _Writer:
    """Collects triples once each, in first-written order, skipping None objects."""

    def __init__(self) -> None:
        self._triples: dict[Triple, None] = {}

    def add(self, s: str, p: str, o: Node | str | None) -> None:
        if o is None:
            return
        obj = o if isinstance(o, (Literal, URIRef)) else URIRef(cast(str, o))  # an IRI given as a string
        self._triples[(URIRef(s), URIRef(p), obj)] = None

    @property
    def triples(self) -> list[Triple]:
        return list(self._triples)


class _RecordConverter:
    def __init__(self, record: dict, source: str) -> None:
        self.rec = record
        self.doc = record.get("document") or {}
        self.source = source
        self.src = source_iri(source)
        self.w = _Writer()
        # A place the place gazetteer does not know yields to the issuer's locality when that is one.
        self.place = canonical_place(self.doc.get("place"))
        issuer = self.doc.get("issuer")
        if (self.place is None or known_place(self.place) is None) and issuer:
            self.place = split_locality(issuer)[1] or self.place
        # A commune, ward or district is keyed within its province: the one the document names
        # (record key ``province``), else the one province the place gazetteer has it in.
        self.province = _province(record.get("province"), self.place)
        self.place = scoped_place(self.place, self.province)
        self.doc_id = self.doc.get("id") or None
        self.doc_iri = document_iri(self.doc_id, self.place, source=source)
        # The parent a division named alone belongs to: the one the text names beside it
        # (record key ``agency_parents``), else the plan's issuer.
        self.parents = {nfc(str(k)): nfc(str(v)) for k, v in (record.get("agency_parents") or {}).items()
                        if isinstance(k, str) and isinstance(v, str) and v.strip()}
        self.issuer_ref = None
        if issuer and not is_central(self.doc_id or ""):
            ref = issuer_ref(issuer, self.place, self.province)
            self.issuer_ref = None if ref.national or ref.group else ref
        unknown = record.get("unknown_agencies")
        self.unknown = ({nfc(str(n)) for n in unknown if isinstance(n, str)} if isinstance(unknown, list)
                        else None)
        self.refs: dict[str, str] = {}  # slug of id -> IRI
        self.link_count = 0

    # --- nodes --------------------------------------------------------------------------------
    def place_node(self, place: str | None) -> str | None:
        if not place:
            return None
        iri = place_iri(place)
        self.w.add(iri, RDF.type, PKG.Place)
        self.w.add(iri, SKOS.prefLabel, _vi(place_label(place)))
        self.w.add(iri, RDFS.label, _vi(place_label(place)))
        today = current_place(place_label(place))
        if today:  # "Kon Tum" is part of "Quảng Ngãi" since the 2025 merger
            self.w.add(iri, PKG.currentPlace, self.place_node(today))
        return iri

    def task_agency(self, name: str) -> AgencyRef:
        """The node of an agency a task names: a division under the parent the document gives."""
        parent: AgencyRef | str | None = self.parents.get(name) or self.issuer_ref
        return agency_ref(name, self.place, parent=parent, scope=self.doc_iri)

    def agency_node(self, agency: AgencyRef, printed: str | None = None) -> str:
        a = agency.iri
        self.w.add(a, RDF.type, PKG.AgencyGroup if agency.group else PKG.Agency)
        if agency.national:
            self.w.add(a, RDF.type, PKG.NationalAgency)
        if agency.division:
            self.w.add(a, RDF.type, PKG.Division)
            if agency.parent is not None:
                self.w.add(a, ORG.subOrganizationOf, self.agency_node(agency.parent))
            else:
                self.w.add(a, PKG.parentUnknown, Literal(True))
        self.w.add(a, SKOS.prefLabel, _vi(agency.name))
        self.w.add(a, RDFS.label, _vi(agency.name))
        if printed and nfc(printed) != agency.name:
            self.w.add(a, SKOS.altLabel, _vi(printed))
        self.w.add(a, PKG.place, self.place_node(agency.place) if agency.place != "unknown" else None)
        return a

    def document_node(self, doc_id: str | None, kind: str | None, *, iri: str, place: str | None,
                      date: Any = None, issuer: str | None = None, title: str | None = None,
                      has_tasks: bool = False) -> str:
        kind = kind_of(doc_id, kind)
        for cls in document_classes(kind, has_tasks=has_tasks):
            self.w.add(iri, RDF.type, cls)
        central = bool(doc_id and is_central(doc_id))
        self.w.add(iri, RDF.type, PKG.CentralDocument if central else PKG.LocalDocument)
        self.w.add(iri, DCTERMS.identifier, Literal(nfc(doc_id)) if doc_id else None)
        self.w.add(iri, PKG.kind, _vi(kind))
        self.w.add(iri, RDFS.label, _vi(document_label(kind, doc_id, title)))
        self.w.add(iri, DCTERMS.title, _vi(title))
        self.w.add(iri, DCTERMS.issued, date_literal(date))
        if not central:
            self.w.add(iri, PKG.place, self.place_node(place))
            today = current_place(place_label(place)) if place else None
            self.w.add(iri, PKG.currentPlace, self.place_node(today) if today else None)
        if issuer:
            agency = issuer_ref(issuer, None if central else place, None if central else self.province)
            self.w.add(iri, PKG.issuedBy, self.agency_node(agency, printed=issuer))
        return iri

    def resolve(self, doc_id: str) -> str:
        """The IRI of a document named by id in this record, creating a bare node if unseen."""
        key = slugify(doc_id)
        if key not in self.refs:
            iri = document_iri(doc_id, self.place, source=self.source)
            self.refs[key] = self.document_node(doc_id, None, iri=iri, place=self.place)
        return self.refs[key]

    def evidence(self, node: str, line: Any, text: Any) -> None:
        self.w.add(node, PKG.sourceText, _vi(text))
        self.w.add(node, PKG.line, _int(line))
        self.w.add(node, PROV.wasDerivedFrom, self.src)

    def link(self, from_iri: str, prop: URIRef, to_iri: str, line: Any = None, text: Any = None) -> None:
        self.w.add(from_iri, prop, to_iri)
        self.link_count += 1
        self.reified(f"{self.src}/link/{self.link_count}", PKG.DocumentLink, line, text,
                     (PKG.fromDocument, from_iri), (PKG.linkType, prop), (PKG.toDocument, to_iri))

    def reified(self, node: str, kind: URIRef, line: Any, text: Any, *facts: tuple[URIRef, Any]) -> None:
        """A statement made a node of its own (a link, an assignment), so it can carry the sentence
        and line that prove it."""
        self.w.add(node, RDF.type, kind)
        for prop, value in facts:
            self.w.add(node, prop, value)
        self.evidence(node, line, text)

    # --- record sections ----------------------------------------------------------------------
    def convert(self) -> RecordGraph:
        self.source_file()
        self.loaded_document()
        self.references()
        self.document_links()
        self.relations()
        self.tasks()
        self.targets()
        return RecordGraph(self.src, self.doc_iri, self.source, self.w.triples)

    def source_file(self) -> None:
        self.w.add(self.src, RDF.type, PKG.SourceFile)
        self.w.add(self.src, RDF.type, PROV.Entity)
        self.w.add(self.src, PKG.fileName, Literal(self.source))

    def loaded_document(self) -> None:
        d = self.doc
        self.document_node(self.doc_id, d.get("kind"), iri=self.doc_iri, place=self.place,
                           date=d.get("date"), issuer=d.get("issuer"), title=d.get("title"),
                           has_tasks=bool(self.rec.get("tasks")))
        self.w.add(self.doc_iri, PKG.loaded, Literal(True))
        self.w.add(self.doc_iri, PKG.sourceFile, self.src)
        if self.doc_id:
            self.refs[slugify(self.doc_id)] = self.doc_iri

    def references(self) -> None:
        for ref in self.rec.get("references") or []:
            doc_id = ref.get("id")
            if not doc_id or slugify(doc_id) in self.refs:
                continue
            issuer = ref.get("issuer")
            # The issuer's own locality beats the citing document's place ("Tỉnh ủy Lai Châu"
            # cited by the city of Lai Châu is the province's).
            own = split_locality(issuer)[1] if issuer else None
            place = scoped_place(own, self.province) if own else self.place
            iri = document_iri(doc_id, place, source=self.source)
            self.refs[slugify(doc_id)] = self.document_node(
                doc_id, ref.get("kind"), iri=iri, place=place, date=ref.get("date"), issuer=issuer)
            self.link(self.doc_iri, PKG.cites, iri, ref.get("line"), ref.get("source_text"))

    def document_links(self) -> None:
        provenance = self.rec.get("provenance") or {}
        for key, prop in (("implements", PKG.implements), ("based_on", PKG.basedOn)):
            proofs = {slugify(p["id"]): p for p in provenance.get(key) or [] if p.get("id")}
            for doc_id in _unique(self.rec.get(key) or []):
                proof = proofs.get(slugify(doc_id), {})
                self.link(self.doc_iri, prop, self.resolve(doc_id), proof.get("line"), proof.get("source_text"))

    def relations(self) -> None:
        for rel in self.rec.get("relations") or []:
            prop = LINK_PROPERTIES.get(nfc(str(rel.get("type") or "")))
            if prop is None or not rel.get("from") or not rel.get("to"):
                continue
            self.link(self.resolve(rel["from"]), prop, self.resolve(rel["to"]), rel.get("line"),
                      rel.get("source_text"))

    def tasks(self) -> None:
        for n, task in enumerate(self.rec.get("tasks") or [], start=1):
            t = f"{self.doc_iri}/task/{n}"
            self.w.add(t, RDF.type, PKG.Task)
            self.w.add(self.doc_iri, PKG.hasTask, t)
            self.w.add(t, PKG.position, _int(n))
            if task.get("label"):
                self.w.add(t, PKG.printedNumber, Literal(str(task["label"])))
            self.w.add(t, PKG.text, _vi(task.get("text")))
            self.w.add(t, RDFS.label, _vi(task.get("text")))
            self.w.add(t, PKG.deadline, _vi(task.get("deadline")))
            self.due(t, task.get("deadline"))
            self.evidence(t, task.get("line"), task.get("source_text"))
            self.search_key(t, task)
            for doc_id in _unique(task.get("refs") or []):
                self.w.add(t, PKG.cites, self.resolve(doc_id))
            line = task.get("roles_line", task.get("line"))
            text = task.get("roles_text") or task.get("source_text")
            for role, prop in ROLE_PROPERTIES.items():
                for name in _unique(task.get(role) or []):
                    ref = self.task_agency(name)
                    agency = self.agency_node(ref, printed=name)
                    if not ref.national and self.is_unknown(name):
                        self.w.add(agency, PKG.inGazetteer, Literal(False))
                    self.w.add(agency, prop, t)
                    self.reified(f"{t}/{role}/{agency.rsplit('/', 1)[-1]}", PKG.Assignment, line, text,
                                 (PKG.agency, agency), (PKG.role, prop), (PKG.task, t))

    def search_key(self, task: str, record: dict) -> None:
        """The task's heading and body folded once here (``pkg:searchText``), from the literals
        stored beside it, so a search matches folded words with ``CONTAINS`` and folds no stored text."""
        heading, body = _vi(record.get("text")), _vi(record.get("source_text"))
        if heading is not None:  # a search reads pkg:text; a task without it is never found
            self.w.add(task, PKG.searchText, Literal(search_key(str(heading), str(body) if body else None)))

    def is_unknown(self, name: str) -> bool:
        """A name the agency gazetteer lacks: as the loader said, else by the built-in one."""
        if self.unknown is not None:
            return name in self.unknown
        from policykg.loaders.agencies import Gazetteer
        from policykg.loaders.record import unknown_names

        return bool(unknown_names([name], Gazetteer.default()))

    def due(self, task: str, deadline: Any) -> None:
        """The deadline's due years as data, so "due in 2026" is a SPARQL filter (see
        :func:`policykg.loaders.deadlines.due_years`)."""
        years, recurring = due_years(nfc(str(deadline)) if deadline else None)
        for year in sorted(years):
            self.w.add(task, PKG.dueYear, _int(year))
        if recurring is not None:
            self.w.add(task, PKG.recurs, Literal(True))
            self.w.add(task, PKG.recursFrom, _int(recurring) if recurring else None)

    def targets(self) -> None:
        for n, target in enumerate(self.rec.get("targets") or [], start=1):
            g = f"{self.doc_iri}/target/{n}"
            self.w.add(g, RDF.type, PKG.Target)
            self.w.add(self.doc_iri, PKG.hasTarget, g)
            self.w.add(g, PKG.position, _int(n))
            self.w.add(g, PKG.text, _vi(target.get("text")))
            self.w.add(g, RDFS.label, _vi(target.get("text")))
            value = target.get("value")
            if value is not None and str(value).strip():
                self.w.add(g, PKG.value, Literal(nfc(str(value))))
                if _NUMBER.match(nfc(str(value))):
                    self.w.add(g, PKG.numericValue, Literal(nfc(str(value)), datatype=XSD.decimal))
            self.w.add(g, PKG.unit, _vi(target.get("unit")))
            year = _int(target.get("year"))
            self.w.add(g, PKG.year, Literal(str(year), datatype=XSD.gYear) if year is not None else None)
            self.evidence(g, target.get("line"), target.get("source_text"))


def _province(named: Any, place: str | None) -> str | None:
    """The province holding ``place`` when it is a lower unit: as the document names it, else the
    one province the place gazetteer has a unit of that name in."""
    from policykg.loaders.place_names import province, province_of

    if not place or province(place):
        return None
    if isinstance(named, str) and province(named):
        return province(named)
    return province_of(place)


def _unique(items: Iterable[Any]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        if item is not None and nfc(str(item)):
            seen.setdefault(slugify(str(item)) + "|" + nfc(str(item)).casefold(), nfc(str(item)))
    return list(seen.values())


def record_to_graph(record: dict, source: str | None = None) -> RecordGraph:
    """Convert one extraction record into the triples of its named graph.

    Parameters
    ----------
    record : dict
        GUIDE.md record, with or without the loaders' provenance keys. Strings are put through
        NFC before anything is matched or named.
    source : str, optional
        Source file name; defaults to ``record["source"]``.

    Returns
    -------
    RecordGraph

    Raises
    ------
    ValueError
        If no source name is given and the record has none.

    Examples
    --------
    >>> from policykg.graph.namespaces import ID
    >>> rg = record_to_graph({"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND",
    ...     "place": "Kon Tum", "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}, "implements": ["91-KL/TW"]})
    >>> rg.document_iri
    'https://w3id.org/policykg/id/doc/kon-tum/1-kh-ubnd'
    >>> (URIRef(rg.document_iri), PKG.implements, URIRef(ID["doc/91-kl-tw"])) in rg.triples
    True
    """
    record = nfc_squeezed_deep(record)
    name = source or record.get("source")
    if not name:
        raise ValueError("record has no 'source' file name")
    return _RecordConverter(record, nfc(str(name))).convert()
