"""The prompt seam: long choices fold instead of being cut at the terminal's edge."""

from __future__ import annotations

import pytest

from helpcoach.errors import Interrupted, UsageError
from helpcoach.ui import prompts
from tests.helpers import CTRL_C, ENTER, typed


def test_a_long_choice_folds_under_itself():
    folded = prompts.wrap_choice("Doing the same thing again, and it isn't working", 6, 40)
    lines = folded.split("\n")
    assert len(lines) == 2
    assert all(len(line) <= 40 - 1 for line in lines)
    assert lines[1].startswith(" " * 6) and not lines[1][6].isspace()
    assert " ".join(folded.split()) == "Doing the same thing again, and it isn't working"


def test_a_short_choice_stays_on_one_line():
    assert prompts.wrap_choice("Stuck but calm", 6, 40) == "Stuck but calm"


def test_select_returns_the_value_and_ctrl_c_is_interrupted():
    with typed("2", ENTER) as keys:
        assert prompts.select("Pick", [("one", 1), ("two " * 30, 2)]) == 2
        keys.send_text(CTRL_C)
        with pytest.raises(Interrupted):
            prompts.text("Say")


def test_without_a_terminal_it_names_the_options(monkeypatch):
    monkeypatch.setattr(prompts.console, "interactive", lambda: False)
    with pytest.raises(UsageError, match="use --rating"):
        prompts.require_terminal("use --rating")


def test_a_long_question_folds_to_the_width():
    question = "Earlier you tried \u201cThank you for asking me. Let's do it together, the way you want.\u201d How did it go?"
    folded = prompts.fit_message(question, 80)
    assert all(len(line) + 2 <= 80 for line in folded.split("\n"))
    assert " ".join(folded.split()) == question
    assert prompts.fit_message("What is happening?", 80) == "What is happening?"
