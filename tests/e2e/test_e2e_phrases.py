"""`phrases practice` end to end: two cards in a real terminal, at 80 and 40 columns."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.e2e.tmux import squash


@pytest.mark.parametrize("width", [80, 40])
def test_practice_two_cards(terminal, isolated: dict[str, Path], width: int) -> None:
    term = terminal().start("phrases", "practice", "--count", "2", width=width, height=60)
    term.wait_for("What would you say?")
    term.type("I'm right here with you")
    term.send("Enter")
    term.wait_for("How ready did you feel?")
    term.send("Enter")  # good
    term.wait_for("Card 2 of 2")
    term.wait_for(lambda screen: screen.count("What would you say?") >= 2)
    term.send("Enter")  # just think it
    term.wait_for(lambda screen: screen.count("How ready did you feel?") >= 2)
    term.send("Down", "Enter")  # easy
    assert term.wait_exit() == 0, term.output()
    screen = squash(term.output())
    assert "You said: I'm right here with you" in screen
    assert "Cards practised: 2" in screen and "Days practised this month: 1" in screen
    with sqlite3.connect(isolated["data"] / "helpcoach.db") as conn:
        rows = conn.execute("SELECT answer, rating FROM practice ORDER BY created_at").fetchall()
    assert rows == [("I'm right here with you", "good"), (None, "easy")]
