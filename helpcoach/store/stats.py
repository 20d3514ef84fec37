"""Weekly numbers from the log, aggregated in SQL over a time range the indexes serve."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from helpcoach.store.db import stamp, utc_now
from helpcoach.times import read_time

MAX_STREAK_WEEKS = 520
Z95 = 1.96


@dataclass
class Week:
    """One week (the 7 days starting at `start`): tough moments, how they went, check-ins."""

    start: str
    moments: int = 0
    rated: int = 0
    went_well: int = 0
    checkins: int = 0
    rating: float | None = None

    @property
    def share_well(self) -> float | None:
        """Share of moments with a known outcome that helped (None when none was rated)."""
        return self.went_well / self.rated if self.rated else None


@dataclass
class StrategyScore:
    """How often a strategy helped: `helped` of `tried`, ranked by a cautious lower bound."""

    strategy_id: str
    helped: int
    tried: int
    lower_bound: float


@dataclass
class Stats:
    """Everything `helpcoach stats` and the report show, oldest week first."""

    weeks: list[Week]
    streak: int
    strategies: list[StrategyScore]

    def as_dict(self) -> dict[str, object]:
        """Plain data for --json."""
        return {
            "weeks": [{**asdict(w), "share_well": w.share_well} for w in self.weeks],
            "checkin_streak_weeks": self.streak,
            "strategies": [asdict(s) for s in self.strategies],
        }


def wilson_lower_bound(helped: int, tried: int, z: float = Z95) -> float:
    """The lower end of the Wilson score interval, so 1 of 1 ranks below 9 of 10."""
    if tried == 0:
        return 0.0
    p = helped / tried
    centre = p + z * z / (2 * tried)
    margin = z * math.sqrt(p * (1 - p) / tried + z * z / (4 * tried * tried))
    return max(0.0, (centre - margin) / (1 + z * z / tried))  # 0 of n is 0, not a rounding error below it


def compute_stats(conn: sqlite3.Connection, child_id: str | None = None, weeks: int = 8, now: datetime | None = None) -> Stats:
    """Per-week moments and check-ins, the check-in streak and strategies ranked, for the last `weeks` weeks."""
    now = now or utc_now()
    until, since = stamp(now), stamp(now - timedelta(weeks=weeks))
    table = [Week(start=(now - timedelta(weeks=weeks - i)).date().isoformat()) for i in range(weeks)]
    child_sql, child_args = ("child_id = ? AND ", (child_id,)) if child_id else ("", ())
    # The week of each row by comparing stamps as text (they sort in time order): cheaper than date maths per row.
    ends = [stamp(now - timedelta(weeks=weeks - 1 - i)) for i in range(weeks - 1)]
    # One week has no boundary: "CASE ELSE 0 END" is not SQL.
    cases = " ".join(f"WHEN created_at < ? THEN {i}" for i in range(weeks - 1))
    bucket = f"CASE {cases} ELSE {weeks - 1} END" if cases else "0"
    for index, outcome, count in conn.execute(
        f"SELECT {bucket} AS w, outcome, COUNT(*) FROM moments WHERE {child_sql}created_at >= ? AND created_at <= ? "
        "GROUP BY w, outcome",
        (*ends, *child_args, since, until),
    ):
        week = table[index]
        week.moments += count
        if outcome in ("helped", "little", "not"):
            week.rated += count
        if outcome == "helped":
            week.went_well += count
    for index, count, rating in conn.execute(
        f"SELECT {bucket} AS w, COUNT(*), AVG(rating) FROM checkins "
        f"WHERE {child_sql}created_at >= ? AND created_at <= ? GROUP BY w",
        (*ends, *child_args, since, until),
    ):
        week = table[index]
        week.checkins, week.rating = count, round(rating, 2)
    scores = [
        StrategyScore(strategy, helped, tried, round(wilson_lower_bound(helped, tried), 4))
        for strategy, helped, tried in conn.execute(
            "SELECT strategy_id, SUM(outcome = 'helped'), COUNT(*) FROM moments "
            f"WHERE {child_sql}created_at >= ? AND created_at <= ? AND outcome IN ('helped', 'little', 'not') "
            "GROUP BY strategy_id",
            (*child_args, since, until),
        )
    ]
    scores.sort(key=lambda s: (-s.lower_bound, -s.tried, s.strategy_id))
    return Stats(table, checkin_streak(conn, child_id, now), scores)


def checkin_streak(conn: sqlite3.Connection, child_id: str | None = None, now: datetime | None = None) -> int:
    """Weeks in a row with at least one check-in, counting back from this week (or last, if this one has none yet)."""
    now = now or utc_now()
    child_sql, child_args = ("child_id = ? AND ", (child_id,)) if child_id else ("", ())
    rows = conn.execute(
        f"SELECT created_at FROM checkins WHERE {child_sql}created_at >= ? AND created_at <= ? ORDER BY created_at DESC",
        (*child_args, stamp(now - timedelta(weeks=MAX_STREAK_WEEKS)), stamp(now)),
    )
    streak, expected = 0, 0
    for (created_at,) in rows:
        weeks_ago = int((now - read_time(created_at)).days // 7)
        if weeks_ago < expected:
            continue  # another check-in in a week already counted
        if weeks_ago == expected or (streak == 0 and weeks_ago == 1):
            streak += 1
            expected = weeks_ago + 1
            continue
        break
    return streak
