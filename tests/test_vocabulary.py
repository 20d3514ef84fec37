"""How words meet the vocabulary: stems, words in between, one-letter typos, idioms, one form for contractions."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpcoach.coach.stem import stemmer
from helpcoach.coach.triage import best_match, triage
from helpcoach.coach.vocabulary import Text, one_edit_apart, pattern, words_of
from helpcoach.packs.schema import Term

STEM = stemmer("en")
UNSAFE = Term(id="unsafe", label="Unsafe", words=["hit", "kicked", "bites", "throw ... at", "choking"], not_words=["a bit"])
CALM = Term(id="calm", label="Calm", words=["sitting there", "tantrum"])


def found(text: str, *terms: Term) -> str | None:
    hit = best_match(text, terms or (UNSAFE, CALM))
    return hit[0] if hit else None


@pytest.mark.parametrize(
    "text", ["he hit her", "she hits", "hitting his brother", "he kicks", "she was kicking", "he bit... no, bites"]
)
def test_word_forms_meet_through_the_stemmer(text: str) -> None:
    assert found(text) == "unsafe"


def test_words_in_between_up_to_five() -> None:
    assert found("he keeps throwing the scissors at me") == "unsafe"
    assert found("throws it at") == "unsafe"
    assert found("throws one two three four five at") == "unsafe"
    assert found("he throws one two three four five six at me") is None
    assert found("he threw the scissors at me") is None  # irregular forms are the pack's to list


@pytest.mark.parametrize(
    ("typed", "hit"), [("chokking", True), ("chokign", True), ("choing", True), ("xhoking", False), ("hcoking", False)]
)
def test_one_letter_typos_in_words_of_six_letters_or_more(typed: str, hit: bool) -> None:
    """A letter wrong, missing, extra or two swapped; the first letter must agree (it is rarely the typo)."""
    assert (found(f"she is {typed}") == "unsafe") is hit


def test_short_words_get_no_typo_allowance() -> None:
    assert found("he sit her") is None  # "hit" is three letters: "sit" is a different word


def test_a_word_of_the_vocabulary_is_never_read_as_a_typo_of_another() -> None:
    vocab = Term(id="danger", label="Danger", words=["hitting"])
    other = Term(id="calm", label="Calm", words=["sitting"])
    assert found("sitting quietly", vocab, other) == "calm"
    text = Text("sitting", STEM, frozenset({"sitting"}))
    assert not text.fits("hitting", 0)


def test_idioms_in_not_words_never_count() -> None:
    assert found("a bit tired") is None
    assert found("he bit her") is None  # "bit" is not listed here; irregular forms are the pack's to list
    biting = Term(id="unsafe", label="Unsafe", words=["bit"], not_words=["a bit"])
    assert found("he bit her", biting) == "unsafe"
    assert found("a bit tired", biting) is None


def test_not_words_block_only_their_own_term() -> None:
    danger = Term(id="unsafe", label="Unsafe", words=["threw"], not_words=["threw a tantrum"])
    storm = Term(id="meltdown", label="Meltdown", words=["tantrum"])
    assert found("she threw a tantrum", danger, storm) == "meltdown"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("I'm", ["i'm"]),
        ("im", ["i'm"]),
        ("I am", ["i'm"]),
        ("dont", ["don't"]),
        ("gonna", ["going", "to"]),
        ("self-harm", ["self", "harm"]),
    ],
)
def test_one_form_for_contractions_and_hyphens(typed: str, words: list[str]) -> None:
    assert words_of(typed) == words


def test_one_edit_apart() -> None:
    assert one_edit_apart("choking", "chokng") and one_edit_apart("choking", "hcoking") and one_edit_apart("choking", "chokinng")
    assert not one_edit_apart("choking", "choking") and not one_edit_apart("choking", "cokinx")


def test_a_pattern_of_only_a_gap_has_no_words() -> None:
    assert pattern("...").words == ()


def test_triage_keeps_its_old_shape_for_plain_terms() -> None:
    found_ = triage("purple elephants", {"calm": CALM}, {})
    assert found_.state == "calm" and not found_.matched


def test_only_the_packs_language_stemmer_is_loaded() -> None:
    probe = (
        "import sys\n"
        "from helpcoach.coach.stem import stemmer\n"
        "assert stemmer('en')('hitting') == 'hit'\n"
        "assert stemmer('es')('frustra') == 'frustr'\n"
        "loaded = sorted(m for m in sys.modules if 'snowball' in m)\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ)
    loaded = done.stdout.strip()
    assert "'snowballstemmer'" not in loaded, loaded  # the package __init__ (every language) never runs
    assert "english_stemmer" in loaded and "spanish_stemmer" in loaded and "french_stemmer" not in loaded


def test_a_language_with_no_stemmer_matches_whole_words() -> None:
    assert stemmer("xx")("hitting") == "hitting"


def test_only_the_first_2000_characters_are_read() -> None:
    """A megabyte of words is cut, so the answer never waits on the matcher; no parent types that much."""
    from helpcoach.coach.triage import MAX_CHARACTERS
    from helpcoach.packs.library import load_library

    library = load_library()
    found = triage("he swallowed a battery " + "blah " * 200_000, library.states, library.reasons, library.urgent)
    assert found.urgent_kind == "medical"
    late = triage("x" * MAX_CHARACTERS + " he swallowed a battery", library.states, library.reasons, library.urgent)
    assert not late.urgent
