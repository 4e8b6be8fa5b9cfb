"""Shared fixtures and the hypothesis profiles (``dev`` quick, ``ci`` thorough and derandomised, ``mutation`` for mutant runs)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
# mutation testing (tools/mutation.py): repeatable, and quick enough to run once per mutant
settings.register_profile(
    "mutation", max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def award():  # type: ignore[no-untyped-def]
    """The 附表2 factor set of seed 001."""
    from carbonaudit import factors

    return factors.load("ntpc-award-2015")


@pytest.fixture(scope="session")
def current():  # type: ignore[no-untyped-def]
    """The default (current) factor set."""
    from carbonaudit import factors

    return factors.load()
