"""How results show themselves in a notebook and a terminal (private).

``HtmlRepr`` gives a result dataclass an HTML table of its fields for Jupyter (``_repr_html_``);
``fmt`` writes one value the way a person reads it: a Quantity with its unit, an array by its
shape and sum, a fraction as it is; ``json_text`` writes the JSON the command line prints, each
float to the 15 significant digits a float64 holds. Nothing here rounds what a program reads:
the fields keep their exact values.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np


def fmt(value: Any) -> str:
    """One value as text: Quantities with their unit, arrays by shape and sum, numbers to 6 digits."""
    units = getattr(value, "units", None)
    if units is not None and hasattr(value, "magnitude"):
        return f"{fmt(value.magnitude)} {units:~}".rstrip()
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            return "[" + ", ".join(fmt(v) for v in value.ravel().tolist()) + "]"
        return f"array(shape={value.shape}, sum={np.nansum(value):,.6g})"
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float | np.integer | np.floating):
        return f"{float(value):,.6g}"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {fmt(v)}" for k, v in value.items()) or "(none)"
    if isinstance(value, tuple | list) and value and all(hasattr(v, "severity") for v in value):
        return f"{len(value)} finding(s)"
    return str(value)


def _plain(value: Any) -> Any:
    """*value* as JSON data: each finite float cut to 15 significant digits, numpy values as Python's."""
    if isinstance(value, bool | np.bool_) or value is None or isinstance(value, str):
        return value.item() if isinstance(value, np.bool_) else value
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        x = float(value)
        # 15 significant digits: every decimal of 15 digits survives a round trip through float64, so
        # this is the value without the noise of binary arithmetic (0.10838369160000001 -> 0.1083836916)
        return float(f"{x:.15g}") if math.isfinite(x) else x
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def json_text(data: Any) -> str:
    """*data* as the command line's JSON: indented, UTF-8 text as it is, floats without binary noise.

    Each float is written as the shortest text of the float nearest its value to 15 significant
    digits (``0.1083836916``, not ``0.10838369160000001``): a float64 guarantees 15, the digits
    beyond are the noise of arithmetic in binary. The values of the library keep every bit; only
    the printed JSON is cut. Numpy numbers and arrays are written as plain numbers and lists.

    Examples
    --------
    >>> print(json_text({"co2e": 0.1 + 0.2, "n": 3}))
    {
      "co2e": 0.3,
      "n": 3
    }
    """
    return json.dumps(_plain(data), ensure_ascii=False, indent=2)


def findings_html(findings: Any) -> str:
    """An HTML table of findings: severity, code, path, message (English and Chinese)."""
    if not findings:
        return "<p>No findings.</p>"
    colour = {"error": "#b00020", "warning": "#b26a00", "info": "#555"}
    rows = "".join(
        f"<tr><td style='color:{colour.get(f.severity, '#000')}'>{html.escape(f.severity)}</td>"
        f"<td><code>{html.escape(f.code)}</code></td><td><code>{html.escape(f.path)}</code></td>"
        f"<td>{html.escape(f.message)}" + (f"<br>{html.escape(f.message_zh)}" if f.message_zh else "") + "</td></tr>"
        for f in findings
    )
    return "<table><tr><th>severity</th><th>code</th><th>path</th><th>message</th></tr>" + rows + "</table>"


class HtmlRepr:
    """Mixin for result dataclasses: ``_repr_html_`` shows each field and its value in a table."""

    def _repr_html_(self) -> str:
        rows = []
        findings: Any = ()
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if not f.repr:
                continue
            value = getattr(self, f.name)
            if f.name == "findings":
                findings = value
                continue
            rows.append(
                f"<tr><th style='text-align:left'>{html.escape(f.name)}</th><td>{html.escape(fmt(value))}</td></tr>"
            )
        out = f"<b>{html.escape(type(self).__name__)}</b><table>{''.join(rows)}</table>"
        if findings:
            out += "<details open><summary>findings</summary>" + findings_html(findings) + "</details>"
        return out
