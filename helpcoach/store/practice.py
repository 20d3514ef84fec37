"""Practice reviews in the log: one row per rated scenario card."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from helpcoach.coach.schedule import CardState, Rating
from helpcoach.store.db import new_id, stamp, transaction, utc_now
from helpcoach.store.limits import clip
from helpcoach.times import read_time


@dataclass(frozen=True)
class Review:
    """One rated card: what the parent wrote (or chose) and where the card goes next."""

    scenario_id: str
    mode: str
    answer: str | None
    rating: Rating
    state: CardState
    child_id: str | None = None


def save_review(conn: sqlite3.Connection, review: Review, now: datetime | None = None) -> str:
    """Save one review in its own transaction; return its id."""
    review_id = new_id()
    with transaction(conn):
        conn.execute(
            "INSERT INTO practice (id, created_at, child_id, scenario_id, mode, answer, rating, box, due_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                review_id,
                stamp(now),
                review.child_id,
                review.scenario_id,
                review.mode,
                clip(review.answer),  # the import limit, so every export imports again
                review.rating,
                review.state.box,
                stamp(review.state.due_at),
            ),
        )
    return review_id


def card_states(conn: sqlite3.Connection) -> dict[str, CardState]:
    """Each practised scenario's latest box and due time."""
    rows = conn.execute(
        "SELECT scenario_id, box, due_at FROM practice AS p"
        " WHERE created_at = (SELECT MAX(created_at) FROM practice WHERE scenario_id = p.scenario_id)"
    )
    return {row["scenario_id"]: CardState(row["box"], read_time(row["due_at"])) for row in rows}


def days_practised_this_month(conn: sqlite3.Connection, now: datetime | None = None) -> int:
    """How many different days (local time) of the current month had at least one review."""
    local_now = (now or utc_now()).astimezone()
    month_start = local_now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    rows = conn.execute("SELECT created_at FROM practice WHERE created_at >= ?", (stamp(month_start),))
    days = {read_time(row["created_at"]).astimezone().date() for row in rows}
    return len({d for d in days if (d.year, d.month) == (local_now.year, local_now.month) and d <= local_now.date()})
