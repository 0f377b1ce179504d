"""Write a document and its intended record side by side.

Every piece of a generated document that the record describes goes through a :class:`Writer`
method that prints it and notes what it means: a citation adds a reference (and the relation the
words state), an item adds a task with the canonical names of its agencies, a goal adds a target.
So the record is never inferred from the text; it is what the generator meant.
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from policykg.sample.vocab import DIA_PHUONG, SO_NGANH, Agency

TEXT_WORDS = 20


@dataclass(frozen=True)
class DocRef:
    """A document as other documents cite it.

    ``cited_as`` holds (printed issuer, issuer in full) pairs: "Ban Thường vụ Tỉnh ủy" printed in a
    Lâm Đồng plan is "Ban Thường vụ Tỉnh ủy Lâm Đồng" in the record. ``link`` are the words tying
    it to ``parent`` ("về thực hiện", "ban hành Kế hoạch thực hiện").
    """

    kind: str
    id: str
    date: date
    cited_as: tuple[tuple[str, str], ...]
    subject: str = ""
    parent: "DocRef | None" = None
    link: str = "về thực hiện"

    @property
    def short(self) -> str:
        return f"{self.kind} số {self.id}"


@dataclass
class Context:
    """Where a document is issued: fills ``{lvl}``, ``{committee}``, ``{doan}`` in agency names."""

    lvl: str = "tỉnh"
    committee: str = "Tỉnh ủy"
    doan: str = "Tỉnh đoàn"

    def fill(self, template: str) -> str:
        return template.format(lvl=self.lvl, committee=self.committee, doan=self.doan)


def cap(text: str) -> str:
    """First letter in upper case."""
    return text[:1].upper() + text[1:]


def first_words(text: str, n: int = TEXT_WORDS) -> str:
    """The first ``n`` words of an item, as the record's task ``text`` holds them.

    Examples
    --------
    >>> first_words("a b c", 2)
    'a b'
    """
    return " ".join(text.split()[:n])


def print_date(d: date, rng: random.Random) -> str:
    """A date the way documents print it after "ngày"."""
    style = rng.random()
    if style < 0.45:
        return f"{d.day}/{d.month}/{d.year}"
    if style < 0.8:
        return f"{d.day:02d} tháng {d.month} năm {d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# Old tone placement that typists still use; the loaders must bring it back to the modern form.
_OLD_TONES = [("hóa", "hoá"), ("Hóa", "Hoá"), ("hòa", "hoà"), ("Hòa", "Hoà"), ("khóa", "khoá"),
              ("Ủy", "Uỷ"), ("ủy", "uỷ"), ("ỦY", "UỶ"), ("thủy", "thuỷ"), ("HÓA", "HOÁ"), ("HÒA", "HOÀ")]


def old_tones(text: str) -> str:
    """Put tone marks where older typing habits put them (hóa → hoá, Ủy → Uỷ)."""
    for new, old in _OLD_TONES:
        text = re.sub(rf"(?<!\w){new}(?!\w)", old, text)
    return text


@dataclass
class Writer:
    """Lines of one document and its intended record.

    Parameters
    ----------
    rng : random.Random
        The document's own random source.
    own : str or None
        The document's id; a citation of it is not a reference and no relation touches it.
    ctx : Context
        Fills the level words of agency names.
    """

    rng: random.Random
    own: str | None
    ctx: Context = field(default_factory=Context)
    spaced: bool = False
    lines: list[str] = field(default_factory=list)
    references: dict[str, dict] = field(default_factory=dict)
    relations: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    abbreviate: float = 0.25

    # -- text ---------------------------------------------------------------------------------
    def line(self, text: str = "") -> None:
        """One line of the document; a blank line between blocks when the document is spaced."""
        self.lines.append(text)
        if self.spaced and text:
            self.lines.append("")

    def raw(self, text: str) -> None:
        """A line printed exactly (head and table rows, never followed by a blank line)."""
        self.lines.append(text)

    def text(self, old_tone: bool = False) -> str:
        body = "\n".join(self.lines).rstrip("\n") + "\n"
        body = unicodedata.normalize("NFC", body)
        return old_tones(body) if old_tone else body

    # -- agencies -----------------------------------------------------------------------------
    def canon(self, agency: Agency) -> str:
        return self.ctx.fill(agency.name)

    def name(self, agency: Agency, start: bool = False) -> str:
        """One printed form of an agency (an abbreviation now and then)."""
        forms = agency.forms()
        form = forms[0]
        if len(forms) > 1 and self.rng.random() < self.abbreviate:
            form = self.rng.choice(forms[1:])
        elif agency.group and len(forms) > 1:
            form = self.rng.choice(forms)
        form = self.ctx.fill(form)
        return cap(form) if start else form

    def names(self, agencies: list[Agency], start: bool = False, sep: str = ", ") -> str:
        """A printed list "A, B và C"; "các sở, ban, ngành" followed by "các địa phương" is
        sometimes printed as the one mixed mention "các sở, ban, ngành, địa phương"."""
        parts: list[str] = []
        i = 0
        while i < len(agencies):
            a = agencies[i]
            if a is SO_NGANH and i + 1 < len(agencies) and agencies[i + 1] is DIA_PHUONG and self.rng.random() < 0.5:
                parts.append("các sở, ban, ngành, địa phương")
                i += 2
                continue
            parts.append(self.name(a))
            i += 1
        if len(parts) > 1 and sep == ", " and self.rng.random() < 0.6:
            text = sep.join(parts[:-1]) + " và " + parts[-1]
        else:
            text = sep.join(parts)
        return cap(text) if start else text

    # -- citations ----------------------------------------------------------------------------
    def cite(self, ref: DocRef, depth: int = 0, *, dated: bool = True, subject: bool = True,
             issued: bool = True, issuer: int | None = None) -> tuple[str, list[str]]:
        """Print a citation of ``ref``, followed by ``depth`` links of its chain ("… về thực hiện
        Nghị quyết số …"), and note the references and relations it states.

        Returns
        -------
        (text, ids)
            The printed words and the ids they cite, in order.
        """
        number = f"{ref.kind} số {ref.id}" if self.rng.random() < 0.9 else f"{ref.kind} {ref.id}"
        parts = [number]
        printed_date = None
        if dated:
            sep = ", ngày " if self.rng.random() < 0.15 else " ngày "
            parts.append(sep + print_date(ref.date, self.rng))
            printed_date = ref.date.isoformat()
        issuer_full = None
        if issued and ref.cited_as:
            choice = ref.cited_as[issuer] if issuer is not None else self.rng.choice(ref.cited_as)
            parts.append(f" của {choice[0]}")
            issuer_full = choice[1]
        self._reference(ref, issuer_full, printed_date)
        ids = [ref.id]
        if depth > 0 and ref.parent is not None:
            inner, inner_ids = self.cite(ref.parent, depth - 1, dated=dated, subject=subject, issued=issued)
            parts.append(f" {ref.link} {inner}")
            self._relation(ref.id, ref.parent.id)
            ids += inner_ids
        elif subject and ref.subject:
            parts.append(f" về {ref.subject}")
        return "".join(parts), ids

    def cite_law(self, name: str, year: int | None = None) -> tuple[str, list[str]]:
        """A law cited by name: its id is "Luật <name> <year>" (``GUIDE.md``)."""
        law_id = f"Luật {name}" + (f" {year}" if year else "")
        self.references.setdefault(law_id, {"id": law_id, "kind": "Luật", "issuer": None,
                                            "date": str(year) if year else None})
        printed = f"Luật {name}" + (f" năm {year}" if year else "")
        return printed, [law_id]

    def _reference(self, ref: DocRef, issuer: str | None, printed_date: str | None) -> None:
        if ref.id == self.own:
            return
        entry = self.references.setdefault(ref.id, {"id": ref.id, "kind": ref.kind, "issuer": None, "date": None})
        entry["issuer"] = entry["issuer"] or issuer
        entry["date"] = entry["date"] or printed_date

    def _relation(self, a: str, b: str) -> None:
        if self.own in (a, b) or a == b:
            return
        rel = {"from": a, "type": "implements", "to": b}
        if rel not in self.relations:
            self.relations.append(rel)

    # -- record -------------------------------------------------------------------------------
    def task(self, printed: str, lead: Sequence[Agency] = (), support: Sequence[Agency] = (),
             implement: Sequence[Agency] = (), deadline: str | None = None, refs: Sequence[str] = ()) -> None:
        """Note one task: ``printed`` is the item as printed, numbering left out."""
        seen: set[str] = set()

        def names(agencies) -> list[str]:
            out = []
            for a in agencies:
                n = self.canon(a)
                if n not in seen:
                    seen.add(n)
                    out.append(n)
            return out

        self.tasks.append({
            "text": first_words(printed),
            "lead": names(lead), "support": names(support), "implement": names(implement),
            "deadline": deadline,
            "refs": [r for r in dict.fromkeys(refs) if r != self.own],
        })

    def target(self, text: str, value: str, unit: str | None, year: int | None) -> None:
        self.targets.append({"text": text, "value": value, "unit": unit, "year": year})
