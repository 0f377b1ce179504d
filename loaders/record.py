"""Assemble the extraction record (placeholder until the stages land)."""
from __future__ import annotations
from pathlib import Path
from policykg.loaders.read import read_document

_EXTRA = ("line", "source_text", "roles_line", "roles_text")


def extract_text(text: str, source: str = "<text>", gazetteer=None) -> dict:
    return {"source": source, "document": {"kind": None, "id": None, "issuer": None, "place": None,
            "date": None, "title": None}, "implements": [], "based_on": [], "references": [],
            "relations": [], "tasks": [], "targets": [], "provenance": {"implements": [], "based_on": []}}


def extract_file(path, gazetteer=None) -> dict:
    path = Path(path)
    return extract_text(read_document(path), path.name, gazetteer)


def guide_record(record: dict) -> dict:
    out = {k: v for k, v in record.items() if k != "provenance"}
    for key in ("tasks", "targets", "references", "relations"):
        out[key] = [{k: v for k, v in item.items() if k not in _EXTRA} for item in record.get(key, [])]
    return out
