"""``--place`` by the old or the new province name (issue 15): after the 2025 merger a plan of the old
"Kon Tum" belongs to today's "Quảng Ngãi". Every query command reads its ``--place`` through
``queries.common.resolve_places``: by the new name it finds both provinces' plans, by the old name
the old province's alone, and another province's never."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph import build_records, open_store


def plan(source: str, number: str, place: str, task: str, target: str) -> dict:
    return {"source": source,
            "document": {"kind": "Kế hoạch", "id": number, "place": place, "issuer": f"Ủy ban nhân dân tỉnh {place}"},
            "implements": ["91-KL/TW"],
            "tasks": [{"text": task, "lead": ["Sở Giáo dục và Đào tạo"]}],
            "targets": [{"text": target, "value": "60", "unit": "%", "year": 2030}]}


PLANS = {"9/KH-UBND": plan("kt.txt", "9/KH-UBND", "Kon Tum", "Tổ chức quán triệt Kết luận tới cán bộ",
                           "Tỷ lệ trường đạt chuẩn quốc gia"),
         "5/KH-UBND": plan("qn.txt", "5/KH-UBND", "Quảng Ngãi", "Rà soát quán triệt mạng lưới trường",
                           "Tỷ lệ trường đạt chuẩn quốc gia"),
         "3/KH-UBND": plan("ld.txt", "3/KH-UBND", "Lâm Đồng", "Quán triệt Kết luận ở cơ sở",
                           "Tỷ lệ trường đạt chuẩn quốc gia")}
NEW, OLD = "Quảng Ngãi", "Kon Tum"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    where = str(tmp_path_factory.mktemp("merged") / "store")
    s = open_store(where)
    build_records(list(PLANS.values()), s)
    s.close()
    return where


def rows(store: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, [*args, "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def plans_of(store: str, command: list[str], place: str) -> set[str]:
    found = rows(store, *command, "--place", place)
    if command[0] == "trace":  # one row a hop: the task's own plan is the first hop's
        return {r["to_id"] for r in found if r["hop"] == 0}
    return {r["plan"] for r in found}


@pytest.mark.parametrize("command", [["tasks"], ["targets", "tỷ lệ trường đạt chuẩn"],
                                     ["trace", "quán", "triệt", "--all"]])
def test_tasks_targets_and_trace_find_the_old_provinces_plan_by_either_name(store, command):
    assert plans_of(store, command, NEW) == {"9/KH-UBND", "5/KH-UBND"}
    assert plans_of(store, command, OLD) == plans_of(store, command, "kon tum") == {"9/KH-UBND"}
    assert plans_of(store, command, "Lâm Đồng") == {"3/KH-UBND"}


def test_sources_and_gaps_count_the_old_provinces_plan_under_either_name(store):
    by_new = rows(store, "sources", "--place", NEW)
    assert {r["place"] for r in by_new} == {NEW, OLD} and sum(r["plans"] for r in by_new) == 2
    assert {r["place"] for r in rows(store, "sources", "--place", "kon tum")} == {OLD}
    gaps = {name: {r["plan_id"] for r in rows(store, "gaps", "--place", name) if r["gap"] == "parent not loaded"}
            for name in (NEW, OLD)}
    assert gaps == {NEW: {"9/KH-UBND", "5/KH-UBND"}, OLD: {"9/KH-UBND"}}


def test_show_place_draws_the_old_provinces_plan_under_either_name(store, tmp_path):
    def drawn(name: str) -> set[str]:
        out = tmp_path / "p.html"
        result = CliRunner().invoke(main, ["show", "--place", name, "--store", store, "--out", str(out)])
        assert result.exit_code == 0, result.output
        page = re.search(r'<script id="policykg-data" type="application/json">(.*?)</script>',
                         out.read_text(encoding="utf-8"), re.S)
        assert page
        labels = " ".join(json.dumps(n, ensure_ascii=False) for n in json.loads(page.group(1))["nodes"])
        return {p for p in PLANS if p in labels}

    assert drawn(NEW) == {"9/KH-UBND", "5/KH-UBND"}
    assert drawn(OLD) == {"9/KH-UBND"}


def test_an_unknown_place_is_one_line_in_every_command(store):
    for args in (["tasks"], ["targets"], ["sources"], ["gaps"], ["trace", "quán", "triệt"]):
        result = CliRunner().invoke(main, [*args, "--place", "Atlantis", "--store", store])
        assert result.exit_code == 1 and "unknown place 'Atlantis'" in result.output
        assert "Traceback" not in result.output
