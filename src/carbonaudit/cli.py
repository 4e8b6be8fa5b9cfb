"""The ``carbonaudit`` command: demo, factor sets, conversions, declaration checks.

Errors print one line (``carbonaudit: error: ...``) and exit with status 2; never a traceback.
``carbonaudit validate`` exits 0 for a clean declaration, 1 for findings of error severity and 2
for a file that cannot be read or is not a valid declaration.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from ._version import __version__
from .errors import CarbonAuditError

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

    if args.action is None:
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


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    from . import emissions, factors
    from .units import Q_, parse_unit

    fs = factors.load(args.set)
    amount = Q_(_number(args.quantity), parse_unit(args.unit))
    fuel = fs.fuel(args.fuel)
    if fuel.is_electricity and (fuel.recommended is None or args.year is not None):
        result = emissions.electricity(amount, args.year, fs)
    else:
        result = emissions.emissions(amount, fuel, fs, gwp=args.gwp, method=args.method, use=args.use)
    if args.json:
        json.dump(
            {"amount": {"value": amount.m, "unit": f"{amount.units:~}"}, **result.model_dump()},
            out,
            ensure_ascii=False,
            indent=2,
        )
        print(file=out)
        return 0
    how = result.method + (f", GWP {result.gwp}" if result.gwp else "")
    print(f"{args.quantity} {args.unit} of {fuel.id} ({fuel.name_zh}) with factor set {fs.id} [{how}]", file=out)
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
    from pydantic import ValidationError

    from .declaration import ProductionDeclaration, load, validate, validate_production

    try:
        declaration = load(args.file)  # YAML or JSON, either form
    except ValidationError as exc:
        problems = [{"path": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
        if args.json:
            json.dump({"file": args.file, "valid": False, "errors": problems}, out, ensure_ascii=False, indent=2)
            print(file=out)
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
        json.dump(
            {"file": args.file, "valid": not errors, "findings": [f.model_dump() for f in findings]},
            out,
            ensure_ascii=False,
            indent=2,
        )
        print(file=out)
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


def _inventory(args: argparse.Namespace, out: TextIO) -> int:
    from .inventory import compute, read_orgs, read_records

    tree = read_orgs(args.orgs)
    records = read_records(args.records)
    year = args.year if args.year is not None else max((r.year for r in records), default=None)
    if year is None:
        raise CarbonAuditError(f"{args.records}: the file has no records (a header and no rows): nothing to compute")
    inv = compute(tree, records, args.set, gwp=args.gwp, year=year)
    errors = [f for f in inv.findings if f.severity == "error"]
    if args.csv:
        inv.to_csv(args.csv)
    if args.json:
        json.dump(
            {
                "year": year,
                "factor_set": inv.factor_set,
                "gwp": inv.gwp,
                "summary_t_co2e": dict(inv.summary()),
                "by_category_t_co2e": inv.by_category(),
                "rolled_up_t_co2e": inv.rolled_up(),
                "findings": [f.model_dump() for f in inv.findings],
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        print(file=out)
        return 1 if errors else 0
    print(f"GHG inventory {year} ({len(tree)} organisations, set {inv.factor_set}, GWP {inv.gwp}) [t CO2e]", file=out)
    _table([[k, f"{v:,.3f}"] for k, v in inv.summary()], ["", "t CO2e"], out)
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


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from .declaration import json_schema

    print(json_schema(), file=out)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="carbonaudit",
        description="Energy-audit and greenhouse-gas calculations for Taiwan's official forms.",
    )
    p.add_argument("--version", action="version", version=f"carbonaudit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("demo", help="reproduce the official documents' worked examples")
    d.set_defaults(func=_demo)
    f = sub.add_parser(
        "factors", help="list factor sets; 'factors show ID', 'factors sources' (the registry), 'factors diff ID ID'"
    )
    f.add_argument(
        "action",
        nargs="?",
        choices=["show", "sources", "diff"],
        help="show one set, list the sources registry, or what changed from one set to another",
    )
    f.add_argument("set_id", nargs="?", metavar="ID")
    f.add_argument("other", nargs="?", metavar="ID2", help="for diff: the set compared with ID")
    f.set_defaults(func=_factors)
    c = sub.add_parser("convert", help="CO2e of an amount of fuel or electricity, with its factors")
    c.add_argument("quantity", metavar="QUANTITY", help="amount, e.g. 1000")
    c.add_argument("unit", metavar="UNIT", help="unit: L, kL, kg, t, m**3, kWh, or a form label (公秉, 度 ...)")
    c.add_argument("fuel", metavar="FUEL", help="energy code (O05), id or name (diesel, 柴油)")
    c.add_argument("--set", default=None, metavar="ID", help="factor set id (default: the current set)")
    c.add_argument("--gwp", default=None, help="GWP set: AR4, AR5, AR6 (default: the set's)")
    c.add_argument("--method", default="auto", choices=["auto", "recommended", "heat_value"])
    c.add_argument("--use", default="stationary", help="stationary, mobile or mobile/<technology>")
    c.add_argument("--year", type=int, default=None, help="AD year of the grid factor, for electricity")
    c.add_argument("--json", action="store_true", help="print the result and its factor trace as JSON")
    c.set_defaults(func=_convert)
    v = sub.add_parser("validate", help="check a declaration file (YAML or JSON) against the forms' rules")
    v.add_argument("file", metavar="FILE")
    v.add_argument("--json", action="store_true", help="print the findings as JSON")
    v.add_argument(
        "--set", default=None, metavar="ID", help="factor set id the fuels convert with (default: the current set)"
    )
    v.set_defaults(func=_validate)
    inv = sub.add_parser("inventory", help="compute a GHG inventory from activity records and organisations")
    inv.add_argument("records", metavar="RECORDS.csv")
    inv.add_argument("--orgs", required=True, metavar="ORGS.yaml")
    inv.add_argument("--year", type=int, default=None, help="AD year (default: the latest in the records)")
    inv.add_argument("--gwp", default=None, help="AR4, AR5 or AR6 (default: the set's)")
    inv.add_argument("--set", default=None, metavar="ID", help="factor set id")
    inv.add_argument("--csv", default=None, metavar="FILE", help="write the register as CSV")
    inv.add_argument("--json", action="store_true")
    inv.set_defaults(func=_inventory)
    sc = sub.add_parser("schema", help="print the JSON Schema of a model")
    sc.add_argument("model", choices=["declaration"])
    sc.set_defaults(func=_schema)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    try:
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
