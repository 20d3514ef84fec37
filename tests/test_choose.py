"""The pure ranking: a table over the core pack, and exact cases over a small pack of our own."""

from __future__ import annotations

import random
from pathlib import Path

import msgspec
import pytest

from helpcoach.coach.choose import EXPLORE, Family, answer_for, choose, outcome_score, pushback_choice
from helpcoach.packs.library import Library, LoadedPack, load_library
from helpcoach.packs.schema import Pack
from tests.helpers import Fixed

CORE = load_library(["older"])  # the core pack alone; tests/test_ages.py covers both packs
STEP_IN = {"unsafe": "safety-first", "meltdown": "calm-together", "repeating": "wonder-aloud", "asking": "say-yes"}
TABLE = [(state, reason) for state in CORE.states if state != "urgent" for reason in [None, *CORE.reasons]]


@pytest.mark.parametrize(("state", "reason"), TABLE)
@pytest.mark.parametrize("age", [None, 3, 7])
def test_core_table(state: str, reason: str | None, age: int | None) -> None:
    ranked = choose(CORE, state, reason, Family(age=age), random.Random(11))
    assert ranked, f"nothing fits {state}/{reason}"
    top = ranked[0]
    if state in STEP_IN:
        assert top.strategy.id == STEP_IN[state]
        assert state in top.strategy.step_in_for
    else:
        assert state in top.strategy.states
        if reason is not None:
            assert reason in top.strategy.reasons
    assert all(state in c.strategy.states or state in c.strategy.step_in_for for c in ranked)
    if age is not None:
        assert top.phrase.ages is None or top.phrase.ages.min <= age <= top.phrase.ages.max
    seen = [c.strategy.id for c in ranked]
    assert seen == sorted(seen, key=seen.index), "choices are grouped by strategy"


@pytest.mark.parametrize("reason", [None, *CORE.reasons])
def test_unsafe_always_yields_safety_first(reason: str | None) -> None:
    for seed in range(30):
        family = Family(age=5, favorites=frozenset({"ack-1"}), outcomes={"calm-1": (50, 0, 0)}, focus="calm-together")
        top = choose(CORE, "unsafe", reason, family, random.Random(seed))[0]
        answer = answer_for(top, "unsafe", reason, "Sam")
        assert (answer.strategy_id, answer.step_in, answer.title) == ("safety-first", True, "Make it safe first")


def test_the_same_seed_gives_the_same_ranking() -> None:
    first = [(c.strategy.id, c.phrase.id) for c in choose(CORE, "stuck", "fear", Family(), random.Random(3))]
    again = [(c.strategy.id, c.phrase.id) for c in choose(CORE, "stuck", "fear", Family(), random.Random(3))]
    assert first == again


# --- exact cases over a small pack -------------------------------------------------------------

SMALL = {
    "id": "small",
    "name": "Small",
    "states": [{"id": "upset", "label": "Upset"}, {"id": "danger", "label": "Danger", "ask_reason": False}],
    "reasons": [{"id": "shy", "label": "Shy"}, {"id": "alone", "label": "Alone"}],
    "strategies": [
        {
            "id": "wait",
            "title": "Wait",
            "why": "Waiting helps. More words.",
            "states": ["upset"],
            "reasons": ["shy"],
            "steps": ["Sit.", "Wait.", "Smile.", "Never shown."],
            "phrases": [
                {"id": "w1", "text": "Take your time, {child}."},
                {"id": "w2", "text": "I'm here."},
                {"id": "w3", "text": "Little one, take a breath.", "ages": {"min": 3, "max": 4}},
                {"id": "w4", "text": "Big kid words.", "ages": {"min": 7, "max": 8}},
            ],
        },
        {
            "id": "team",
            "title": "Team up",
            "why": "Partners help.",
            "states": ["upset"],
            "reasons": ["alone"],
            "phrases": [{"id": "t1", "text": "Shall we team up?"}, {"id": "t2", "text": "You lead."}],
        },
        {
            "id": "guard",
            "title": "Make it safe first",
            "why": "Safety first.",
            "states": ["danger", "upset"],
            "step_in_for": ["danger"],
            "phrases": [{"id": "g1", "text": "Stop, {child}."}],
        },
    ],
    "pushback": ["team", "wait"],
}


@pytest.fixture(scope="module")
def small() -> Library:
    library = Library()
    library.add(LoadedPack(msgspec.convert(SMALL, Pack), Path("small.yaml"), bundled=False))
    return library


def order(
    library: Library, family: Family, state: str = "upset", reason: str | None = "shy", rng: random.Random | None = None
) -> list[str]:
    return [c.phrase.id for c in choose(library, state, reason, family, rng or Fixed(0.99))]


def test_reason_fit_and_pack_order(small: Library) -> None:
    assert order(small, Family()) == ["w1", "w2", "w3", "w4", "t1", "t2", "g1"]
    assert order(small, Family(), reason="alone")[:2] == ["t1", "t2"]


def test_step_in_first_for_its_state(small: Library) -> None:
    assert order(small, Family(outcomes={"w1": (9, 0, 0)}), state="danger", reason=None) == ["g1"]


def test_age_fitting_phrases_win(small: Library) -> None:
    assert order(small, Family(age=3))[:3] == ["w1", "w2", "w3"]
    assert order(small, Family(age=8)) == ["w1", "w2", "w4", "t1", "t2", "g1"], (
        "words for younger children never reach an 8-year-old"
    )


def test_recently_shown_not_repeated_while_others_fit(small: Library) -> None:
    assert order(small, Family(recent=("w1", "w2")))[:2] == ["w3", "w4"]


def test_favourites_move_up(small: Library) -> None:
    assert order(small, Family(favorites=frozenset({"w2"})))[0] == "w2"
    assert order(small, Family(favorites=frozenset({"t2"})), reason=None)[0] == "t2"


def test_nine_of_ten_beats_one_of_one(small: Library) -> None:
    assert outcome_score((9, 0, 1)) > outcome_score((1, 0, 0)) > outcome_score(None) > outcome_score((0, 0, 1))
    assert order(small, Family(outcomes={"w1": (1, 0, 0), "w2": (9, 0, 1)}))[:2] == ["w2", "w1"]
    assert order(small, Family(outcomes={"w1": (0, 0, 3)}))[:2] == ["w2", "w3"]


def test_outcomes_can_lift_another_strategy(small: Library) -> None:
    assert order(small, Family(outcomes={"t1": (20, 0, 0)}), reason=None)[0] == "t1"


def test_focus_is_preferred_where_it_fits(small: Library) -> None:
    assert order(small, Family(focus="team"))[0] == "t1"
    assert order(small, Family(focus="team"), state="danger", reason=None) == ["g1"]


def test_exploration_tries_an_unrated_phrase(small: Library) -> None:
    family = Family(outcomes={"w1": (3, 0, 0), "w2": (2, 0, 0)})
    assert order(small, family, rng=Fixed(0.99))[0] == "w1"
    explored = choose(small, "upset", "shy", family, Fixed(EXPLORE / 2))
    assert explored[0].phrase.id in {"w3", "w4"}
    assert "it is new to you, so it gets a try" in explored[0].why


def test_why_is_explained(small: Library) -> None:
    family = Family(age=3, favorites=frozenset({"w3"}), outcomes={"w3": (2, 1, 0)}, focus="wait")
    top = choose(small, "upset", "shy", family, Fixed(0.99))[0]
    assert top.phrase.id == "w3"
    assert top.why == (
        "it fits: Upset",
        "it speaks to: Shy",
        "it is the focus you chose at your last check-in",
        "it helped 2 of 3 times, a little 1",
        "it is one of your favourites",
        "it is written for ages 3 to 4",
    )


def test_pushback_ladder(small: Library) -> None:
    first = pushback_choice(small, 0, Family(), Fixed(0.99))
    second = pushback_choice(small, 1, Family(), Fixed(0.99), shown=["w1"])
    assert first is not None and second is not None
    assert (first.strategy.id, first.phrase.id) == ("team", "t1")
    assert (second.strategy.id, second.phrase.id) == ("wait", "w2")
    assert pushback_choice(small, 2, Family(), Fixed(0.99)) is None


def test_answer_personalized_with_one_line_of_why_and_three_steps(small: Library) -> None:
    top = choose(small, "upset", "shy", Family(), Fixed(0.99))[0]
    with_name = answer_for(top, "upset", "shy", "Mia")
    without = answer_for(top, "upset", "shy", None)
    assert (with_name.text, without.text) == ("Take your time, Mia.", "Take your time.")
    assert with_name.why == "Waiting helps."
    assert with_name.do == ("Sit.", "Wait.", "Smile.")
    assert with_name.step_in is False


def test_lines_for_the_parent_are_never_offered_for_the_child() -> None:
    library = load_library()
    parent_only = {s.id for s in library.strategies.values() if s.audience == "parent"}
    assert "kind-to-yourself" in parent_only
    for state in library.states:
        for reason in [None, *library.reasons]:
            ranked = choose(library, state, reason, Family(), random.Random(1))
            assert not {c.strategy.id for c in ranked} & parent_only


def test_pushback_keeps_what_the_log_knows_and_says_why(small: Library) -> None:
    """Age and recent phrases still count on the ladder: a 7-year-old gets the phrase written for 7 to 8."""
    choice = pushback_choice(small, 1, Family(age=7, recent=["w1"]), Fixed(0.99), shown=["w2"])
    assert choice is not None
    assert (choice.strategy.id, choice.phrase.id) == ("wait", "w4")
    assert choice.why == ("your child pushed back, so this is a gentler next step", "it is written for ages 7 to 8")
