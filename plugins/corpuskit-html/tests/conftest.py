"""Fixtures: the ../shared corpora, skipped when absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("CORPUSKIT_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder of corpora; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared corpora at {SHARED} (absent in a user's clone)")
    return SHARED
