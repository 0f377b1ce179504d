"""On a generated demo corpus printed as real documents come (issue 15): every division's row in the
overload table names its parent, no flagged agency is a division without one, every agency name
ends where the name ends, and every place is a real one."""
from __future__ import annotations

import pytest
from test_agency_names import bad_ending

from policykg.graph import build_records, open_store
from policykg.graph.agencies import is_division
from policykg.loaders import extract_text
from policykg.loaders.place_names import is_place
from policykg.queries.agency_register import UNKNOWN_PARENT, agency_register
from policykg.queries.overload import overload
from policykg.sample.corpus import iter_corpus


@pytest.fixture(scope="module")
def demo_store():
    store = open_store(":memory:")
    build_records([extract_text(text, f"{name}.txt") for name, text, _, _ in iter_corpus(40, 3, "mixed")], store)
    return store


def test_every_division_names_its_parent_and_none_without_one_is_flagged(demo_store):
    table = overload(demo_store)
    divisions = table[table["agency"].map(is_division) & (table["kind"] == "agency")]
    assert len(divisions) > 5
    assert (divisions["parent"] != "").all()
    assert not (table["flagged"] & (table["parent"] == UNKNOWN_PARENT)).any()
    # the planning-finance divisions of different departments are different rows
    rows = divisions[divisions["agency"] == "Phòng Kế hoạch - Tài chính"]
    assert len(rows) == len(set(zip(rows["place"], rows["parent"])))


def test_every_name_ends_where_the_name_ends_and_every_place_is_real(demo_store):
    register = agency_register(demo_store)
    named = register[register["kind"] != "group"]
    assert {n: bad_ending(n) for n in named["agency"] if bad_ending(n)} == {}
    places = set(register["place"]) - {"(trung ương)"}
    assert places and {p for p in places if not is_place(p)} == set()
