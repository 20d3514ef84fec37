"""Small functions of the coach and the store pinned to exact values (each found by mutation testing)."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from pathlib import Path

import pytest

from helpcoach.coach.triage import normalize
from helpcoach.errors import HelpcoachError
from helpcoach.store.children import add_child, set_default
from helpcoach.store.exchange import read_document
from helpcoach.store.stats import checkin_streak, compute_stats, wilson_lower_bound
from tests.logdata import NOW, add_checkin, add_moment, open_test_log

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"


@pytest.mark.parametrize(
    ("helped", "tried", "bound"),
    [(9, 10, 0.595844), (1, 1, 0.206543), (5, 5, 0.565509), (50, 100, 0.403830), (0, 0, 0.0)],
)
def test_wilson_lower_bound_exact(helped: int, tried: int, bound: float) -> None:
    """The 95% Wilson score interval's lower end (z = 1.96), as in any table of it."""
    assert wilson_lower_bound(helped, tried) == pytest.approx(bound, abs=1e-6)


def test_wilson_lower_bound_of_nothing_helped_is_zero_not_below() -> None:
    bound = wilson_lower_bound(0, 5)
    assert bound == 0.0 and math.copysign(1, round(bound, 4)) == 1, "never -0.0 in stats --json"


def test_set_default_returns_the_child_as_it_is() -> None:
    conn = open_test_log()
    add_child(conn, "Ana", 4)
    add_child(conn, "Ben", 7)
    ben = set_default(conn, "ben")
    assert (ben.name, ben.age, ben.is_default) == ("Ben", 7, True)
    rows = dict(conn.execute("SELECT name, is_default FROM children").fetchall())
    assert rows == {"Ana": 0, "Ben": 1}


@pytest.mark.parametrize(
    ("typed", "normal"),
    [("Don\u2019t", "don't"), ("\u2018no\u2019", "'no'"), ("WON\u2019T  let   me", "won't let me")],
)
def test_normalize_curly_quotes_case_and_spaces(typed: str, normal: str) -> None:
    assert normalize(typed) == normal


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("entries", 4, "rating", "4"), "in.json: entry 5: Expected `int`, got `str` (rating); nothing was imported"),
        (("entries", 4, "wins", ["ok", 5]), "in.json: entry 5: Expected `str`, got `int` (wins[1]); nothing was imported"),
        (("entries", 0, "kind", "bogus"), "in.json: entry 1: Invalid value 'bogus' (kind); nothing was imported"),
        (("children", 0, "age", "x"), "in.json: Expected `int | null`, got `str` (at $.children[0].age); nothing was imported"),
    ],
)
def test_an_import_names_the_entry_and_the_field(change: tuple[str, int, str, object], message: str) -> None:
    document = json.loads((GOLDEN / "seed.json").read_text(encoding="utf-8"))
    part, index, field, value = change
    document[part][index][field] = value
    with pytest.raises(HelpcoachError) as caught:
        read_document(json.dumps(document).encode(), "in.json")
    assert str(caught.value) == message


def test_stats_and_streak_for_one_child_and_only_up_to_now() -> None:
    conn = open_test_log()
    ana, ben = add_child(conn, "Ana", 4), add_child(conn, "Ben", 7)
    add_moment(conn, NOW - timedelta(days=1), child_id=ana.id, outcome="helped")
    add_moment(conn, NOW - timedelta(days=1), child_id=ben.id, outcome="not")
    add_moment(conn, NOW + timedelta(days=1), child_id=ana.id)  # after `now`: not counted
    add_checkin(conn, NOW - timedelta(days=1), child_id=ana.id)
    add_checkin(conn, NOW - timedelta(days=8), child_id=ben.id)
    add_checkin(conn, NOW + timedelta(hours=1), child_id=ben.id)  # after `now`: not counted
    for child, moments, helped, streak in ((ana, 1, 1, 1), (ben, 1, 0, 1), (None, 2, 1, 2)):
        stats = compute_stats(conn, child.id if child else None, weeks=2, now=NOW)
        assert (stats.weeks[-1].moments, stats.weeks[-1].went_well, stats.streak) == (moments, helped, streak)
        assert [(s.strategy_id, s.helped, s.tried) for s in stats.strategies] == [("smaller-steps", helped, moments)]
    assert checkin_streak(conn, ben.id, NOW) == 1
