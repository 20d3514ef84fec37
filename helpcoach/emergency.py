"""Which emergency number to show, offline: the config, else the region from config or locale, else none.

The region-to-number table is a data file beside this module, with a source
for every figure. A locale is a weak guess (many machines in the UK run
en_US), so the answer always says where the region came from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpcoach.packs.schema import Config

TABLE = Path(__file__).with_name("data") / "emergency_numbers.tsv"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class EmergencyNumber:
    """The number to call (None when unknown), the region used, and where that region came from."""

    call: str | None
    region: str | None
    source: str  # "config number", "config region", "locale LANG=en_GB.UTF-8", or "unknown"


@cache
def numbers() -> dict[str, str]:
    """Region code to number, from the data file."""
    table: dict[str, str] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        region, number, *_ = line.split("\t")
        table[region.strip().upper()] = number.strip()
    return table


def locale_region(environ: dict[str, str] | os._Environ[str] = os.environ) -> tuple[str, str] | None:
    """(region, "VAR=value") from the first locale variable set, as gettext reads them; None for C or POSIX."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        language = value.split(".")[0].split("@")[0]
        if "_" not in language:
            return None  # C, POSIX, or a bare language: no region to read
        region = language.split("_", 1)[1][:2].upper()
        return (region, f"{name}={value}") if region.isalpha() and len(region) == 2 else None
    return None


def emergency_number(config: Config, environ: dict[str, str] | os._Environ[str] = os.environ) -> EmergencyNumber:
    """The number for the urgent guidance, and how it was found."""
    if config.emergency_number:
        region = config.region.upper() if config.region else None
        return EmergencyNumber(config.emergency_number, region, "config number")
    if config.region:
        region = config.region.upper()
        return EmergencyNumber(numbers().get(region), region, "config region")
    found = locale_region(environ)
    if found is None:
        return EmergencyNumber(None, None, "unknown")
    region, variable = found
    return EmergencyNumber(numbers().get(region), region, f"locale {variable}")
