"""Placement rules: the core pack's `now` answers fit the moment, for every state, hurried or not, at 4 and 7.

The checks read the words of each line as well as its tags, so a question
left untagged, or a "no rush" without `promises-time`, fails here too.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from helpcoach.coach.choose import Choice, Family, choose, pushback_choice
from helpcoach.coach.now_flow import _next_phrase, _next_strategy
from helpcoach.coach.personalize import personalize
from helpcoach.coach.placement import placement
from helpcoach.packs.library import Library, load_library
from helpcoach.packs.lint import _has, care_words
from helpcoach.packs.schema import Phrase, Rule, Strategy

TOUGH = {"frustrated", "stuck", "repeating", "meltdown"}
SAFE_PROMISE = re.compile(r"\byou'?re safe\b|\byou are safe\b", re.I)
SEEDS = range(8)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    mp = pytest.MonkeyPatch()
    root = tmp_path_factory.mktemp("placement")
    mp.setenv("HELPCOACH_CONFIG_DIR", str(root / "config"))
    mp.setenv("HELPCOACH_DATA_DIR", str(root / "data"))
    try:
        return load_library(use_cache=False)
    finally:
        mp.undo()


def broken_rules(choice: Choice, state: str, hurry: bool, age: int) -> list[str]:
    """Every placement rule this answer breaks, in words."""
    strategy, phrase = choice.strategy, choice.phrase
    text, tags = phrase.text, {*strategy.tags, *phrase.tags}
    words = care_words()
    broken = []
    if strategy.audience != "child":
        broken.append("a line for the parent offered as words for the child")
    if state in TOUGH and ("therapy" in tags or any(_has(text, w) for w in words["therapy"])):
        broken.append("therapy talk in a tough moment")
    if state == "unsafe" and "after" in tags:
        broken.append("making amends before everyone is safe")
    if state in TOUGH and choice.phrase.id == "ask-5":
        broken.append("thanks for asking when the child did not ask")
    if "later" in tags:
        broken.append("a line for afterwards offered in the moment")
    if state == "meltdown" and ("?" in text or tags & {"question", "solve"}):
        broken.append("a question or problem-solving in a meltdown")
    if state == "meltdown" and "task" in tags:
        broken.append("'keep going' with the task while the child melts down")
    if state == "meltdown" and "let-struggle" in tags:
        broken.append("'let them struggle' while the child melts down")
    if state == "unsafe" and (SAFE_PROMISE.search(text) or "promises-safety" in tags):
        broken.append("'you're safe' before the danger is dealt with")
    if hurry and ("promises-time" in tags or any(_has(text, w) for w in words["time"])):
        broken.append("a promise of time to a parent in a hurry")
    if hurry and "hurry" in {*strategy.not_in, *phrase.not_in}:
        broken.append("a line kept out of a hurry")
    if age >= 7 and any(_has(text, w) for w in words["babyish"]):
        broken.append("a babyish word for a 7-year-old")
    return broken


def first_answers(library: Library, state: str, hurry: bool, age: int, seed: int) -> list[Choice]:
    """What `now` shows first: the top three, then 'another phrase', 'a different approach' and every pushback step."""
    rng = random.Random(seed)
    family = Family(age=age)
    ranked = choose(library, state, None, family, rng, hurry=hurry)
    assert ranked, f"nothing fits {state}"
    place = placement(library.placement, state, hurry)
    answers = ranked[:3]
    top = ranked[0]
    shown = [top.phrase.id]
    another = _next_phrase(top, shown, family, rng, place)
    different = _next_strategy(ranked, top, [top.strategy.id])
    answers += [c for c in (another, different) if c is not None]
    for rung in range(len(library.pushback)):
        step = pushback_choice(library, rung, family, rng, shown, place)
        if step is not None:
            answers.append(step)
            shown.append(step.phrase.id)
    return answers


def coaching_states(library: Library) -> list[str]:
    return [s for s in library.states if any(s in x.states or s in x.step_in_for for x in library.strategies.values())]


@pytest.mark.parametrize("hurry", [False, True], ids=["calm", "hurry"])
@pytest.mark.parametrize("age", [4, 7])
def test_first_answers_obey_every_placement_rule(library: Library, hurry: bool, age: int) -> None:
    problems = []
    states = coaching_states(library)
    assert {"frustrated", "stuck", "meltdown", "unsafe", "repeating", "asking"} <= set(states)
    for state in states:
        for seed in SEEDS:
            for choice in first_answers(library, state, hurry, age, seed):
                problems += [f"{state} {choice.phrase.id}: {p}" for p in broken_rules(choice, state, hurry, age)]
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("age", [4, 7])
def test_every_ranked_line_obeys_the_rules_too(library: Library, age: int) -> None:
    """Not only the first three: nothing anywhere in the ranking breaks a rule."""
    problems = []
    for state in coaching_states(library):
        for hurry in (False, True):
            for choice in choose(library, state, None, Family(age=age), random.Random(1), hurry=hurry):
                problems += [f"{state} {choice.phrase.id}: {p}" for p in broken_rules(choice, state, hurry, age)]
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("state", ["frustrated", "stuck", "repeating"])
def test_a_hurry_leads_with_the_kind_takeover(library: Library, state: str) -> None:
    step_in = library.step_in_for(state)
    for seed in SEEDS:
        ranked = choose(library, state, "independence", Family(age=4), random.Random(seed), hurry=True)
        leads = [c.strategy.id for c in ranked if c.strategy.id != (step_in.id if step_in else None)]
        assert leads[0] == "keep-moving", (state, seed, leads[:3])
        calm = choose(library, state, "independence", Family(age=4), random.Random(seed), hurry=False)
        assert calm[0].strategy.id != "keep-moving"


def test_step_in_still_comes_first_in_a_hurry(library: Library) -> None:
    for state in ("unsafe", "meltdown"):
        step_in = library.step_in_for(state)
        assert step_in is not None
        ranked = choose(library, state, None, Family(age=4), random.Random(0), hurry=True)
        assert ranked[0].strategy.id == step_in.id


def test_a_meltdown_is_met_with_calm_few_words(library: Library) -> None:
    for age in (3, 4, 5, 7):
        ranked = choose(library, "meltdown", None, Family(age=age), random.Random(0))
        top = ranked[0]
        assert top.strategy.id == "calm-together"
        assert len(top.phrase.text.split()) <= 12 and "?" not in top.phrase.text


# --- the rules are pack data, read the same way for any pack ----------------------------------------


def _strategy(*phrases: Phrase, **fields: object) -> Strategy:
    return Strategy(id="s", title="S", why="W.", states=["busy", "calm"], phrases=list(phrases), **fields)  # type: ignore[arg-type]


def test_a_tagged_phrase_stays_out_of_the_states_its_rule_names() -> None:
    rules = [Rule(tag="question", not_in=["busy"], why="No questions when busy.")]
    ask = Phrase(id="p1", text="Want help?", tags=["question"])
    tell = Phrase(id="p2", text="I'm here.")
    strategy = _strategy(ask, tell)
    busy, calm = placement(rules, "busy"), placement(rules, "calm")
    assert (busy.allows(strategy, ask), busy.allows(strategy, tell)) == (False, True)
    assert (calm.allows(strategy, ask), calm.allows(strategy, tell)) == (True, True)


def test_not_in_hurry_on_a_phrase_or_a_strategy() -> None:
    slow = Phrase(id="p1", text="Let's take it slowly.", not_in=["hurry"])
    quick = Phrase(id="p2", text="Shoes on.")
    strategy = _strategy(slow, quick)
    assert not placement([], "calm", hurry=True).allows(strategy, slow)
    assert placement([], "calm", hurry=False).allows(strategy, slow)
    whole = _strategy(quick, not_in=["hurry"])
    assert not placement([], "calm", hurry=True).allows_strategy(whole)
    assert placement([], "calm", hurry=False).allows_strategy(whole)


def test_a_strategy_tag_applies_to_every_phrase() -> None:
    rules = [Rule(tag="therapy", not_in=["busy"], why="Not mid-struggle.")]
    strategy = _strategy(Phrase(id="p1", text="A helper is someone kind."), tags=["therapy"])
    assert not placement(rules, "busy").allows(strategy, strategy.phrases[0])
    assert placement(rules, "calm").allows(strategy, strategy.phrases[0])


def test_core_pack_declares_the_rules_as_data() -> None:
    core = Path(__file__).parent.parent / "content" / "core.yaml"
    text = core.read_text(encoding="utf-8")
    assert "placement:" in text and "hurry:" in text


# --- practice follows the same rules for the scenario's moment ---------------------------------------


def test_practice_models_fit_the_scenario_moment(library: Library) -> None:
    from helpcoach.coach.practice_deck import choose_options, reveal

    problems = []
    for scenario in library.scenarios.values():
        hurry = any(w in scenario.text.lower() for w in ("late", "bus", "have to leave", "school run", "need to leave"))
        for age in (scenario.ages.min, scenario.ages.max) if scenario.ages else (None,):
            for shown in reveal(library, scenario, age=age):
                phrase = next(p for p in shown.strategy.phrases if personalize(p.text, None) == shown.phrase)
                if not {"later", "therapy", "after"} & set(shown.strategy.tags):  # picked for afterwards
                    choice = Choice(shown.strategy, phrase, (), 0.0)
                    problems += [f"{scenario.id} {phrase.id}: {p}" for p in broken_rules(choice, scenario.state, hurry, 0)]
            for seed in range(5):
                for option in choose_options(library, scenario, random.Random(seed), age=age):
                    if option.fits and not {"later", "therapy", "after"} & set(option.strategy.tags):
                        phrase = next(p for p in option.strategy.phrases if p.id == option.phrase_id)
                        choice = Choice(option.strategy, phrase, (), 0.0)
                        problems += [f"{scenario.id} {phrase.id}: {p}" for p in broken_rules(choice, scenario.state, hurry, 0)]
    assert not problems, "\n".join(sorted(set(problems)))
