"""Shared fixtures: where ../shared is, and a skip with a reason when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser import browser  # noqa: F401  (the one session-wide headless Chromium)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder beside the repository (seeds, gold, scorer); skips when absent."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip(f"no seed documents at {SHARED} (../shared from the repository root)")
    return SHARED
