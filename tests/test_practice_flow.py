"""A practice session driven through real questionary prompts (pipe input), Ctrl-C included."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from helpcoach.coach.practice_deck import Card, choose_options
from helpcoach.coach.practice_flow import PracticeSetup, RatedCard, run_practice
from helpcoach.coach.schedule import next_state
from helpcoach.errors import Interrupted
from helpcoach.packs.library import load_library
from helpcoach.store import db
from helpcoach.store.practice import Review, save_review
from tests.helpers import CTRL_C, DOWN, ENTER, typed

NOW = datetime(2026, 5, 6, 9, 30, tzinfo=UTC)


@pytest.fixture
def keys() -> Iterator[object]:
    """Pipe input for every prompt of the test; send the whole script before running."""
    with typed() as pipe:
        yield pipe


def practice_rows() -> list[dict[str, object]]:
    conn = db.open_log()
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM practice ORDER BY created_at")]
    finally:
        conn.close()


def test_two_cards_in_say_mode_are_saved_and_summarized(run, keys) -> None:
    library = load_library()
    celebrations = {c.text for c in library.celebrations_for("practice")}
    # card 1: type an answer, keep the default rating (good); card 2: no words, one down to easy
    keys.send_text("I'm right here, take your time" + ENTER + ENTER + ENTER + DOWN + ENTER)
    code, out, err = run("phrases", "practice", "--count", "2")
    assert code == 0, err
    assert "Card 1 of 2" in out and "Card 2 of 2" in out
    assert "You said: I'm right here, take your time" in out
    assert "What fits here:" in out
    first = next(iter(library.scenarios.values()))
    assert library.strategies[first.strategies[0]].title in out
    assert "Cards practised: 2" in out
    assert "Next card due: tomorrow" in out
    assert "Days practised this month: 1" in out
    assert any(line in " ".join(out.split()) for line in celebrations)
    rows = practice_rows()
    assert [(r["answer"], r["rating"], r["box"], r["mode"]) for r in rows] == [
        ("I'm right here, take your time", "good", 1, "say"),
        (None, "easy", 2, "say"),
    ]
    assert rows[0]["scenario_id"] == first.id
    code, out, _ = run("history", "--kind", "practice", "--json")
    assert code == 0 and "I'm right here, take your time" in out


def test_ctrl_c_after_one_rated_card_keeps_it_and_exits_130(run, keys) -> None:
    keys.send_text("Let's do it together" + ENTER + DOWN + ENTER + CTRL_C)
    code, out, err = run("phrases", "practice", "--count", "3")
    assert code == 130
    assert "Card 2 of 3" in out and "Cards practised" not in out
    assert "1 rated card kept" in err
    rows = practice_rows()
    assert len(rows) == 1 and rows[0]["answer"] == "Let's do it together" and rows[0]["rating"] == "easy"


def test_ctrl_c_on_the_first_card_saves_nothing(run, keys) -> None:
    keys.send_text("half an answer" + CTRL_C)
    code, _, err = run("phrases", "practice")
    assert code == 130 and "nothing was saved" in err
    assert practice_rows() == []


def test_ctrl_c_at_the_rating_loses_only_that_card(run, keys) -> None:
    keys.send_text("First" + ENTER + ENTER + "Second" + ENTER + CTRL_C)
    assert run("phrases", "practice", "--count", "2")[0] == 130
    assert [r["answer"] for r in practice_rows()] == ["First"]


def test_due_cards_come_back_first_and_nothing_due_says_when(run, keys) -> None:
    library = load_library()
    pool = [s for s in library.scenarios.values() if "calm-together" in s.strategies]
    conn = db.open_log()
    now = datetime.now(UTC)
    for scenario in pool:
        save_review(conn, Review(scenario.id, "say", None, "good", next_state(0, "good", now)), now=now)
    conn.close()
    code, out, _ = run("phrases", "practice", "--strategy", "calm-together")
    assert code == 0 and "Nothing to practise right now. The next card is due tomorrow." in " ".join(out.split())
    # one card came due: it is the first (and only) card offered
    conn = db.open_log()
    save_review(conn, Review(pool[-1].id, "say", None, "again", next_state(1, "again", now - timedelta(hours=1))), now=now)
    conn.close()
    keys.send_text(ENTER + ENTER)
    code, out, _ = run("phrases", "practice", "--strategy", "calm-together")
    assert code == 0 and "Card 1 of 1" in out and " ".join(pool[-1].text.split())[:40] in " ".join(out.split())


def choose_setup(seed: int) -> tuple[PracticeSetup, Card, int, int]:
    """A choose-mode setup and the positions of a fitting and a less fitting option on its first card."""
    library = load_library()
    card = Card(next(iter(library.scenarios.values())), None)
    options = choose_options(library, card.scenario, random.Random(seed), age=5, child="Sam")
    fits = next(i for i, o in enumerate(options) if o.fits)
    poor = next(i for i, o in enumerate(options) if not o.fits)
    setup = PracticeSetup(library, "choose", 5, "Sam", set(), random.Random(seed), clock=lambda: NOW)
    return setup, card, fits, poor


def test_choose_mode_picks_a_fitting_phrase_and_hears_why(keys, capsys) -> None:
    setup, card, fits, _ = choose_setup(11)
    keys.send_text(DOWN * fits + ENTER + ENTER)
    saved: list[RatedCard] = []
    done = run_practice(setup, [card], saved.append)
    out = " ".join(capsys.readouterr().out.split())
    assert done == saved and len(done) == 1
    assert done[0].mode == "choose" and done[0].rating == "good"
    assert done[0].state == next_state(0, "good", NOW)
    assert "That fits." in out and "You said: " + done[0].answer in out  # type: ignore[operator]


def test_choose_mode_explains_a_phrase_that_fits_less_well(keys, capsys) -> None:
    setup, card, _, poor = choose_setup(5)
    keys.send_text(DOWN * poor + ENTER + DOWN + ENTER)
    done = run_practice(setup, [card], lambda rated: None)
    out = " ".join(capsys.readouterr().out.split())
    assert "That one fits less well" in out or "fit this moment better" in out
    assert done[0].rating == "easy"


def test_an_interrupt_before_any_rating_propagates_unchanged(keys) -> None:
    setup, card, _, _ = choose_setup(1)
    keys.send_text(CTRL_C)
    with pytest.raises(Interrupted, match="nothing was saved"):
        run_practice(setup, [card, card], lambda rated: None)
