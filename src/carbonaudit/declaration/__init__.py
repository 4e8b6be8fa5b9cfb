"""Declaration models of the current non-production form (non-production-form-2025 附表三) and their rules.

This package holds sections 一 to 五 (preparer and managers, basic data, organisation, policy,
monthly thermal and electricity use, EUI reasons), 六 balances, 八 transformers, 九之一 chiller
groups, 九之八 data centres, 十 executed measures and annual use, 十一 planned measures and use, and
附錄二 merged meters, with
:func:`validate` for the rules between them. Structural problems (a typo in a field name, a wrong
type, an unknown unit, a date that does not exist) are pydantic ``ValidationError`` at load, with
the field's path; rules between fields are :class:`~carbonaudit.errors.Finding` objects.

For example:

>>> from carbonaudit.declaration import Declaration, validate
>>> d = Declaration.from_yaml("examples/office_declaration.yaml")
>>> d.basic.contract_capacity
<Quantity(1200.0, 'kilowatt')>
"""

from __future__ import annotations

from .io import json_schema
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
    "validate",
    "validate_production",
]
