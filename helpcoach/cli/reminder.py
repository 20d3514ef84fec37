"""The gentle check-in reminder shown after other commands (filled in by the log work)."""

from __future__ import annotations


def after_command(args: list[str]) -> None:
    """Print one line on stderr when a check-in is due (never with --json)."""
