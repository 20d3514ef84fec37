"""`helpcoach now` in a real terminal: every state answered through the real prompts, Ctrl-C, 40 columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcoach.coach.ages import fit_age, reasons_for
from helpcoach.coach.personalize import personalize
from helpcoach.packs.library import Library, load_library
from tests.e2e.prompts import choose, unboxed, wait_question, wait_questions
from tests.e2e.tmux import squash

STATES = ["frustrated", "stuck", "meltdown", "unsafe", "repeating", "asking"]
WHAT = "What is happening?"
WHY = "What might be behind it?"
NEXT = "What next?"
WENT = "How did it go?"


@pytest.fixture
def library() -> Library:
    return load_library()


@pytest.fixture
def mia(cli) -> str:
    """One child, so every phrase is personalized with her name."""
    done = cli("child", "add", "Mia", "--age", "5")
    assert done.returncode == 0, done.stderr
    return "Mia"


def log_bytes(isolated: dict[str, Path]) -> bytes:
    return (isolated["data"] / "helpcoach.db").read_bytes()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("width", [80, 40])
def test_each_state_through_the_prompts(terminal, library: Library, mia: str, history_json, state: str, width: int) -> None:
    term = terminal().start("now", width=width)
    choose(term, WHAT, library.states[state].label)
    if wait_questions(term, WHY, NEXT) == WHY:
        assert library.states[state].ask_reason, f"the reason question is asked for {state}, whose pack says ask_reason: false"
        choose(term, WHY, library.reasons["unsure"].label)
    wait_question(term, NEXT)
    answer_screen = term.screen()
    if state == "unsafe":
        step_in = library.step_in_for("unsafe")
        assert step_in is not None
        assert squash(step_in.title) in unboxed(answer_screen), "the step-in guidance comes first for an unsafe moment"
        assert WHY not in answer_screen
    choose(term, NEXT, "Done")
    choose(term, WENT, "It helped")
    assert term.wait_exit() == 0, term.output()

    moments = [m for m in history_json() if m["kind"] == "moment"]
    assert len(moments) == 1
    moment = moments[0]
    assert moment["state"] == state
    assert moment["outcome"] == "helped"
    assert moment["child"] == mia
    found = library.phrase(str(moment["phrase_id"]))
    assert found is not None
    phrase, strategy = found
    assert moment["strategy_id"] == strategy.id
    said = personalize(phrase.text, mia)
    # The whole personalized phrase is on the answer screen, maybe wrapped, never cut off.
    assert squash(said) in unboxed(answer_screen), f"phrase {said!r} is not whole on the {width}-column screen:\n{answer_screen}"
    assert squash(strategy.title) in unboxed(answer_screen)


def test_down_arrow_and_enter_choose_the_second_state(terminal, library: Library, history_json) -> None:
    term = terminal().start("now")
    wait_question(term, WHAT)
    term.send("Down")
    term.send("Enter")
    screen = term.wait_for(lambda s: "? What is happening? " in s)
    second = screen.split("? What is happening? ", 1)[1].splitlines()[0].strip()
    state = next(s.id for s in library.states.values() if s.label.startswith(second))
    if wait_questions(term, WHY, NEXT) == WHY:
        choose(term, WHY, library.reasons["fear"].label)
    choose(term, NEXT, "Done")
    choose(term, WENT, "Skip")
    assert term.wait_exit() == 0
    moments = history_json()
    assert [m["state"] for m in moments] == [state]
    assert moments[0]["outcome"] == "skipped"


@pytest.mark.parametrize("stop", ["first question", "reason question", "answer menu", "outcome question"])
def test_ctrl_c_exits_130_and_saves_nothing(terminal, library: Library, mia: str, isolated, history_json, stop: str) -> None:
    before = log_bytes(isolated)
    term = terminal().start("now", width=40)
    steps = {
        "first question": (WHAT, library.states["frustrated"].label),
        "reason question": (WHY, library.reasons["fear"].label),
        "answer menu": (NEXT, "Done"),
        "outcome question": (WENT, "It helped"),
    }
    for where, (question, label) in steps.items():
        if where == stop:
            wait_question(term, question)
            term.send("C-c")
            break
        choose(term, question, label)
    assert term.wait_exit() == 130
    assert "nothing" in squash(term.output()).lower()
    assert log_bytes(isolated) == before
    assert history_json() == []


@pytest.mark.parametrize("age", [None, 10])
def test_every_state_and_reason_label_is_whole_at_40_columns(terminal, cli, library: Library, age: int | None) -> None:
    if age is not None:
        assert cli("child", "add", "Leo", "--age", str(age)).returncode == 0
    term = terminal().start("now", width=40)
    lines = wait_question(term, WHAT)
    for state in library.states.values():
        assert any(squash(state.label) in squash(line) for line in lines), f"state label cut off at 40 columns: {state.label!r}"
    choose(term, WHAT, library.states["frustrated"].label)
    lines = wait_question(term, WHY)
    offered = reasons_for(library, fit_age(library, age))
    assert {t.id for t in offered} >= ({"friends", "privacy"} if age else {"fear", "embarrassed"})
    for reason in offered:
        assert any(squash(reason.label) in squash(line) for line in lines), (
            f"reason label cut off at 40 columns: {reason.label!r}"
        )
    term.send("C-c")
    assert term.wait_exit() == 130


def test_quick_at_40_columns_shows_the_whole_phrase(terminal, library: Library, mia: str, history_json) -> None:
    term = terminal().start("now", "--quick", "scared", "of", "the", "bike", width=40)
    assert term.wait_exit() == 0
    moment = history_json()[0]
    found = library.phrase(str(moment["phrase_id"]))
    assert found is not None
    assert squash(personalize(found[0].text, mia)) in unboxed(term.output())
