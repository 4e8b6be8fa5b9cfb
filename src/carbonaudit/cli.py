"""The ``carbonaudit`` command: demo, factor sets, conversions, declaration checks, inventories, the carbon fee.

Errors print one line (``carbonaudit: error: ...``) and exit with status 2; never a traceback,
and never advice to call a Python function (an error's fix is printed in the command line's terms,
:meth:`~carbonaudit.errors.CarbonAuditError.for_cli`). ``carbonaudit validate`` exits 0 for a clean
declaration, 1 for findings of error severity and 2 for a file that cannot be read or is not a
valid declaration; ``carbonaudit inventory`` and ``carbonaudit fee --inventory`` exit 1 for findings of
error severity. ``carbonaudit`` alone prints the help and exits 0.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from ._display import json_text
from ._version import __version__
from .errors import CarbonAuditError, InvalidValueError, PeriodError

if TYPE_CHECKING:
    from .factors import Fuel
    from .fee import FeeResult, FeeRules
    from .inventory import ActivityRecord, Inventory, OrgTree
    from .units import Quantity

__all__ = ["main"]


def _table(rows: Sequence[Sequence[str]], header: Sequence[str], out: TextIO) -> None:
    """Print an aligned text table (width counts East Asian wide characters as two columns)."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, cols, strict=True)).rstrip()

    print(line(header), file=out)
    print("  ".join("-" * w for w in cols), file=out)
    for r in rows:
        print(line(r), file=out)


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from ._demo import CASES

    rows = []
    failures = 0
    for case in CASES:
        computed, ok = case.run()
        failures += not ok
        rows.append([case.source, case.description, case.published, computed, "yes" if ok else "NO"])
    _table(rows, ["document", "case", "published", "computed", "agree"], out)
    print(f"\n{len(CASES) - failures} of {len(CASES)} published figures reproduced.", file=out)
    from ._demo import example_summary

    print("\nExample declaration (examples/office_declaration.yaml, computed by the engines):", file=out)
    _table([list(r) for r in example_summary()], ["figure", "value"], out)
    from ._demo import inventory_summary

    print("\nExample GHG inventory 2024 (examples/inventory_*.{yaml,csv}, a county's agencies):", file=out)
    _table([list(r) for r in inventory_summary()], ["figure", "value"], out)
    return 1 if failures else 0


def _factors(args: argparse.Namespace, out: TextIO) -> int:
    from . import factors

    if args.action is None or (args.action == "show" and not args.set_id):
        rows = [
            [s["id"], s["vintage"], "yes" if s["default"] == "true" else "", s["title"]] for s in factors.available()
        ]
        _table(rows, ["id", "vintage", "default", "title"], out)
        return 0
    given = " ".join(filter(None, [args.action, args.set_id, args.other]))
    usage = f"usage: carbonaudit factors [show ID | sources | diff ID ID], got {given!r}"
    if args.action == "sources":
        if args.set_id:
            raise CarbonAuditError(usage)
        registry = factors.load().sources
        _table(
            [[k, v.issuer or "", v.title, v.date or "", v.number or ""] for k, v in registry.items()],
            ["key", "issuer", "title", "date", "number"],
            out,
        )
        return 0
    if args.action == "diff":
        if not args.set_id or not args.other:
            raise CarbonAuditError(usage)
        print(factors.diff(factors.load(args.set_id), factors.load(args.other)), file=out)
        return 0
    if args.action != "show" or not args.set_id or args.other:
        raise CarbonAuditError(usage)
    fs = factors.load(args.set_id)
    print(
        f"{fs.id}: {fs.title}\nvintage: {fs.vintage}; oil equivalent: {fs.oil_equivalent}; GWP: {fs.default_gwp}\n",
        file=out,
    )

    def fmt(fv: factors.FactorValue | None) -> str:
        return "-" if fv is None else f"{fv.value:g} {fv.unit} ({fv.status})"

    rows = []
    for f in fs.fuels:
        co2 = f.per_tj.get("stationary", {}).get("CO2")
        rows.append(
            [
                str(f.row or ""),
                f.id + (f" = {f.duplicate_of}" if f.duplicate_of else ""),
                f.code or "",
                f.name_zh,
                fmt(f.heat_value),
                fmt(co2),
                fmt(f.recommended),
                ",".join(f.per_tj),
            ]
        )
    _table(rows, ["row", "id", "code", "名稱", "heat value", "CO2 per TJ", "recommended", "uses"], out)
    if fs.grid_factors:

        def grid(year: int, fv: factors.FactorValue) -> str:
            others = fs.grid_factor_categories.get(year, {})
            by_category = "".join(f"; {c} {o.value:g}" for c, o in others.items())
            return f"{year}: {fv.value:g} {fv.unit} ({fv.status}{by_category})"

        print("\ngrid factors: " + ", ".join(grid(y, fv) for y, fv in sorted(fs.grid_factors.items())), file=out)
    used = dict.fromkeys(fv.source for _, fv in fs._values())
    print("\nsources (carbonaudit factors sources lists the whole registry):", file=out)
    _table(
        [[k, s.cite(), s.number or ""] for k in used if (s := fs.sources.get(k)) is not None],
        ["key", "document", "number"],
        out,
    )
    return 0


def _number(text: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise CarbonAuditError(f"QUANTITY must be a number, got {text!r}") from None


_YEAR_TEXT = re.compile(r"^\s*(?:民國\s*)?(\d+)\s*年?\s*$")


def _year(text: str, option: str = "--year") -> int:
    """The AD year of *option*'s text: an AD year (1912-2211) as it is, an ROC year (1-300) converted.

    ``113`` and ``113年`` (also ``民國113年``) are ROC year 113 = AD 2024, said on stderr; the bounds
    are those of :mod:`carbonaudit.periods` (民國元年 = 1912; ROC years up to 300).
    """
    from .periods import _AD_HIGH, _AD_LOW, _MAX_ROC, roc_to_ad

    match = _YEAR_TEXT.match(text)
    year = int(match.group(1)) if match else None
    if year is not None and _AD_LOW <= year <= _AD_HIGH:
        return year
    if year is not None and 1 <= year <= _MAX_ROC:
        ad = roc_to_ad(year)
        print(f"carbonaudit: reading {text.strip()} as ROC year {year} = AD {ad}", file=sys.stderr)
        return ad
    raise PeriodError(
        f"{option} {text!r} is not a year: give an AD year {_AD_LOW}-{_AD_HIGH} (e.g. {option} 2024) "
        f"or an ROC (民國) year 1-{_MAX_ROC} (e.g. {option} 113 or {option} 113年)"
    )


_QUANTITY_TEXT = re.compile(r"^\s*([-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([^\d\s.,+-].*?)\s*$")


def _quantity(text: str, option: str, example: str, what: str, units: Sequence[str], *, zero: bool = False) -> Quantity:
    """*option*'s text, a number and a unit (``0.84 kg/L``, ``7000kcal/kg``), as a Quantity.

    The unit part is read by :func:`carbonaudit.units.parse_unit` (a pint expression or a form's
    label); it must have the dimension of one of *units*, and the number must be positive (or zero,
    with *zero*). *what* names the value in messages (``"a density (mass per volume)"``).
    """
    from .errors import UnitsError
    from .units import Q_, parse_unit

    match = _QUANTITY_TEXT.match(text)
    if match is None:
        raise InvalidValueError(f"{option} must be a number and its unit, e.g. {option} {example!r}, got {text!r}")
    try:
        unit = parse_unit(match.group(2))
    except UnitsError as exc:
        raise UnitsError(f"{option} {text!r}: {exc.for_cli()}", cli=f"e.g. {option} {example!r}") from None
    if not any(unit.dimensionality == parse_unit(u).dimensionality for u in units):
        raise UnitsError(f"{option} {text!r} is in {unit:~}, which is not {what}: give e.g. {option} {example!r}")
    value = float(match.group(1).replace(",", ""))
    if value < 0 or (value == 0 and not zero):
        raise InvalidValueError(f"{option} must be {'0 or more' if zero else 'greater than 0'}, got {text!r}")
    return Q_(value, unit)


def _heat_value(text: str, fuel: Fuel) -> Quantity:
    """``--heat-value``: energy per the fuel's unit (kcal/L for diesel), or per kg."""
    basis = fuel.basis_unit or "kg"
    example = f"7000 kcal/{basis}"
    return _quantity(
        text,
        "--heat-value",
        example,
        f"a heat value of {fuel.id} (energy per {basis}, or per kg)",
        [f"kcal/({basis})", "kcal/kg"],
    )


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    from . import emissions, factors
    from .units import Q_, parse_unit

    year: int | None = args.year  # an AD year: main has read an ROC one
    if args.provisional and (year is None or args.set is not None):
        raise InvalidValueError(
            "--provisional estimates a year after the newest factor set with that set's values: "
            "give the year with --year, and leave out --set"
        )
    if args.set is not None or year is None:
        fs = factors.load(args.set)
    else:
        fs = factors.for_year(year, provisional=args.provisional)
    amount = Q_(_number(args.quantity), parse_unit(args.unit))
    fuel = fs.fuel(args.fuel)
    given = {
        "--density": args.density,
        "--heat-value": args.heat_value,
        "--grid-factor": args.grid_factor,
        "--supplier-factor": args.supplier_factor,
    }
    if fuel.is_electricity:
        misplaced = [o for o in ("--density", "--heat-value") if given[o] is not None]
        if misplaced:
            raise InvalidValueError(
                f"{' and '.join(misplaced)} is a fuel's value, and {args.fuel} is electricity: "
                "leave it out, or give electricity's factor with --grid-factor (e.g. --grid-factor '0.5 kg/kWh')"
            )
    else:
        misplaced = [o for o in ("--grid-factor", "--supplier-factor") if given[o] is not None]
        if misplaced:
            raise InvalidValueError(
                f"{' and '.join(misplaced)} is electricity's factor, and {args.fuel} is not electricity: leave it "
                "out (a fuel's own values are --heat-value and --density)"
            )
    if args.density is not None or args.heat_value is not None:
        fs = fs.with_overrides(
            densities=None
            if args.density is None
            else {fuel.id: _quantity(args.density, "--density", "0.84 kg/L", "a density (mass per volume)", ["kg/L"])},
            heat_values=None if args.heat_value is None else {fuel.id: _heat_value(args.heat_value, fuel)},
            note="given on the command line",
        )
        fuel = fs.fuel(fuel.id)
    if args.grid_factor is not None:
        if year is None:
            raise InvalidValueError(
                "--grid-factor replaces the grid factor of a year: give the year with --year (e.g. --year 2025)"
            )
        factor = _quantity(
            args.grid_factor, "--grid-factor", "0.5 kg/kWh", "an emission factor (mass per kWh)", ["kg/kWh"], zero=True
        )
        fs = fs.with_overrides(grid_factors={year: factor}, note="given on the command line")
        fuel = fs.fuel(fuel.id)
    method = args.method
    if args.heat_value is not None:
        if method == "recommended":
            raise InvalidValueError(
                "--heat-value is not used by --method recommended (the set's CO2 factor per unit of fuel): "
                "leave out one of them"
            )
        method = "heat_value"  # else a recommended factor of the set would leave the heat value unused
    if fuel.is_electricity:
        fuel_only = [
            o
            for o, used in (
                ("--gwp", args.gwp is not None),
                ("--method", method != "auto"),
                ("--use", args.use != "stationary"),
            )
            if used
        ]
        if fuel_only:
            raise InvalidValueError(
                f"{', '.join(fuel_only)}: for fuels only; electricity's grid factor is kg CO2e per kWh already "
                "(leave it out)"
            )
        supplier = None
        if args.supplier_factor is not None:
            supplier = _quantity(
                args.supplier_factor,
                "--supplier-factor",
                "0.3 kg/kWh",
                "an emission factor (mass per kWh)",
                ["kg/kWh"],
                zero=True,
            )
        # electricity like every fuel: location-based with the grid factor of the year, market-based
        # with the supplier's factor
        result = emissions.emissions(
            amount,
            fuel,
            fs,
            year=year,
            method="market" if supplier is not None else "auto",
            supplier_factor=supplier,
        )
        if supplier is not None:
            how = f"market-based, the supplier's factor {args.supplier_factor}"
        elif year is None:
            how = "the set's own factor per kWh"
        else:
            how = f"location-based, the grid factor of {year}" + (
                f" ({args.grid_factor}, from --grid-factor)" if args.grid_factor is not None else ""
            )
    else:
        result = emissions.emissions(amount, fuel, fs, gwp=args.gwp, method=method, use=args.use, year=year)
        how = result.method + (f", GWP {result.gwp}" if result.gwp else "")
    if args.json:
        data = {"amount": {"value": amount.m, "unit": f"{amount.units:~}"}, "year": year, **result.model_dump()}
        print(json_text(data), file=out)
        return 0
    for_year = f" for {year}" if year is not None else ""
    print(
        f"{args.quantity} {args.unit} of {fuel.id} ({fuel.name_zh}) with factor set {fs.id}{for_year} [{how}]",
        file=out,
    )
    for gas, q in result.by_gas.items():
        if gas == "CO2e":
            continue
        print(f"  {gas:<5} {q.m:>16,.3f} {q.units:~}", file=out)
    print(f"  {'CO2e':<5} {result.co2e.m:>16,.3f} {result.co2e.units:~}", file=out)
    print("factors:", file=out)
    for t in result.factors:
        print(f"  {t}", file=out)
    for n in result.notes:
        print(f"note: {n}", file=out)
    return 0


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    import os

    from pydantic import ValidationError

    from .declaration import ProductionDeclaration, load, validate, validate_production

    paths: list[str] = args.file
    if (
        len(paths) > 1
        or os.path.isdir(paths[0])
        or args.report is not None
        or args.workers is not None
        or args.recursive
    ):
        return _validate_many(args, out)
    args.file = paths[0]
    try:
        declaration = load(args.file)  # YAML or JSON, either form
    except ValidationError as exc:
        problems = [{"path": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
        if args.json:
            print(json_text({"file": args.file, "valid": False, "errors": problems}), file=out)
        else:
            print(f"{args.file}: not a valid declaration ({len(problems)} problems)", file=out)
            for p in problems:
                print(f"  {p['path']}: {p['message']}", file=out)
        return 2
    findings = (
        validate_production(declaration, args.set)
        if isinstance(declaration, ProductionDeclaration)
        else validate(declaration, args.set)
    )
    errors = [f for f in findings if f.severity == "error"]
    if args.json:
        print(
            json_text({"file": args.file, "valid": not errors, "findings": [f.model_dump() for f in findings]}),
            file=out,
        )
        return 1 if errors else 0
    sections: dict[str, list[str]] = {}
    for f in findings:
        sections.setdefault(f.path.split(".")[0].split("[")[0], []).append(
            f"  [{f.severity}] {f.path}: {f.message}" + (f"\n           {f.message_zh}" if f.message_zh else "")
        )
    name = declaration.user_name if isinstance(declaration, ProductionDeclaration) else declaration.basic.user_name
    print(f"{args.file}: {name}, year {declaration.year} ({declaration.era})", file=out)
    for section, lines in sections.items():
        print(f"{section}:", file=out)
        for line in lines:
            print(line, file=out)
    print(f"{len(errors)} errors, {len(findings) - len(errors)} other findings", file=out)
    return 1 if errors else 0


def _validate_many(args: argparse.Namespace, out: TextIO) -> int:
    """``carbonaudit validate`` of a folder or several paths: one line per file, a summary, exit 1 on errors."""
    import csv
    import os

    from .declaration import validate_many
    from .declaration.batch import REPORT_COLUMNS

    if args.recursive and not any(os.path.isdir(p) for p in args.file):
        raise InvalidValueError(
            f"--recursive reads the folders inside a folder, and no folder is given ({', '.join(args.file)}): "
            "give a folder, or leave --recursive out"
        )
    workers = None
    if args.workers is not None:
        try:
            workers = int(args.workers)
        except ValueError:
            raise InvalidValueError(f"--workers must be a whole number of processes, got {args.workers!r}") from None
    result = validate_many(args.file, factor_set=args.set, workers=workers, recursive=args.recursive)
    if not result.files:
        others = f" ({len(result.skipped)} other entries skipped)" if result.skipped else ""
        raise CarbonAuditError(
            f"no declaration file to check in {', '.join(args.file)}{others}: a folder is read for *.yaml, *.yml, "
            "*.json, *.xlsx and *.xlsm files (add --recursive for the folders inside it)"
        )
    cli_error = {r.path: r._error_cli for r in result.files}
    if args.report is not None:
        rows = result.report_rows()
        for row in rows:
            if row["status"] == "error":
                row["message"] = cli_error[row["file"]] or row["message"]
        try:
            with open(args.report, "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=REPORT_COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
        except OSError as exc:
            raise CarbonAuditError(f"cannot write the report {args.report}: {exc.strerror or exc}") from exc
    summary = result.summary
    if args.json:
        data = result.model_dump()
        for entry in data["files"]:
            entry["error"] = cli_error[entry["path"]]
        print(json_text(data), file=out)
        return 1 if result.has_errors else 0
    rows_out = []
    for r in result.files:
        if r.status == "error":
            rows_out.append([r.path, "-", "unreadable", "-", "-", cli_error[r.path] or ""])
        else:
            rows_out.append([r.path, r.form or "", r.status, str(r.errors), str(r.warnings), ""])
    _table(rows_out, ["file", "form", "status", "errors", "warnings", "why unreadable"], out)
    for skipped in result.skipped:
        why = skipped.reason + (" (--recursive reads it)" if skipped.reason == "a folder" else "")
        print(f"skipped: {skipped.path}: {why}", file=out)
    print(
        f"\n{summary.files} files: {summary.clean} clean, {summary.with_findings} with findings, "
        f"{summary.with_errors} with errors ({summary.unreadable} unreadable); {summary.skipped} skipped",
        file=out,
    )
    if summary.findings_by_code:
        print("findings by code:", file=out)
        width = max(map(len, summary.findings_by_code))
        for code, n in summary.findings_by_code.items():
            print(f"  {code:<{width}}  {n}", file=out)
    if args.report is not None:
        print(f"report: {args.report}", file=out)
    return 1 if result.has_errors else 0


def _inventory_input(records_path: str, orgs_path: str, year: int | None) -> tuple[OrgTree, list[ActivityRecord], int]:
    """The organisations, the records and the inventory year (default: the latest in the records)."""
    from .inventory import read_orgs, read_records

    tree = read_orgs(orgs_path)
    records = read_records(records_path)
    year = year if year is not None else max((r.year for r in records), default=None)
    if year is None:
        raise CarbonAuditError(f"{records_path}: the file has no records (a header and no rows): nothing to compute")
    return tree, records, year


def _inventory(args: argparse.Namespace, out: TextIO) -> int:
    from .inventory import compute

    tree, records, year = _inventory_input(args.records, args.orgs, args.year)
    inv = compute(tree, records, args.set, gwp=args.gwp, year=year)
    errors = [f for f in inv.findings if f.severity == "error"]
    if args.csv:
        inv.to_csv(args.csv)
    if args.xlsx:
        inv.to_excel(args.xlsx)
    if args.json:
        data = {
            "year": year,
            "factor_set": inv.factor_set,
            "gwp": inv.gwp,
            "summary_t_co2e": dict(inv.summary()),
            "by_category_t_co2e": inv.by_category(),
            "by_iso_category_t_co2e": _iso_totals(inv),
            "rolled_up_t_co2e": inv.rolled_up(),
            "findings": [f.model_dump() for f in inv.findings],
        }
        print(json_text(data), file=out)
        return 1 if errors else 0
    print(f"GHG inventory {year} ({len(tree)} organisations, set {inv.factor_set}, GWP {inv.gwp}) [t CO2e]", file=out)
    _table([[k, f"{v:,.3f}"] for k, v in inv.summary()], ["", "t CO2e"], out)
    print(file=out)
    _iso_table(inv, out)
    print(file=out)
    rolled = inv.rolled_up()
    _table(
        [
            [o.id, o.name, o.status.get(year, "not_started"), f"{rolled[o.id]:,.3f}"]
            for o in tree
            if o.parent is None or tree[o.parent].parent is None
        ],
        ["id", "organisation", "status", "rolled-up t CO2e"],
        out,
    )
    for f in inv.findings:
        print(f"[{f.severity}] {f.path}: {f.message}" + (f"\n    {f.message_zh}" if f.message_zh else ""), file=out)
    if errors:
        print(f"{len(errors)} errors, {len(inv.findings) - len(errors)} other findings", file=out)
    return 1 if errors else 0


def _iso_totals(inv: Inventory) -> dict[str, float]:
    """[t CO2e] by ISO 14064-1:2018 category, "1" to "6", each of them (0 where no line falls in it)."""
    from .factors.models import ISO_CATEGORY_NUMBERS

    totals = inv.by_iso_category()
    return {str(n): totals.get(n, 0.0) for n in ISO_CATEGORY_NUMBERS}


def _iso_table(inv: Inventory, out: TextIO) -> None:
    """The inventory by ISO 14064-1:2018 category 1-6 (類別), each named, 0 where no line falls in it."""
    from .factors import inventory_data

    iso = inventory_data().iso_categories
    assert iso is not None  # the shipped data has them
    totals = _iso_totals(inv)
    _table(
        [[f"{n} {c.zh}", f"{totals[str(n)]:,.3f}"] for n, c in sorted(iso.categories.items())],
        ["ISO 14064-1:2018 category (類別)", "t CO2e"],
        out,
    )


_NUMBER_TEXT = re.compile(r"^\s*[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$")
_CO2E_SUFFIX = re.compile(r"\s*CO2-?e(?:q)?\s*$", re.IGNORECASE)
_KILOTONNE = re.compile(r"(\d)\s*kt$")


def _either(items: Iterable[str]) -> str:
    """``a, b or c``."""
    *first, last = items
    return f"{', '.join(first)} or {last}" if first else last


def _emissions(text: str, option: str) -> Quantity:
    """*option*'s text as a mass of CO2e: a bare number is t CO2e; else a number and a mass unit.

    ``30000``, ``30,000``, ``30000t``, ``30000 t CO2e``, ``30 kt`` (kilotonnes, not knots),
    ``'30,000 公噸'``; zero or more.
    """
    from .units import Q_

    if _NUMBER_TEXT.match(text):
        value = float(text.replace(",", ""))
        if not 0 <= value < float("inf"):
            raise InvalidValueError(f"{option} must be a finite number, 0 or more (t CO2e), got {text!r}")
        return Q_(value, "t")
    if text.strip().startswith("-"):
        raise InvalidValueError(f"{option} must be a finite number, 0 or more (t CO2e), got {text!r}")
    unit_text = _KILOTONNE.sub(r"\1 kilotonne", _CO2E_SUFFIX.sub("", text.strip()))
    return _quantity(unit_text, option, "30000 t", "a mass of CO2e (t CO2e)", ["t"], zero=True)


def _fee_options(args: argparse.Namespace, rs: FeeRules) -> dict[str, object]:
    """The options of the fee as the library takes them, each checked and refused naming its option."""
    rate = None
    if args.rate is not None:
        rate = next((r for r in rs.rates if r.lower() == args.rate.strip().lower()), None)
        if rate is None:
            raise InvalidValueError(
                f"--rate must be {_either(rs.rates)} (the rates of {rs.rates['general'].source}), got {args.rate!r}"
            )
    period = None
    if args.period is not None:
        known = sorted(rs.coefficients_high_leakage)
        text = args.period.strip()
        period = int(text) if text.isdigit() else None
        if period not in known:
            raise InvalidValueError(
                f"--period must be {_either(map(str, known))} (the periods of 第6條), got {args.period!r}"
            )
    sector = None
    if args.sector is not None:
        given = args.sector.strip()
        sector = next((k for k, s in rs.sectors.items() if given.lower() in (k, s.en.lower()) or given == s.zh), None)
        if sector is None and given.lower() == "other":
            sector = "other"
        if sector is None:
            listed = ", ".join(f"{k} ({s.zh})" for k, s in rs.sectors.items())
            raise InvalidValueError(
                f"--sector must be {listed}, or other for a sector that is not charged (第3條), got {args.sector!r}"
            )
    return {  # the keyword arguments of fee.carbon_fee and fee.from_inventory
        "rate": rate or "general",
        "high_leakage": args.high_leakage,
        "plan": args.plan,
        "period": period,
        "offsets": None if args.offsets is None else _emissions(args.offsets, "--offsets"),
        "sector": sector,
    }


def _t(value: float) -> str:
    return f"{value:,.3f} t CO2e"


def _fee_steps(r: FeeResult, rs: FeeRules, out: TextIO) -> None:
    """Every step of the fee on its own line, as the regulation computes it."""
    annual, k, coef = r.annual.m_as("t"), r.k.m_as("t"), r.coefficient
    from_6 = r.high_leakage and r.plan
    rows = [
        ("annual emissions", f"{_t(annual)} (direct + electricity-indirect, 第3條)"),
        ("liable", f"{'yes' if r.liable else 'no'}; {r.reason}"),
        ("K", f"{k:,.0f} t CO2e (第5條" + (": high carbon-leakage)" if r.high_leakage else ")")),
        (
            "coefficient",
            f"{coef:g} (" + (f"第6條, period {r.period}: high carbon-leakage with a plan)" if from_6 else "第5條)"),
        ),
        (
            "chargeable",
            f"({annual:,.3f} - {k:,.0f}) x {coef:g} = {_t(r.chargeable.m_as('t'))} (第5條, half-up to "
            f"{rs.chargeable_decimals.value:g} decimals)"
            if r.liable
            else f"{_t(0.0)} (not charged)",
        ),
        ("offsets requested", _t(r.offsets_requested.m_as("t"))),
        (
            "offsets allowed",
            f"{_t(r.offsets_allowed.m_as('t'))} (at most {rs.offset_cap.value:.0%} of the chargeable emissions, 第9條)",
        ),
        ("offsets unused", _t(r.offsets_unused.m_as("t"))),
        ("net", f"{_t(r.net.m_as('t'))} (chargeable - offsets allowed)"),
        ("rate", f"{r.rate_class}: NT${r.rate.m_as('TWD/t'):,.6g} per t CO2e ({rs.rates[r.rate_class].source})"),
        ("fee", f"NT${r.fee.m_as('TWD'):,.0f}"),
    ]
    if r.due is not None:
        rows.append(("due", f"{r.due} (the end of the due month of the year after, 第4條)"))
    width = max(len(label) for label, _ in rows) + 2
    for label, text in rows:
        print(f"{label:<{width}}{text}", file=out)
    if r.notes:
        print("notes:", file=out)
        for n in r.notes:
            print(f"  - {n}", file=out)
    print("rule values used:", file=out)
    _table(
        [
            [
                t.name,
                f"{t.value:,.6g} {'' if t.unit in ('', 'dimensionless') else t.unit}".rstrip(),
                t.status,
                t.source,
                t.citation,
            ]
            for t in r.trace
        ],
        ["rule", "value", "status", "source", "citation"],
        out,
    )


def _fee_header(year: int | None, rs: FeeRules) -> str:
    span = f"activity years {rs.activity_years.first}-{rs.activity_years.last}"
    if year is None:
        return f"carbon fee, rules {rs.id} ({span}; the newest: --year gives the due date)"
    return f"carbon fee of {year}, rules {rs.id} ({span})"


def _fee_compare(
    annual: Quantity, opts: dict[str, object], year: int | None, rs: FeeRules, out: TextIO, *, json: bool
) -> int:
    from . import fee

    c = fee.compare(annual, period=opts["period"], offsets=opts["offsets"], sector=opts["sector"], year=year)  # type: ignore[arg-type]
    if json:
        print(json_text(c.model_dump()), file=out)
        return 0
    print(_fee_header(year, rs), file=out)
    some = next(iter(c.results.values()))
    print(f"annual emissions {_t(some.annual.m_as('t'))}: {some.reason}", file=out)
    offsets = opts["offsets"] is not None
    header = ["option", "K [t]", "coefficient", "chargeable [t]"]
    header += ["offsets allowed [t]"] if offsets else []
    header += ["rate [NT$/t]", "fee [NT$]"]
    rows = []
    for label, r in c.results.items():
        row = [label, f"{r.k.m_as('t'):,.0f}", f"{r.coefficient:g}", f"{r.chargeable.m_as('t'):,.3f}"]
        row += [f"{r.offsets_allowed.m_as('t'):,.3f}"] if offsets else []
        row += [f"{r.rate.m_as('TWD/t'):,.6g}", f"{r.fee.m_as('TWD'):,.0f}"]
        rows.append(row)
    _table(rows, header, out)
    period = some.period if some.period is not None else min(rs.coefficients_high_leakage)
    print(
        f"\nA: an approved reduction plan meeting its sector's target rate; B: meeting the technology "
        f"benchmark ({rs.rates['A'].source}). +high-leakage: recognised as high carbon-leakage risk with an "
        f"approved plan, K = 0 and the coefficient of period {period} (第5條, 第6條).",
        file=out,
    )
    return 0


def _fee(args: argparse.Namespace, out: TextIO) -> int:
    from . import fee

    inventory_only = [
        o
        for o, v in (
            ("--orgs", args.orgs),
            ("--plant", args.plant),
            ("--grid-category", args.grid_category),
            ("--provisional", args.provisional or None),
        )
        if v is not None
    ]
    if args.inventory is None:
        if inventory_only:
            raise InvalidValueError(f"{', '.join(inventory_only)}: only with --inventory RECORDS.csv")
        if args.emissions is None:
            raise InvalidValueError(
                "give the annual emissions in t CO2e (carbonaudit fee 30000), or a plant's inventory with "
                "--inventory RECORDS.csv --orgs ORGS.yaml"
            )
    elif args.emissions is not None:
        raise InvalidValueError(
            f"give either EMISSIONS ({args.emissions!r}) or --inventory: the inventory gives the emissions"
        )
    elif args.compare:
        raise InvalidValueError(
            "--compare takes the annual emissions (carbonaudit fee --compare 30000), not --inventory: "
            "the plant's fee with --inventory gives its annual emissions"
        )
    elif args.orgs is None:
        raise InvalidValueError("--inventory needs the organisations: give --orgs ORGS.yaml")
    if args.compare:
        given = [
            o for o, v in (("--rate", args.rate), ("--high-leakage", args.high_leakage), ("--plan", args.plan)) if v
        ]
        if given:
            raise InvalidValueError(
                f"{', '.join(given)}: --compare shows every rate with and without high carbon-leakage: leave "
                f"{'them' if len(given) > 1 else 'it'} out"
            )
    if args.inventory is not None:
        return _fee_inventory(args, out)
    rs = fee.rules(args.year)
    assert args.emissions is not None
    annual = _emissions(args.emissions, "EMISSIONS")
    opts = _fee_options(args, rs)
    if args.compare:
        return _fee_compare(annual, opts, args.year, rs, out, json=args.json)
    r = fee.carbon_fee(annual, **opts, year=args.year)  # type: ignore[arg-type]
    if args.json:
        print(json_text(r.model_dump()), file=out)
        return 0
    print(_fee_header(args.year, rs), file=out)
    _fee_steps(r, rs, out)
    return 0


def _plant_emissions(inv: Inventory, plant: str) -> tuple[float, float]:
    """The plant's direct and electricity-indirect emissions [t CO2e], the lines the fee counts."""
    import math

    from .fee import _plant_lines

    _, _, counted = _plant_lines(inv, plant)
    direct = math.fsum(ln.co2e_kg for ln in counted if ln.scope == 1) / 1000
    return direct, math.fsum(ln.co2e_kg for ln in counted if ln.scope != 1) / 1000


def _fee_inventory(args: argparse.Namespace, out: TextIO) -> int:
    from . import factors, fee
    from .inventory import compute

    tree, records, year = _inventory_input(args.inventory, args.orgs, args.year)
    rs = fee.rules(year)  # a year the fee rules do not cover is refused before the inventory is computed
    opts = _fee_options(args, rs)
    if args.plant is not None and args.plant not in tree:
        ids = [o.id for o in tree]
        raise InvalidValueError(
            f"--plant {args.plant!r} is not an organisation of {args.orgs} "
            f"({', '.join(ids[:8])}{', ...' if len(ids) > 8 else ''})"
        )
    category = args.grid_category if args.grid_category is not None else "industry"
    if category not in factors.GRID_CATEGORIES:
        raise InvalidValueError(
            f"--grid-category must be {_either(factors.GRID_CATEGORIES)} (the grid factor's category), got {category!r}"
        )
    factor_set = factors.for_year(year, provisional=True) if args.provisional else None
    inv = compute(tree, records, factor_set, year=year, grid_category=category)
    r = fee.from_inventory(inv, plant=args.plant, **opts)  # type: ignore[arg-type]
    errors = [f for f in (*inv.findings, *r.findings) if f.severity == "error"]
    if args.json:
        print(json_text(r.model_dump()), file=out)
        return 1 if errors else 0
    assert r.plant is not None
    direct, electricity = _plant_emissions(inv, r.plant)
    print(_fee_header(year, rs), file=out)
    print(
        f"plant {r.plant} ({tree[r.plant].name}): GHG inventory {year} of {args.inventory} (set {inv.factor_set}, "
        f"GWP {inv.gwp}, grid factor: {category})",
        file=out,
    )
    print(f"  direct emissions (scope 1)                {_t(direct)}", file=out)
    print(f"  electricity, location-based (scope 2)     {_t(electricity)}", file=out)
    _fee_steps(r, rs, out)
    shown = [*r.findings, *(f for f in inv.findings if f.severity == "error")]
    if shown:
        print("findings:", file=out)
    for f in shown:
        print(f"  [{f.severity}] {f.path}: {f.message}" + (f"\n      {f.message_zh}" if f.message_zh else ""), file=out)
    if errors:
        print(f"{len(errors)} errors in the inventory: the fee may not be the plant's", file=out)
    return 1 if errors else 0


def _template(args: argparse.Namespace, out: TextIO) -> int:
    from .declaration import template_excel

    form = "production" if args.form == "production" else "non-production"
    path = template_excel(args.xlsx, form)
    print(f"{path}: a blank {form} declaration workbook; fill it in, then: carbonaudit validate {path}", file=out)
    return 0


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from .declaration import json_schema

    print(json_schema(), file=out)
    return 0


_VALIDATE_EPILOG = """\
The form is detected from the file: a production declaration (form: production-107, or
products without basic) is checked against the rules of production-declaration-2018, any
other declaration against those of non-production-form-2025 附表三.

exit status (one FILE):
  0  clean: no finding of error severity (warnings and remarks may be printed)
  1  findings of error severity
  2  the file cannot be read, or is not a valid declaration (missing or mistyped fields)

A FOLDER, or several paths (or --report, --workers, --recursive), checks each declaration file
(*.yaml, *.yml, *.json, *.xlsx, *.xlsm in a folder, sorted by name; its other entries are listed as
skipped) and prints one line per file and a summary. A file that cannot be read is a line of its
own, not the end of the run.

exit status (a folder or several paths):
  0  no file with a finding of error severity, and every file read
  1  a file with a finding of error severity, or a file that cannot be read or is not a valid
     declaration
  2  no declaration file to check (an empty folder), or a wrong option
"""

_INVENTORY_EPILOG = """\
exit status:
  0  the inventory is computed, with no finding of error severity
  1  findings of error severity, or no records for the year
  2  an input that cannot be read (a missing file, a malformed CSV or YAML)
"""

_FEE_DESCRIPTION = """\
The carbon fee (碳費) of one plant for one activity year, step by step as 碳費收費辦法
(moenv-carbon-fee-2024) computes it, with the rates of moenv-carbon-fee-rate-2024:

  chargeable = (annual emissions - K) x coefficient      (第5條, 第6條)
  fee        = (chargeable - offsets allowed) x rate      (第5條, 第9條)

A power, gas-supply or manufacturing plant is charged when its direct plus electricity-indirect
emissions reach 25,000 t CO2e a year (第3條). The rules cover the activity years of the data
(2025 on); another year is refused.
"""

_FEE_EPILOG = """\
examples:
  carbonaudit fee 30000 --year 2025                      # (30,000 - 25,000) x 1 x the general rate
  carbonaudit fee 30000 --offsets 800 --year 2025        # 500 t deducted (10 %), 300 t unused
  carbonaudit fee 40000 --rate A --high-leakage --period 1
  carbonaudit fee --compare 40000 --year 2025
  carbonaudit fee --inventory examples/fee_plant_records.csv --orgs examples/fee_plant_orgs.yaml --plant tp-plant

With --inventory the plant's electricity is computed with the industry grid factor (產業) by
default: the MOENV registry uses it for enterprise inventories from 2025. --grid-category
average gives the all-sales figure (what carbonaudit inventory uses), with a finding.

exit status:
  0  the fee is computed (with --inventory: no finding of error severity)
  1  with --inventory: findings of error severity (e.g. no records for the year)
  2  refused input: a value or option that is not one, a year the rules do not cover, a file
     that cannot be read
"""

_DEMO_DESCRIPTION = """\
Reproduce the worked examples printed in the official documents and compare each computed
figure with the published one: award-form-2015 附表2 (CO2 per unit of fuel and electricity),
production-declaration-2018 (its 表 examples: savings, recognition over calendar years, energy
per unit of product) and non-production-form-2025 (saving rates, EUI). Then the example
declaration (examples/office_declaration.yaml) and the example GHG inventory
(examples/inventory_*) as the engines compute them. Exits 1 if any figure disagrees.
"""

_CONVERT_EPILOG = """\
examples:
  carbonaudit convert 1000 L 柴油                       # the current set
  carbonaudit convert 1000 L diesel --year 113          # the set of AD 2024 (ROC 113)
  carbonaudit convert 12000 度 electricity --year 2024  # the grid factor of 2024
  carbonaudit convert 5 t coke --heat-value "7000 kcal/kg"
  carbonaudit convert 12000 kWh electricity --grid-factor "0.5 kg/kWh"
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="carbonaudit",
        description="Energy-audit and greenhouse-gas calculations for Taiwan's official forms.",
        epilog="'carbonaudit COMMAND --help' describes each command.",
    )
    p.add_argument("--version", action="version", version=f"carbonaudit {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", help="one of:")
    d = sub.add_parser(
        "demo",
        help="reproduce the official documents' worked examples",
        description=_DEMO_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.set_defaults(func=_demo)
    f = sub.add_parser(
        "factors",
        help="list factor sets; 'factors show ID', 'factors sources' (the registry), 'factors diff ID ID'",
        description="The shipped factor sets: without arguments (or 'show' without an ID) the list of sets.",
    )
    f.add_argument(
        "action",
        nargs="?",
        choices=["show", "sources", "diff"],
        help="show one set, list the sources registry, or what changed from one set to another",
    )
    f.add_argument("set_id", nargs="?", metavar="ID", help="the factor set to show, or for diff the first set")
    f.add_argument("other", nargs="?", metavar="ID2", help="for diff: the set compared with ID")
    f.set_defaults(func=_factors)
    c = sub.add_parser(
        "convert",
        help="CO2e of an amount of fuel or electricity, with its factors",
        description="CO2, CH4, N2O and CO2e of an amount of fuel, or CO2e of electricity, with every factor used.",
        epilog=_CONVERT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("quantity", metavar="QUANTITY", help="amount, e.g. 1000 or 1,000")
    c.add_argument("unit", metavar="UNIT", help="unit: L, kL, kg, t, m**3, kWh, or a form label (公秉, 度 ...)")
    c.add_argument("fuel", metavar="FUEL", help="energy code (O05), id or name (diesel, 柴油), or electricity (E01)")
    c.add_argument(
        "--set", default=None, metavar="ID", help="factor set id (default: the set of --year, else the newest)"
    )
    c.add_argument("--gwp", default=None, help="GWP set: AR4, AR5, AR6 (default: the set's); fuels only")
    c.add_argument(
        "--method",
        default="auto",
        choices=["auto", "recommended", "heat_value"],
        help="CO2 from the set's recommended factor per unit of fuel, or through the heat value "
        "(default auto: the recommended factor where the set has one); fuels only",
    )
    c.add_argument(
        "--use", default="stationary", help="stationary (default), mobile or mobile/<technology>; fuels only"
    )
    c.add_argument(
        "--year",
        default=None,
        metavar="YEAR",
        help="activity year, AD (2024) or ROC (113, 113年): chooses the factor set (unless --set) and, "
        "for electricity, the grid factor",
    )
    c.add_argument(
        "--density",
        default=None,
        metavar="QUANTITY",
        help="the fuel's density, e.g. '0.84 kg/L': converts a mass of a fuel measured by volume",
    )
    c.add_argument(
        "--heat-value",
        default=None,
        metavar="QUANTITY",
        help="the fuel's heat value per unit of it, e.g. '7000 kcal/kg': CO2 is then computed through it",
    )
    c.add_argument(
        "--grid-factor",
        default=None,
        metavar="QUANTITY",
        help="the grid's emission factor of --year, e.g. '0.494 kg/kWh', where the set has none or you "
        "have a newer figure (location-based, marked as your value)",
    )
    c.add_argument(
        "--supplier-factor",
        default=None,
        metavar="QUANTITY",
        help="your electricity supplier's emission factor, e.g. '0.3 kg/kWh': the market-based result",
    )
    c.add_argument(
        "--provisional",
        action="store_true",
        help="for a --year after the newest factor set: estimate with the newest set's values, marked provisional",
    )
    c.add_argument("--json", action="store_true", help="print the result and its factor trace as JSON")
    c.set_defaults(func=_convert)
    v = sub.add_parser(
        "validate",
        help="check a declaration file (YAML, JSON or Excel), or a folder of them, against the forms' rules",
        description=(
            "Check a declaration (YAML, JSON or Excel) against the rules of its form; print the findings by section. "
            "Of a folder or several files: one line per file and a summary."
        ),
        epilog=_VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.add_argument(
        "file",
        nargs="+",
        metavar="PATH",
        help="the declaration, a .yaml, .json or .xlsx file; or folders and several files, each checked",
    )
    v.add_argument(
        "--json", action="store_true", help="print the findings (of several files: the whole result) as JSON"
    )
    v.add_argument(
        "--report",
        default=None,
        metavar="FINDINGS.csv",
        help="write every finding of every file (and each file that cannot be read) to a CSV file",
    )
    v.add_argument(
        "--workers",
        default=None,
        metavar="N",
        help="check the files in N processes (default: 1, this one); the result is the same",
    )
    v.add_argument("--recursive", action="store_true", help="read the folders inside the folders given too")
    v.add_argument(
        "--set", default=None, metavar="ID", help="factor set id the fuels convert with (default: the current set)"
    )
    v.set_defaults(func=_validate)
    inv = sub.add_parser(
        "inventory",
        help="compute a GHG inventory from activity records and organisations",
        description=(
            "A GHG inventory of one year: emissions by scope, ISO 14064-1 category (類別1-6) and organisation, "
            "with the findings of its checks."
        ),
        epilog=_INVENTORY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inv.add_argument(
        "records",
        metavar="RECORDS.csv",
        help="the activity records, a CSV file or an .xlsx workbook (sheet 'activity')",
    )
    inv.add_argument(
        "--orgs",
        required=True,
        metavar="ORGS.yaml",
        help="the organisations, a YAML file or an .xlsx workbook (sheet 'organisations')",
    )
    inv.add_argument(
        "--year",
        default=None,
        metavar="YEAR",
        help="the inventory year, AD (2024) or ROC (113, 113年) (default: the latest in the records)",
    )
    inv.add_argument("--gwp", default=None, help="AR4, AR5 or AR6 (default: the set's)")
    inv.add_argument("--set", default=None, metavar="ID", help="factor set id (default: the set of the year)")
    inv.add_argument(
        "--csv",
        default=None,
        metavar="FILE",
        help='write the register as CSV (needs pandas: pip install "carbonaudit[pandas]")',
    )
    inv.add_argument("--json", action="store_true", help="print the totals and findings as JSON")
    inv.add_argument(
        "--xlsx",
        metavar="FILE",
        help="write the auditable workbook (every figure a formula of factor cells, with its source) to FILE",
    )
    inv.set_defaults(func=_inventory)
    fe = sub.add_parser(
        "fee",
        help="the carbon fee (碳費) of a plant, from its annual emissions or its GHG inventory",
        description=_FEE_DESCRIPTION,
        epilog=_FEE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fe.add_argument(
        "emissions",
        nargs="?",
        metavar="EMISSIONS",
        help="the plant's annual emissions, direct plus electricity-indirect: a number is t CO2e "
        "(30000, 30,000), or a number and a mass unit (30000t, 30kt, '30,000 公噸')",
    )
    fe.add_argument(
        "--compare",
        action="store_true",
        help="the fee under each option side by side: rates general, A and B, with and without high "
        "carbon-leakage recognition",
    )
    fe.add_argument(
        "--rate",
        default=None,
        metavar="RATE",
        help="general (the default), A or B (the preferential rates, with an approved voluntary reduction plan "
        "meeting its target); the rates of the year are printed with the fee",
    )
    fe.add_argument(
        "--high-leakage",
        action="store_true",
        help="the plant is recognised as high carbon-leakage risk: K = 0 (第5條), and with a plan the "
        "coefficient of --period (第6條)",
    )
    fe.add_argument(
        "--plan",
        action="store_const",
        const=True,
        default=None,
        help="with an approved voluntary reduction plan at the general rate (a plan that meets neither "
        "target): with --high-leakage, the coefficient of --period; rates A and B imply a plan",
    )
    fe.add_argument(
        "--period",
        default=None,
        metavar="N",
        help="1, 2 or 3: the coefficient period of a high carbon-leakage plant with a plan (第6條; default 1)",
    )
    fe.add_argument(
        "--offsets",
        default=None,
        metavar="QUANTITY",
        help="reduction credits to deduct, t CO2e (800 or 800t): at most 10%% of the chargeable emissions "
        "is deducted (第9條), the rest is reported unused",
    )
    fe.add_argument(
        "--sector",
        default=None,
        help="power, gas or manufacturing (電力業, 燃氣供應業, 製造業), or other (not charged); default: a "
        "charged sector",
    )
    fe.add_argument(
        "--year",
        default=None,
        metavar="YEAR",
        help="the activity year, AD (2025) or ROC (114, 114年): sets the rules and the due date (default: "
        "the newest rules, no due date; with --inventory, the latest year in the records)",
    )
    fe.add_argument(
        "--inventory",
        default=None,
        metavar="RECORDS.csv",
        help="compute the plant's emissions from its activity records (as carbonaudit inventory does)",
    )
    fe.add_argument("--orgs", default=None, metavar="ORGS.yaml", help="with --inventory: the organisations")
    fe.add_argument(
        "--plant",
        default=None,
        metavar="ID",
        help="with --inventory: the plant's organisation id (it and everything below it; default: the root "
        "of a tree with one root)",
    )
    fe.add_argument(
        "--grid-category",
        default=None,
        metavar="CATEGORY",
        help="with --inventory: the grid factor of the electricity records, industry (the default: the "
        "MOENV registry's for enterprise inventories), average or residential",
    )
    fe.add_argument(
        "--provisional",
        action="store_true",
        help="with --inventory, for a --year after the newest factor set: estimate the inventory with the "
        "newest set's values, marked provisional (with a finding)",
    )
    fe.add_argument("--json", action="store_true", help="print the result with every step and rule value as JSON")
    fe.set_defaults(func=_fee)
    tp = sub.add_parser(
        "template",
        help="write a blank declaration workbook (.xlsx) to fill in",
        description="Write a blank declaration workbook: one sheet per table of the form, its headers, units and "
        "drop-down lists, input cells only. Read it back with: carbonaudit validate FILE.",
    )
    tp.add_argument(
        "form",
        choices=["declaration", "production"],
        help="declaration (non-production form, 附表三) or production (production-sector form)",
    )
    tp.add_argument("--xlsx", required=True, metavar="FILE", help="the workbook to write, ending in .xlsx")
    tp.set_defaults(func=_template)
    sc = sub.add_parser("schema", help="print the JSON Schema of a model", description="Print a model's JSON Schema.")
    sc.add_argument("model", choices=["declaration"], help="the model: declaration (a non-production declaration)")
    sc.set_defaults(func=_schema)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status (0 for the help when no command is given)."""
    stream = out if out is not None else sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(stream)
        return 0
    try:
        if getattr(args, "year", None) is not None:
            args.year = _year(args.year)  # an AD year for every command: ROC years read and said
        status: int = args.func(args, stream)
    except CarbonAuditError as exc:
        print(f"carbonaudit: error: {exc.for_cli()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # never a bare traceback from the CLI
        print(f"carbonaudit: internal error: {type(exc).__name__}: {exc} (please report it)", file=sys.stderr)
        return 3
    return status
