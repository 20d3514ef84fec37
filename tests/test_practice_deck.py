"""Choose mode's four phrases and what each choice says back, on a pack of our own."""

from __future__ import annotations

import random
from pathlib import Path

import msgspec
import pytest

from helpcoach.coach.practice_deck import OPTIONS, Option, choose_options, model_phrase, phrases_for_age, reveal, why_choice
from helpcoach.packs.library import Library, LoadedPack
from helpcoach.packs.schema import Pack, Scenario, Strategy

DECK = {
    "id": "deck",
    "name": "Deck",
    "states": [{"id": "stuck", "label": "Stuck"}, {"id": "upset", "label": "Upset"}, {"id": "danger", "label": "In danger"}],
    "reasons": [{"id": "shy", "label": "Shy"}],
    "strategies": [
        {
            "id": "wait",
            "title": "Wait",
            "why": "Room helps.",
            "states": ["stuck"],
            "phrases": [{"id": "w1", "text": "Take your time, {child}."}],
        },
        {
            "id": "ask",
            "title": "Ask once",
            "why": "Asking shows trust.",
            "states": ["stuck"],
            "phrases": [{"id": "a1", "text": "May I?"}],
        },
        {
            "id": "hold",
            "title": "Stay close",
            "why": "Near is enough.",
            "states": ["upset", "stuck"],
            "phrases": [{"id": "h1", "text": "I'm here."}],
        },
        {
            "id": "guard",
            "title": "Make it safe",
            "why": "Safety first.",
            "states": ["danger"],
            "step_in_for": ["danger"],
            "phrases": [{"id": "g1", "text": "Stop."}],
        },
        {
            "id": "calm",
            "title": "Calm words",
            "why": "Calm is catching.",
            "states": ["upset"],
            "phrases": [{"id": "c1", "text": "Breathe."}],
        },
        {
            "id": "nowhere",
            "title": "Nowhere",
            "why": "For moments no pack names.",
            "states": ["gone"],
            "phrases": [{"id": "n1", "text": "Hm."}],
        },
        {
            "id": "me",
            "title": "Kind to me",
            "why": "For the parent.",
            "states": ["stuck"],
            "audience": "parent",
            "phrases": [{"id": "m1", "text": "I can do this."}],
        },
        {"id": "empty", "title": "No words", "why": "None yet.", "states": ["stuck"]},
    ],
    "scenarios": [
        {"id": "puzzle", "text": "The puzzle.", "state": "stuck", "reason": "shy", "strategies": ["wait", "ask", "empty"]}
    ],
}


@pytest.fixture(scope="module")
def deck() -> Library:
    library = Library()
    pack = msgspec.convert({**DECK, "strategies": [s for s in DECK["strategies"] if s["id"] != "nowhere"]}, Pack)
    library.add(LoadedPack(pack, Path("deck.yaml"), bundled=False))
    return library


def option(library: Library, strategy: str, fits: bool) -> Option:
    return Option("x", "x", library.strategies[strategy], fits)


def test_why_a_fitting_choice_fits(deck: Library) -> None:
    assert why_choice(deck, deck.scenarios["puzzle"], option(deck, "ask", True)) == "That fits. Ask once: Asking shows trust."


def test_why_a_choice_for_the_same_state_fits_less_well(deck: Library) -> None:
    assert why_choice(deck, deck.scenarios["puzzle"], option(deck, "hold", False)) == (
        "Stay close can help too, but these fit this moment better: Wait; Ask once; No words."
    )


def test_why_a_choice_for_other_moments_fits_less_well(deck: Library) -> None:
    puzzle = deck.scenarios["puzzle"]
    assert why_choice(deck, puzzle, option(deck, "calm", False)) == (
        "That one fits less well. Calm words is meant for moments like: Upset. This moment: Stuck. "
        "These fit better: Wait; Ask once; No words."
    )
    assert why_choice(deck, puzzle, option(deck, "guard", False)) == (  # a step-in strategy: named for what it steps in for
        "That one fits less well. Make it safe is meant for moments like: In danger. This moment: Stuck. "
        "These fit better: Wait; Ask once; No words."
    )


def test_why_names_what_the_packs_no_longer_know_plainly(deck: Library) -> None:
    gone = msgspec.convert(
        {"id": "gone", "text": "t", "state": "vanished", "strategies": ["wait", "retired"]}, type(deck.scenarios["puzzle"])
    )
    nowhere = msgspec.convert(DECK["strategies"][5], type(deck.strategies["wait"]))
    assert why_choice(deck, gone, Option("n1", "Hm.", nowhere, False)) == (
        "That one fits less well. Nowhere is meant for other moments. This moment: vanished. These fit better: Wait."
    )


@pytest.mark.parametrize("seed", range(12))
def test_four_options_one_that_fits_never_a_parent_line_or_an_empty_strategy(deck: Library, seed: int) -> None:
    options = choose_options(deck, deck.scenarios["puzzle"], random.Random(seed), child="Sam")
    assert len(options) == OPTIONS
    assert [o.fits for o in options].count(True) == 1
    by_strategy = {o.strategy.id: o for o in options}
    assert len(by_strategy) == OPTIONS, "four different strategies"
    assert next(o for o in options if o.fits).strategy.id in {"wait", "ask"}
    assert set(by_strategy) - {"wait", "ask"} <= {"hold", "guard", "calm"}
    assert all(
        o.text == {"w1": "Take your time, Sam.", "a1": "May I?", "h1": "I'm here.", "g1": "Stop.", "c1": "Breathe."}[o.phrase_id]
        for o in options
    )


def test_the_options_come_in_a_random_order(deck: Library) -> None:
    firsts = {choose_options(deck, deck.scenarios["puzzle"], random.Random(seed))[0].fits for seed in range(30)}
    assert firsts == {True, False}


def test_no_options_without_a_fitting_or_an_other_strategy(deck: Library) -> None:
    lonely = msgspec.convert(
        {"id": "l", "text": "t", "state": "stuck", "strategies": ["empty", "me"]}, type(deck.scenarios["puzzle"])
    )
    assert choose_options(deck, lonely, random.Random(1)) == []
    everything = msgspec.convert(
        {"id": "e", "text": "t", "state": "stuck", "strategies": ["wait", "ask", "hold", "guard", "calm", "me"]},
        type(deck.scenarios["puzzle"]),
    )
    assert choose_options(deck, everything, random.Random(1)) == []


def test_fewer_others_give_fewer_options(deck: Library) -> None:
    three_others_less_one = msgspec.convert(
        {"id": "f", "text": "t", "state": "stuck", "strategies": ["wait", "ask", "hold"]}, type(deck.scenarios["puzzle"])
    )
    options = choose_options(deck, three_others_less_one, random.Random(4))
    assert len(options) == 3 and sorted(o.strategy.id for o in options if not o.fits) == ["calm", "guard"]


AGED = msgspec.convert(
    {
        "id": "aged",
        "title": "By age",
        "why": "Words that fit.",
        "states": ["stuck"],
        "phrases": [
            {"id": "young", "text": "Little steps, {child}.", "ages": {"min": 3, "max": 4}},
            {"id": "old", "text": "Your call, {child}.", "ages": {"min": 7, "max": 8}},
            {"id": "any", "text": "I'm here, {child}."},
        ],
    },
    Strategy,
)


@pytest.mark.parametrize(("age", "ids"), [(3, ["young", "any"]), (8, ["old", "any"]), (None, ["young", "old", "any"])])
def test_phrases_for_an_age(age: int | None, ids: list[str]) -> None:
    assert [p.id for p in phrases_for_age(AGED, age)] == ids


def test_when_no_phrase_fits_the_age_all_are_offered() -> None:
    only_aged = msgspec.structs.replace(AGED, phrases=AGED.phrases[:2])
    assert [p.id for p in phrases_for_age(only_aged, 12)] == ["young", "old"]


def test_the_model_phrase_is_a_favourite_else_the_first_that_fits() -> None:
    assert model_phrase(AGED, 8) == AGED.phrases[1]
    assert model_phrase(AGED, 8, frozenset({"any"})) == AGED.phrases[2]
    assert model_phrase(AGED, 8, frozenset({"young"})) == AGED.phrases[1], "a favourite for another age is not the model"
    assert model_phrase(msgspec.structs.replace(AGED, phrases=[]), 5) is None


def test_reveal_shows_each_fitting_strategy_with_its_model_for_this_child() -> None:
    library = Library()
    pack = msgspec.convert({**DECK, "id": "deck2", "strategies": [*DECK["strategies"][:2], msgspec.to_builtins(AGED)]}, Pack)
    pack = msgspec.structs.replace(pack, scenarios=[])
    library.add(LoadedPack(pack, Path("deck2.yaml"), bundled=False))
    scenario = msgspec.convert({"id": "p", "text": "t", "state": "stuck", "strategies": ["aged", "retired", "wait"]}, Scenario)
    shown = reveal(library, scenario, age=8, child="Sam", favorites=frozenset({"any"}))
    assert [(r.strategy.id, r.phrase, r.why) for r in shown] == [
        ("aged", "I'm here, Sam.", "Words that fit."),
        ("wait", "Take your time, Sam.", "Room helps."),
    ]
    assert [r.phrase for r in reveal(library, scenario, age=3)] == ["Little steps.", "Take your time."]
