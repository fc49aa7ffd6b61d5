"""Shared fixtures: the ../shared corpora (skipped when absent), reading bytes, Hypothesis."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from corpuskit import Article, Failure
from corpuskit.plugins import Source

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("CORPUSKIT_SHARED", ROOT.parent / "shared"))

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ReadBytes = Callable[[bytes], list[Article | Failure]]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder of corpora; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared corpora at {SHARED} (absent in a user's clone)")
    return SHARED


def read_bytes(
    reader: Callable[[Source], Iterable[Article | Failure]], data: bytes, name: str
) -> list[Article | Failure]:
    """Run ``reader`` over ``data`` as if it were the file ``fixture.eml``."""
    return list(reader(Source(path="fixture.eml", stream=io.BytesIO(data), format=name)))
