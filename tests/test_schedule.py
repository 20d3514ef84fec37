"""The Leitner rule with an injected clock, the deck it feeds, and the practice rows it reads."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from helpcoach.coach.personalize import personalize
from helpcoach.coach.practice_deck import choose_cards, choose_options, fits_age, next_due, reveal, why_choice
from helpcoach.coach.schedule import AGAIN_SOON, INTERVALS, TOP_BOX, CardState, is_due, next_state
from helpcoach.packs.library import load_library
from helpcoach.packs.schema import Ages
from helpcoach.store import db
from helpcoach.store.practice import Review, card_states, days_practised_this_month, save_review

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("box", "rating", "new_box", "wait"),
    [
        (0, "again", 1, AGAIN_SOON),
        (0, "hard", 1, timedelta(days=1)),
        (0, "good", 1, timedelta(days=1)),
        (0, "easy", 2, timedelta(days=3)),
        (3, "again", 1, AGAIN_SOON),
        (3, "hard", 3, timedelta(days=7)),
        (3, "good", 4, timedelta(days=14)),
        (3, "easy", 5, timedelta(days=30)),
        (4, "easy", 5, timedelta(days=30)),
        (5, "good", 5, timedelta(days=30)),
    ],
)
def test_rule(box: int, rating, new_box: int, wait: timedelta) -> None:
    assert next_state(box, rating, NOW) == CardState(new_box, NOW + wait)


def test_every_box_has_a_growing_interval() -> None:
    waits = [INTERVALS[b] for b in range(1, TOP_BOX + 1)]
    assert waits == sorted(waits) and len(set(waits)) == TOP_BOX


def test_unknown_rating_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rating"):
        next_state(1, "perfect", NOW)  # type: ignore[arg-type]


def test_is_due_uses_the_clock_given() -> None:
    state = next_state(0, "good", NOW)
    assert not is_due(state, NOW + timedelta(hours=23))
    assert is_due(state, NOW + timedelta(days=1))


def test_fits_age() -> None:
    assert fits_age(None, 4) and fits_age(Ages(min=3, max=5), None)
    assert fits_age(Ages(min=3, max=5), 5) and not fits_age(Ages(min=3, max=5), 6)


def test_due_cards_come_first_then_new_ones_and_not_due_ones_wait() -> None:
    library = load_library()
    ids = list(library.scenarios)
    states = {
        ids[0]: CardState(2, NOW + timedelta(days=2)),  # not due yet
        ids[1]: CardState(1, NOW - timedelta(hours=1)),  # due
        ids[2]: CardState(3, NOW - timedelta(days=3)),  # due longer
    }
    cards = choose_cards(library, states, 4, now=NOW)
    assert [c.scenario.id for c in cards] == [ids[2], ids[1], ids[3], ids[4]]
    assert [c.box for c in cards] == [3, 1, 0, 0]
    assert next_due(states) == NOW - timedelta(days=3)
    assert next_due({}) is None


def test_cards_fit_the_age_and_the_strategy() -> None:
    library = load_library()
    cards = choose_cards(library, {}, 50, strategy_id="smaller-steps", age=4, now=NOW)
    assert cards
    for card in cards:
        assert "smaller-steps" in card.scenario.strategies
        assert fits_age(card.scenario.ages, 4)
    too_young = [s for s in library.scenarios.values() if s.ages and s.ages.min > 4]
    assert too_young and not {s.id for s in too_young} & {c.scenario.id for c in cards}


def test_choose_mode_offers_one_fitting_phrase_and_three_that_fit_less_well() -> None:
    library = load_library()
    scenario = next(iter(library.scenarios.values()))
    options = choose_options(library, scenario, random.Random(3), age=5, child="Sam")
    assert len(options) == 4
    assert sum(o.fits for o in options) == 1
    for option in options:
        assert (option.strategy.id in scenario.strategies) == option.fits
        assert option.phrase_id in library.phrases and "{child}" not in option.text
    assert options == choose_options(library, scenario, random.Random(3), age=5, child="Sam")
    good = next(o for o in options if o.fits)
    poor = next(o for o in options if not o.fits)
    assert why_choice(library, scenario, good).startswith("That fits.")
    assert "fit" in why_choice(library, scenario, poor) and not why_choice(library, scenario, poor).startswith("That fits.")


def test_reveal_names_each_fitting_strategy_with_a_model_phrase() -> None:
    library = load_library()
    scenario = next(iter(library.scenarios.values()))
    shown = reveal(library, scenario, age=5, child="Sam")
    assert [r.strategy.id for r in shown] == scenario.strategies
    assert all(r.phrase and r.why == r.strategy.why for r in shown)
    favourite = library.strategies[scenario.strategies[0]].phrases[-1].id
    first = reveal(library, scenario, favorites={favourite})[0]
    assert first.phrase == personalize(library.phrases[favourite][0].text, None)
    assert reveal(library, scenario)[0].phrase != first.phrase


def test_store_keeps_the_latest_state_per_scenario_and_counts_days() -> None:
    conn = db.open_log()
    first = next_state(0, "good", NOW)
    save_review(conn, Review("puzzle-piece", "say", "I'm here", "good", first), now=NOW)
    later = NOW + timedelta(days=1, hours=1)
    second = next_state(first.box, "easy", later)
    save_review(conn, Review("puzzle-piece", "choose", None, "easy", second), now=later)
    save_review(conn, Review("cardigan-buttons", "say", "", "again", next_state(0, "again", later)), now=later)
    states = card_states(conn)
    assert states["puzzle-piece"] == second and states["cardigan-buttons"].box == 1
    row = conn.execute("SELECT answer, box, mode FROM practice ORDER BY created_at LIMIT 1").fetchone()
    assert tuple(row) == ("I'm here", 1, "say")
    # two days in March; a review last month never counts
    save_review(conn, Review("x", "say", None, "good", first), now=datetime(2026, 2, 20, 12, tzinfo=UTC))
    assert days_practised_this_month(conn, NOW + timedelta(days=5)) == 2
    assert days_practised_this_month(conn, datetime(2026, 4, 2, 12, tzinfo=UTC)) == 0
