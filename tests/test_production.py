"""Production-sector unit energy (production-declaration-2018 表八之三)."""

from __future__ import annotations

import numpy as np
import pytest

from carbonaudit import Q_, InvalidValueError, production

# 表八之三, 106年: monthly output and kWh per unit
OUTPUT = [290, 290, 460, 390, 450, 425, 460, 480, 370, 380, 360, 360]
KWH_PER_UNIT = [900, 900, 1190, 1000, 900, 1000, 950, 770, 926, 1012, 1140, 1130]
ENERGY = Q_([o * k for o, k in zip(OUTPUT, KWH_PER_UNIT, strict=True)], "kWh")


def test_unit_energy_per_month():
    np.testing.assert_allclose(production.unit_energy(ENERGY, OUTPUT).m, KWH_PER_UNIT)


def test_quarterly_kloe_per_unit_production_declaration_table8_3():
    # Q1: (290 x 900 + 290 x 900 + 460 x 1,190) x 0.00023 / 1,040 = 0.23650192 ...
    r = production.quarterly_energy_per_unit(ENERGY, OUTPUT)
    assert [round(float(x), 8) for x in r.quarterly.m] == [0.23650192, 0.22181818, 0.20177145, 0.25127709]
    # the year: 4,640,380 kWh / 4,715 units = 984.173913 kWh/unit; x 0.00023 = 0.22636 KLOE/unit
    assert sum(OUTPUT) == 4715
    assert round(float(r.annual_physical.m), 6) == 984.173913
    assert round(float(r.annual.m), 5) == 0.22636


def test_quarterly_differences_and_coverage():
    d, f = production.quarterly_differences(Q_([0.26, 0.20, 0.2, 0.2], "KLOE"), Q_([0.2, 0.2, 0.2, 0.21], "KLOE"))
    assert d.tolist() == pytest.approx([0.3, 0, 0, (0.2 - 0.21) / 0.21])  # (0.26 - 0.2) / 0.2 = 30 %
    assert [x.path for x in f] == ["product.Q1"]
    share, findings = production.coverage_check({"a": (Q_(900, "kWh"), 1000)}, Q_(800_000, "kWh"))
    assert share.m == pytest.approx(1.125) and findings[0].code == "production.exceeds_declared_use"
    share, findings = production.coverage_check({"a": (Q_(900, "kWh"), 1000)}, Q_(1_000_000, "kWh"))
    assert share.m == pytest.approx(0.9) and findings == []
    # 900 kWh x 1,000 + 100 kWh x 1,000 = 1,000,000 of 1,300,000 kWh declared = 76.9 % < 80 %
    share, findings = production.coverage_check(
        {"a": (Q_(900, "kWh"), 1000), "b": (Q_(100, "kWh"), 1000)}, Q_(1_300_000, "kWh")
    )
    assert share.m == pytest.approx(1 / 1.3) and [f.code for f in findings] == ["production.coverage_low"]
    # exactly 10 % is not over 10 %
    assert production.quarterly_differences(Q_([0.11] * 4, "KLOE"), Q_([0.1] * 4, "KLOE"))[1] == []


@pytest.mark.parametrize(
    ("products", "declared", "words"),
    [
        # an array declared use was a raw TypeError; pairs of the wrong length a bare unpacking ValueError
        ({"a": (Q_(1, "kWh"), 10)}, Q_([6e6, 1.0], "kWh"), ["declared_use", "single value", "(2,)"]),
        ({"LED": (Q_(1, "kWh"), 4715, 3)}, Q_(6e6, "kWh"), ["products['LED']", "pair", "4715, 3"]),
        ({"LED": (Q_(1, "kWh"),)}, Q_(6e6, "kWh"), ["products['LED']", "pair"]),
        ({"LED": Q_(1, "kWh")}, Q_(6e6, "kWh"), ["products['LED']", "pair"]),
    ],
)
def test_coverage_check_refuses_arrays_and_bad_pairs(products, declared, words):
    with pytest.raises(InvalidValueError) as info:
        production.coverage_check(products, declared)
    for w in words:
        assert w in str(info.value)


def test_quarterly_differences_refuses_two_dimensional_quarters():
    # a (2, 2) array of four quarters was numpy's "truth value ... ambiguous" ValueError
    quarters = Q_([[0.2, 0.2], [0.2, 0.21]], "KLOE")
    with pytest.raises(InvalidValueError, match=r"^this_year must be a series \(a 1-D array Quantity\).*\(2, 2\)"):
        production.quarterly_differences(quarters, quarters)


def test_bad_input():
    with pytest.raises(InvalidValueError, match="output"):
        production.unit_energy(Q_(100, "kWh"), 0)
    with pytest.raises(InvalidValueError, match="output"):
        production.unit_energy(Q_(100, "kWh"), -1)
    with pytest.raises(InvalidValueError, match="output"):
        production.coverage_check({"a": (Q_(1, "kWh"), "abc")}, Q_(1, "kWh"))
    with pytest.raises(InvalidValueError, match="12 months"):
        production.quarterly_energy_per_unit(ENERGY[:11], OUTPUT[:11])
