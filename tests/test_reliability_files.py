"""Issue 12, defects 11 and 12 (files and trees): alias bombs, input size caps, the shared YAML
loader's refusals, the records CSV reader, 1,500-level organisation chains and non-numeric cells
in ``chiller.frame`` columns. Each reproducer of the issue is a test here.
"""

from __future__ import annotations

import io
import re
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from carbonaudit import _data, chiller, factors
from carbonaudit._data import MAX_CSV_BYTES, MAX_YAML_BYTES, MAX_YAML_DEPTH, parse_yaml, read_yaml
from carbonaudit.cli import main
from carbonaudit.declaration import Declaration, ProductionDeclaration
from carbonaudit.declaration.io import load_yaml
from carbonaudit.errors import DataFileError, InvalidValueError, PeriodError
from carbonaudit.inventory import ActivityRecord, Organisation, OrgTree, compute, compute_frame, read_orgs, read_records
from carbonaudit.inventory.frame import roll_up

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# "billion laughs": nine levels of nine aliases each; 9**9 = 387,420,489 strings once expanded
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.fixture
def peak() -> Iterator[Callable[[], int]]:
    """The peak memory allocated by Python while the test runs [bytes]."""
    tracemalloc.start()
    try:
        yield lambda: tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- defect 11: aliases ---------------------------------------------------------------------------


def test_the_bomb_is_small() -> None:
    assert len(BOMB) < 11_000 and BOMB.count("*") == 8 * 9  # 8 lines of 9 aliases


READERS: list[tuple[str, Callable[[Path], Any]]] = [
    ("declaration", Declaration.from_yaml),
    ("production declaration", ProductionDeclaration.from_yaml),
    ("factor file", factors.from_file),
    ("organisations file", read_orgs),
]


@pytest.mark.parametrize(("what", "read"), READERS, ids=[w for w, _ in READERS])
def test_alias_bomb_is_refused_by_every_yaml_reader_in_bounded_memory(
    tmp_path: Path, peak: Callable[[], int], what: str, read: Callable[[Path], Any]
) -> None:
    # issue 12 defect 11: an 11 KB file of nested aliases made `carbonaudit validate` use 5.8 GB
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    # the first alias: line 2 is "b: &b [*a, ...": "b: &b [" is 7 characters, *a starts in column 8
    expected = rf"{re.escape(str(path))}, line 2, column 8: \*a is a YAML alias .*not accepted .*write the value out"
    with pytest.raises(DataFileError, match=expected):
        read(path)
    assert peak() < 5_000_000  # refused before anything is expanded (one expansion alone is 3 GB)


def test_alias_bomb_as_text_and_through_the_command_line(
    tmp_path: Path, peak: Callable[[], int], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(DataFileError, match=r"^<text>, line 2, column 8: \*a is a YAML alias"):
        Declaration.from_yaml(BOMB)
    with pytest.raises(DataFileError, match=r"^<text>, line 2, column 8: \*a is a YAML alias"):
        Declaration.from_yaml(BOMB.encode("utf-8"))
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    assert main(["validate", str(path)], io.StringIO()) == 2  # a reported error, not exit 3 or a kill
    assert "YAML alias" in capsys.readouterr().err
    assert peak() < 5_000_000


def test_one_alias_in_a_real_declaration_names_its_line_and_column() -> None:
    text = (EXAMPLES / "office_declaration.yaml").read_text(encoding="utf-8")
    text = text.replace("  total_floor_area:\n", "  total_floor_area: &area\n", 1)
    text = text.replace(
        "  indoor_parking_area:\n    value: 9000\n    unit: m**2\n", "  indoor_parking_area: *area\n", 1
    )
    line = text.splitlines().index("  indoor_parking_area: *area") + 1
    # "  indoor_parking_area: " is 23 characters: the alias starts in column 24
    with pytest.raises(DataFileError, match=rf"<text>, line {line}, column 24: \*area is a YAML alias"):
        Declaration.from_yaml(text)


def test_recursive_alias_and_alias_as_key_are_refused() -> None:
    with pytest.raises(DataFileError, match=r"line 1, column 8: \*x is a YAML alias"):
        parse_yaml("a: &x [*x]\n", "<text>")
    with pytest.raises(DataFileError, match=r"line 2, column 1: \*k is a YAML alias"):
        parse_yaml("&k a: 1\n*k : 2\n", "<text>")


def test_an_anchor_that_no_alias_uses_repeats_nothing_and_is_read() -> None:
    assert parse_yaml("a: &x 1\nb: 2\n", "<text>") == {"a": 1, "b": 2}


def test_shipped_factor_file_has_no_anchor_and_reads_as_before() -> None:
    text = _data.data_path("factors.yaml").read_bytes()
    events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    assert not any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) for e in events)
    assert parse_yaml(text, "factors.yaml") == yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506
    assert issubclass(_data._Loader, yaml.CSafeLoader) == hasattr(yaml, "CSafeLoader")  # libyaml's parser


# -- defect 11: sizes -----------------------------------------------------------------------------


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:  # no data written: a hole of *size* bytes
        fh.truncate(size)
    return path


@pytest.mark.parametrize(("what", "read"), READERS, ids=[w for w, _ in READERS])
def test_yaml_file_over_the_cap_is_refused_by_its_size(
    tmp_path: Path, peak: Callable[[], int], what: str, read: Callable[[Path], Any]
) -> None:
    path = _sparse(tmp_path / "huge.yaml", 100_000_000)  # the 100 MB input
    with pytest.raises(DataFileError, match=r"100,000,000 bytes, more than the 20,000,000-byte \(20 MB\) limit.*split"):
        read(path)
    path = _sparse(tmp_path / "just_over.yaml", MAX_YAML_BYTES + 1)
    with pytest.raises(DataFileError, match=rf"{re.escape(str(path))}: the .* is 20,000,001 bytes"):
        read(path)
    assert peak() < 1_000_000  # refused from the file's size: not a byte was read


def test_records_over_the_cap_are_refused_by_size(tmp_path: Path, peak: Callable[[], int]) -> None:
    path = _sparse(tmp_path / "records.csv", 100_000_000)
    with pytest.raises(DataFileError, match=r"records file is 100,000,000 bytes, more than the 50,000,000-byte"):
        read_records(path)
    with pytest.raises(DataFileError, match="50,000,001 bytes"):
        read_records(_sparse(tmp_path / "over.csv", MAX_CSV_BYTES + 1))
    assert peak() < 1_000_000


def test_text_over_the_cap_is_refused_by_its_length() -> None:
    text = "a: 1\n" + " " * MAX_YAML_BYTES
    with pytest.raises(DataFileError, match=r"^<text>: the declaration is 20,000,005 bytes"):
        Declaration.from_yaml(text)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_stream_is_cut_at_the_cap(peak: Callable[[], int]) -> None:
    # not a regular file: its size says 0, so it is read up to one byte past the cap, no further
    with pytest.raises(DataFileError, match=r"/dev/zero: the file is 20,000,001 bytes"):
        factors.from_file("/dev/zero")
    assert peak() < 3 * MAX_YAML_BYTES


def test_a_file_under_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yaml"
    path.write_text("organisations:\n- {id: team, name: 盤查小組}\n" + "#" * 1_000_000 + "\n", encoding="utf-8")
    assert [o.id for o in read_orgs(path)] == ["team"]


# -- the shared loader's other refusals -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", r"line 2, column 1: not valid YAML: duplicate key 'a'"),
        ("a: 1\n<<: {b: 2}\n", r"line 2, column 1: .*merge keys \(<<\) are not accepted"),
        ("a: !!set {x, y}\n", r"line 1, column 4: .*tag 'tag:yaml.org,2002:set' is not accepted"),
        ("a: !!binary aGk=\n", r"line 1, column 4: .*binary' is not accepted"),
        ("a: !!timestamp 2024-01-31\n", r"line 1, column 4: .*timestamp' is not accepted"),
        ("a: !!omap [b: 1]\n", r"omap' is not accepted"),
        ("? [a]\n: 1\n", r"line 1, column 3: .*a list cannot be a mapping key"),
        ("{[1]: 2}\n", r"line 1, column 2: .*a list cannot be a mapping key"),
        ("a: !!int abc\n", r"line 1, column 4: .*cannot read 'abc' as int"),
        ("a: !!bool maybe\n", r"cannot read 'maybe' as bool"),
        ("a: !!float x\n", r"cannot read 'x' as float"),
        ("a: " + "9" * 5000 + "\n", r"line 1, column 4: .*cannot read '9{40}\.\.\. \(5,000 characters\)' as int"),
        ("a: !!python/object:os.system x\n", r"line 1, column 4: .*could not determine a constructor"),
        ("a: *nothing\n", r"line 1, column 4: .*undefined alias"),
        ("a: [1, 2\n", r"line 2, column 1: not valid YAML: while parsing a flow sequence \(at line 1, column 4\)"),
        ("a: 1\n---\nb: 2\n", r"expected a single document"),
        ("a: 1\nb: x\x00y\n", r"line 2, column 5: not valid YAML: the character U\+0000 is not allowed"),
        ("a: 中文\x07\n", r"line 1, column 6: not valid YAML: the character U\+0007"),  # columns count characters
    ],
)
def test_loader_refusals_name_the_line_and_column(text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message) as info:
        parse_yaml(text, "<text>")
    assert str(info.value).startswith("<text>")
    with pytest.raises(DataFileError, match=message):  # the same from bytes (libyaml reads them as they are)
        parse_yaml(text.encode("utf-8"), "<text>")


def test_nesting_is_capped_at_100_levels() -> None:
    assert MAX_YAML_DEPTH == 100
    # "a:" then k0 ... k149, each one space deeper: the mapping at depth d starts on line d, column d
    # (d >= 2); the 101st level is refused while composing it, at its parent (line 100, column 100)
    deep = "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(150)) + " " * 152 + "x\n"
    with pytest.raises(DataFileError, match=r"line 100, column 100: .*nested deeper than 100 levels"):
        parse_yaml(deep, "<text>")
    with pytest.raises(DataFileError, match="nested deeper than 100 levels"):
        parse_yaml("[" * 200 + "]" * 200, "<text>")
    node = parse_yaml("[" * 100 + "]" * 100, "<text>")  # 100 levels are read
    for _ in range(99):
        (node,) = node
    assert node == []


def test_values_are_what_json_holds() -> None:
    # an unquoted date stays text (a date object would be a value JSON cannot hold)
    doc = parse_yaml("d: 2024-01-31\nn: 12\nx: 1.5\nt: true\nz: ~\ns: [a]\n", "<text>")
    assert doc == {"d": "2024-01-31", "n": 12, "x": 1.5, "t": True, "z": None, "s": ["a"]}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("010", 10),  # YAML 1.1: octal 8, a silently wrong number for a zero-padded figure
        ("0113", 113),  # a zero-padded ROC year (YAML 1.1: 75)
        ("1:30", "1:30"),  # YAML 1.1: sexagesimal 90
        ("1e5", 100_000.0),  # YAML 1.1: the text "1e5"; JSON and YAML 1.2: a number
        ("-2.5E-3", -0.0025),
        ("0x1F", 31),  # 1 x 16 + 15
        ("0o17", 15),  # 1 x 8 + 7
        ("yes", "yes"),  # YAML 1.1: true; the models still read "yes" as true where they want a boolean
        ("off", "off"),
        ("True", True),
        (".inf", float("inf")),
        ("1_000", "1_000"),
    ],
)
def test_plain_scalars_read_as_json_and_yaml_1_2_read_them(text: str, value: Any) -> None:
    assert parse_yaml(f"a: {text}\n", "<text>") == {"a": value}


def test_on_as_a_key_is_text() -> None:
    assert parse_yaml("on: 1\n", "<text>") == {"on": 1}  # YAML 1.1 made it the key True


def test_text_with_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(DataFileError, match=r"<text>: character 3 is not valid text"):
        parse_yaml("a: \ud800\n", "<text>")


def test_bytes_that_are_not_utf8_name_the_line() -> None:
    with pytest.raises(DataFileError, match=r"cannot read declaration <text>: it must be UTF-8 .*line 2"):
        load_yaml("a: 1\nb: 電\n".encode("big5"))


def test_pure_python_loader_refuses_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # where PyYAML is built without libyaml: the same loader on PyYAML's own parser and composer
    monkeypatch.setattr(_data, "_Loader", _data._make_loader(yaml.SafeLoader))
    monkeypatch.setattr(_data, "_Base", yaml.SafeLoader)
    monkeypatch.setattr(_data, "_C_LOADER", False)
    with pytest.raises(DataFileError, match=r"<text>, line 2, column 8: \*a is a YAML alias"):
        parse_yaml(BOMB, "<text>")
    with pytest.raises(DataFileError, match="nested deeper than 100 levels"):
        parse_yaml("[" * 200 + "]" * 200, "<text>")
    with pytest.raises(DataFileError, match=r"line 1, column 6: .*U\+0007"):
        parse_yaml("a: 中文\x07\n", "<text>")
    with pytest.raises(DataFileError, match="duplicate key 'a'"):
        parse_yaml("a: 1\na: 2\n", "<text>")
    assert parse_yaml("d: 2024-01-31\n", "<text>") == {"d": "2024-01-31"}
    assert Declaration.from_yaml(EXAMPLES / "office_declaration.yaml").year == 114


def test_data_files_must_be_mappings(tmp_path: Path) -> None:
    for content, got in (("", "an empty file"), ("- a\n", "list"), ("12\n", "int")):
        path = tmp_path / "factors.yaml"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(DataFileError, match=rf"{re.escape(str(path))}: .*must be a YAML mapping .*got {got}"):
            factors.from_file(path)
        with pytest.raises(DataFileError, match=rf"{re.escape(str(path))}: .*must be a YAML mapping"):
            read_yaml(path)


# -- the loader's two paths: straight from the parser's events, or composed ---------------------


def _either(source: str | bytes) -> tuple[str, str]:
    """What :func:`parse_yaml` gives for *source* by its events and by the composed nodes, as reprs
    (a repr tells 1 from 1.0 and True, and shows NaN), or ``"unusual"`` where the events path
    hands the document to the composed one; an error as its message."""
    try:
        fast = repr(_data._from_events(source))
    except (_data._Unusual, yaml.YAMLError):
        fast = "unusual"
    try:
        composed = repr(_data._composed(source, source if isinstance(source, str) else source.decode(), "<text>"))
    except DataFileError as exc:
        composed = f"error: {exc}"
    return fast, composed


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(alphabet=st.sampled_from(list("aZ0189.-+eE_:# '\"~!&*|>%@`,[]{}?\n\t") + ["中", "\u00a0"]), max_size=8),
)
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=4), st.integers(-9, 9)), inner, max_size=4)
    ),
    max_leaves=20,
)
# YAML fragments, to reach what no dumper writes: tags, anchors, aliases, flow collections, odd plain scalars
_PIECES = st.lists(
    st.sampled_from(
        ["a", "b", ": ", ":", "- ", "\n", "  ", "[", "]", "{", "}", ", ", "&x ", "*x", "!!str ", "!!int ", "? ",
         "'q'", '"d\\n"', "1", "010", "0x1F", "1e5", ".5", "-.inf", ".nan", "~", "null", "True", "yes", "<<",
         "2024-01-31", "#c", "---\n", "...\n", "|\n  t\n", "=", "中"]
    ),
    max_size=14,
).map("".join)


@given(
    doc=st.one_of(st.dictionaries(st.text(max_size=5), _DOCS, max_size=5), st.lists(_DOCS, max_size=4)),
    flow=st.sampled_from([False, True, None]),
    width=st.sampled_from([20, 80]),
)
def test_events_path_builds_what_the_composed_path_builds(doc: Any, flow: bool | None, width: int) -> None:
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, width=width)
    fast, composed = _either(text)
    assert fast in ("unusual", composed)
    assert _either(text.encode("utf-8")) == (fast, composed)
    assert repr(parse_yaml(text, "<text>")) == composed  # (safe_dump writes what reads back, or a tag)


@given(_PIECES)
def test_events_path_on_yaml_fragments_is_the_composed_path_or_hands_over(text: str) -> None:
    fast, composed = _either(text)
    assert fast in ("unusual", composed), (text, fast, composed)
    try:
        got = f"{parse_yaml(text, '<text>')!r}"
    except DataFileError as exc:
        got = f"error: {exc}"
    assert got == composed


@given(st.one_of(st.from_regex(_data._FLOAT, fullmatch=True), st.from_regex(_data._INT, fullmatch=True)))
def test_events_path_reads_every_number_as_the_composed_path(number: str) -> None:
    # every text the float and int patterns take, as a value and as a key: the same number, bit for bit
    for text in (f"a: {number}\n", f"{number}: a\n", f"- [{number}]\n"):
        fast, composed = _either(text)
        assert fast in ("unusual", composed), (text, fast, composed)
        if not composed.startswith("error"):
            assert fast == composed, text  # a number is read on the events path, not handed over


def test_the_examples_are_read_by_the_events_path() -> None:
    # the common case takes the fast path: every shipped declaration and the factor file
    for path in [*EXAMPLES.glob("*declaration*.yaml"), _data.data_path("factors.yaml")]:
        fast, composed = _either(path.read_bytes())
        assert fast == composed, path


# -- records CSV ----------------------------------------------------------------------------------

HEADER = "org,year,kind,value,unit\n"


def _records(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # an unquoted thousands separator shifts the cells: 6 cells under 5 columns
        (
            HEADER + "a,2024,electricity,12,000,kWh\n",
            r", line 2: the row has 6 cells but the header has 5 columns.*12,000",
        ),
        (HEADER + 'a,2024,electricity,"12,000",kWh\n', r", line 2: value: '12,000' is not a number"),
        (HEADER + "a,2024.0,electricity,1,kWh\n", r", line 2: year: '2024.0' is not an AD year"),
        (HEADER + "a," + "9" * 5000 + ",electricity,1,kWh\n", r"year: '9{60}' is not an AD year"),
        (HEADER + "a,2024,electricity,1e400,kWh\n", r", line 2: value: .*finite"),
        (HEADER + "a,2024,electricity\n", r", line 2: value: '' is not a number"),  # short: cells empty
        # an ROC year, however written, is named with the AD year to write (ROC 113 + 1911 = AD 2024)
        (HEADER + "a,113,electricity,1,kWh\n", r", line 2: year: '113' is an ROC year \(ROC 113 = AD 2024\).*write 2024"),
        (HEADER + "a,113年,electricity,1,kWh\n", r", line 2: year: '113年' is an ROC year \(ROC 113 = AD 2024\)"),
        (HEADER + "a,民國106年,electricity,1,kWh\n", r", line 2: year: '民國106年' is an ROC year \(ROC 106 = AD 2017\)"),
        (HEADER + "a,2024年,electricity,1,kWh\n", r", line 2: year: '2024年' is not written as the column's years are: write 2024"),
        (HEADER + "a,2024,electricity,1,kwhh\n", r", line 2: unit: unit 'kwhh' is not a unit"),
        ("org,year,kind,value,unit,leak_rat\n", r"line 1: the header has unknown columns 'leak_rat'"),
        ("org,year,kind,value\n", r"line 1: the header has no column 'unit'"),
        ("org,year,kind,value,unit,note,note\n", r"line 1: the header has repeated columns 'note'"),
        ("", r"the file is empty"),
        # 24 characters, a million commas and the newline: a list of a million cells if it were read
        (HEADER + "a,2024,electricity,1,kWh" + "," * 1_000_000 + "\n", r"line 2: the line is 1,000,025 characters"),
        (HEADER + 'a,2024,electricity,1,kWh,"' + "x" * 200_000 + "\n", r"line \d+: not valid CSV: field larger than"),
    ],
)
def test_records_errors_name_the_row_line_column_and_value(tmp_path: Path, text: str, message: str) -> None:
    path = _records(tmp_path, text)
    with pytest.raises(DataFileError, match=message) as info:
        read_records(path)
    assert str(path) in str(info.value)


def test_records_line_numbers_count_blank_lines_and_quoted_newlines(tmp_path: Path) -> None:
    # row 2 is on line 2 and its note runs to line 3; a blank line 4; row 3 is on line 5
    text = HEADER.replace("\n", ",note\n") + 'a,2024,electricity,1,kWh,"two\nlines"\n\na,2024,electricity,-1,kWh,\n'
    with pytest.raises(DataFileError, match=r", line 5: value, unit: .*negative"):
        read_records(_records(tmp_path, text))


def test_records_not_utf8_far_into_the_file_name_the_line(tmp_path: Path) -> None:
    # the rows are decoded a chunk at a time; the error still names the byte and line in the whole file
    path = tmp_path / "records.csv"
    good = (HEADER + "a,2024,electricity,1,kWh\n" * 1000).encode()  # lines 1-1001
    path.write_bytes(good + "a,2024,electricity,1,kWh電\n".encode("big5"))
    # the Big5 byte follows line 1002's 24 characters
    with pytest.raises(DataFileError, match=rf"it must be UTF-8 text, but byte {len(good) + 24} \(line 1002, "):
        read_records(path)


def test_records_with_bom_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    path.write_bytes("\ufefforg,year,kind,value,unit\r\na,2024,electricity,1000,kWh\r\n".encode())
    (record,) = read_records(path)
    assert (record.org, record.year, record.amount.value, record.amount.unit) == ("a", 2024, 1000.0, "kWh")


# -- defect 12: organisation chains ---------------------------------------------------------------

DEPTH = 1_500  # the chain


@pytest.fixture(scope="module")
def chain() -> OrgTree:
    # o0 <- o1 <- ... <- o1499: each organisation the only child of the one before
    return OrgTree(Organisation(id=f"o{i}", name=f"O{i}", parent=f"o{i - 1}" if i else None) for i in range(DEPTH))


def test_descendants_of_a_deep_chain(chain: OrgTree) -> None:
    assert [o.id for o in chain.descendants("o0")] == [f"o{i}" for i in range(DEPTH)]
    assert [o.id for o in chain.descendants("o1498")] == ["o1498", "o1499"]


def test_totals_of_a_deep_chain(chain: OrgTree) -> None:
    # one unit each: organisation i totals itself and the 1,499 - i below it, 1,500 - i
    totals = chain.totals({f"o{i}": 1.0 for i in range(DEPTH)})
    assert totals["o0"] == 1500.0 and totals["o1000"] == 500.0 and totals["o1499"] == 1.0
    assert list(totals)[:2] == ["o1499", "o1498"]  # children before their parents


def test_totals_keep_depth_first_order_and_missing_values_count_zero() -> None:
    tree = OrgTree(
        [
            Organisation(id="team", name="T"),
            Organisation(id="a", name="A", parent="team"),
            Organisation(id="a1", name="A1", parent="a"),
            Organisation(id="b", name="B", parent="team"),
        ]
    )
    # a1 = 4; a = 2 + 4 = 6; b = 0 (no value); team = 1 + 6 + 0 = 7
    assert tree.totals({"team": 1.0, "a": 2.0, "a1": 4.0}) == {"a1": 4.0, "a": 6.0, "b": 0.0, "team": 7.0}
    assert list(tree.totals({})) == ["a1", "a", "b", "team"]


def test_rolled_up_and_roll_up_of_a_deep_chain(chain: OrgTree) -> None:
    # 1,000 kWh each at the 2024 grid factor of tw-2024, 0.474 kg CO2e/kWh (factors.yaml): 0.474 t each;
    # the root totals 1,500 x 0.474 = 711 t, organisation 1,000 the 500 below and itself: 237 t
    records = [
        ActivityRecord(org=f"o{i}", year=2024, kind="electricity", amount={"value": 1000, "unit": "kWh"})
        for i in range(DEPTH)
    ]
    rolled = compute(chain, records, year=2024).rolled_up()
    assert rolled["o0"] == pytest.approx(711.0, rel=1e-12)
    assert rolled["o1000"] == pytest.approx(237.0, rel=1e-12)
    df = pd.DataFrame(
        {"org": [f"o{i}" for i in range(DEPTH)], "year": 2024, "kind": "electricity", "value": 1000.0, "unit": "kWh"}
    )
    totals = roll_up(compute_frame(chain, df, year=2024), chain)
    assert totals["o0"] == pytest.approx(711.0, rel=1e-12)
    assert totals["o1499"] == pytest.approx(0.474, rel=1e-12)


def test_a_chain_of_20000_is_checked_in_linear_time() -> None:
    # the cycle check walks each organisation once (it walked to the root from every one: 2e8 steps)
    tree = OrgTree(Organisation(id=f"o{i}", name="x", parent=f"o{i - 1}" if i else None) for i in range(20_000))
    assert len(tree.descendants("o0")) == 20_000


def test_a_cycle_is_named_in_order() -> None:
    orgs = [
        Organisation(id="team", name="T"),
        Organisation(id="a", name="A", parent="c"),
        Organisation(id="b", name="B", parent="a"),
        Organisation(id="c", name="C", parent="b"),
    ]
    with pytest.raises(InvalidValueError, match=r"'a' is in a cycle of parents \(a -> c -> b -> a\)"):
        OrgTree(orgs)
    with pytest.raises(InvalidValueError, match=r"\(s -> s\)"):
        OrgTree([Organisation(id="s", name="S", parent="s")])


def test_organisations_file_tree_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yaml"
    path.write_text("organisations:\n- {id: a, name: A, parent: b}\n- {id: b, name: B, parent: a}\n", encoding="utf-8")
    with pytest.raises(InvalidValueError, match=rf"^{re.escape(str(path))}: organisation 'a' is in a cycle"):
        read_orgs(path)
    path.write_text("organisations:\n- {id: a, name: A}\n- {id: a, name: A2}\n", encoding="utf-8")
    with pytest.raises(InvalidValueError, match=rf"^{re.escape(str(path))}: organisation id 'a' appears twice"):
        read_orgs(path)


def test_deep_chain_from_a_file_through_the_command_line(tmp_path: Path) -> None:
    orgs = tmp_path / "orgs.yaml"
    orgs.write_text(
        "organisations:\n"
        + "".join(f"- {{id: o{i}, name: O{i}{f', parent: o{i - 1}' if i else ''}}}\n" for i in range(DEPTH)),
        encoding="utf-8",
    )
    records = _records(tmp_path, HEADER + "".join(f"o{i},2024,electricity,1000,kWh\n" for i in range(DEPTH)))
    out = io.StringIO()
    assert main(["inventory", str(records), "--orgs", str(orgs), "--year", "2024", "--json"], out) == 0
    import json

    assert json.loads(out.getvalue())["rolled_up_t_co2e"]["o0"] == pytest.approx(711.0, rel=1e-12)  # as above


# -- defect 12: chiller.frame columns -------------------------------------------------------------

UNITS = {"flow": "m**3/h", "supply": "degC", "ret": "degC", "power": "kW"}


def _log(**columns: Any) -> pd.DataFrame:
    hours = pd.date_range("2024-07-01 08:00", periods=9, freq="h")
    data = {"time": hours, "flow": 720.0, "supply": 7.0, "ret": 12.0, "power": 800.0, "group": "CH-1"}
    return pd.DataFrame({**data, **columns}, index=range(100, 109))


def test_chiller_frame_thousands_separator_names_column_row_value_and_fix() -> None:
    # issue 12 defect 12: "12,000" in a column was a ValueError that did not name the column
    flow = ["720"] * 4 + ["12,000"] + ["720"] * 4
    with pytest.raises(
        InvalidValueError,
        match=r"chiller group 'CH-1': column 'flow' row 104: '12,000' is not a number; strip the thousands "
        r"separators \(pandas.read_csv\(\.\.\., thousands=','\)",
    ):
        chiller.frame(_log(flow=flow), units=UNITS)


@pytest.mark.parametrize("key", ["flow", "supply", "ret", "power"])
def test_every_numeric_column_names_the_bad_cell(key: str) -> None:
    values: list[Any] = [7.0] * 9
    values[6] = "n/a"
    with pytest.raises(InvalidValueError, match=rf"column '{key}' row 106: 'n/a' is not a number; convert"):
        chiller.frame(_log(**{key: values}), units=UNITS)


def test_renamed_column_and_energy_column() -> None:
    log = _log().rename(columns={"flow": "冰水流量"}).drop(columns="power").assign(kwh=[1.0] * 8 + ["1,5"])
    with pytest.raises(InvalidValueError, match=r"column 'kwh' \(energy\) row 108: '1,5' is not a number"):
        chiller.frame(log, units={**UNITS, "energy": "kWh"}, columns={"flow": "冰水流量", "energy": "kwh"})
    with pytest.raises(InvalidValueError, match=r"column '冰水流量' \(flow\) row 100: '—' is not a number"):
        chiller.from_log(log.assign(冰水流量=["—", *["1"] * 8], kwh=1.0), units={**UNITS, "energy": "kWh"},
                         columns={"flow": "冰水流量", "energy": "kwh"})  # fmt: skip


def test_boolean_and_date_columns_are_not_numbers() -> None:
    with pytest.raises(InvalidValueError, match=r"column 'power' holds bool values, not numbers"):
        chiller.frame(_log(power=[True] * 9), units=UNITS)
    with pytest.raises(InvalidValueError, match=r"column 'flow' holds datetime64.* values, not numbers"):
        chiller.frame(_log(flow=pd.date_range("2024-01-01", periods=9)), units=UNITS)


def test_time_column_of_text_says_to_convert() -> None:
    log = _log().assign(time=lambda d: d["time"].astype(str))
    with pytest.raises(PeriodError, match=r"time must be datetime64 .* pandas.to_datetime"):
        chiller.frame(log, units=UNITS)


def test_numeric_text_and_nullable_columns_still_work() -> None:
    # 720 m³/h x 1 kg/L x 1 kcal/(kg·°C) x 5 °C = 3,600,000 kcal/h = 1,190.476 RT; 8 hours = 9,523.81 RTh
    log = _log(flow=["720"] * 9, power=pd.array([800] * 9, dtype="Int64"))
    table = chiller.frame(log, units=UNITS)
    assert table["RTh"].iloc[0] == pytest.approx(8 * 3_600_000 / 3024, rel=1e-12)
    assert np.isclose(table["kWh"].iloc[0], 8 * 800.0)
