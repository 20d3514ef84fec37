"""Habits of a good CLI, checked on every command the app has: examples in --help, --plain,
hints on stderr, shell completion. Commands are discovered from the Typer app, so a new
command is covered the moment it is registered."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.cli_commands import NEEDS_TERMINAL, SAMPLES, Command, discover, leaves, names, sample_argv, seed_child
from tests.helpers import helpcoach_script, write

BOXES = re.compile("[\u2500-\u257f]")
ANSI = re.compile(r"\x1b\[")
COMMANDS = discover()
LEAVES = leaves()


def test_the_app_has_the_foundation_commands() -> None:
    found = set(names(COMMANDS))
    assert {"doctor", "support", "packs", "packs list", "packs validate", "packs new"} <= found


@pytest.mark.parametrize("command", COMMANDS, ids=names(COMMANDS))
def test_every_help_has_an_example(run, command: Command) -> None:
    code, out, err = run(*command.path, "--help")
    assert code == 0, err
    assert "Example" in out, f"`helpcoach {command.name} --help` shows no example: pass epilog='Example: helpcoach ...'"
    assert f"helpcoach {command.name}" in " ".join(out.split()), "the example should show the command itself"


def test_root_help_says_where_to_start(run) -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "helpcoach now" in out


@pytest.mark.parametrize("command", LEAVES, ids=names(LEAVES))
def test_every_command_accepts_plain(command: Command) -> None:
    assert command.takes("--plain"), f"`helpcoach {command.name}` has no --plain option: add `plain: Plain = False`"


@pytest.mark.parametrize("command", LEAVES, ids=names(LEAVES))
def test_every_required_argument_has_a_sample(command: Command) -> None:
    required = [p.name for p in command.click.params if p.required]
    assert not required or command.name in SAMPLES, f"add sample arguments for `{command.name}` (needs {required})"


@pytest.fixture
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Force colour on, so plain mode has something to turn off."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")


def test_without_plain_the_checks_below_would_see_colour_and_boxes(run, colour_terminal) -> None:
    assert run("child", "add", "Mia")[0] == 0
    code, out, _ = run("child", "list")
    assert code == 0
    assert ANSI.search(out) and BOXES.search(out), "control: colour and box drawing show when plain is off"


@pytest.mark.parametrize(
    "command", [c for c in LEAVES if c.takes("--plain")], ids=names([c for c in LEAVES if c.takes("--plain")])
)
def test_plain_output_has_no_colour_and_no_boxes(run, colour_terminal, tmp_path: Path, monkeypatch, command: Command) -> None:
    seed_child(run)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*sample_argv(command, run, tmp_path), "--plain")
    assert code == (2 if command.name in NEEDS_TERMINAL else 0), err
    assert not ANSI.search(out + err), f"ANSI code in plain output of {command.name}"
    assert not BOXES.search(out + err), f"box drawing in plain output of {command.name}"


def test_plain_from_the_config_turns_off_boxes(run, colour_terminal, isolated: dict[str, Path]) -> None:
    write(isolated["config"] / "config.yaml", "plain: true\n")
    code, out, err = run("packs", "list")
    assert code == 0, err
    assert not ANSI.search(out) and not BOXES.search(out)
    assert "core" in out


def test_plain_keeps_the_same_content(run) -> None:
    code, listing, _ = run("packs", "list", "--json")
    assert code == 0
    code, plain, _ = run("packs", "list", "--plain")
    assert code == 0
    for pack in json.loads(listing):
        assert pack["id"] in plain and pack["name"] in plain and str(pack["phrases"]) in plain
    assert len(plain.strip().splitlines()) == 1 + len(json.loads(listing)), "one line per pack, after the title"


BROKEN_PACK = "id: broken\nname: Broken\nstrategies:\n  - id: [not, a, string]\n"


def test_broken_pack_warning_goes_to_stderr_and_json_stays_clean(run, user_packs: Path) -> None:
    write(user_packs / "broken.yaml", BROKEN_PACK)
    code, out, err = run("packs", "list", "--json")
    assert code == 0
    assert [p["id"] for p in json.loads(out)] == ["core", "older"]
    assert "broken.yaml:4" in err and "warning" in err


def test_quick_answer_on_stdout_and_warning_on_stderr(run, user_packs: Path) -> None:
    write(user_packs / "broken.yaml", BROKEN_PACK)
    code, out, err = run("now", "--quick", "--json")
    assert code == 0, err
    answer = json.loads(out)  # stdout holds only the answer
    assert answer["phrase"]["text"]
    assert "broken.yaml:4" in err
    code, out, err = run("now", "--quick")
    assert code == 0, err
    assert out.strip(), "the answer is on stdout"
    assert "broken.yaml" not in out and "warning" not in out and "helpcoach:" not in out
    assert "How did it go" not in out and "How did it go" in err, "the follow-up hint is on stderr"
    assert "broken.yaml:4" in err


def test_checkin_reminder_goes_to_stderr_and_never_with_json(run) -> None:
    code, _, err = run("now", "--quick", "--json")  # a moment and no check-in yet: a check-in is due
    assert code == 0, err
    code, out, err = run("packs", "list")
    assert code == 0
    assert "helpcoach checkin" in err and "checkin" not in out.lower()
    code, out, err = run("packs", "list", "--json")
    assert code == 0
    assert "checkin" not in err and json.loads(out)


def test_packs_new_hint_goes_to_stderr(run) -> None:
    code, out, err = run("packs", "new", "mine")
    assert code == 0
    assert out.startswith("Wrote ") and "validate" not in out
    assert "helpcoach packs validate" in err


def completion_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_HELPCOACH")}
    return {**env, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1", **extra}


def test_show_completion_prints_a_bash_script() -> None:
    done = subprocess.run(
        [helpcoach_script(), "--show-completion", "bash"],
        env=completion_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "complete -o default -F _helpcoach_completion helpcoach" in done.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"), [("helpcoach pa", "1", "packs"), ("helpcoach packs va", "2", "validate")]
)
def test_completion_protocol_completes_commands(words: str, cword: str, expected: str) -> None:
    env = completion_env(_HELPCOACH_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword)
    done = subprocess.run(
        [helpcoach_script()], env=env, capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout.split()


def test_completion_lists_every_top_level_command() -> None:
    env = completion_env(_HELPCOACH_COMPLETE="complete_bash", COMP_WORDS="helpcoach ", COMP_CWORD="1")
    done = subprocess.run(
        [helpcoach_script()], env=env, capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL
    )
    top = {c.path[0] for c in COMMANDS}
    assert top <= set(done.stdout.split())
