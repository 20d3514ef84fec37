"""The urgent route and step-in guidance through the interactive `now`, with real questionary prompts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpcoach.coach.hurry import state_choices
from helpcoach.packs.library import load_library
from helpcoach.ui import prompts
from tests.conftest import write

ENTER, DOWN = "\r", "\x1b[B"


@contextmanager
def keys(*typed: str) -> Iterator[None]:
    with create_pipe_input() as inp, prompts.use_io(inp, DummyOutput()):
        inp.send_text("".join(typed))
        yield


def moments(data: Path) -> list[tuple[str, str, str | None]]:
    conn = sqlite3.connect(data / "helpcoach.db")
    rows = conn.execute("SELECT state, strategy_id, outcome FROM moments ORDER BY created_at").fetchall()
    conn.close()
    return [tuple(r) for r in rows]


def test_urgent_words_need_no_question_and_end_with_no_menu(run, isolated: dict[str, Path]) -> None:
    with keys():  # no key at all: any prompt would fail on the empty pipe
        code, out, err = run("now", "--plain", "she says she wants to die")
    assert code == 0, err
    assert out.startswith("If anyone is hurt or in danger")
    assert "What next?" not in out + err and "How did it go?" not in out + err
    assert moments(isolated["data"]) == [("urgent", "urgent-self-harm", None)]


def test_picking_the_urgent_state_asks_which_kind(run, isolated: dict[str, Path]) -> None:
    library = load_library()
    urgent_index = [value for _, value in state_choices(library)].index("urgent")
    with keys(DOWN * urgent_index, ENTER, DOWN * 2, ENTER):  # urgent; then the third kind: disclosure
        code, out, err = run("now", "--plain")
    assert code == 0, err
    assert "Your child tells you someone hurt or touched them" in out
    assert "Never promise to keep it secret" in out
    assert moments(isolated["data"]) == [("urgent", "urgent-disclosure", None)]


def test_words_that_match_nothing_are_asked_about_instead_of_assumed(run, isolated: dict[str, Path]) -> None:
    library = load_library()
    stuck = list(library.states).index("stuck")
    with keys(DOWN * stuck, ENTER, ENTER, ENTER, ENTER):  # stuck; not sure; done; helped
        code, out, err = run("now", "--plain", "purple elephants")
    assert code == 0, err
    assert moments(isolated["data"])[0][0] == "stuck", out + err
    assert "couldn't tell" not in out


def test_quick_with_no_match_says_what_it_assumed_and_to_make_it_safe(run) -> None:
    code, out, _ = run("now", "--quick", "--plain", "--no-log", "purple elephants")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "I couldn't tell what is happening, so this is for: frustrated and refusing help."
    assert lines[1] == "If anyone could get hurt: make it safe first."
    assert lines[2].startswith("Say: ")


@pytest.mark.parametrize(
    ("args", "matched"),
    [
        (["purple elephants"], False),
        ([], False),
        (["stuck on a sum"], True),
        (["--state", "meltdown"], True),
        (["scared"], False),
    ],
)
def test_every_json_answer_says_whether_the_state_was_matched(run, args: list[str], matched: bool) -> None:
    code, out, _ = run("now", "--json", "--no-log", *args)
    doc = json.loads(out)
    assert code == 0 and doc["matched"] is matched
    assert {"strategy", "phrase", "why", "do", "step_in", "state", "reason", "moment_id", "matched"} <= set(doc)


@pytest.mark.parametrize(
    ("words", "strategy", "phrase_start", "step"),
    [
        ("he hit his sister", "safe-others", "I won't let you hit. I'll keep you both safe.", "Separate them first"),
        ("he ran into the road", "safe-road", "Stop! Cars.", '"Stop!"'),
        ("she's got the bread knife", "safe-sharp", "Put it down on the table", "Never grab a blade"),
        ("he's climbing the bookcase", "safe-height", "I'm right here below you.", "stand below them"),
        ("she's banging her head on the floor", "safe-self-injury", "I won't let you hurt yourself.", "something soft"),
        ("he's playing with the matches", "safety-first", "Stop. I need to keep you safe.", "Act at once"),
    ],
)
def test_each_danger_gets_its_own_step_in(run, words: str, strategy: str, phrase_start: str, step: str) -> None:
    code, out, _ = run("now", "--json", "--no-log", words)
    doc = json.loads(out)
    assert code == 0 and doc["state"] == "unsafe" and doc["step_in"] is True
    assert doc["strategy"]["id"] == strategy
    assert doc["phrase"]["text"].startswith(phrase_start)
    assert any(step in line for line in doc["do"])


def test_harm_to_others_always_opens_with_the_protecting_line(run) -> None:
    texts = {json.loads(run("now", "--json", "--no-log", "he bit his brother")[1])["phrase"]["text"] for _ in range(8)}
    assert texts == {"I won't let you hit. I'll keep you both safe."}


def test_the_safety_layout_puts_what_to_do_first_for_harm_to_others(run) -> None:
    code, out, _ = run("now", "--quick", "--plain", "--no-log", "she kicked me")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Keep everyone safe from being hurt."
    assert lines[1].startswith("Do: Separate them first")
    assert lines[-1] == "Then say: I won't let you hit. I'll keep you both safe."


def test_validate_reports_words_that_never_match_or_are_shared(run, user_packs: Path) -> None:
    write(
        user_packs / "mine.yaml",
        "id: sulks\nname: Sulks\nstates:\n  - id: sulky\n    label: Sulky\n"
        "    words: [stuck, '...', choking, pouting, sulking]\n    not_words: [pouting]\n",
    )
    code, _, err = run("packs", "validate")
    assert code == 1
    assert "'stuck' is also a word of state 'stuck'" in err
    assert "'...' can never match: it has no letters" in err
    assert "'choking' is also a word of urgent kind 'medical'" in err
    assert "'pouting' can never match: this state's not_words cover it" in err
    assert "sulking" not in err


def test_validate_reports_a_word_an_earlier_state_always_takes(run, user_packs: Path) -> None:
    write(
        user_packs / "mine.yaml",
        "id: sulks\nname: Sulks\nstates:\n  - id: sulky\n    label: Sulky\n    words: [hitting the sofa]\n",
    )
    code, _, err = run("packs", "validate")
    assert code == 1 and "'hitting the sofa' can never pick state 'sulky': state 'unsafe' matches it first" in err


def test_the_core_pack_vocabulary_is_clean(run) -> None:
    code, out, err = run("packs", "validate")
    assert code == 0, err
    assert "All valid" in out


@pytest.mark.parametrize("age", [4, 7, 10, 12])
@pytest.mark.parametrize(
    ("words", "strategy"),
    [("he hit his sister", "safe-others"), ("he ran into the road", "safe-road"), ("she's got the bread knife", "safe-sharp")],
)
def test_the_danger_decides_the_step_in_at_every_age(run, age: int, words: str, strategy: str) -> None:
    assert run("child", "add", "Kid", "--age", str(age))[0] == 0
    code, out, _ = run("now", "--json", "--no-log", words)
    doc = json.loads(out)
    assert code == 0 and doc["state"] == "unsafe" and doc["step_in"] is True and doc["strategy"]["id"] == strategy
