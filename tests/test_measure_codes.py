"""Savings-measure codes of non-production-form-2025 附錄一."""

from __future__ import annotations

import itertools

import pytest

from carbonaudit import DeclarationError, measure_codes


@pytest.mark.parametrize(
    ("code", "parts"),
    [  # the five examples of 附錄一 註
        ("FA20", ("冷凍冷藏設備", "冷凍設備", "採用變頻器")),
        ("AA06", ("空調設備", "中央空調主機", "汰舊換新")),
        ("LG06", ("照明設備", "電子安定器", "汰舊換新")),
        ("AA07", ("空調設備", "中央空調主機", "增設監控系統控制")),
        ("OA08", ("其他設備", "蒸汽鍋爐", "操作調整")),
    ],
)
def test_table_examples(code, parts):
    c = measure_codes.lookup(code)
    assert (c.system_zh, c.equipment_zh, c.method_zh) == parts


def test_there_are_2028_valid_codes():
    # non-production-form-2025 附錄一: 52 equipment kinds x 39 methods = 2,028 codes
    valid = 0
    for s, e, m in itertools.product("ALFRBWEOPXZ", "ABCDEFGHIJKLMN", [f"{i:02d}" for i in range(100)]):
        try:
            measure_codes.lookup(s + e + m)
            valid += 1
        except DeclarationError:
            pass
    assert valid == 2028


@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("XA06", "system 'X'"),
        ("AN06", "equipment 'N'"),
        ("AA13", "method '13'"),
        ("A06", "two digits"),
        ("", "two digits"),
    ],
)
def test_invalid_codes_name_the_part(code, word):
    with pytest.raises(DeclarationError, match=word):
        measure_codes.lookup(code)


def test_normalises_case():
    assert measure_codes.validate_code(" fa20 ") == "FA20"


def test_listing_and_lk06():
    # lighting (L) has equipment A-J: LK06 does not exist (issue 6)
    with pytest.raises(DeclarationError, match="equipment 'K'"):
        measure_codes.lookup("LK06")
    assert measure_codes.systems()["F"] == ("冷凍冷藏設備", "Refrigeration")
    assert measure_codes.codes("P")[:2] == ["PA00", "PA01"] and len(measure_codes.codes("P")) == 4 * 39
    with pytest.raises(DeclarationError, match="system 'Z'"):
        measure_codes.codes("Z")


def test_the_file_is_validated(tmp_path):
    import yaml

    from carbonaudit import DataFileError
    from carbonaudit._data import data_path, read_yaml

    raw = yaml.safe_load(data_path("measure_codes.yaml").read_text(encoding="utf-8"))
    raw["methods"]["7"] = {"zh": "x", "en": "x"}  # one digit
    with pytest.raises(DataFileError, match="two digits"):
        measure_codes._parse(raw, "copy")
    raw = yaml.safe_load(data_path("measure_codes.yaml").read_text(encoding="utf-8"))
    raw["examples"]["LK06"] = "no such lamp"
    with pytest.raises(DataFileError, match="LK06"):
        measure_codes._parse(raw, "copy")
    dup = tmp_path / "dup.yaml"
    dup.write_text("methods:\n  '00': {zh: a, en: a}\n  '00': {zh: b, en: b}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate key '00'"):
        read_yaml(dup)


@pytest.mark.parametrize("county", [None, 63, b"\xe8\x87\xba\xe4\xb8\xad\xe5\xb8\x82"])
def test_merge_region_refuses_a_non_string_like_its_siblings(county):
    # 附錄二 註3 regions are looked up by county name; anything else is a DeclarationError, as in lookup()
    with pytest.raises(DeclarationError, match=rf"county must be a str, got {type(county).__name__} "):
        measure_codes.merge_region(county)
    assert measure_codes.merge_region(" 台中市 ") == "central"


def test_codes_refuses_a_system_that_is_not_a_letter():
    with pytest.raises(DeclarationError, match=r"system must be a str, got list \['F'\]"):
        measure_codes.codes(["F"])
