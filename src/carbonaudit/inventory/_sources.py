"""The emission sources the inventory engine writes on its lines (a leaf module: it imports nothing).

Its own module so that the factor loader can check the ISO 14064-1 categories of the data against
the engine's sources (every source has one) without importing the engine.
"""

from __future__ import annotations

__all__ = ["SECTORS"]

SECTORS: dict[str, str] = {
    "stationary_combustion": "energy",
    "mobile_combustion": "energy",
    "purchased_electricity": "energy",
    "purchased_heat": "energy",
    "outsourced": "energy",
    "refrigerant": "industrial_process",
    "fire_extinguisher": "industrial_process",
    "process": "industrial_process",
    "septic_tank": "waste",
    "fugitive": "energy",
}
"""Emission source -> district sector of government-inventory (energy, industrial process, agriculture, LULUCF, waste)."""
