"""Words to a state and reason through the packs' vocabulary."""

from __future__ import annotations

import pytest

from helpcoach.coach.triage import best_match, normalize, triage
from helpcoach.packs.library import Library, load_library
from helpcoach.packs.schema import Term


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.mark.parametrize(
    ("words", "state", "reason"),
    [
        ("he won't let me help with his shoes", "frustrated", None),
        ("screaming on the floor", "meltdown", None),
        ("she is scared and stuck", "stuck", "fear"),
        ("SCARED", "frustrated", "fear"),
        ("climbing the shelf, scared", "unsafe", None),
        ("wants to do it by myself, stuck", "stuck", "independence"),
        ("doing the same thing over and over", "repeating", None),
        ("can you help", "asking", None),
        ("", "frustrated", "independence"),
        ("purple elephants", "frustrated", "independence"),
    ],
)
def test_core_pack_words(library: Library, words: str, state: str, reason: str | None) -> None:
    found = triage(words, library.states, library.reasons, library.urgent, library.step_ins())
    assert (found.state, found.reason) == (state, reason)


def test_no_words_is_a_frustrated_child_who_refuses_help(library: Library) -> None:
    found = triage("   ", library.states, library.reasons)
    assert (found.state, found.reason, found.matched) == ("frustrated", "independence", False)


def test_accents_case_and_curly_apostrophes() -> None:
    terms = [Term(id="upset", label="Upset", words=["won't let me", "enfadado"])]
    assert best_match("Él está ENFADÁDO", terms) == ("upset", "enfadado")
    assert best_match("She WON\u2019T let me", terms) == ("upset", "won't let me")
    assert normalize("  Crème   Brûlée ") == "creme brulee"


def test_whole_words_only() -> None:
    terms = [Term(id="cross", label="Cross", words=["cross"])]
    assert best_match("we came across it", terms) is None
    assert best_match("he is cross!", terms) == ("cross", "cross")


def test_longest_match_wins() -> None:
    terms = [Term(id="short", label="S", words=["down"]), Term(id="long", label="L", words=["shutting down"])]
    assert best_match("he is shutting down", terms) == ("long", "shutting down")


def test_reason_dropped_for_states_that_do_not_ask(library: Library) -> None:
    found = triage("meltdown because scared", library.states, library.reasons)
    assert (found.state, found.reason, found.state_word) == ("meltdown", None, "meltdown")


def test_a_word_for_danger_wins_over_a_longer_match() -> None:
    library = load_library()
    found = triage("screaming and hitting his sister", library.states, library.reasons, library.urgent, library.step_ins())
    assert found.state == "unsafe"
