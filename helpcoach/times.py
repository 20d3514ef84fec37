"""The span of dates helpcoach accepts, and reading stored times so no arithmetic on them can overflow.

A log only holds times from 1970 to 2100: imports refuse anything else, and options
like `--since` give a usage error. Times already stored outside that span (written
by an older helpcoach) are read as the nearest end of it, so adding a week to
9999-12-30 or showing 0001-01-01 in a western time zone cannot crash a command.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

FIRST_YEAR = 1970
LAST_YEAR = 2100
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)
SPAN = f"{FIRST_YEAR} to {LAST_YEAR}"


def day_in_span(day: date) -> bool:
    """True for a day from 1970-01-01 to 2100-12-31."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def in_span(moment: datetime) -> bool:
    """True for an aware time from 1970 to 2100 (in UTC)."""
    try:
        return EARLIEST <= moment <= LATEST
    except (OverflowError, TypeError):
        return False


def read_time(text: str) -> datetime:
    """A stored ISO 8601 time as an aware datetime kept inside 1970-2100 (naive times are UTC)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return EARLIEST
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return min(max(moment, EARLIEST), LATEST)
    except OverflowError:  # pragma: no cover - comparing aware times only overflows at the very ends
        return EARLIEST if moment.year < FIRST_YEAR else LATEST
