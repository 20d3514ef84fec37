"""`helpcoach now` in a real terminal, with no time to wait: the extra answer on the state question."""

from __future__ import annotations

import pytest

from helpcoach.packs.library import Library, load_library
from tests.e2e.prompts import choose, unboxed, wait_question
from tests.e2e.tmux import squash

WHAT = "What is happening?"
CHILD = "And your child is..."
NEXT = "What next?"
WENT = "How did it go?"


@pytest.fixture
def library() -> Library:
    return load_library()


@pytest.mark.parametrize("width", [80, 40])
def test_no_time_to_wait_through_the_prompts(terminal, library: Library, history_json, width: int) -> None:
    term = terminal().start("now", width=width)
    assert library.hurry_label is not None
    choose(term, WHAT, library.hurry_label)
    choose(term, CHILD, library.states["frustrated"].label)
    wait_question(term, NEXT)
    screen = unboxed(term.screen())
    assert squash(library.strategies["keep-moving"].title) in screen, screen
    choose(term, NEXT, "Done")
    choose(term, WENT, "It helped")
    assert term.wait_exit() == 0, term.output()
    (moment,) = [m for m in history_json() if m["kind"] == "moment"]
    assert moment["state"] == "frustrated" and moment["reason"] is None
