"""What the checks work on (:class:`Plan`) and what they report (:class:`Finding`).

A plan read from a document file carries its extraction record (with provenance), its
normalised text, outline and head, so checks can look at every line. A plan rebuilt from the
store (``policykg check --store``) or read from a ``.json`` record has the record only; checks that
need the text skip it.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from policykg.graph.record_schema import parse_record
from policykg.loaders.agencies import Gazetteer
from policykg.loaders.batch import DEFAULT_MAX_MB, load_text, read_checked
from policykg.loaders.dates import drop_impossible_dates
from policykg.loaders.metadata import Head, read_head
from policykg.loaders.normalise import Text, normalise
from policykg.loaders.outline import Outline, build_outline
from policykg.loaders.record import extract_text

SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}
QUOTE_CHARS = 160


@dataclass(frozen=True)
class Finding:
    """One thing wrong in a plan.

    Attributes
    ----------
    kind : str
        The finding family, e.g. ``citation-conflict`` or ``duplicate-task``.
    severity : str
        ``error``, ``warning`` or ``info``.
    file : str
        The plan's file as given (or its source name in the store).
    line : int or None
        1-based line in that file; None when the finding is about the file as a whole.
    text : str
        The words of the plan at that line, quoted (shortened to about 160 characters).
    message : str
        What is wrong, in one sentence.
    """

    kind: str
    severity: str
    file: str
    line: int | None
    text: str
    message: str

    def to_dict(self) -> dict:
        """The finding as a JSON-ready dict.

        Examples
        --------
        >>> Finding("duplicate-task", "warning", "a.txt", 3, "x", "m").to_dict()["line"]
        3
        """
        return asdict(self)

    def sort_key(self) -> tuple:
        """File, line, then severity (errors first)."""
        return (self.file, self.line or 0, _RANK.get(self.severity, 9), self.kind, self.message)


@dataclass
class Plan:
    """A plan under check.

    Attributes
    ----------
    file : str
        How findings name the file (the path given, or the store's source name).
    record : dict
        The extraction record with provenance (``policykg.loaders.extract_file``).
    text, outline, head : optional
        The normalised text, outline and head the record was read from; None for a plan that
        comes from the store or a ``.json`` record.
    """

    file: str
    record: dict
    text: Text | None = None
    outline: Outline | None = None
    head: Head | None = None

    @property
    def source(self) -> str:
        """The record's source file name."""
        return str(self.record.get("source") or Path(self.file).name)

    @property
    def document(self) -> dict:
        """The record's ``document`` section (empty dict when absent)."""
        return self.record.get("document") or {}

    @property
    def place(self) -> str | None:
        """The place the plan governs."""
        return self.document.get("place")

    def line_text(self, line: int | None) -> str:
        """The text of one source line (flow or footnote), or "" when unknown."""
        if self.text is None or line is None:
            return ""
        for item in self.text.all_lines():
            if item.no == line:
                return item.text
        return ""


def quote(text: str | None, around: tuple[int, int] | None = None, limit: int = QUOTE_CHARS) -> str:
    """A piece of plan text as quoted in a finding: one line, at most ``limit`` characters.

    Parameters
    ----------
    text : str or None
    around : (start, end), optional
        A span to keep in view when the text must be cut.
    limit : int

    Returns
    -------
    str

    Examples
    --------
    >>> quote("a  b\\tc")
    'a b c'
    >>> quote("x" * 10 + "KEY" + "y" * 10, around=(10, 13), limit=9)
    '…xxxKEYyyy…'
    """
    flat = re.sub(r"\s+", " ", (text or "").replace("|", " | ")).strip()
    flat = re.sub(r"(?: \| )+", " | ", flat)
    if len(flat) <= limit:
        return flat
    if around is None:
        return flat[: limit - 1].rstrip() + "…"
    raw = re.sub(r"\s+", " ", text or "")
    mid = (around[0] + around[1]) // 2
    start = max(0, min(mid - limit // 2, len(raw) - limit))
    piece = raw[start:start + limit].strip()
    return ("…" if start > 0 else "") + piece + ("…" if start + limit < len(raw) else "")


def load_plan(path: Path | str, display: str | None = None, gazetteer: Gazetteer | None = None,
              max_mb: float = DEFAULT_MAX_MB) -> Plan:
    """Read one file into a :class:`Plan`.

    A document is extracted with the loaders and keeps its text; a ``.json`` file is taken as a
    ready extraction record (``policykg extract --provenance`` output).

    Parameters
    ----------
    path : Path or str
    display : str, optional
        How findings name the file; defaults to ``str(path)``.
    gazetteer : Gazetteer, optional
    max_mb : float
        Largest document accepted, in megabytes (the limits of ``policykg extract``).

    Returns
    -------
    Plan

    Raises
    ------
    ReadError, OSError, ValueError
        When the file cannot be read.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "kh.txt")
    >>> _ = open(p, "w", encoding="utf-8").write("KẾ HOẠCH\\nI. NHIỆM VỤ\\n1. Sở Y tế rà soát chính sách y tế.")
    >>> plan = load_plan(p)
    >>> plan.source, plan.record["tasks"][0]["implement"], plan.outline is not None
    ('kh.txt', ['Sở Y tế'], True)
    """
    path = Path(path)
    display = display or str(path)
    if path.suffix.lower() == ".json":  # the limits and the record schema of `policykg build`
        record = parse_record(read_checked(path, max_mb))
        drop_impossible_dates(record)
        record.setdefault("source", path.with_suffix(".txt").name)
        return Plan(display, record)
    gazetteer = gazetteer or Gazetteer.default()
    raw = load_text(path, max_mb)  # the size limits of `policykg extract`
    record = extract_text(raw, path.name, gazetteer)
    text = normalise(raw)
    outline = build_outline(text)
    return Plan(display, record, text, outline, read_head(outline, gazetteer))


def plan_from_text(raw: str, source: str = "plan.txt", gazetteer: Gazetteer | None = None) -> Plan:
    """A :class:`Plan` from document text (for tests and notebooks).

    Examples
    --------
    >>> plan_from_text("KẾ HOẠCH\\nI. NHIỆM VỤ\\n1. Sở Y tế rà soát chính sách.").record["tasks"][0]["line"]
    3
    """
    gazetteer = gazetteer or Gazetteer.default()
    record = extract_text(raw, source, gazetteer)
    text = normalise(raw)
    outline = build_outline(text)
    return Plan(source, record, text, outline, read_head(outline, gazetteer))
