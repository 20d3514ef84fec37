"""A parent in a hurry: told by words, by --hurry, or by the state question; the ranking and the rules follow."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpcoach.coach.choose import Answer
from helpcoach.coach.hurry import hurry_word, state_choices
from helpcoach.coach.now_flow import gather, run_flow
from helpcoach.errors import PackError
from helpcoach.packs.library import HURRY, Library, LoadedPack, load_library
from helpcoach.packs.schema import Pack
from helpcoach.ui import prompts

ENTER, DOWN = "\r", "\x1b[B"


@pytest.fixture
def core(isolated: dict[str, Path]) -> Library:
    return load_library(use_cache=False)


@pytest.mark.parametrize(
    "words",
    [
        "we're late for school and he won't put his shoes on",
        "running late, she's screaming about her socks",
        "I have to leave in 5 minutes",
        "school run and she won't get dressed",
        "the bus is coming and he's stuck in his coat",
        "in a hurry!! coat zip won't go",
        "LATE. again.",
    ],
)
def test_words_say_there_is_no_time(core: Library, words: str) -> None:
    assert hurry_word(core, words) is not None


@pytest.mark.parametrize(
    "words",
    [
        "he's stuck on a puzzle",
        "she wants chocolate and won't let me help",  # 'late' inside a word is not a hurry
        "crying over his homework",
        "",
    ],
)
def test_words_without_a_hurry(core: Library, words: str) -> None:
    assert hurry_word(core, words) is None


def test_the_state_question_offers_no_time_to_wait(core: Library) -> None:
    choices = state_choices(core)
    assert choices[-2] == ("No time to wait: we have to go", HURRY)
    assert choices[-1] == (core.states["urgent"].label, "urgent"), "an emergency is the last choice, easy to find"
    assert [value for _, value in choices[:-2]] == [s for s in core.states if s != "urgent"]


def test_a_pack_without_hurry_words_adds_no_choice(isolated: dict[str, Path]) -> None:
    library = load_library(["core"], use_cache=False)
    assert all(value != HURRY for _, value in state_choices(library))


def test_now_quick_hurry_flag(run, isolated: dict[str, Path]) -> None:
    code, out, _ = run("now", "--quick", "--hurry", "--json", "--no-log", "--state", "frustrated")
    doc = json.loads(out)
    assert code == 0 and doc["hurry"] is True
    assert doc["strategy"]["id"] == "keep-moving"


def test_now_quick_hurry_from_words(run, isolated: dict[str, Path]) -> None:
    code, out, _ = run("now", "--quick", "--json", "--no-log", "late", "for", "the", "bus,", "won't", "let", "me", "help")
    doc = json.loads(out)
    assert code == 0 and doc["hurry"] is True and doc["strategy"]["id"] == "keep-moving"
    code, out, _ = run("now", "--quick", "--json", "--no-log", "won't", "let", "me", "help")
    doc = json.loads(out)
    assert code == 0 and doc["hurry"] is False and doc["strategy"]["id"] != "keep-moving"


def test_now_hurry_never_promises_time(run, isolated: dict[str, Path]) -> None:
    for _ in range(15):
        code, out, _ = run("now", "--quick", "--hurry", "--json", "--no-log", "--state", "stuck")
        text = json.loads(out)["phrase"]["text"].lower()
        assert code == 0 and "no rush" not in text and "all the time" not in text


@contextmanager
def keys(*typed: str) -> Iterator[None]:
    with create_pipe_input() as inp, prompts.use_io(inp, DummyOutput()):
        inp.send_text("".join(typed))
        yield


def test_interactive_flow_takes_the_hurry_answer(core: Library) -> None:
    shown: list[Answer] = []
    hints: list[str] = []
    down_to_hurry = DOWN * (len(core.states) - 1)  # the everyday states, then "no time to wait", then urgent
    # no time to wait; the child is frustrated (first); done; it helped
    with keys(down_to_hurry, ENTER, ENTER, ENTER, ENTER):
        result = run_flow(
            core, gather(None, None), None, random.Random(0), lambda a, h: shown.append(a), lambda: None, hints.append
        )
    assert result.answer.hurry is True and result.answer.state == "frustrated" and result.answer.reason is None
    assert shown[0].strategy_id == "keep-moving"


def test_interactive_flow_without_hurry(core: Library) -> None:
    shown: list[Answer] = []
    with keys(ENTER, ENTER, ENTER, ENTER):  # frustrated, the first reason, done, it helped
        result = run_flow(core, gather(None, None), None, random.Random(0), lambda a, h: shown.append(a), lambda: None, print)
    assert result.answer.hurry is False and shown[0].strategy_id != "keep-moving"


# --- the pack format: placement and hurry are checked like everything else ----------------------------

BASE = {
    "id": "mine",
    "name": "Mine",
    "states": [{"id": "busy", "label": "Busy", "words": ["busy"]}],
    "placement": [{"tag": "question", "not_in": ["busy"], "why": "No questions."}],
}


def _add(data: dict[str, object]) -> Library:
    library = Library()
    library.add(LoadedPack(msgspec.convert(data, Pack), Path("mine.yaml"), bundled=False))
    return library


def test_tags_and_conditions_must_be_known() -> None:
    strategy = {
        "id": "s",
        "title": "S",
        "why": "W.",
        "states": ["busy"],
        "tags": ["questoin"],
        "phrases": [{"id": "p", "text": "Hi.", "not_in": ["bussy"]}],
    }
    with pytest.raises(PackError) as caught:
        _add({**BASE, "strategies": [strategy]})
    messages = " ".join(p.message for p in caught.value.problems)
    assert "unknown tag (declare it under placement:) 'questoin'" in messages
    assert "unknown state (or 'hurry') 'bussy'" in messages


def test_a_rule_names_known_states_or_hurry() -> None:
    ok = _add({**BASE, "placement": [{"tag": "slow", "not_in": ["busy", "hurry"], "why": "Takes time."}]})
    assert ok.placement[0].not_in == ["busy", "hurry"]
    with pytest.raises(PackError):
        _add({**BASE, "placement": [{"tag": "slow", "not_in": ["asleep"], "why": "x"}]})


def test_hurry_words_merge_across_packs() -> None:
    library = _add({**BASE, "hurry": {"label": "Rushing", "words": ["late", "bus"]}})
    assert (library.hurry_label, library.hurry_words) == ("Rushing", ["late", "bus"])
    assert hurry_word(library, "missed the bus") == "bus"
