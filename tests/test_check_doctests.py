"""The examples in the policykg.check modules' docstrings run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "assignments", "citations", "compare", "counts", "coverage", "deadlines", "duplicates", "model",
           "report", "shapes", "store", "targets"]


@pytest.mark.parametrize("name", [f"policykg.check.{m}".replace(".__init__", "") for m in MODULES])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
