"""The examples in the graph and ontology modules' docstrings run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "agencies", "build", "convert", "documents", "export", "namespaces", "nx_view", "places", "stats",
           "store", "text", "validate"]


@pytest.mark.parametrize("name", [f"policykg.graph.{m}".replace(".__init__", "") for m in MODULES] + ["policykg.ontology"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
