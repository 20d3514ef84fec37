"""The edges pinned exactly: week labels for a fixed now, a streak with a one-week gap, ages at a range's
limits, and the migration backup's mode from a world-readable log."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from helpcoach.coach import choose, practice_deck
from helpcoach.packs.schema import Ages, Phrase
from helpcoach.store import db
from helpcoach.store.stats import checkin_streak, compute_stats
from tests.logdata import NOW, add_checkin, add_moment, open_test_log

# NOW is Sunday 2025-06-15 12:00 UTC; a week is the 7 days that start at its label's time of day.
EIGHT_WEEK_STARTS = [
    *("2025-04-20", "2025-04-27", "2025-05-04", "2025-05-11"),
    *("2025-05-18", "2025-05-25", "2025-06-01", "2025-06-08"),
]


def test_week_starts_for_a_fixed_now() -> None:
    stats = compute_stats(open_test_log(), None, weeks=8, now=NOW)
    assert [w.start for w in stats.weeks] == EIGHT_WEEK_STARTS
    assert [w.start for w in compute_stats(open_test_log(), None, weeks=1, now=NOW).weeks] == ["2025-06-08"]


def test_a_moment_exactly_one_week_old_is_in_this_week_and_a_millisecond_older_in_the_last() -> None:
    conn = open_test_log()
    add_moment(conn, NOW - timedelta(weeks=1), outcome="helped")
    add_moment(conn, NOW - timedelta(weeks=1, milliseconds=1))
    add_moment(conn, NOW)
    add_moment(conn, NOW - timedelta(weeks=2))  # the oldest instant of the two-week window
    add_moment(conn, NOW - timedelta(weeks=2, milliseconds=1))  # outside it
    stats = compute_stats(conn, None, weeks=2, now=NOW)
    assert [(w.start, w.moments, w.rated, w.went_well) for w in stats.weeks] == [("2025-06-01", 2, 0, 0), ("2025-06-08", 2, 1, 1)]


def test_stats_count_only_the_newest_weeks_and_rate_only_known_outcomes() -> None:
    conn = open_test_log()
    for outcome in ("helped", "little", "not", "skipped", None):
        add_moment(conn, NOW - timedelta(days=1), outcome=outcome)
    add_checkin(conn, NOW - timedelta(days=1), rating=5)
    add_checkin(conn, NOW - timedelta(days=2), rating=2)
    (week,) = compute_stats(conn, None, weeks=1, now=NOW).weeks
    assert (week.moments, week.rated, week.went_well, week.checkins, week.rating) == (5, 3, 1, 2, 3.5)


@pytest.mark.parametrize(
    ("days_ago", "streak"),
    [
        ([1, 8, 22], 2),  # this week and last, then a one-week gap: the week three weeks back does not count
        ([8, 22], 1),  # this week pending, last week done, then a gap
        ([1, 15], 1),  # this week, then a one-week gap
        ([15, 22], 0),  # neither this week nor last: no streak
        ([1, 2, 8, 9, 15], 3),  # two check-ins in a week count once
        ([0, 7, 14, 21], 4),  # exactly on the week boundaries
    ],
)
def test_a_streak_stops_at_a_one_week_gap(days_ago: list[int], streak: int) -> None:
    conn = open_test_log()
    for days in days_ago:
        add_checkin(conn, NOW - timedelta(days=days))
    assert checkin_streak(conn, None, NOW) == streak


@pytest.mark.parametrize(("age", "fits"), [(2, False), (3, True), (4, True), (5, True), (6, False), (None, True)])
def test_ages_at_the_limits_of_a_range(age: int | None, fits: bool) -> None:
    """3 to 5 is inclusive at both ends, for phrases (ranking) and for practice cards."""
    ages = Ages(min=3, max=5)
    assert choose.fits_age(Phrase(id="p", text="t", ages=ages), age) is fits
    assert practice_deck.fits_age(ages, age) is fits
    assert choose.fits_age(Phrase(id="p", text="t"), age) is True
    assert practice_deck.fits_age(None, age) is True


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_the_migration_backup_is_private_even_from_a_world_readable_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_022: None
) -> None:
    path = tmp_path / "helpcoach.db"
    db.connect(path).close()
    path.chmod(0o644)  # a log copied in by hand, or made by an older helpcoach
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, lambda c: c.execute("CREATE TABLE extra (x)")])
    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    db.connect(path).close()
    backup = path.with_name(f"helpcoach.db.before-v{db.SCHEMA_VERSION}")
    assert backup.is_file()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_stats_for_one_week_through_the_command(run) -> None:
    """--weeks 1 is in range: one week, not an SQL error reported as a damaged log."""
    add_moment(open_test_log(), NOW, outcome="helped")
    code, out, err = run("stats", "--weeks", "1", "--json")
    assert code == 0, err
    assert len(json.loads(out)["weeks"]) == 1
