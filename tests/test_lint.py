"""ruff and mypy over the whole tree, so the README's test command (and CI) runs them (issue 17).

Their settings are in pyproject.toml. mypy follows imports by folder, not by setup.cfg's
``package_dir``, so it reads the package through the link tree ``tests/test_layers.py`` lays out
under ``build/typecheck`` (git-ignored).
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from test_layers import link_tree

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.fail(f"{tool} is not installed: install the test extras (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    link_tree(ROOT / "build" / "typecheck")
    done = _run("mypy")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr
