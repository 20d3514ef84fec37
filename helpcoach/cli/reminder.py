"""The gentle check-in reminder shown after other commands.

It must be cheap and must never fail the command it follows: no log file means
nothing to do, and a log that cannot be read is doctor's business, not ours.
"""

from __future__ import annotations

from datetime import datetime

REMINDER = "A weekly check-in is due: take five minutes with `helpcoach checkin`."
QUIET_COMMANDS = {"checkin", "doctor", "import", "export"}
QUIET_FLAGS = {"--json", "--help", "-h", "--version", "-V", "--show-completion", "--install-completion"}


def after_command(args: list[str], now: datetime | None = None) -> None:
    """Print one line on stderr when a check-in is due (never with --json, never after checkin)."""
    if not args or QUIET_FLAGS.intersection(args):
        return
    if args[0] in QUIET_COMMANDS:
        return
    from helpcoach import paths

    if not paths.db_file().is_file():
        return
    if reminder_due(now):
        from helpcoach.ui import console

        console.hint(REMINDER)


def reminder_due(now: datetime | None = None) -> bool:
    """True when reminders are on and a check-in is due for the default child (or anyone)."""
    import sqlite3

    from helpcoach.config import load_config_or_default
    from helpcoach.errors import HelpcoachError
    from helpcoach.store.checkins import checkin_due
    from helpcoach.store.children import resolve_child
    from helpcoach.store.db import connect

    config, _ = load_config_or_default()
    if not config.remind:
        return False
    try:
        conn = connect(create=False)
    except HelpcoachError:
        return False
    try:
        child = resolve_child(conn, None, None)
        return checkin_due(conn, child.id if child else None, now)
    except (HelpcoachError, sqlite3.Error):
        return False
    finally:
        conn.close()
