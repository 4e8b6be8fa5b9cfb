"""Declaration models of the current non-production form (non-production-form-2025 附表三) and their rules.

This package holds sections 一 to 五 (preparer and managers, basic data, organisation, policy,
monthly thermal and electricity use, EUI reasons), 六 balances, 八 transformers, 九之一 chiller
groups, 九之八 data centres, 十 executed measures and annual use, 十一 planned measures and use, and
附錄二 merged meters, with
:func:`load` to read a file of either form (YAML, JSON or an Excel workbook of
:meth:`Declaration.to_excel` / :func:`template_excel`) and :func:`validate` (:func:`validate_production`)
for the rules between them, :func:`validate_many` for a folder of files of both forms. Structural
problems (a typo in a field name, a wrong
type, an unknown unit, a date that does not exist) are pydantic ``ValidationError`` at load, with
the field's path; rules between fields are :class:`~carbonaudit.errors.Finding` objects.

For example:

>>> from carbonaudit import declaration
>>> d = declaration.load("examples/office_declaration.yaml")     # YAML or JSON, either form
>>> d.basic.contract_capacity
<Quantity(1200.0, 'kilowatt')>
>>> declaration.validate(d).errors
Findings(0: 0 errors, 0 warnings, 0 info)
"""

from __future__ import annotations

from .batch import BatchResult, BatchSummary, FileResult, Skipped, validate_many
from .io import json_schema, load, template_excel
from .models import (
    Amount,
    BasicData,
    Boiler,
    Building,
    Declaration,
    DemandResponseRow,
    EfficiencyFactors,
    ElectricityMonth,
    EnergyManager,
    ExecutedMeasure,
    FormDate,
    FuelMonths,
    LightingRow,
    Meter,
    MonthlyElectricity,
    MonthlyThermal,
    Organisation,
    OtherEquipmentRow,
    Person,
    PlannedMeasure,
    PlanSection,
    Policy,
    Preparer,
    RegisterRow,
    RenewableRow,
    SavingsSection,
    SteamBoilerCheck,
    SystemRow,
    UserClass,
)
from .production import (
    HeatValueRow,
    Product,
    ProductionDeclaration,
    ProductionEnergy,
    ProductionEquipment,
    ProductionMeasure,
    validate_production,
)
from .validate import validate

__all__ = [
    "Amount",
    "BatchResult",
    "BatchSummary",
    "FileResult",
    "Skipped",
    "OtherEquipmentRow",
    "Preparer",
    "DemandResponseRow",
    "RenewableRow",
    "Boiler",
    "Building",
    "EfficiencyFactors",
    "LightingRow",
    "RegisterRow",
    "SteamBoilerCheck",
    "SystemRow",
    "BasicData",
    "Declaration",
    "ElectricityMonth",
    "EnergyManager",
    "ExecutedMeasure",
    "FormDate",
    "FuelMonths",
    "HeatValueRow",
    "Meter",
    "MonthlyElectricity",
    "MonthlyThermal",
    "Organisation",
    "Person",
    "PlanSection",
    "PlannedMeasure",
    "Policy",
    "Product",
    "ProductionDeclaration",
    "ProductionEnergy",
    "ProductionEquipment",
    "ProductionMeasure",
    "SavingsSection",
    "UserClass",
    "json_schema",
    "load",
    "template_excel",
    "validate",
    "validate_many",
    "validate_production",
]
