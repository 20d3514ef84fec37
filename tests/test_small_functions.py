"""Small functions of the coach and the store pinned to exact values (each found by mutation testing)."""

from __future__ import annotations

import math

import pytest

from helpcoach.coach.triage import normalize
from helpcoach.store.children import add_child, set_default
from helpcoach.store.stats import wilson_lower_bound
from tests.logdata import open_test_log


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
