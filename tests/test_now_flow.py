"""The interactive `now` flow through real questionary prompts (pipe input: arrows and Enter)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcoach.coach.choose import Answer
from helpcoach.coach.now_flow import Household, gather, run_flow
from helpcoach.coach.triage import Triage
from helpcoach.errors import Interrupted
from helpcoach.packs.library import Library, load_library
from helpcoach.store.children import add_child
from helpcoach.store.db import connect
from helpcoach.store.moments import add_moment, get_moment, record_outcome
from helpcoach.ui import console, prompts
from helpcoach.ui.breathing import breathe, phase_at
from tests.helpers import CTRL_C, DOWN, ENTER, Fixed, typed
from tests.now_pack import install_now_pack


@pytest.fixture
def library(isolated: dict[str, Path]) -> Library:
    install_now_pack(isolated["config"])
    return load_library(["core"])


@pytest.fixture
def conn(isolated: dict[str, Path]) -> Iterator[sqlite3.Connection]:
    connection = connect(isolated["data"] / "helpcoach.db")
    yield connection
    connection.close()


class Screen:
    """Records what the flow showed instead of drawing it."""

    def __init__(self) -> None:
        self.shown: list[tuple[Answer, str | None]] = []
        self.hints: list[str] = []
        self.breaths = 0

    def show(self, answer: Answer, heading: str | None) -> None:
        self.shown.append((answer, heading))

    def breathe(self) -> None:
        self.breaths += 1


def flow(
    library: Library, household: Household, screen: Screen, given: Triage | None = None, follow_up: tuple[str, str] | None = None
):
    return run_flow(library, household, given, Fixed(), screen.show, screen.breathe, screen.hints.append, follow_up)


def test_enter_all_the_way(library: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    with typed(ENTER, ENTER, ENTER, ENTER):  # upset, not sure, done, it helped
        result = flow(library, gather(conn, None), screen)
    assert [a.phrase_id for a, _ in screen.shown] == ["w1"]
    assert (result.answer.state, result.answer.reason, result.outcome) == ("upset", "unsure", "helped")


def test_reason_question_skipped_for_a_step_in_state(library: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    with typed(DOWN, ENTER, ENTER, DOWN, DOWN, ENTER):  # danger; (no reason question) done; not this time
        result = flow(library, gather(conn, None), screen)
    first = screen.shown[0][0]
    assert (first.strategy_id, first.step_in, first.reason) == ("guard", True, None)
    assert result.outcome == "not"


def test_pushback_ladder_then_done(library: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    with typed(ENTER, ENTER, DOWN, ENTER, DOWN, ENTER, DOWN, ENTER, ENTER, DOWN, ENTER):
        result = flow(library, gather(conn, None), screen)
    assert [(a.strategy_id, h) for a, h in screen.shown] == [
        ("wait", None),
        ("choice", "A gentler next step:"),
        ("team", "A gentler next step:"),
    ]
    assert screen.hints == ["You have tried the gentle steps. It is okay to pause, stay near, and try again later."]
    assert (result.answer.phrase_id, result.outcome) == ("t1", "little")


def test_another_phrase_and_a_different_approach(library: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    another, different = [DOWN, DOWN, ENTER], [DOWN, DOWN, DOWN, ENTER]
    with typed(ENTER, ENTER, *another, *different, *another, ENTER, ENTER):
        result = flow(library, gather(conn, None), screen)
    assert [a.phrase_id for a, _ in screen.shown] == ["w1", "w2", "t1", "t2"]
    assert result.shown == ["w1", "w2", "t1", "t2"]
    assert result.answer.phrase_id == "t2"


def test_need_a_moment_calls_the_pause_then_shows_the_phrase_again(library: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    with typed(ENTER, ENTER, DOWN * 4, ENTER, ENTER, ENTER):
        flow(library, gather(conn, None), screen)
    assert screen.breaths == 1
    assert [(a.phrase_id, h) for a, h in screen.shown] == [("w1", None), ("w1", "When you are ready:")]


def test_words_skip_the_questions(library: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    with typed(ENTER, ENTER):  # done, it helped
        result = flow(library, gather(conn, None), screen, given=Triage("upset", "shy"))
    assert (result.answer.state, result.answer.reason, len(screen.shown)) == ("upset", "shy", 1)


def test_follow_up_is_asked_after_the_outcome(library: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    with typed(ENTER, ENTER, ENTER, ENTER, DOWN, ENTER):  # ... it helped; the earlier one: (skip) -> it helped
        result = flow(library, gather(conn, None), screen, follow_up=("m1", "I'm right here."))
    assert (result.outcome, result.follow_up_outcome) == ("helped", "helped")


def test_ctrl_c_raises_interrupted(library: Library, conn: sqlite3.Connection) -> None:
    with typed(ENTER, CTRL_C), pytest.raises(Interrupted):
        flow(library, gather(conn, None), Screen())


# --- through the command ------------------------------------------------------------------------


def moments(data: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(data / "helpcoach.db")
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM moments ORDER BY created_at").fetchall()
    finally:
        db.close()


def test_command_done_and_outcome_saved(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    with typed(ENTER, ENTER, ENTER, DOWN, ENTER):  # upset, not sure, done, a little
        code, out, err = run("now", "--plain")
    assert code == 0, err
    assert "Say: " in out and "Saved: it helped a little" in out
    rows = moments(isolated["data"])
    assert [(r["state"], r["reason"], r["outcome"]) for r in rows] == [("upset", "unsure", "little")]
    db = sqlite3.connect(isolated["data"] / "helpcoach.db")
    counts = db.execute("SELECT helped, little, not_helped FROM phrase_outcomes").fetchall()
    db.close()
    assert counts == [(0, 1, 0)]


def test_command_ctrl_c_saves_nothing(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    with typed(ENTER, ENTER, CTRL_C):
        code, _, err = run("now")
    assert code == 130
    assert "nothing was saved" in err.lower()
    assert moments(isolated["data"]) == []


def test_command_breathing_skipped_by_a_key(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    with typed(ENTER, ENTER, DOWN * 4, ENTER, "x", ENTER, ENTER):
        code, out, err = run("now", "--plain")
    assert code == 0, err
    assert "A moment for you. Any key ends it." in out
    assert "Well done" not in out, "the key ended the pause early"
    assert out.count("Say: ") == 2
    assert [r["outcome"] for r in moments(isolated["data"])] == ["helped"]


def test_command_asks_about_a_skipped_moment_once(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    conn = connect(isolated["data"] / "helpcoach.db")
    earlier = add_moment(conn, child_id=None, state="upset", reason=None, strategy_id="wait", phrase_id="w2", words=None)
    record_outcome(conn, earlier, "skipped")
    with typed(ENTER, ENTER, ENTER, ENTER, DOWN, ENTER):
        code, _, err = run("now")
    assert code == 0, err
    moment = get_moment(conn, earlier)
    assert moment is not None and moment.outcome == "helped"
    followed = conn.execute("SELECT followed_up FROM moments WHERE id = ?", (earlier,)).fetchone()[0]
    conn.close()
    assert followed == 1


def test_command_no_log_saves_nothing(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    with typed(ENTER, ENTER, ENTER, ENTER):
        code, _, err = run("now", "--no-log")
    assert code == 0, err
    assert "Nothing was saved" in err
    assert not (isolated["data"] / "helpcoach.db").exists()


def test_command_several_children_asks_which_one_first(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    conn = connect(isolated["data"] / "helpcoach.db")
    add_child(conn, "Ada", 4)
    ben = add_child(conn, "Ben", 7)
    conn.execute("UPDATE children SET is_default = 0")
    conn.close()
    with typed(DOWN, ENTER, ENTER, ENTER, ENTER, ENTER):  # Ben, upset, not sure, done, helped
        code, out, err = run("now", "--plain")
    assert code == 0, err
    assert "Say: " in out and "{" not in out
    rows = moments(isolated["data"])
    assert [r["child_id"] for r in rows] == [ben.id]


# --- the breathing pause ------------------------------------------------------------------------


def test_breathing_runs_to_the_end_on_its_clock(capsys: pytest.CaptureFixture[str]) -> None:
    console.set_plain(True)
    ticks = iter(float(t) for t in range(0, 40))
    assert breathe(lambda seconds: False, seconds=30, clock=lambda: next(ticks)) is True
    out = capsys.readouterr().out
    assert "Breathe in slowly." in out and "Breathe out, long and slow." in out and "Well done" in out


def test_breathing_any_key_or_ctrl_c_skips(capsys: pytest.CaptureFixture[str]) -> None:
    assert breathe(lambda seconds: True, seconds=30) is False

    def interrupt(seconds: float) -> bool:
        raise KeyboardInterrupt

    assert breathe(interrupt, seconds=30) is False
    assert "Well done" not in capsys.readouterr().out


def test_breathing_skipped_by_a_piped_key() -> None:
    with typed("x"), prompts.key_watch() as wait:
        assert breathe(wait, seconds=30) is False


def test_breathing_phases() -> None:
    assert phase_at(0.0) == ("Breathe in slowly", 0.0)
    assert phase_at(5.0)[0] == "Breathe out, long and slow"
    assert phase_at(12.0) == ("Breathe in slowly", 0.5)


@pytest.fixture
def core(isolated: dict[str, Path]) -> Library:
    return load_library()


def test_repeating_asks_what_is_behind_it_though_it_has_a_step_in(core: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    repeating = list(core.states).index("repeating")
    with typed(DOWN * repeating, ENTER, ENTER, ENTER, ENTER):  # repeating; not sure; done; it helped
        result = flow(core, gather(conn, None), screen)
    assert (result.answer.state, result.answer.reason) == ("repeating", "unsure")


def test_another_phrase_after_a_pushback_stays_with_the_gentler_step(core: Library, conn: sqlite3.Connection) -> None:
    screen = Screen()
    pushback, another = [DOWN, ENTER], [DOWN, DOWN, ENTER]
    with typed(ENTER, ENTER, *pushback, *another, ENTER, ENTER):
        flow(core, gather(conn, None), screen)
    (before, _), (after, _) = screen.shown[-2], screen.shown[-1]
    assert before.strategy_id == after.strategy_id == core.pushback[0]
    assert before.phrase_id != after.phrase_id
    assert screen.hints == []
