"""Weekly check-ins: saving one, the focus chosen last time, and what happened since."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from helpcoach.errors import UsageError
from helpcoach.store.db import insert_row, new_id, stamp, transaction, utc_now
from helpcoach.store.limits import MAX_TEXT, MAX_WINS
from helpcoach.times import read_time

if TYPE_CHECKING:
    from helpcoach.store.exchange_format import CheckinRecord

DUE_AFTER = timedelta(days=7)
FIRST_SUMMARY_WINDOW = timedelta(days=7)


@dataclass
class CheckinAnswers:
    """What a parent answered in a check-in (from prompts, options or an answers file)."""

    rating: int
    wins: list[str] = field(default_factory=list)
    helped: str | None = None
    hard: str | None = None
    child_said: str | None = None
    focus: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Checkin:
    """A saved check-in."""

    id: str
    created_at: str
    child_id: str | None
    rating: int
    wins: list[str]
    helped: str | None
    hard: str | None
    child_said: str | None
    focus: str | None
    note: str | None

    def as_dict(self) -> dict[str, object]:
        """The entry as plain data (for --json)."""
        return {"kind": "checkin", **asdict(self)}


@dataclass
class Summary:
    """The time since the last check-in: moments, how they went, what helped most, practice done."""

    since: str | None
    moments: int
    outcomes: dict[str, int]
    best_strategy: str | None
    best_strategy_helped: int
    practice: int


def _clean(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise UsageError(f"{what} is {len(text)} characters; keep it to {MAX_TEXT} at most")
    return text or None


def validate_answers(answers: CheckinAnswers, strategy_ids: list[str]) -> CheckinAnswers:
    """Check and tidy the answers; UsageError (exit 2) names the first bad one."""
    if isinstance(answers.rating, bool) or not isinstance(answers.rating, int) or not 1 <= answers.rating <= 5:
        raise UsageError(f"rating {answers.rating!r} is out of range: give --rating a whole number from 1 to 5")
    if answers.focus is not None and answers.focus not in strategy_ids:
        raise UsageError(f"unknown strategy '{answers.focus}' for --focus: use one of {', '.join(strategy_ids)}")
    wins = [w for w in (_clean(w, "a win") for w in answers.wins) if w]
    if len(wins) > MAX_WINS:
        raise UsageError(f"{len(wins)} wins given; keep it to {MAX_WINS} at most")
    return CheckinAnswers(
        rating=answers.rating,
        wins=wins,
        helped=_clean(answers.helped, "what helped"),
        hard=_clean(answers.hard, "what was hard"),
        child_said=_clean(answers.child_said, "what your child said"),
        focus=answers.focus,
        note=_clean(answers.note, "the note"),
    )


def save_checkin(
    conn: sqlite3.Connection,
    child_id: str | None,
    answers: CheckinAnswers,
    now: datetime | None = None,
    follow_up: tuple[str, str] | None = None,
) -> Checkin:
    """Write one check-in, and the (moment id, outcome) it followed up, in one transaction.

    The answers must already be validated.
    """
    entry = Checkin(
        new_id(),
        stamp(now or utc_now()),
        child_id,
        answers.rating,
        list(answers.wins),
        answers.helped,
        answers.hard,
        answers.child_said,
        answers.focus,
        answers.note,
    )
    with transaction(conn):
        row = {"id": entry.id, "created_at": entry.created_at, "child_id": child_id, **checkin_columns(entry)}
        insert_row(conn, "checkins", row)
        if follow_up is not None:
            from helpcoach.store.moments import apply_outcome

            apply_outcome(conn, *follow_up, now)
    return entry


def checkin_columns(entry: Checkin | CheckinRecord) -> dict[str, object]:
    """A check-in's own columns of the checkins table (everything but id, created_at and child_id)."""
    return {
        "rating": entry.rating,
        "wins": json.dumps(list(entry.wins), ensure_ascii=False),
        "helped": entry.helped,
        "hard": entry.hard,
        "child_said": entry.child_said,
        "focus": entry.focus,
        "note": entry.note,
    }


def _child_filter(child_id: str | None) -> tuple[str, tuple[str, ...]]:
    return ("child_id = ? AND ", (child_id,)) if child_id else ("", ())


def last_checkin(conn: sqlite3.Connection, child_id: str | None) -> Checkin | None:
    """The newest check-in (for one child when given)."""
    where, args = _child_filter(child_id)
    row = conn.execute(f"SELECT * FROM checkins WHERE {where}1 ORDER BY created_at DESC LIMIT 1", args).fetchone()
    if row is None:
        return None
    return Checkin(
        row["id"],
        row["created_at"],
        row["child_id"],
        row["rating"],
        json.loads(row["wins"]),
        row["helped"],
        row["hard"],
        row["child_said"],
        row["focus"],
        row["note"],
    )


def latest_focus(conn: sqlite3.Connection, child_id: str | None) -> str | None:
    """The strategy chosen as focus in the newest check-in that chose one."""
    where, args = _child_filter(child_id)
    row = conn.execute(
        f"SELECT focus FROM checkins WHERE {where}focus IS NOT NULL ORDER BY created_at DESC LIMIT 1", args
    ).fetchone()
    return str(row[0]) if row else None


def summary_since_last(conn: sqlite3.Connection, child_id: str | None, now: datetime | None = None) -> Summary:
    """What happened since the last check-in (or in the last 7 days before the first one)."""
    last = last_checkin(conn, child_id)
    since = last.created_at if last else stamp((now or utc_now()) - FIRST_SUMMARY_WINDOW)
    where, args = _child_filter(child_id)
    # Without the hint SQLite prefers scanning moments_open for the GROUP BY: a whole-log scan.
    index = "moments_by_child" if child_id else "moments_by_time"
    rows = conn.execute(
        f"SELECT outcome, COUNT(*) FROM moments INDEXED BY {index} WHERE {where}created_at > ? GROUP BY outcome",
        (*args, since),
    ).fetchall()
    outcomes = {str(outcome or "unanswered"): count for outcome, count in rows}
    best = conn.execute(
        f"SELECT strategy_id, COUNT(*) AS n FROM moments INDEXED BY {index} WHERE {where}created_at > ? AND outcome = 'helped' "
        "GROUP BY strategy_id ORDER BY n DESC, strategy_id LIMIT 1",
        (*args, since),
    ).fetchone()
    practice = conn.execute(f"SELECT COUNT(*) FROM practice WHERE {where}created_at > ?", (*args, since)).fetchone()[0]
    return Summary(
        since=last.created_at if last else None,
        moments=sum(outcomes.values()),
        outcomes=outcomes,
        best_strategy=best[0] if best else None,
        best_strategy_helped=best[1] if best else 0,
        practice=practice,
    )


def checkin_due(conn: sqlite3.Connection, child_id: str | None, now: datetime | None = None) -> bool:
    """Due 7 days after the last check-in, or when moments exist and none was ever done."""
    where, args = _child_filter(child_id)
    row = conn.execute(f"SELECT created_at FROM checkins WHERE {where}1 ORDER BY created_at DESC LIMIT 1", args).fetchone()
    if row is None:
        return conn.execute(f"SELECT 1 FROM moments WHERE {where}1 LIMIT 1", args).fetchone() is not None
    return read_time(row[0]) + DUE_AFTER <= (now or utc_now())
