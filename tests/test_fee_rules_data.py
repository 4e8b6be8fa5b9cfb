"""The carbon-fee rules file refuses what it cannot compute with (data/carbon_fee.yaml).

Each case changes one thing of the shipped file and expects a DataFileError naming the rule set,
the value and what was wrong.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from carbonaudit import factors, fee
from carbonaudit._data import data_path
from carbonaudit.errors import DataFileError

SHIPPED = yaml.safe_load(data_path("carbon_fee.yaml").read_text(encoding="utf-8"))


def _check(raw: dict[str, Any]) -> None:
    fee._check(fee._FeeFile.model_validate(raw), dict(factors.load().sources), "carbon_fee.yaml")


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(raw: dict[str, Any]) -> None:
        node = raw["rule_sets"][0]
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part) if part.isdigit() and int(part) in node else part]
        node[int(last) if last.isdigit() and int(last) in node else last] = value

    return change


def _second_set(first: int, last: int, same_id: bool = False) -> Callable[[dict[str, Any]], None]:
    def change(raw: dict[str, Any]) -> None:
        extra = copy.deepcopy(raw["rule_sets"][0])
        extra["activity_years"] = {"from": first, "to": last}
        if not same_id:
            extra["id"] = "next rules"
        raw["rule_sets"].append(extra)

    return change


def test_the_shipped_rules_pass() -> None:
    _check(copy.deepcopy(SHIPPED))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set("threshold.source", "nowhere-2024"),
            r"rule_sets\[tw-carbon-fee-2025\]\.threshold: source 'nowhere-2024'",
        ),
        (_set("rates.A.table", "第99條"), r"rates\.A: table '第99條' is not one of the tables"),
        (_set("sectors.gas.source", "nowhere-2024"), r"sectors\.gas: source 'nowhere-2024'"),
        (_set("period_years.2.table", "第99條"), r"period_years\.2: table '第99條'"),
        (_set("threshold.unit", "kWh"), r"\.threshold: must be in units like t, got 25000\.0 'kWh'"),
        (_set("k.unit", "TWD"), r"\.k: must be in units like t"),
        (_set("rates.general.unit", "TWD"), r"\.rates\.general: must be in units like TWD / t"),
        (_set("coefficient.unit", "t"), r"\.coefficient: must be in units like"),
        (_set("offset_cap.value", 0), r"\.offset_cap: must be in \(0, 1\], got 0\.0"),
        (_set("offset_cap.value", 1.5), r"\.offset_cap: must be in \(0, 1\], got 1\.5"),
        (_set("due_month.value", 13), r"\.due_month: must be a month 1-12, got 13\.0"),
        (_set("due_month.value", 0), r"\.due_month: must be a month 1-12, got 0\.0"),
        (_set("due_month.value", 5.5), r"\.due_month: must be a month 1-12, got 5\.5"),
        (_set("chargeable_decimals.value", 7), r"\.chargeable_decimals: must be a whole number 0-6, got 7\.0"),
        (_set("chargeable_decimals.value", 2.5), r"\.chargeable_decimals: must be a whole number 0-6, got 2\.5"),
        (_second_set(2026, 2027), r"rule sets 'tw-carbon-fee-2025' and 'next rules' overlap"),
        (_second_set(2027, 2028, same_id=True), r"rule set ids must be present and unique"),
    ],
)
def test_a_bad_rule_is_refused_naming_it(change: Callable[[dict[str, Any]], None], message: str) -> None:
    raw = copy.deepcopy(SHIPPED)
    change(raw)
    with pytest.raises(DataFileError, match=message):
        _check(raw)


def test_rates_must_be_the_three_classes() -> None:
    raw = copy.deepcopy(SHIPPED)
    del raw["rule_sets"][0]["rates"]["B"]
    with pytest.raises(DataFileError, match=r"\.rates: must be general, A and B, got \['A', 'general'\]"):
        _check(raw)


def test_periods_must_start_at_1() -> None:
    raw = copy.deepcopy(SHIPPED)
    del raw["rule_sets"][0]["coefficients_high_leakage"][1]
    with pytest.raises(DataFileError, match=r"coefficients_high_leakage: periods must start at 1"):
        _check(raw)


def test_a_set_just_after_another_does_not_overlap() -> None:
    raw = copy.deepcopy(SHIPPED)
    _second_set(2027, 2030)(raw)  # 2025-2026, then 2027-2030: adjacent, not overlapping
    _check(raw)


@pytest.mark.parametrize(
    ("path", "value"),
    [("k_high_leakage.value", -1), ("rates.B.value", -100), ("coefficients_high_leakage.1.value", -0.2)],
)
def test_a_negative_rule_value_is_refused_by_the_model(path: str, value: float) -> None:
    raw = copy.deepcopy(SHIPPED)
    _set(path, value)(raw)
    with pytest.raises(ValidationError, match="must not be negative"):
        _check(raw)
