"""Count carbonaudit's tests by what they check (the honest counts on the README and reliability page).

Run from the repository root (``pip install -e ".[test]"`` first)::

    python tools/count_tests.py

pytest collects the suite (nothing is run) and each collected test -- a parametrised case counts as one,
as in pytest's own "N passed" -- is put in the first class that fits it:

1. **docstring format**: ``tests/test_docstrings.py`` checks that docstrings have the numpydoc sections
   and units; it checks no number. **Examples** (doctests): the examples in the docstrings, the
   README and the docs pages, run as written (most print a published figure).
2. **property**: a hypothesis test, which checks a formula or an invariant over generated inputs.
3. **bad-input harness**: the generated cases of ``tests/test_harness.py``,
   ``tests/test_dtype_invariance.py`` and ``tests/test_fuzz_readers.py`` (each bad value in each
   argument of each public function is refused naming the argument, or gives the float64 result).
4. **packaging, docs, CLI and plots**: the tests of the wheel, the docs build, the command line, the
   display and plotting helpers, and dask.
5. **numbers**: the rest that compare a computed number with a published figure or a value worked out
   in the test (the test's source calls ``pytest.approx``, ``np.testing.assert_allclose``,
   ``math.isclose`` or ``Fraction``, or asserts equality with a number, a list of numbers or a
   formatted figure such as ``"1.01"``).
6. **refusals and findings**: the rest, which assert an error (``pytest.raises``), a finding, a trace, a
   round trip or another outcome that is not a number.

The classes are read from each test function's source, so a test that moves between classes is counted
where its code puts it.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

HARNESS = {"test_harness.py", "test_dtype_invariance.py", "test_fuzz_readers.py"}
OTHER = {"test_packaging.py", "test_docs.py", "test_cli.py", "test_plot.py", "test_display.py", "test_dask.py"}
NUMBER = re.compile(
    r"approx\(|assert_allclose|assert_array_equal|isclose\(|Fraction\(|"  # float and exact comparisons
    r"==\s*[\[(]?\s*[\"']?-?\d|-?\d[\d_.]*\s*==|"  # == 27360, == [2.8e9], == ("1.01", ...), 0.5 == x
    r"m_as\([^)]*\)\s*[<>]"  # a bound on a computed magnitude
)
CLASSES = [
    "numbers",
    "property",
    "refusals and findings",
    "bad-input harness",
    "examples (doctests)",
    "docstring format",
    "packaging, docs, CLI and plots",
]


def classify(item: Any) -> str:
    name = Path(str(item.path)).name
    if type(item).__name__ == "DoctestItem":
        return "examples (doctests)"
    if name == "test_docstrings.py":
        return "docstring format"
    function = getattr(item, "function", None)
    if function is not None and getattr(function, "is_hypothesis_test", False):
        return "property"
    if name in HARNESS:
        return "bad-input harness"
    if name in OTHER:
        return "packaging, docs, CLI and plots"
    try:
        source = inspect.getsource(function) if function is not None else ""
    except (OSError, TypeError):
        source = ""
    return "numbers" if NUMBER.search(source) else "refusals and findings"


class _Collector:
    def __init__(self) -> None:
        self.items: list[Any] = []

    def pytest_collection_finish(self, session: Any) -> None:
        self.items = list(session.items)


def main() -> int:
    collector = _Collector()
    code = pytest.main(
        ["--collect-only", "-q", "-p", "no:cacheprovider"], plugins=[collector]
    )  # the test command's paths
    if code != 0:
        return int(code)
    counts = Counter(classify(item) for item in collector.items)
    functions = Counter(classify(item) for item in {getattr(i, "function", i): i for i in collector.items}.values())
    total = sum(counts.values())
    print("\n| what the test checks | tests | test functions |")
    print("| --- | ---: | ---: |")
    for cls in CLASSES:
        print(f"| {cls} | {counts[cls]:,} | {functions[cls]:,} |")
    print(f"| **all** | **{total:,}** | **{sum(functions.values()):,}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
