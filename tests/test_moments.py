"""A moment and how it went land together, in one transaction."""

from __future__ import annotations

import pytest

from helpcoach.errors import UsageError
from helpcoach.store.db import open_log
from helpcoach.store.moments import add_moment, get_moment, phrase_outcomes


def _add(conn, outcome):
    return add_moment(
        conn,
        child_id=None,
        state="frustrated",
        reason=None,
        strategy_id="say-yes",
        phrase_id="yes-1",
        words=None,
        outcome=outcome,
    )


def test_a_moment_with_its_outcome_counts_for_its_phrase():
    conn = open_log()
    moment_id = _add(conn, "helped")
    moment = get_moment(conn, moment_id)
    assert moment is not None and moment.outcome == "helped"
    assert phrase_outcomes(conn, None)["yes-1"] == (1, 0, 0)


def test_a_bad_outcome_writes_nothing():
    conn = open_log()
    with pytest.raises(UsageError):
        _add(conn, "great")
    assert conn.execute("SELECT COUNT(*) FROM moments").fetchone()[0] == 0
    assert phrase_outcomes(conn, None) == {}
