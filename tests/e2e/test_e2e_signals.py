"""SIGTERM and SIGHUP in a real terminal: during a prompt and during the breathing pause they end the run
as Ctrl-C does: terminal settings restored (not raw), cursor shown, nothing saved, exit 130."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.prompts import choose, wait_question, wait_questions
from tests.e2e.tmux import DEADLINE, POLL, Terminal, squash, tmux

WHAT = "What is happening?"
WHY = "What might be behind it?"
NEXT = "What next?"


def helpcoach_pid(term: Terminal) -> int:
    """The helpcoach process: the one child of the pane's shell."""
    shell = tmux("display", "-p", "-t", term.name, "#{pane_pid}").stdout.strip()
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(POLL)
    raise AssertionError("no helpcoach process under the pane's shell")


def terminal_state(term: Terminal) -> tuple[str, str]:
    """(`stty -a` of the pane's terminal, tmux's cursor flag: '1' when the cursor shows)."""
    tty, cursor = tmux("display", "-p", "-t", term.name, "#{pane_tty} #{cursor_flag}").stdout.split()
    settings = subprocess.run(["stty", "-F", tty, "-a"], capture_output=True, text=True, check=True).stdout
    return settings, cursor


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("where", ["prompt", "breathing"])
def test_a_signal_restores_the_terminal_and_saves_nothing(terminal, isolated, history_json, signum: int, where: str) -> None:
    term = terminal().start("now")
    if where == "prompt":
        wait_question(term, WHAT)
    else:
        choose(term, WHAT, "Frustrated and refusing help")
        if wait_questions(term, WHY, NEXT) == WHY:
            choose(term, WHY, "Not sure")
        choose(term, NEXT, "I need a moment first")
        term.wait_for("Any key ends it")
    os.kill(helpcoach_pid(term), signum)
    assert term.wait_exit() == 130, term.output()
    settings, cursor = terminal_state(term)
    words = settings.split()
    assert "icanon" in words and "echo" in words, f"the terminal was left raw:\n{settings}"
    assert cursor == "1", "the cursor was left hidden"
    name = signal.Signals(signum).name
    assert f"stopped by {name}: nothing was saved" in squash(term.output())
    assert "Traceback" not in term.output() and "Unhandled exception" not in term.output()
    assert history_json() == []
