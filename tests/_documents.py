"""Where the texts of the official documents are, for the tests that compare the data with them.

The product cites each document by its key in the sources registry of ``data/factors.yaml``
(``award-form-2015 附表2`` ...); the documents' texts are not shipped. This module is the one
place that knows their file names and where to look for them: the folder named by the
environment variable ``CARBONAUDIT_DOCUMENTS`` or, without it, the folder ``shared/seeds``
beside the checkout. A test that reads a text skips where it is absent, unless
``CARBONAUDIT_REQUIRE_SEEDS`` is set (CI sets it): then the test runs and fails.

Load it as the harness catalogue is loaded (``--import-mode=importlib`` puts no test folder on
``sys.path``)::

    spec = importlib.util.spec_from_file_location("_documents", Path(__file__).with_name("_documents.py"))
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FOLDER_VARIABLE = "CARBONAUDIT_DOCUMENTS"
"""Environment variable naming the folder that holds the documents' texts."""

REQUIRE_VARIABLE = "CARBONAUDIT_REQUIRE_SEEDS"
"""Environment variable that, when set, makes a missing text a failure instead of a skip."""

FILES: dict[str, str] = {
    "government-inventory": "000_5cdca204d8673db4.txt",
    "award-form-2015": "001_3562277934013f78.txt",
    "production-declaration-2018": "002_0f92742ec76eab10.txt",
    "non-production-form-2025": "003_62344079abb4a273.txt",
}
"""Registry key -> file name of the document's text."""

_BESIDE_THE_CHECKOUT = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def folder() -> Path:
    """The folder the texts are looked up in: ``$CARBONAUDIT_DOCUMENTS``, else the one beside the checkout."""
    named = os.environ.get(FOLDER_VARIABLE)
    return Path(named) if named else _BESIDE_THE_CHECKOUT


def path(key: str) -> Path:
    """The path of the text of the document with registry key *key* (the file may not exist)."""
    if key not in FILES:
        raise KeyError(f"no text is known for the document {key!r}; the known keys are {sorted(FILES)}")
    return folder() / FILES[key]


def required() -> bool:
    """Whether a missing text must fail the test (``CARBONAUDIT_REQUIRE_SEEDS`` is set)."""
    return bool(os.environ.get(REQUIRE_VARIABLE))


def needs(key: str) -> pytest.MarkDecorator:
    """Skip a test that reads the text of *key* where the text is absent, unless it is required."""
    return pytest.mark.skipif(
        not path(key).is_file() and not required(),
        reason=(
            f"the official documents' texts are not available ({FILES.get(key, key)} of {key}; set "
            f"{FOLDER_VARIABLE} to their folder). CI sets {REQUIRE_VARIABLE}=1 and fails instead"
        ),
    )


def text(key: str) -> str:
    """The text of the document *key*; a clear failure where it is absent."""
    p = path(key)
    if not p.is_file():
        pytest.fail(
            f"the official documents' texts: {FILES[key]} ({key}) was not found in the folder named by "
            f"{FOLDER_VARIABLE} or beside the checkout, and {REQUIRE_VARIABLE} asks for it"
        )
    return p.read_text(encoding="utf-8")
