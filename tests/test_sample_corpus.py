"""The sample corpus generator: determinism, the cascade's shape, the records' shape, the printed
styles it covers, and the demo-corpus command."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.sample import CorpusExists, generate_corpus, iter_corpus
from policykg.sample.vocab import PROVINCES

RECORD_KEYS = {"source", "document", "implements", "based_on", "references", "relations", "tasks", "targets"}


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def manifest(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(120, seed=5, out=out)
    return out


def records(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "gold").glob("*.json"))}


# -- determinism ----------------------------------------------------------------------------------

def test_same_seed_same_bytes(corpus, tmp_path):
    generate_corpus(120, seed=5, out=tmp_path)
    assert digest(tmp_path) == digest(corpus)


def test_different_seed_different_corpus(corpus, tmp_path):
    generate_corpus(120, seed=6, out=tmp_path)
    ours, theirs = digest(corpus), digest(tmp_path)
    assert ours != theirs
    assert len(set(ours.values()) & set(theirs.values())) == 0


def test_same_bytes_in_another_process_with_another_hash_seed(tmp_path):
    code = "from policykg.sample import generate_corpus; import sys; generate_corpus(30, 2, sys.argv[1])"
    for k, hash_seed in enumerate(("1", "987")):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run([sys.executable, "-c", code, str(tmp_path / str(k))], check=True, env=env)
    assert digest(tmp_path / "0") == digest(tmp_path / "1")


# -- the cascade ----------------------------------------------------------------------------------

def test_counts_and_levels(corpus):
    rows = manifest(corpus)
    assert len(rows) == 120 == len(list((corpus / "docs").glob("*.txt"))) == len(list((corpus / "gold").glob("*.json")))
    levels = {r["level"] for r in rows}
    assert levels == {"central", "party", "province", "department", "commune"}
    assert 2 <= sum(r["level"] == "central" for r in rows) <= 8


def test_every_local_plan_implements_its_parent_in_its_province(corpus):
    rows, recs = manifest(corpus), records(corpus)
    seen: dict[tuple[str | None, str], str] = {}
    for row in rows:
        rec = recs[row["name"]]
        if row["level"] != "central":
            assert row["parent"] in rec["implements"], row
            # The parent was written earlier, in the same province (a central one has no province).
            parent_level = {"party": "central", "province": "party"}.get(row["level"], "province")
            where = None if parent_level == "central" else row["province"]
            assert seen.get((where, row["parent"])) == parent_level, row
        if row["id"]:
            seen[(row["province"], row["id"])] = row["level"]


def test_central_documents_are_linked(corpus):
    recs = {r["document"]["id"]: r for r in records(corpus).values() if r["document"]["place"] is None}
    governments = [r for r in recs.values() if r["document"]["issuer"] in ("Chính phủ", "Thủ tướng Chính phủ")]
    assert governments
    for g in governments:
        assert g["implements"] and g["implements"][0] in recs


def test_local_numbers_repeat_across_provinces(corpus):
    party = defaultdict(set)
    for row in manifest(corpus):
        if row["level"] == "party":
            party[row["parent"]].add((row["province"], row["id"].split("-")[0]))
    # Every province's party plan on one resolution has the same number ("142-KH/TU" everywhere).
    assert any(len(v) >= 2 for v in party.values())
    for plans in party.values():
        assert len({number for _, number in plans}) == 1
    ids = defaultdict(set)
    for row in manifest(corpus):
        if row["id"]:
            ids[row["id"]].add(row["province"])
    assert any(len(v) >= 2 for v in ids.values())


def test_all_provinces_from_two_hundred_documents(tmp_path):
    summary = generate_corpus(200, seed=0, out=tmp_path)
    assert summary.provinces == len(PROVINCES) == 34
    places = {r["province"] for r in manifest(tmp_path) if r["province"]}
    assert places == {p.name for p in PROVINCES}


def test_too_many_documents_fail_before_writing(tmp_path):
    with pytest.raises(ValueError, match="more than the cascade holds"):
        generate_corpus(10_000_000, seed=0, out=tmp_path / "x")
    assert not list((tmp_path / "x").rglob("*.txt"))


# -- the records ----------------------------------------------------------------------------------

def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_records_have_the_guide_shape(corpus):
    for name, rec in records(corpus).items():
        assert set(rec) == RECORD_KEYS
        assert rec["source"] == f"{name}.txt"
        assert set(rec["document"]) == {"kind", "id", "issuer", "place", "date", "title"}
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", rec["document"]["date"])
        for t in rec["tasks"]:
            assert set(t) == {"text", "lead", "support", "implement", "deadline", "refs"}
            assert 8 <= len(t["text"].split()) <= 25, t["text"]
            names = t["lead"] + t["support"] + t["implement"]
            assert len(names) == len(set(names)), t  # each agency once, under its first role
        for t in rec["targets"]:
            assert set(t) == {"text", "value", "unit", "year"}
            assert re.fullmatch(r"(> )?\d+(\.\d+)?(-\d+)?", t["value"]), t
        own = rec["document"]["id"]
        assert own not in [r["id"] for r in rec["references"]]
        assert all(own not in (r["from"], r["to"]) for r in rec["relations"])
        assert set(rec["implements"]) <= {r["id"] for r in rec["references"]}


def test_records_are_nfc_with_modern_tones_and_canonical_agencies(corpus):
    for rec in records(corpus).values():
        for s in strings(rec):
            assert unicodedata.normalize("NFC", s) == s
            assert not re.search(r"(?<![qQ])(oà|oá|oả|uỷ|Uỷ|uý)(?!\w)", s), s
        for t in rec["tasks"]:
            for name in t["lead"] + t["support"] + t["implement"]:
                assert not re.search(r"\bUBND\b|&|GDĐT|MTTQ", name), name
                assert name[:1].isupper(), name


def test_documents_cover_every_printed_style(corpus):
    texts = "\n".join(p.read_text(encoding="utf-8") for p in sorted((corpus / "docs").glob("*.txt")))
    for marker in ("Cơ quan thực hiện:", "chủ trì;", "Đơn vị phối hợp", "Thời gian thực hiện:", "Thời hạn hoàn thành:",
                   "Chủ trì, phối hợp với", "Phối hợp với", "Giao Sở", "nhiệm vụ sau:", "Đề nghị Ủy ban",
                   ": Chủ trì, phối hợp với", "căn cứ chức năng, nhiệm vụ được giao", "PHỤ LỤC", "Căn cứ ",
                   "Thực hiện Kế hoạch số", "Trên đây là Kế hoạch", "Nơi nhận:", "I. MỤC ĐÍCH, YÊU CẦU",
                   "NHIỆM VỤ", "IV. TỔ CHỨC THỰC HIỆN", "Thường xuyên", "trước ngày", "hằng năm", "Quý ",
                   "Đến năm 2030,", "Năm 2027", "-KH/TU", "-CTr/TU", "/KH-UBND", "/KH-S", "Sở GD&ĐT",
                   "UBND các xã, phường", "Uỷ ban", "hoá", "Ủy ban nhân dân xã", "CHƯƠNG TRÌNH HÀNH ĐỘNG"):
        assert marker in texts, marker
    assert re.search(r"^Số:\s+/KH-", texts, re.M), "a draft's blank number"
    assert re.search(r"^\d+\.? \| .+ \| .+ \|$", texts, re.M), "pipe table rows"
    assert re.search(r"^\d+\.?\t.+\t", texts, re.M), "tab table rows"


def test_iter_corpus_matches_written_files(corpus):
    for name, text, record, _ in iter_corpus(120, 5):
        assert (corpus / "docs" / f"{name}.txt").read_text(encoding="utf-8") == text
        assert json.loads((corpus / "gold" / f"{name}.json").read_text(encoding="utf-8")) == record
        break


# -- the command ----------------------------------------------------------------------------------

def test_demo_corpus_command_refuses_then_replaces(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["demo-corpus", "--documents", "12", "--seed", "3", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "12 documents" in result.output
    again = runner.invoke(main, ["demo-corpus", "-n", "5", "--out", str(tmp_path)])
    assert again.exit_code == 1 and "--replace" in again.output and "Traceback" not in again.output
    replaced = runner.invoke(main, ["demo-corpus", "-n", "5", "--out", str(tmp_path), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert len(list((tmp_path / "docs").glob("*.txt"))) == 5 == len(list((tmp_path / "gold").glob("*.json")))


def test_library_refuses_an_existing_corpus(tmp_path):
    generate_corpus(3, 0, tmp_path)
    with pytest.raises(CorpusExists):
        generate_corpus(3, 0, tmp_path)
