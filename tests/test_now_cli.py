"""`helpcoach now` without prompts: quick mode, --json, --went, --no-log, bad input, and no stdin waits."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpcoach.coach.personalize import personalize
from helpcoach.packs import library as library_module
from helpcoach.packs.library import load_library
from helpcoach.store.children import add_child
from helpcoach.store.db import connect
from tests.helpers import helpcoach_script
from tests.now_pack import install_now_pack

KEYS = {"strategy", "phrase", "why", "do", "step_in", "state", "reason", "moment_id", "hurry", "matched"}


def db_rows(data: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(data / "helpcoach.db")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_quick_plain_answer_is_logged(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    code, out, err = run("now", "--quick", "--plain", "he", "won't", "let", "me")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Say: ")
    assert lines[1] in {"Approach: Wait a moment", "Approach: Team up", "Approach: Offer a choice"}
    assert any(line.startswith("Why: ") for line in lines) and any(line.startswith("Do: ") for line in lines)
    assert "--went" in err
    assert db_rows(isolated["data"], "SELECT state, outcome FROM moments") == [("upset", None)]


def test_json_shape(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    code, out, err = run("now", "--json", "--state", "upset", "--reason", "shy")
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) == KEYS
    assert set(doc["strategy"]) == {"id", "title"} and set(doc["phrase"]) == {"id", "text"}
    assert doc["strategy"] == {"id": "wait", "title": "Wait a moment"}
    assert doc["phrase"]["id"] in {"w1", "w2"}
    assert doc["why"] == "Waiting gives them room."
    assert doc["do"] == ["Sit beside them.", "Wait quietly.", "Smile."]
    assert (doc["step_in"], doc["state"], doc["reason"]) == (False, "upset", "shy")
    assert db_rows(isolated["data"], "SELECT id FROM moments") == [(doc["moment_id"],)]
    assert err == ""


def test_json_step_in_from_words_and_child_name(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    conn = connect(isolated["data"] / "helpcoach.db")
    add_child(conn, "Sam", 4)
    conn.close()
    code, out, _ = run("now", "--json", "she", "is", "CLIMBING")
    doc = json.loads(out)
    assert code == 0
    assert (doc["step_in"], doc["state"], doc["reason"]) == (True, "danger", None)
    assert doc["phrase"]["text"] == "Stop, Sam. I'll keep you safe."


def test_unsafe_shows_make_it_safe_first_before_anything_else(run) -> None:
    code, out, _ = run("now", "--quick", "--plain", "--state", "unsafe")
    assert code == 0
    assert out.splitlines()[0] == "Make it safe first."
    code, out, _ = run("now", "--quick", "knife")
    assert out.strip().splitlines()[0] == "Ask them to put the sharp thing down"


def test_no_words_fit_a_frustrated_child_who_refuses_help(run) -> None:
    code, out, _ = run("now", "--json", "--no-log")
    doc = json.loads(out)
    assert (code, doc["state"], doc["reason"], doc["moment_id"]) == (0, "frustrated", "independence", None)


def test_why_explains_the_choice(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    code, out, _ = run("now", "--quick", "--plain", "--why", "--state", "upset", "--reason", "shy")
    assert code == 0
    assert "Chosen because it fits: Upset and refusing help." in out
    assert "Chosen because it speaks to: Shy." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--state", "sad"], "unknown state 'sad' for --state: use one of frustrated, stuck"),
        (["--reason", "bored"], "unknown reason 'bored' for --reason: use one of fear, embarrassed"),
        (["--went", "great"], "unknown outcome 'great' for --went: use one of helped, little, not"),
        (["--went", "helped", "--no-log"], "cannot go with --no-log"),
        (["--child", "Zed"], "no child named Zed"),
    ],
)
def test_bad_options_exit_2(run, isolated: dict[str, Path], args: list[str], message: str) -> None:
    code, out, err = run("now", "--quick", *args)
    assert code == 2
    assert message in err and out == ""
    assert not (isolated["data"] / "helpcoach.db").exists() or db_rows(isolated["data"], "SELECT * FROM moments") == []


def test_went_records_the_latest_open_moment(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])
    run("now", "--quick", "--state", "danger")
    code, out, err = run("now", "--went", "helped", "--plain")
    assert code == 0, err
    assert out.startswith("Saved: it helped (\u201cStop. I'll keep you safe.\u201d)")
    assert db_rows(isolated["data"], "SELECT outcome FROM moments") == [("helped",)]
    assert db_rows(isolated["data"], "SELECT phrase_id, helped FROM phrase_outcomes") == [("g1", 1)]
    code, _, err = run("now", "--went", "not")
    assert code == 1 and "no moment is waiting for an outcome" in err


def test_no_log_and_config_log_moments_false(run, isolated: dict[str, Path]) -> None:
    code, out, _ = run("now", "--json", "--no-log")
    assert code == 0 and json.loads(out)["moment_id"] is None
    assert not (isolated["data"] / "helpcoach.db").exists()
    install_now_pack(isolated["config"], "log_moments: false\n")
    code, out, _ = run("now", "--json")
    assert code == 0 and json.loads(out)["moment_id"] is None
    assert not (isolated["data"] / "helpcoach.db").exists()


def test_narrow_terminal_keeps_the_whole_phrase(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _ = run("now", "--json", "--no-log", "--state", "stuck", "--reason", "fear")
    phrase = json.loads(out)["phrase"]["text"]
    for _ in range(8):
        code, out, _ = run("now", "--quick", "--no-log", "--state", "stuck", "--reason", "fear")
        assert code == 0
        assert all(len(line) <= 40 for line in out.splitlines())
        text = " ".join(line.strip(" \u2502") for line in out.splitlines())
        said = text.split("\u201c")[1].split("\u201d")[0]
        assert " ".join(said.split()) in {" ".join(phrase.split()), *_all_phrases()}


def _all_phrases() -> set[str]:
    return {personalize(p.text, None) for p, _ in load_library().phrases.values()}


def test_two_hundred_quick_runs_never_show_a_brace(run, isolated: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    library = load_library()
    monkeypatch.setattr(library_module, "load_library", lambda disabled=(): library)  # load the packs once, not 200 times
    conn = connect(isolated["data"] / "helpcoach.db")
    add_child(conn, "Sam", 5)
    conn.close()
    no_children = isolated["data"].parent / "data-without-children"  # a log that knows no name
    cases = [(state, reason) for state in library.states for reason in [None, *library.reasons]]
    seen: set[str] = set()
    for number in range(200):
        state, reason = cases[number % len(cases)]
        monkeypatch.setenv("HELPCOACH_DATA_DIR", str(isolated["data"] if number % 2 else no_children))
        args = ["now", "--quick", "--why", "--state", state]
        args += ["--reason", reason] if reason else []
        args += ["--child", "Sam"] if number % 2 else (["--no-log"] if number % 4 == 0 else [])
        args += ["--plain"] if number % 3 == 0 else []
        code, out, err = run(*args)
        assert code == 0, err
        assert "{" not in out + err and "}" not in out + err, out
        seen.add(out.splitlines()[0])
    assert len(seen) > 20, "many different phrases were shown"
    assert any("Sam" in line for line in seen) and any("Sam" not in line for line in seen)


def test_without_a_terminal_it_never_waits_on_stdin(isolated: dict[str, Path]) -> None:
    env = {**os.environ, "HELPCOACH_CONFIG_DIR": str(isolated["config"]), "HELPCOACH_DATA_DIR": str(isolated["data"])}
    proc = subprocess.Popen(
        [helpcoach_script(), "now", "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=60)  # stdin stays open: a prompt would hang until the timeout
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    lines = out.splitlines()
    assert lines[:2] == [
        "I couldn't tell what is happening, so this is for: frustrated and refusing help.",
        "If anyone could get hurt: make it safe first.",
    ]
    assert lines[2].startswith("Say: ")


def test_quick_and_json_do_not_import_questionary(isolated: dict[str, Path]) -> None:
    probe = (
        "import sys\n"
        "from helpcoach.entry import main\n"
        "codes = [main(['now', '--quick', '--no-log']), main(['now', '--json', '--no-log']),"
        " main(['now', '--quick', '--no-log', 'he', 'hit', 'his', 'sister'])]\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('questionary', 'prompt_toolkit', 'pydantic'))\n"
        "print('RESULT', codes, heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "HELPCOACH_CONFIG_DIR": str(isolated["config"]), "HELPCOACH_DATA_DIR": str(isolated["data"])}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL, check=False
    )
    assert "RESULT [0, 0, 0] []" in done.stderr, done.stderr  # words too: a list[str] argument once pulled in pydantic
