"""`helpcoach checkin` in a real terminal: a full check-in, and Ctrl-C part way through."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcoach.coach.ages import fit_age, prefer
from helpcoach.coach.personalize import personalize
from helpcoach.packs.library import load_library
from tests.e2e.prompts import answer_text, choose, wait_question
from tests.e2e.tmux import squash

FEEL = "How did the week feel?"
FOCUS = "One strategy to focus on next week:"


@pytest.mark.parametrize("width", [80, 40])
def test_a_full_checkin(terminal, cli, width: int, history_json) -> None:
    assert cli("child", "add", "Mia", "--age", "6").returncode == 0
    library = load_library()
    focus = list(library.strategies.values())[2]  # three down the list: reached with the arrow keys
    term = terminal().start("checkin", width=width)
    term.wait_for("Your week so far")
    choose(term, FEEL, "4 - mostly fine")
    answer_text(term, "A small win this week?", "tied her shoes")
    answer_text(term, "Another win?", "asked for help with the zip")
    answer_text(term, "Another win?", "", nth=2)
    answer_text(term, "What helped?", "waiting quietly")
    answer_text(term, "What was hard?", "mornings")
    answer_text(term, "What did Mia say about it?", "I did it myself")
    choose(term, FOCUS, focus.title)
    answer_text(term, "Anything to adjust?", "")
    assert term.wait_exit() == 0, term.output()

    screen = squash(term.output())
    assert squash(focus.title) in screen
    celebrations = [squash(personalize(c.text, "Mia")) for c in library.celebrations_for("checkin")]
    assert any(line in screen for line in celebrations), "a check-in celebration closes the check-in"
    [entry] = history_json("--kind", "checkin")
    assert entry["rating"] == 4
    assert entry["wins"] == ["tied her shoes", "asked for help with the zip"]
    assert (entry["helped"], entry["hard"], entry["child_said"], entry["note"]) == (
        "waiting quietly",
        "mornings",
        "I did it myself",
        None,
    )
    assert entry["focus"] == focus.id
    assert entry["child"] == "Mia"


@pytest.mark.parametrize("stop", ["rating", "second win", "focus"])
def test_ctrl_c_part_way_saves_nothing(terminal, cli, isolated: dict[str, Path], stop: str, history_json) -> None:
    assert cli("child", "add", "Mia").returncode == 0
    log = isolated["data"] / "helpcoach.db"
    before = log.read_bytes()
    term = terminal().start("checkin", width=40, height=60)  # 33 strategies, some on two lines
    if stop == "rating":
        wait_question(term, FEEL)
    else:
        choose(term, FEEL, "2 - hard")
        answer_text(term, "A small win this week?", "brushed teeth")
        if stop == "focus":
            answer_text(term, "Another win?", "")
            for question in ("What helped?", "What was hard?", "What did Mia say about it?"):
                answer_text(term, question, "something")
            wait_question(term, FOCUS)
        else:
            term.wait_for("Another win?")
    term.send("C-c")
    assert term.wait_exit() == 130
    assert "nothing" in squash(term.output()).lower()
    assert log.read_bytes() == before
    assert history_json("--kind", "checkin") == []


@pytest.mark.parametrize("age", [None, 10])
def test_every_focus_choice_is_whole_at_40_columns(terminal, cli, age: int | None) -> None:
    library = load_library()
    if age is not None:
        assert cli("child", "add", "Leo", "--age", str(age)).returncode == 0
    who = "Leo" if age else "your child"
    term = terminal().start("checkin", width=40, height=60)  # many strategies, some on two lines
    choose(term, FEEL, "3 - mixed")
    for question in ("A small win this week?", "What helped?", "What was hard?", f"What did {who} say about it?"):
        answer_text(term, question, "")
    lines = wait_question(term, FOCUS)
    term.send("C-c")
    assert term.wait_exit() == 130
    shown = {squash(line.replace("»", " ")) for line in lines}
    offered = prefer(library.strategies.values(), library, fit_age(library, age))
    assert {library.strategy_pack[s.id] for s in offered} == {"older" if age else "core"}
    cut = [s.title for s in offered if squash(s.title) not in shown]
    assert not cut, f"strategy titles cut off at 40 columns: {cut}"
