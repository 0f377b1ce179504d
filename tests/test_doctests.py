"""The examples in every module's docstrings run and hold.

Modules are found by walking the package, so a new module is covered without editing this file.
Every library module must have examples. The exceptions: package ``__init__`` files, the click
commands (tested through CliRunner in ``test_cli_*``), the file-format readers (they take .docx,
.pdf and .doc bytes; ``test_readers_*`` makes such files) and the sample generator's phrase tables.
"""
from __future__ import annotations

import configparser
import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shipped_modules() -> list[str]:
    """Every module of every package ``setup.cfg`` ships (the top-level folders are mapped into
    ``policykg.*`` by ``package_dir``, so walking ``policykg`` alone would miss them)."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    packages = config["options"]["packages"].split()
    names = set(packages)
    for package in packages:
        path = importlib.import_module(package).__path__
        names.update(m.name for m in pkgutil.iter_modules(path, package + ".") if not m.ispkg)
    return sorted(n for n in names if not n.endswith("__main__"))


MODULES = shipped_modules()
WITHOUT_EXAMPLES = ("policykg.cli", "policykg.commands", "policykg.loaders.readers", "policykg.sample")


def test_the_walk_finds_every_room():
    for room in ("loaders", "graph", "queries", "viz", "check", "ontology"):
        assert any(m.startswith(f"policykg.{room}") for m in MODULES), room


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    if not name.startswith(WITHOUT_EXAMPLES) and not hasattr(module, "__path__"):
        assert result.attempted > 0, f"{name} has no examples"
