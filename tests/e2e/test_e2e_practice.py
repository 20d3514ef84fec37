"""`helpcoach phrases practice` in a real terminal: a session of two cards, both modes, Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcoach.coach.personalize import personalize
from helpcoach.packs.library import load_library
from tests.e2e.prompts import answer_text, choose, wait_question
from tests.e2e.tmux import squash

SAY = "What would you say?"
PICK = "Which would you say?"
READY = "How ready did you feel?"


@pytest.mark.parametrize("width", [80, 40])
def test_two_cards_in_say_mode(terminal, cli, width: int, history_json) -> None:
    library = load_library()
    term = terminal().start("phrases", "practice", "--count", "2", width=width)
    term.wait_for("Card 1 of 2")
    answer_text(term, SAY, "Shall we try it together?")
    choose(term, READY, "Good")
    term.wait_for("Card 2 of 2")
    answer_text(term, SAY, "", nth=2)
    choose(term, READY, "Easy")
    assert term.wait_exit() == 0, term.output()

    screen = squash(term.output())
    assert "Cards practised: 2" in screen
    assert "You said: Shall we try it together?" in screen
    assert any(squash(personalize(c.text, None)) in screen for c in library.celebrations_for("practice"))
    saved = sorted(history_json("--kind", "practice"), key=lambda r: str(r["created_at"]))
    assert [(r["mode"], r["answer"], r["rating"]) for r in saved] == [
        ("say", "Shall we try it together?", "good"),
        ("say", None, "easy"),
    ]
    for review in saved:  # each card's situation was on screen whole, even at 40 columns
        scenario = library.scenarios[str(review["scenario_id"])]
        assert squash(personalize(scenario.text, None)) in screen


def test_two_cards_in_choose_mode(terminal, cli, history_json) -> None:
    term = terminal().start("phrases", "practice", "--count", "2", "--mode", "choose")
    for number in (1, 2):
        term.wait_for(f"Card {number} of 2")
        lines = wait_question(term, PICK)
        assert len([line for line in lines if ")" in line]) == 4, "four phrases to choose from"
        term.type("1")
        term.send("Enter")
        choose(term, READY, "Hard")
    assert term.wait_exit() == 0, term.output()
    saved = history_json("--kind", "practice")
    assert [(r["mode"], r["rating"]) for r in saved] == [("choose", "hard"), ("choose", "hard")]


def test_ctrl_c_on_the_first_card_saves_nothing(terminal, cli, isolated: dict[str, Path], history_json) -> None:
    assert cli("child", "add", "Mia").returncode == 0
    log = isolated["data"] / "helpcoach.db"
    before = log.read_bytes()
    term = terminal().start("phrases", "practice", "--count", "2")
    answer_text(term, SAY, "")
    wait_question(term, READY)
    term.send("C-c")
    assert term.wait_exit() == 130
    assert log.read_bytes() == before
    assert history_json("--kind", "practice") == []


def test_ctrl_c_after_one_rated_card_keeps_it(terminal, cli, history_json) -> None:
    term = terminal().start("phrases", "practice", "--count", "2")
    answer_text(term, SAY, "You can do it")
    choose(term, READY, "Again")
    term.wait_for("Card 2 of 2")
    answer_text(term, SAY, "", nth=2)
    wait_question(term, READY)
    term.send("C-c")
    assert term.wait_exit() == 130
    assert [(r["answer"], r["rating"]) for r in history_json("--kind", "practice")] == [("You can do it", "again")]


@pytest.mark.parametrize("width", [40])  # at 80 columns only phrases over 74 characters are cut: it depends on the draw
def test_choose_mode_shows_each_phrase_whole(terminal, width: int) -> None:
    library = load_library()
    phrases = {squash(personalize(p.text, None)) for s in library.strategies.values() for p in s.phrases}
    term = terminal().start("phrases", "practice", "--count", "1", "--mode", "choose", width=width)
    lines = wait_question(term, PICK)
    shown = [squash(line.replace("»", " ")).split(") ", 1)[1] for line in lines if ") " in line]
    term.send("C-c")
    assert term.wait_exit() == 130
    assert len(shown) == 4
    cut = [text for text in shown if text not in phrases]
    assert not cut, f"phrases cut off at {width} columns: {cut}"
