"""Moments in the log: each time `helpcoach now` suggested a phrase, and how it went.

A moment's outcome feeds `phrase_outcomes`, the per-child counts that let the
coach learn which phrases work for this family. A skipped outcome is asked
about once more (by the next `now` or `checkin`), then left alone.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

from helpcoach.errors import HelpcoachError, UsageError
from helpcoach.store.db import new_id, stamp, transaction
from helpcoach.store.limits import clip

Outcome = Literal["helped", "little", "not", "skipped"]
OUTCOMES: tuple[Outcome, ...] = ("helped", "little", "not", "skipped")
_COUNT_COLUMN: dict[str, str] = {"helped": "helped", "little": "little", "not": "not_helped"}
URGENT = "urgent"  # an urgent moment is logged, never rated: its guidance is fixed, not learned
NOT_URGENT = f"state != '{URGENT}'"


@dataclass(frozen=True)
class Moment:
    """One suggestion that was shown to a parent, with its outcome once known."""

    id: str
    created_at: str
    child_id: str | None
    state: str
    reason: str | None
    strategy_id: str
    phrase_id: str
    outcome: Outcome | None


def _row(row: sqlite3.Row) -> Moment:
    return Moment(
        row["id"],
        row["created_at"],
        row["child_id"],
        row["state"],
        row["reason"],
        row["strategy_id"],
        row["phrase_id"],
        cast("Outcome | None", row["outcome"]),
    )


def add_moment(
    conn: sqlite3.Connection,
    *,
    child_id: str | None,
    state: str,
    reason: str | None,
    strategy_id: str,
    phrase_id: str,
    words: str | None,
    outcome: str | None = None,
    now: datetime | None = None,
) -> str:
    """Save a moment, and how it went when that is already known, in one transaction; return its id.

    The parent's words are kept to the import limit (cut, not refused: they are context, and
    refusing would cost the moment).
    """
    if not state or not strategy_id or not phrase_id:
        raise UsageError("a moment needs a state, a strategy and a phrase")
    _check_outcome(outcome)
    moment_id = new_id()
    with transaction(conn):
        conn.execute(
            "INSERT INTO moments (id, created_at, child_id, state, reason, strategy_id, phrase_id, words)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (moment_id, stamp(now), child_id, state, reason, strategy_id, phrase_id, clip(words)),
        )
        if outcome is not None:
            apply_outcome(conn, moment_id, outcome, now)
    return moment_id


def get_moment(conn: sqlite3.Connection, moment_id: str) -> Moment | None:
    """One moment by id."""
    row = conn.execute("SELECT * FROM moments WHERE id = ?", (moment_id,)).fetchone()
    return _row(row) if row else None


def _child_clause(child_id: str | None) -> tuple[str, tuple[str, ...]]:
    if child_id is None:
        return "child_id IS NULL", ()
    return "child_id = ?", (child_id,)


def _latest(conn: sqlite3.Connection, child_id: str | None, condition: str) -> Moment | None:
    where, args = _child_clause(child_id)
    row = conn.execute(
        f"SELECT * FROM moments WHERE {where} AND {condition} ORDER BY created_at DESC, rowid DESC LIMIT 1", args
    ).fetchone()
    return _row(row) if row else None


def moment_to_follow_up(conn: sqlite3.Connection, child_id: str | None) -> Moment | None:
    """The latest moment whose outcome was skipped and has not been asked about again."""
    return _latest(conn, child_id, f"outcome = 'skipped' AND followed_up = 0 AND {NOT_URGENT}")


def latest_open_moment(conn: sqlite3.Connection, child_id: str | None) -> Moment | None:
    """The latest moment with no outcome yet, or a skipped one (what `now --went` records for)."""
    return _latest(conn, child_id, f"(outcome IS NULL OR outcome = 'skipped') AND {NOT_URGENT}")


def record_outcome(conn: sqlite3.Connection, moment_id: str, outcome: str, *, now: datetime | None = None) -> Moment:
    """Set how a moment went and count it for its phrase, in one transaction.

    Answering a moment that was skipped before marks it followed up, so it is
    asked about only once. 'skipped' counts nothing. A moment's outcome is
    counted once: answering again replaces the earlier count.
    """
    with transaction(conn):
        return apply_outcome(conn, moment_id, outcome, now)


def _check_outcome(outcome: str | None) -> None:
    if outcome is not None and outcome not in OUTCOMES:
        raise UsageError(f"unknown outcome '{outcome}': use one of {', '.join(OUTCOMES)}")


def apply_outcome(conn: sqlite3.Connection, moment_id: str, outcome: str, now: datetime | None = None) -> Moment:
    """Set the outcome and its count inside the caller's transaction (see record_outcome)."""
    _check_outcome(outcome)
    row = conn.execute("SELECT * FROM moments WHERE id = ?", (moment_id,)).fetchone()
    if row is None:
        raise HelpcoachError(f"there is no moment {moment_id} in the log")
    before = _row(row)
    if before.state == URGENT:
        raise UsageError("an urgent moment is never rated: its guidance is fixed, not learned")
    followed_up = 1 if before.outcome == "skipped" else int(row["followed_up"])
    conn.execute(
        "UPDATE moments SET outcome = ?, outcome_at = ?, followed_up = ? WHERE id = ?",
        (outcome, stamp(now), followed_up, moment_id),
    )
    child_key = before.child_id or ""
    if before.outcome in _COUNT_COLUMN:
        column = _COUNT_COLUMN[before.outcome]
        conn.execute(
            f"UPDATE phrase_outcomes SET {column} = MAX({column} - 1, 0) WHERE child_id = ? AND phrase_id = ?",
            (child_key, before.phrase_id),
        )
    if outcome in _COUNT_COLUMN:
        column = _COUNT_COLUMN[outcome]
        conn.execute(
            f"INSERT INTO phrase_outcomes (child_id, phrase_id, {column}) VALUES (?, ?, 1)"
            f" ON CONFLICT (child_id, phrase_id) DO UPDATE SET {column} = {column} + 1",
            (child_key, before.phrase_id),
        )
    return Moment(
        before.id,
        before.created_at,
        before.child_id,
        before.state,
        before.reason,
        before.strategy_id,
        before.phrase_id,
        cast("Outcome", outcome),  # checked by _check_outcome
    )


def mark_followed_up(conn: sqlite3.Connection, moment_id: str) -> None:
    """Remember that a skipped moment was asked about again, even if the parent skipped again."""
    with transaction(conn):
        conn.execute("UPDATE moments SET followed_up = 1 WHERE id = ?", (moment_id,))


def phrase_outcomes(conn: sqlite3.Connection, child_id: str | None) -> dict[str, tuple[int, int, int]]:
    """Per phrase id: (helped, a little, not this time) counts for this child ('' = no child)."""
    rows = conn.execute("SELECT phrase_id, helped, little, not_helped FROM phrase_outcomes WHERE child_id = ?", (child_id or "",))
    return {r["phrase_id"]: (r["helped"], r["little"], r["not_helped"]) for r in rows}


def recent_phrase_ids(conn: sqlite3.Connection, child_id: str | None, n: int) -> list[str]:
    """The phrase ids of this child's last `n` moments, newest first."""
    where, args = _child_clause(child_id)
    rows = conn.execute(f"SELECT phrase_id FROM moments WHERE {where} ORDER BY created_at DESC, rowid DESC LIMIT ?", (*args, n))
    return [r["phrase_id"] for r in rows]


def urgent_moments(conn: sqlite3.Connection, child_id: str | None, since: str) -> list[tuple[str, str]]:
    """(when, strategy id) of the urgent moments since a stamp, oldest first: the report lists them first."""
    rows = conn.execute(
        f"SELECT created_at, strategy_id FROM moments WHERE created_at >= ? AND {NOT_URGENT.replace('!=', '=')}"
        + (" AND child_id = ?" if child_id else "")
        + " ORDER BY created_at LIMIT 200",
        (since, child_id) if child_id else (since,),
    )
    return [(r["created_at"], r["strategy_id"]) for r in rows]
