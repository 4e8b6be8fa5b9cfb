"""Pages generated from the data files at every docs build (a small Sphinx extension).

``factor_page`` lists every value of ``data/factors.yaml`` (one table row per value, keyed by its
path in the file, with its unit, status, source and note) under headings for each part of the
file; ``measure_code_page`` renders ``data/measure_codes.yaml``; ``carbon_fee_page`` lists every
rule value of ``data/carbon_fee.yaml`` with its article, source and status. ``tests/test_docs.py``
parses the factor page and the carbon-fee page and compares them with the files, value by value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

GENERATED = "generated"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _number(value: Any) -> str:
    """A number as ``repr`` gives it, so that the page shows (and a test reads back) the exact value."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _cell(value)
    return repr(value)


def _key(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for name in ("id", "definition"):
            if name in item:
                return f"[{item[name]}]"
    return f"[{index}]"


def values(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every factor value (a mapping with a ``value``) under *node*, with its path in the file."""
    if isinstance(node, dict):
        if "value" in node and not isinstance(node["value"], dict | list):
            yield path, node
            return
        for k, v in node.items():
            yield from values(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from values(item, f"{path}{_key(item, i)}")


_HEADER = "| path | value | unit | status | source | note |\n| --- | --- | --- | --- | --- | --- |\n"


def _cited(v: dict[str, Any]) -> str:
    """A value's source key and, where it names one, the table of that document."""
    source = str(v.get("source", ""))
    return f"{source}, {v['table']}" if v.get("table") else source


def _value_table(node: Any, path: str) -> str:
    rows = [
        f"| `{p}` | {_number(v['value'])} | {_cell(v.get('unit', ''))} | {_cell(v.get('status', ''))} | "
        f"{_cell(_cited(v))} | {_cell(v.get('note', ''))} |"
        for p, v in values(node, path)
    ]
    return _HEADER + "\n".join(rows) + "\n" if rows else "(no values)\n"


def factor_page(doc: dict[str, Any]) -> str:
    """The Markdown (MyST) page of every value in a parsed ``factors.yaml``."""
    out = [
        "# Factor data\n",
        "Generated from `data/factors.yaml` at every build: every value the library computes with, "
        "with its unit, status and source. The `path` column is where the value sits in the file. "
        "Statuses: **official** (published in the cited table), **secondary** (copied from a secondary "
        "source; verify before relying on it), **derived** (computed by us, the note says how), "
        "**default** (a choice the library makes where the sources give a range). Overridden values "
        "get status **user** (see [Overriding factors](../overrides.md)); the values of a set standing in "
        "for a year whose factors are not announced yet (`factors.for_year(year, provisional=True)`) get "
        "status **provisional**.\n",
        f"Default factor set: `{doc['default_set']}`. Schema version {doc['schema_version']}.\n",
        "## Factor sets\n",
    ]
    for fs in doc["factor_sets"]:
        base = f"factor_sets[{fs['id']}]"
        out.append(f"### `{fs['id']}`: {_cell(fs.get('title'))}\n")
        out.append(f"- **Vintage:** {_cell(fs.get('vintage'))}")
        years = fs.get("activity_years")
        out.append(
            f"- **Activity years:** {years['from']}–{years['to']}"
            if years
            else "- **Activity years:** none (a form's own set, never chosen by year)"
        )
        out.append(
            f"- **Oil-equivalent basis:** `{fs.get('oil_equivalent')}`; **default GWP:** {fs.get('default_gwp')}"
        )
        out.append(f"- {_cell(fs.get('description'))}\n")
        out.append("#### Grid factors\n")
        out.append(_value_table(fs.get("grid_factors", {}), f"{base}.grid_factors"))
        if fs.get("grid_factor_categories"):
            out.append("#### Grid factors by category (besides the average above)\n")
            out.append(_value_table(fs["grid_factor_categories"], f"{base}.grid_factor_categories"))
        if "supplier_factor" in fs:
            out.append("#### Supplier factor\n")
            out.append(_value_table(fs["supplier_factor"], f"{base}.supplier_factor"))
        out.append("#### Fuels\n")
        fuel_rows = []
        for fuel in fs.get("fuels", []):
            names = " / ".join(x for x in (fuel.get("code"), fuel.get("name_zh"), fuel.get("name_en")) if x)
            extra = f"row {fuel['row']}" if "row" in fuel else ""
            if "duplicate_of" in fuel:
                extra += f", repeats `{fuel['duplicate_of']}`"
            fuel_rows.append(f"| `{fuel['id']}` | {_cell(names)} | {_cell(fuel.get('basis_unit'))} | {_cell(extra)} |")
        out.append("| id | code / names | basis unit | |\n| --- | --- | --- | --- |\n" + "\n".join(fuel_rows) + "\n")
        out.append(_value_table(fs.get("fuels", []), f"{base}.fuels"))
    out.append("## Global warming potentials\n")
    for name, gwp_set in doc["gwp"].items():
        out.append(f"### {name}: {_cell(gwp_set.get('title'))}\n")
        out.append(_value_table(gwp_set.get("values", {}), f"gwp.{name}.values"))
        for rule in gwp_set.get("rules", []):
            out.append(
                f"Rule `{rule['id']}`: from activity year {rule['from_year']}, {' and '.join(rule['emissions'])} "
                f"{rule['gas']} of {rule['origin']} origin takes `{rule['use']}` ({_cell(rule.get('status'))}; "
                f"source `{rule.get('source')}`: {_cell(rule.get('note'))})\n"
            )
    blends = doc.get("blends", {})
    out.append("### Refrigerant blends (mass fractions)\n")
    out.append(
        "A GWP set that does not list a blend computes it from these components (status `derived`).\n\n"
        "| blend | components | source |\n| --- | --- | --- |\n"
        + "\n".join(
            f"| {b} | {', '.join(f'{c} {f!r}' for c, f in v['components'].items())} | {v.get('source', '')} |"
            for b, v in blends.items()
        )
        + "\n"
    )
    out.append("## Oil equivalent\n")
    for name, basis in doc["oil_equivalent"].items():
        out.append(f"### `{name}`\n\n{_cell(basis.get('title'))}\n")
        out.append(_value_table(basis, f"oil_equivalent.{name}"))
    out.append("## Constants\n")
    out.append(_value_table(doc.get("constants", {}), "constants"))
    out.append("## Rules of the forms\n")
    rules = doc.get("rules", {})
    for target in rules.get("saving_targets", []):
        out.append(f"### Saving target `{target['id']}` ({target['from_year']}–{target['to_year']})\n")
        out.append(f"{_cell(target.get('title'))}\n")
        tiers = target.get("tiers", [])
        out.append(
            "| tier | contract capacity above [kW] | up to [kW] | state-owned | basis |\n"
            "| --- | --- | --- | --- | --- |\n"
            + "\n".join(
                f"| {i} | {_number(t.get('min_capacity_kw', ''))} | {_number(t.get('max_capacity_kw', ''))} | "
                f"{'yes' if t.get('state_owned') else ''} | {_cell(t.get('basis'))} |"
                for i, t in enumerate(tiers)
            )
            + "\n"
        )
        out.append(_value_table(tiers, f"rules.saving_targets[{target['id']}].tiers"))
    if "summer_months" in rules:
        summer = rules["summer_months"]
        out.append(
            f"Summer months: {summer['months']} (source `{summer.get('source')}`: {_cell(summer.get('note'))})\n"
        )
    out.append("### Limits\n")
    out.append(_value_table(rules.get("limits", {}), "rules.limits"))
    out.append("### Reference prices\n")
    out.append(_value_table(rules.get("reference_prices", {}), "rules.reference_prices"))
    inventory = doc.get("inventory", {})
    out.append("## Inventory data\n")
    out.append("### Refrigerant leak rates (share of the charge per year)\n")
    out.append(
        "| equipment | low | high | | source |\n| --- | --- | --- | --- | --- |\n"
        + "\n".join(
            f"| `{k}` | {_number(v['low'])} | {_number(v['high'])} | {_cell(v.get('zh'))} | {v.get('source', '')} |"
            for k, v in inventory.get("leak_rates", {}).items()
        )
        + "\n"
    )
    out.append("### Fire-extinguisher agents\n")
    out.append(
        "| agent | gas | note | source |\n| --- | --- | --- | --- |\n"
        + "\n".join(
            f"| {k} | {v.get('gas') or '(none)'} | {_cell(v.get('note'))} | {v.get('source', '')} |"
            for k, v in inventory.get("extinguisher_agents", {}).items()
        )
        + "\n"
    )
    out.append("### Septic tanks\n")
    out.append(_value_table(inventory.get("septic", {}), "inventory.septic"))
    iso = inventory.get("iso_categories")
    if iso:
        out.append("### ISO 14064-1:2018 categories (類別1-6)\n")
        out.append(f"{_cell(iso.get('note'))} (source `{iso.get('source')}`, {_cell(iso.get('status'))})\n")
        out.append(
            "| category | 類別 | name | status | source |\n| --- | --- | --- | --- | --- |\n"
            + "\n".join(
                f"| {_number(n)} | {_cell(c.get('zh'))} | {_cell(c.get('en'))} | {_cell(c.get('status'))} | "
                f"{_cell(_cited(c))} |"
                for n, c in iso.get("categories", {}).items()
            )
            + "\n"
        )
        out.append("The category of each emission source of the inventory:\n")
        out.append(
            "| source | category | vehicle fuel (transport) | status | source | note |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            + "\n".join(
                f"| {k} | {_number(v.get('category'))} | {_number(v.get('transport', ''))} | "
                f"{_cell(v.get('status'))} | {_cell(_cited(v))} | {_cell(v.get('note'))} |"
                for k, v in iso.get("sources", {}).items()
            )
            + "\n"
        )
    out.append("## Unit definitions\n")
    out.append(
        "Applied, in order, to the one unit registry at import.\n\n| definition | status | source | note |\n"
        "| --- | --- | --- | --- |\n"
        + "\n".join(
            f"| `{_cell(u['definition'])}` | {u.get('status', '')} | {u.get('source', '')} | {_cell(u.get('note'))} |"
            for u in doc.get("units", [])
        )
        + "\n"
    )
    out.append("## Sources\n")
    out.append(
        "The sources registry: every `source` above is the key of one document here (a value's table "
        "follows the key). A trace prints the short title, the date and the table.\n\n"
        "| key | issuer | title | English title | date | number | tables used | location | note |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        + "\n".join(
            f"| `{k}` | {_cell(v.get('issuer'))} | {_cell(v.get('title', v.get('document')))} | "
            f"{_cell(v.get('title_en'))} | {_cell(v.get('date', v.get('year')))} | {_cell(v.get('number'))} | "
            f"{_cell('; '.join(v.get('tables') or ([v['table']] if v.get('table') else [])))} | "
            f"{_cell(v.get('url'))} | {_cell(v.get('note'))} |"
            for k, v in doc["sources"].items()
        )
        + "\n"
    )
    return "\n".join(out)


def measure_code_page(doc: dict[str, Any]) -> str:
    """The Markdown (MyST) page of a parsed ``measure_codes.yaml``."""
    src = doc["source"]
    out = [
        "# Measure codes (附錄一)\n",
        f"Generated from `data/measure_codes.yaml` at every build. Source: `{src['key']}`, {_cell(src['document'])}, "
        f"{_cell(src['table'])}, {src['year']}. English names are carbonaudit's.\n",
        "A code is a system letter, an equipment letter from that system's list and a two-digit method "
        "from the one list of methods, e.g. `FA20`. Look one up with `carbonaudit.measure_codes.lookup`.\n",
        "## The form's examples\n",
        "| code | measure |\n| --- | --- |\n"
        + "\n".join(f"| `{c}` | {_cell(t)} |" for c, t in doc["examples"].items())
        + "\n",
        "## Systems and equipment\n",
    ]
    n_equipment = 0
    for letter, system in doc["systems"].items():
        out.append(f"### {letter}: {_cell(system['zh'])} ({_cell(system['en'])})\n")
        out.append(
            "| code | equipment | English |\n| --- | --- | --- |\n"
            + "\n".join(
                f"| `{letter}{e}` | {_cell(v['zh'])} | {_cell(v['en'])} |" for e, v in system["equipment"].items()
            )
            + "\n"
        )
        n_equipment += len(system["equipment"])
    methods = doc["methods"]
    out.append("## Methods\n")
    out.append(
        "| method | 措施 | English |\n| --- | --- | --- |\n"
        + "\n".join(f"| `{m}` | {_cell(v['zh'])} | {_cell(v['en'])} |" for m, v in methods.items())
        + "\n"
    )
    out.append(
        f"{len(doc['systems'])} systems, {n_equipment} kinds of equipment and {len(methods)} methods: "
        f"{n_equipment * len(methods):,} valid codes.\n"
    )
    out.append("## Demand-response programmes (表十之三(一))\n")
    out.append(
        "| code | measure | scheme | English |\n| --- | --- | --- | --- |\n"
        + "\n".join(
            f"| ({k}) | {_cell(v['measure'])} | {_cell(v['scheme'])} | {_cell(v['en'])} |"
            for k, v in doc["demand_response_programmes"].items()
        )
        + "\n"
    )
    out.append("## Regions for merged EV-charging meters (附錄二 註3)\n")
    out.append(
        "| region | | counties |\n| --- | --- | --- |\n"
        + "\n".join(
            f"| `{k}` | {_cell(v['zh'])} | {', '.join(v['counties'])} |" for k, v in doc["merge_regions"].items()
        )
        + "\n"
    )
    return "\n".join(out)


# What each rule value of data/carbon_fee.yaml is, by its path in a rule set (a path not listed
# here is still shown, with an empty description).
_FEE_RULES = {
    "threshold": "who is charged: direct plus electricity-indirect emissions of a year at least",
    "k": "K, subtracted from the annual emissions",
    "k_high_leakage": "K of a plant recognised as high carbon-leakage risk",
    "coefficient": "emission adjustment coefficient (排放量調整係數), without 第6條",
    "coefficients_high_leakage": "coefficient of a high-leakage plant with an approved reduction plan, period",
    "rates.general": "general rate (一般費率)",
    "rates.A": "preferential rate A: an approved plan meeting the sector's designated reduction rate",
    "rates.B": "preferential rate B: an approved plan meeting the technology-benchmark reduction rate",
    "offset_cap": "largest share of the chargeable emissions reduction credits may offset",
    "chargeable_decimals": "decimals of the chargeable emissions, rounded half-up (the fee is truncated to a whole NT$)",
    "due_month": "month of the year after the activity year by whose end the fee is due",
}

_FEE_HEADER = (
    "| rule | what | value | unit | article | source | status | note |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
)


def _fee_what(path: str) -> str:
    if path in _FEE_RULES:
        return _FEE_RULES[path]
    head, _, period = path.rpartition(".")
    return f"{_FEE_RULES[head]} {period}" if head in _FEE_RULES else ""


def carbon_fee_page(doc: dict[str, Any], sources: dict[str, Any]) -> str:
    """The Markdown (MyST) page of a parsed ``carbon_fee.yaml``, with the registry entries it cites."""
    cited: list[str] = []
    for rs in doc["rule_sets"]:
        for _, v in values(rs):
            if v.get("source") and v["source"] not in cited:
                cited.append(str(v["source"]))
    out = [
        "# Carbon-fee rules\n",
        "Generated from `data/carbon_fee.yaml` at every build: every value `carbonaudit.fee` computes the "
        "carbon fee (碳費) with, with the article it comes from, its source and its status. The "
        "[Carbon fee tutorial](../tutorials/carbon-fee.md) computes with them. The `rule` column is where "
        "the value sits in its rule set; `fee.rules(year)` gives the rule set of an activity year, and "
        "every result's `trace` names the values it used.\n",
        "## Statuses\n",
        "- **official**: the articles of 碳費收費辦法 (`moenv-carbon-fee-2024`). Their numbers were read in "
        "a verbatim copy of the law-database text, not in the gazette; they are shipped as official with "
        "that note, which the registry entry below repeats.\n"
        "- **secondary**: read in a copy that is not the document itself. The rates "
        "(`moenv-carbon-fee-rate-2024`) come from MOENV's press material on the rate notice. The years of "
        "the coefficient periods are not in the regulation at all: some copies give them, and they are "
        "kept as data marked **unverified**, for information only; the library never picks a period "
        "from a year, the caller names it (`period=`).\n",
        "## Sources\n",
        "| key | issuer | title | English title | date | articles used | location | note |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        + "\n".join(
            f"| `{k}` | {_cell(sources[k].get('issuer'))} | {_cell(sources[k].get('title'))} | "
            f"{_cell(sources[k].get('title_en'))} | {_cell(sources[k].get('date'))} | "
            f"{_cell('; '.join(sources[k].get('tables') or []))} | {_cell(sources[k].get('url'))} | "
            f"{_cell(sources[k].get('note'))} |"
            for k in cited
        )
        + "\n",
    ]
    for rs in doc["rule_sets"]:
        years = rs["activity_years"]
        out.append(f"## Rule set `{rs['id']}`\n")
        out.append(f"{_cell(rs.get('title'))}\n")
        out.append(f"- **Activity years:** {years['from']}–{years['to']}\n")
        out.append("### Rule values\n")
        out.append(
            _FEE_HEADER
            + "\n".join(
                f"| `{p}` | {_cell(_fee_what(p))} | {_number(v['value'])} | {_cell(v.get('unit', ''))} | "
                f"{_cell(v.get('table'))} | {_cell(v.get('source'))} | {_cell(v.get('status'))} | "
                f"{_cell(v.get('note'))} |"
                for p, v in values(rs)
            )
            + "\n"
        )
        out.append("### Charged sectors\n")
        out.append(
            "| key | sector | English | article | source | status |\n| --- | --- | --- | --- | --- | --- |\n"
            + "\n".join(
                f"| `{k}` | {_cell(v.get('zh'))} | {_cell(v.get('en'))} | {_cell(v.get('table'))} | "
                f"{_cell(v.get('source'))} | {_cell(v.get('status'))} |"
                for k, v in rs.get("sectors", {}).items()
            )
            + "\n"
        )
        if rs.get("period_years"):
            out.append("### Years of the coefficient periods (unverified)\n")
            out.append(
                "| period | first year | last year | article | source | status | note |\n"
                "| --- | --- | --- | --- | --- | --- | --- |\n"
                + "\n".join(
                    f"| {p} | {_number(v.get('first'))} | {_number(v.get('last')) or '(open)'} | "
                    f"{_cell(v.get('table'))} | {_cell(v.get('source'))} | {_cell(v.get('status'))} | "
                    f"{_cell(v.get('note'))} |"
                    for p, v in rs["period_years"].items()
                )
                + "\n"
            )
    last = doc["rule_sets"][-1]
    out.append("## Changing a rule: a new rule set\n")
    out.append(
        "A rule set applies to the activity years it names (`activity_years`), and no two sets may "
        "overlap. `fee.rules(year)` (and every function of `carbonaudit.fee` given a `year`) refuses a "
        "year no set covers with a `FactorNotFoundError`, rather than charging it at rates that were "
        f"not announced for it: the sets above end with {last['activity_years']['to']}.\n\n"
        "When a rate or an article changes (a new rate notice, an amended 碳費收費辦法):\n\n"
        "1. Add the document to the sources registry (`sources:` in `data/factors.yaml`) under a key of "
        "its own, with the articles or parts it is cited by in `tables` (a value's `table` must be one "
        "of them), its date, location and a note on how it was read.\n"
        "2. End the `activity_years` of the current rule set with the last year it applies to, and add a "
        "new rule set after it in `data/carbon_fee.yaml`: a new `id`, the `activity_years` it applies "
        "to, and every value (copy the current set and change what changed), each with the `source`, "
        "`table`, `status` and `note` it now rests on.\n"
        "3. Add a test that computes a fee of the new years by hand, and check that the fee of the "
        "earlier years is unchanged.\n\n"
        "For example (the values are placeholders, not an announced rate):\n\n"
        "```yaml\n"
        "  - id: tw-carbon-fee-2027\n"
        "    title: 碳費收費辦法 and the rate notice of <date>\n"
        "    activity_years: {from: 2027, to: 2027}\n"
        "    # sectors, threshold, k, k_high_leakage, coefficient, coefficients_high_leakage,\n"
        "    # period_years, offset_cap, chargeable_decimals, due_month as before, then:\n"
        "    rates:\n"
        "      general: {value: <new>, unit: TWD/t, source: <new-notice-key>, table: 一般費率, status: official}\n"
        "      A: {value: <new>, unit: TWD/t, source: <new-notice-key>, table: 優惠費率A, status: official}\n"
        "      B: {value: <new>, unit: TWD/t, source: <new-notice-key>, table: 優惠費率B, status: official}\n"
        "```\n\n"
        "The file is checked when it is loaded: every value must cite a source of the registry and one of "
        "its tables, thresholds and K in a mass (t), rates in TWD/t, the rate classes general, A and B, "
        "the coefficient periods numbered from 1, the offset cap in (0, 1] and the due month 1–12; an "
        "error names the rule set and the value.\n"
    )
    return "\n".join(out)


def write_pages(docs_dir: Path) -> list[Path]:
    """Write the generated pages into ``docs_dir/generated``; return their paths."""
    from carbonaudit._data import data_path, read_yaml

    folder = docs_dir / GENERATED
    folder.mkdir(exist_ok=True)
    pages = {
        "factor-data.md": factor_page(read_yaml(data_path("factors.yaml"))),
        "measure-codes.md": measure_code_page(read_yaml(data_path("measure_codes.yaml"))),
        "carbon-fee-rules.md": carbon_fee_page(
            read_yaml(data_path("carbon_fee.yaml")), read_yaml(data_path("factors.yaml"))["sources"]
        ),
    }
    written = []
    for name, text in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:  # keep Sphinx's cache when unchanged
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def setup(app: Any) -> dict[str, Any]:
    write_pages(Path(app.srcdir))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
