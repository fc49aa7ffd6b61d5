"""Hypothesis profiles for the Parquet plugin's tests (CI runs more examples)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "parquet-ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("parquet-dev", max_examples=100, deadline=None)
settings.load_profile("parquet-ci" if os.environ.get("CI") else "parquet-dev")
