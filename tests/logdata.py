"""Helpers that put entries in a real log for the log tests (not a test module)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from helpcoach.store import db
from helpcoach.store.checkins import CheckinAnswers, save_checkin

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def open_test_log() -> sqlite3.Connection:
    """The isolated test log."""
    return db.connect()


def add_moment(
    conn: sqlite3.Connection,
    when: datetime,
    *,
    child_id: str | None = None,
    strategy: str = "smaller-steps",
    outcome: str | None = None,
    state: str = "stuck",
) -> str:
    """A moment at `when`, with an outcome when given (written as `now` would)."""
    moment_id = db.new_id()
    with db.transaction(conn):
        conn.execute(
            "INSERT INTO moments (id, created_at, child_id, state, strategy_id, phrase_id, outcome, outcome_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (moment_id, db.stamp(when), child_id, state, strategy, f"{strategy}-1", outcome, db.stamp(when) if outcome else None),
        )
    return moment_id


def add_checkin(
    conn: sqlite3.Connection,
    when: datetime,
    rating: int = 4,
    *,
    child_id: str | None = None,
    wins: list[str] | None = None,
    focus: str | None = None,
) -> str:
    """A check-in at `when`."""
    return save_checkin(conn, child_id, CheckinAnswers(rating=rating, wins=wins or [], focus=focus), now=when).id


def days_ago(days: float) -> datetime:
    """NOW minus some days."""
    return NOW - timedelta(days=days)


def count(conn: sqlite3.Connection, table: str) -> int:
    """Rows in a table."""
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
