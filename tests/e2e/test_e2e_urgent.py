"""The urgent screen in a real terminal, at 80 and 40 columns: the number first, the steps, no menu after."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcoach.packs.library import Library, load_library
from tests.e2e.prompts import choose
from tests.e2e.tmux import squash

FIRST = "If anyone is hurt or in danger, call your emergency number now: 999"


@pytest.fixture
def britain(isolated: dict[str, Path]) -> None:
    config = isolated["config"]
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.yaml").write_text(
        "region: GB\ncontacts:\n  - name: Health visitor\n    how: 0300 123 4567\n", encoding="utf-8"
    )


@pytest.fixture
def library() -> Library:
    return load_library()


@pytest.mark.parametrize("width", [80, 40])
def test_urgent_words_show_the_number_and_steps_then_exit(
    terminal, britain: None, library: Library, history_json, width: int
) -> None:
    term = terminal().start("now", "he swallowed a button battery", width=width)
    assert term.wait_exit() == 0, term.output()
    screen = term.output()
    text = squash(screen)
    assert screen.strip().splitlines()[0].startswith("If anyone is hurt or in danger")
    assert squash(FIRST) in text
    assert library.urgent is not None
    medical = next(k for k in library.urgent.kinds if k.id == "medical")
    for step in medical.steps:
        assert squash(step) in text, f"step missing at {width} columns: {step}"
    assert squash(medical.say[0]) in text and "Health visitor" in text and "helpcoach support" in text
    assert "What next?" not in screen and "How did it go?" not in screen
    assert all(len(line) <= width for line in screen.splitlines())
    moments = [m for m in history_json() if m["kind"] == "moment"]
    assert [m["state"] for m in moments] == ["urgent"]


@pytest.mark.parametrize("width", [80, 40])
def test_picking_urgent_from_the_list_asks_the_kind_and_nothing_after(
    terminal, britain: None, library: Library, width: int
) -> None:
    term = terminal().start("now", width=width)
    choose(term, "What is happening?", library.states["urgent"].label)
    assert library.urgent is not None
    parent = next(k for k in library.urgent.kinds if k.id == "parent")
    choose(term, "Which is closest?", parent.label)
    assert term.wait_exit() == 0, term.output()
    text = squash(term.output())
    assert squash(FIRST) in text and squash(parent.title) in text and squash(parent.steps[0]) in text
    assert "What next?" not in text
