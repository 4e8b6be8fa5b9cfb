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
    """The 附表2 factor set of award-form-2015."""
    from carbonaudit import factors

    return factors.load("ntpc-award-2015")


@pytest.fixture(scope="session")
def current():  # type: ignore[no-untyped-def]
    """The tw-2024 set (activity years 2013-2024), whose values the hand-worked figures of the tests use.

    It was the default set until tw-2025 (activity year 2025) became the newest; the 2025 figures
    are tested in tests/test_vintages.py.
    """
    from carbonaudit import factors

    return factors.load("tw-2024")


if "MUTANT_UNDER_TEST" in os.environ:  # a mutmut run (tools/mutation.py)
    _GENERATION = [0]

    @pytest.fixture(autouse=True)
    def _fresh_caches(monkeypatch):  # type: ignore[no-untyped-def]
        """Each test computes with the mutant, not with results cached before it was switched on.

        mutmut forks every mutant's test process from one that has already run the suite, so the
        unit-parsing and conversion caches would answer with the original code's results and hide
        the mutant. Clear them; a factor set's conversion cache is emptied the first time a test
        uses it (and works as usual within the test).
        """
        from carbonaudit import units
        from carbonaudit.factors.models import FactorSet
        from carbonaudit.inventory import models

        units._parse_unit.cache_clear()
        units._check_unit_cached.cache_clear()
        models._unit_for_kind.cache_clear()
        _GENERATION[0] += 1

        def conversions(self):  # type: ignore[no-untyped-def]
            private = self.__pydantic_private__
            if private.get("_mutation_generation") != _GENERATION[0]:
                private["_cache"].clear()
                private["_mutation_generation"] = _GENERATION[0]
            return private["_cache"]

        monkeypatch.setattr(FactorSet, "_conversions", conversions)
