"""Packs that know their ages: the right pack answers for each age, and no age is a dead end."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import write
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpcoach.coach import ages
from helpcoach.coach.choose import Family, choose, pushback_choice
from helpcoach.coach.practice_deck import choose_cards, choose_options
from helpcoach.packs.library import load_library
from helpcoach.packs.lint import babyish_words, lint_file
from helpcoach.ui import prompts

LIBRARY = load_library()
OLDER_STATES = sorted({s for st in LIBRARY.strategies.values() if LIBRARY.strategy_pack[st.id] == "older" for s in st.states})
TABLE = [(state, reason) for state in OLDER_STATES for reason in [None, *LIBRARY.reasons]]
ENTER = "\r"


def pack_for(age: int) -> str:
    return "core" if age <= 8 else "older"


def babyish_in(text: str) -> list[str]:
    """The babyish words (from the data file `packs lint` uses) in a line."""
    low = " " + " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))) + " "
    return [w for w in babyish_words() if f" {' '.join(re.findall(r'[a-z0-9]+', w))} " in low]


def test_the_babyish_list_is_data_and_catches_the_words_the_issue_names() -> None:
    assert {"boss", "tiny clue", "oops"} <= set(babyish_words())
    assert babyish_in("You're the boss of this.") == ["boss"]
    assert "tiny clue" in babyish_in("{child}, would you like a tiny clue?")
    assert babyish_in("Do you want ideas, or just me to listen?") == []


# --- the table: ages 4, 7, 10 and 12 -----------------------------------------------------------


@pytest.mark.parametrize(("state", "reason"), TABLE)
@pytest.mark.parametrize("age", [4, 7, 10, 12])
def test_answers_come_from_the_pack_for_the_age(state: str, reason: str | None, age: int) -> None:
    ranked = choose(LIBRARY, state, reason, Family(age=age), random.Random(11))
    assert ranked, f"nothing fits {state}/{reason} at {age}"
    assert {LIBRARY.strategy_pack[c.strategy.id] for c in ranked} == {pack_for(age)}
    top = ranked[0]
    assert top.phrase.ages is None or top.phrase.ages.min <= age <= top.phrase.ages.max
    if age >= 10:
        for choice in ranked:
            assert not babyish_in(choice.phrase.text), (choice.phrase.id, choice.phrase.text)


@pytest.mark.parametrize(("state", "step_in"), [("unsafe", "safety-now"), ("meltdown", "give-space-calm")])
def test_step_in_comes_from_the_older_pack_at_ten(state: str, step_in: str) -> None:
    top = choose(LIBRARY, state, None, Family(age=10), random.Random(3))[0]
    assert top.strategy.id == step_in
    top = choose(LIBRARY, state, None, Family(age=5), random.Random(3))[0]
    assert LIBRARY.strategy_pack[top.strategy.id] == "core" and state in top.strategy.step_in_for


def test_no_age_gets_the_core_pack_as_before() -> None:
    for state in OLDER_STATES:
        ranked = choose(LIBRARY, state, None, Family(), random.Random(5))
        assert {LIBRARY.strategy_pack[c.strategy.id] for c in ranked} == {"core"}, state


def test_the_pushback_ladder_follows_the_age() -> None:
    older = [pushback_choice(LIBRARY, rung, Family(age=11), random.Random(1)) for rung in range(3)]
    assert [c.strategy.id for c in older if c] == ["respect-autonomy", "help-privately-later", "give-space-calm"]
    young = pushback_choice(LIBRARY, 0, Family(age=6), random.Random(1))
    assert young is not None and young.strategy.id == "child-in-charge"


def test_reasons_offered_follow_the_age() -> None:
    at_ten = {t.id for t in ages.reasons_for(LIBRARY, ages.fit_age(LIBRARY, 10))}
    at_five = {t.id for t in ages.reasons_for(LIBRARY, ages.fit_age(LIBRARY, 5))}
    assert {"autonomy", "friends", "privacy", "teacher", "comparing"} <= at_ten
    assert not {"autonomy", "friends", "privacy", "teacher", "comparing"} & at_five


# --- fitting an age ------------------------------------------------------------------------------


def test_fit_age_inside_a_pack() -> None:
    fit = ages.fit_age(LIBRARY, 10)
    assert (fit.packs, fit.use, fit.notice, fit.outside) == (frozenset({"older"}), 10, None, False)
    assert ages.fit_age(LIBRARY, 8).packs == frozenset({"core"})
    assert ages.fit_age(LIBRARY, None) == ages.AgeFit(None, None, frozenset({"core"}))


@pytest.mark.parametrize(("age", "nearest", "use"), [(15, "older (9-12)", 12), (13, "older (9-12)", 12), (1, "core (3-8)", 3)])
def test_an_age_outside_every_pack_names_the_ages_and_the_nearest(age: int, nearest: str, use: int) -> None:
    fit = ages.fit_age(LIBRARY, age)
    assert fit.outside and fit.use == use
    assert fit.notice == (
        f"No installed pack is written for age {age} (they cover core 3-8, older 9-12), so this uses the nearest: {nearest}."
    )
    assert "\n" not in fit.notice
    assert choose(LIBRARY, "stuck", None, Family(age=age), random.Random(2)), "no dead end"


def test_prefer_falls_back_to_every_pack_when_the_preferred_ones_have_nothing() -> None:
    fit = ages.fit_age(LIBRARY, 10)
    core_only = [s for s in LIBRARY.strategies.values() if LIBRARY.strategy_pack[s.id] == "core"]
    assert ages.prefer(core_only, LIBRARY, fit) == core_only
    assert ages.fit_age(load_library(["core", "older"]), 10) == ages.AgeFit(10, 10, frozenset())


# --- scenario texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age", "shown"),
    [
        ("Your five-year-old is stuck.", 4, "Your child is stuck."),
        ("Your five-year-old is stuck.", 5, "Your five-year-old is stuck."),
        ("Your five-year-old is stuck.", None, "Your five-year-old is stuck."),
        ("It is a 10-year-old's bike, and an eight-year-old rides it.", 9, "It is a child's bike, and a child rides it."),
        ("Seven-year-old twins.", 6, "child twins."),
    ],
)
def test_scenario_text_never_states_another_age(text: str, age: int | None, shown: str) -> None:
    assert ages.scenario_text(text, age) == shown


def test_no_bundled_scenario_states_an_age_that_disagrees_with_the_child() -> None:
    for scenario in LIBRARY.scenarios.values():
        assert scenario.ages is not None, scenario.id
        for age in range(scenario.ages.min, scenario.ages.max + 1):
            stated = set(ages.stated_ages(ages.scenario_text(scenario.text, age)))
            assert stated <= {age}, (scenario.id, age, stated)


# --- practice ------------------------------------------------------------------------------------


@pytest.mark.parametrize("age", [10, 12])
def test_practice_at_ten_and_twelve_has_cards_from_the_older_pack(age: int) -> None:
    cards = choose_cards(LIBRARY, {}, 50, age=age)
    assert len(cards) >= 10
    assert all(c.scenario.id in {s.id for s in _older_pack().scenarios} for c in cards)
    options = choose_options(LIBRARY, cards[0].scenario, random.Random(4), age=age, child="Leo")
    assert len(options) == 4
    assert all(LIBRARY.strategy_pack[o.strategy.id] == "older" for o in options)
    assert not [o.text for o in options if babyish_in(o.text)]


def _older_pack():
    return next(p.pack for p in LIBRARY.packs if p.pack.id == "older")


@pytest.fixture
def keys() -> Iterator[object]:
    with create_pipe_input() as pipe, prompts.use_io(pipe, DummyOutput()):
        yield pipe


@pytest.mark.parametrize("age", ["10", "12"])
def test_practice_command_at_ten_and_twelve(run, keys, age: str) -> None:
    assert run("child", "add", "Leo", "--age", age)[0] == 0
    keys.send_text(ENTER + ENTER)
    code, out, err = run("phrases", "practice", "--child", "Leo", "--count", "1")
    assert code == 0, err
    assert "Card 1 of 1" in out and "Nothing to practise" not in out
    assert err == ""


def test_practice_at_fifteen_says_so_in_one_line_and_offers_the_nearest(run, keys) -> None:
    assert run("child", "add", "Leo", "--age", "15")[0] == 0
    keys.send_text(ENTER + ENTER)
    code, out, err = run("phrases", "practice", "--child", "Leo", "--count", "1")
    assert code == 0, err
    assert err.splitlines() == [
        "No installed pack is written for age 15 (they cover core 3-8, older 9-12), so this uses the nearest: older (9-12)."
    ]
    assert "Card 1 of 1" in out and "Nothing to practise" not in out


def test_practice_outside_the_packs_is_no_dead_end_issue_14(isolated: dict[str, Path], run, keys) -> None:
    """Issue 14: a 9-year-old with only the core pack was told "Nothing to practise right now"."""
    write(isolated["config"] / "config.yaml", "disable: [older]\n")
    assert run("child", "add", "Leo", "--age", "9")[0] == 0
    keys.send_text(ENTER + ENTER)
    code, out, err = run("phrases", "practice", "--child", "Leo", "--count", "1")
    assert code == 0, err
    assert "they cover core 3-8" in err and "the nearest: core (3-8)" in err
    assert "Card 1 of 1" in out and "Nothing to practise" not in out


# --- now and phrases -----------------------------------------------------------------------------


def test_now_at_fifteen_answers_from_the_nearest_pack_with_one_line(run) -> None:
    assert run("child", "add", "Leo", "--age", "15")[0] == 0
    code, out, err = run("now", "--quick", "--json", "--child", "Leo", "--state", "stuck")
    assert code == 0, err
    answer = json.loads(out)
    assert LIBRARY.phrase_pack[answer["phrase"]["id"]] == "older"
    assert len(err.splitlines()) == 1 and "age 15" in err and "older (9-12)" in err


@pytest.mark.parametrize(("age", "pack"), [("4", "core"), ("7", "core"), ("10", "older"), ("12", "older")])
def test_now_quick_answers_from_the_pack_for_the_age(run, age: str, pack: str) -> None:
    assert run("child", "add", "Leo", "--age", age)[0] == 0
    code, out, err = run("now", "--quick", "--json", "--child", "Leo", "homework", "is", "too", "hard")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert LIBRARY.phrase_pack[answer["phrase"]["id"]] == pack
    if int(age) >= 10:
        assert not babyish_in(answer["phrase"]["text"])


@pytest.mark.parametrize(("age", "pack"), [("5", "core"), ("11", "older")])
def test_phrases_for_a_child_show_the_pack_for_their_age(run, age: str, pack: str) -> None:
    code, out, _ = run("phrases", "--json")
    assert {p["pack"] for p in json.loads(out)} == {"core", "older"}, "with no child, every pack as before"
    assert run("child", "add", "Leo", "--age", age)[0] == 0
    code, out, err = run("phrases", "--child", "Leo", "--json")
    assert (code, err) == (0, "")
    assert {p["pack"] for p in json.loads(out)} == {pack}


# --- packs lint ----------------------------------------------------------------------------------

PACK = """\
id: family
name: Family
ages:
  min: {low}
  max: {high}
extend:
  - strategy: smaller-steps
    phrases:
      - id: family-1
        text: "{text}"
        ages:
          min: 9
          max: 10
"""


def test_lint_warns_when_a_phrase_reaches_outside_its_packs_ages(tmp_path: Path) -> None:
    path = tmp_path / "family.yaml"
    path.write_text(PACK.format(low=3, high=8, text="One part, then the next."), encoding="utf-8")
    (warning,) = lint_file(path)
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+: ages 9-10 fall outside the pack's ages 3-8: .*", warning)
    path.write_text(PACK.format(low=3, high=12, text="One part, then the next."), encoding="utf-8")
    assert lint_file(path) == []


def test_lint_flags_babyish_words_only_in_packs_for_older_children(tmp_path: Path) -> None:
    path = tmp_path / "family.yaml"
    path.write_text(PACK.format(low=9, high=12, text="You're the boss. Oops!"), encoding="utf-8")
    warnings = lint_file(path)
    assert len(warnings) == 2 and all("talks down to a child of 9 or over" in w for w in warnings)
    path.write_text(PACK.format(low=3, high=12, text="You're the boss. Oops!"), encoding="utf-8")
    assert lint_file(path) == []


# --- packs list and show -------------------------------------------------------------------------


def test_packs_list_and_show_give_each_packs_ages(run) -> None:
    code, out, _ = run("packs", "list", "--json")
    assert code == 0
    assert {r["id"]: r["ages"] for r in json.loads(out)} == {"core": {"min": 3, "max": 8}, "older": {"min": 9, "max": 12}}
    code, out, _ = run("packs", "list", "--plain")
    assert "ages: 3-8" in out and "ages: 9-12" in out
    code, out, _ = run("packs", "show", "older", "--plain")
    assert code == 0 and out.startswith("Older children pack (older 1.0.0, en, ages 9-12)")
    code, out, _ = run("packs", "show", "older", "--json")
    assert json.loads(out)["ages"] == {"min": 9, "max": 12}


# --- the check-in focus list -----------------------------------------------------------------------


@pytest.mark.parametrize(("age", "pack"), [(None, "core"), (6, "core"), (10, "older")])
def test_checkin_focus_offers_the_strategies_for_the_childs_age(
    monkeypatch: pytest.MonkeyPatch, age: int | None, pack: str
) -> None:
    from helpcoach.coach.checkin_flow import NO_FOCUS, ask_checkin

    asked: dict[str, list[object]] = {}

    def select(message: str, choices: list[tuple[str, object]], default: object = None) -> object:
        asked[message] = [value for _, value in choices]
        return default if default is not None else choices[0][1]

    monkeypatch.setattr(prompts, "select", select)
    monkeypatch.setattr(prompts, "text", lambda *args, **kwargs: "")
    result = ask_checkin(LIBRARY, "Leo", None, None, age)
    focus = asked["One strategy to focus on next week:"]
    assert focus[-1] == NO_FOCUS
    assert {LIBRARY.strategy_pack[str(sid)] for sid in focus[:-1]} == {pack}
    assert result.answers.focus in focus


@pytest.mark.parametrize(("age", "pack"), [("5", "core"), ("10", "older")])
def test_the_phrase_card_shows_strategies_for_the_childs_age(run, age: str, pack: str) -> None:
    assert run("child", "add", "Leo", "--age", age)[0] == 0
    code, out, err = run("phrases", "card", "--child", "Leo")
    assert code == 0, err
    titles = {s.title: LIBRARY.strategy_pack[s.id] for s in LIBRARY.strategies.values()}
    shown = {titles[line[3:]] for line in out.splitlines() if line.startswith("## ") and line[3:] in titles}
    assert shown == {pack}


def test_a_state_only_another_pack_covers_still_gets_its_answer_at_ten() -> None:
    """Like the urgent state, which only the core pack answers: every age gets it, from whichever pack has it."""
    import msgspec

    from helpcoach.packs.library import LoadedPack
    from helpcoach.packs.schema import Pack

    extra = {
        "id": "extra",
        "name": "Extra",
        "states": [{"id": "bedtime", "label": "Bedtime", "ask_reason": False}],
        "strategies": [
            {
                "id": "bedtime-steps",
                "title": "Bedtime steps",
                "why": "A calm routine.",
                "states": ["bedtime"],
                "step_in_for": ["bedtime"],
                "phrases": [{"id": "bedtime-1", "text": "Teeth, then a chapter."}],
            }
        ],
    }
    library = load_library(use_cache=False)
    library.add(LoadedPack(msgspec.convert(extra, Pack), Path("extra.yaml"), False))
    for age in (None, 5, 10, 15):
        top = choose(library, "bedtime", None, Family(age=age), random.Random(1))[0]
        assert top.strategy.id == "bedtime-steps", age


def test_practice_with_a_strategy_no_card_of_the_age_uses_says_what_to_do(run, keys) -> None:
    assert run("child", "add", "Leo", "--age", "10")[0] == 0
    code, out, err = run("phrases", "practice", "--child", "Leo", "--strategy", "calm-together")
    assert code == 0, err
    assert " ".join(out.split()) == "No card for calm-together is written for age 10: leave out --strategy for cards that fit."
    keys.send_text(ENTER + ENTER)
    code, out, err = run("phrases", "practice", "--child", "Leo", "--strategy", "give-space-calm", "--count", "1")
    assert code == 0 and "Card 1 of 1" in out
