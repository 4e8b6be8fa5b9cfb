"""Sphinx configuration of the carbonaudit documentation.

Build (warnings are errors, as in CI): ``python -m sphinx -W --keep-going -n -b html docs docs/_build/html``.
Markdown pages are MyST; the notebook is executed at every build (myst-nb); the factor-data and
measure-code pages are generated from ``data/`` (``_ext/carbonaudit_docgen.py``); plots are drawn
by matplotlib's plot directive; the API reference is read from the numpydoc docstrings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

import carbonaudit

matplotlib.use("Agg")  # headless
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "carbonaudit"
author = "carbonaudit developers"
copyright = "carbonaudit developers"
version = release = carbonaudit.__version__
language = "en"

extensions = [
    "sphinx.ext.autodoc",
    "numpydoc",
    "myst_nb",
    "matplotlib.sphinxext.plot_directive",
    "carbonaudit_docgen",
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "_ext", "**.ipynb_checkpoints", "jupyter_execute"]
root_doc = "index"

# MyST and notebooks
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 3
nb_execution_mode = "force"  # every build runs the notebook
nb_execution_raise_on_error = True
nb_execution_timeout = 600
nb_execution_show_tb = True

# API reference
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# Plots: the directive runs its snippet with the docs folder as working directory.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
plot_rcparams = {"figure.figsize": (7, 4)}

# Nitpicky mode (-n): every cross-reference must resolve. External libraries have no inventory
# offline, so their names are accepted as they are.
nitpick_ignore_regex = [
    (r"py:.*", r"(numpy|np|pandas|pd|pint|pydantic|matplotlib|dask|datetime|collections|typing)(\..*)?"),
    (r"py:.*", r"(Quantity|Unit|ndarray|DataFrame|Series|Axes|array_like|array|numeric|optional|default)"),
]

html_theme = "pydata_sphinx_theme"
html_title = f"carbonaudit {release}"
html_theme_options = {
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
html_static_path: list[str] = []
