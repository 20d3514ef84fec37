"""The labelled corpus: every urgent and harm line steps in, everyday lines almost never do."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcoach.coach.now_flow import situation
from helpcoach.packs.library import Library, load_library

DATA = Path(__file__).parent / "data"
CORPORA = [DATA / "triage_corpus_en.tsv", DATA / "triage_corpus_en_blind.tsv"]
STEP_IN = {"urgent", "unsafe"}


def _rows() -> list[tuple[str, str]]:
    rows = []
    for corpus in CORPORA:
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                label, text = line.split("\t", 1)
                rows.append((label, text))
    return rows


ROWS = _rows()


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(use_cache=False)


def _read(library: Library, text: str) -> str:
    found = situation(library, text, None, None)
    return f"urgent:{found.urgent_kind}" if found.urgent else found.state


def test_the_corpus_is_big_and_covers_every_label() -> None:
    labels = {label for label, _ in ROWS}
    assert len(ROWS) >= 300
    assert {"urgent:self-harm", "urgent:disclosure", "urgent:medical", "urgent:parent", "unsafe"} <= labels
    assert {"frustrated", "stuck", "meltdown", "repeating", "asking"} <= labels


@pytest.mark.parametrize(("label", "text"), [r for r in ROWS if r[0].split(":")[0] in STEP_IN])
def test_every_urgent_and_harm_line_steps_in(library: Library, label: str, text: str) -> None:
    got = _read(library, text)
    assert got.split(":")[0] in STEP_IN, f"{text!r} did not step in ({got})"
    if label.startswith("urgent:"):
        assert got == label, f"{text!r} gave {got}, not {label}"


def test_at_least_95_percent_of_everyday_lines_do_not_step_in(library: Library) -> None:
    everyday = [(label, text) for label, text in ROWS if label.split(":")[0] not in STEP_IN]
    stepped = [text for _, text in everyday if _read(library, text).split(":")[0] in STEP_IN]
    assert len(stepped) <= 0.05 * len(everyday), stepped


def test_everyday_lines_mostly_reach_their_own_state(library: Library) -> None:
    everyday = [(label, text) for label, text in ROWS if label.split(":")[0] not in STEP_IN]
    wrong = [(label, text, _read(library, text)) for label, text in everyday if _read(library, text) != label]
    assert len(wrong) <= 0.1 * len(everyday), wrong
