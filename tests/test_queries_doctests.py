"""The examples in the docstrings of the queries, the output module and the query commands run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["policykg.queries", "policykg.queries.adhoc", "policykg.queries.common", "policykg.queries.listing",
           "policykg.queries.overload", "policykg.queries.sources", "policykg.queries.sparql",
           "policykg.queries.text", "policykg.queries.trace", "policykg.output", "policykg.commands.trace"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    if name != "policykg.queries":
        assert result.attempted > 0, f"{name} has no examples"
