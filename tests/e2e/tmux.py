"""A small tmux harness: run the installed `helpcoach` in a real terminal of a given size.

Each Terminal is one detached tmux session on a private server (`-L helpcoach-test-<pid>`),
so parallel workers never collide. The command runs with an explicit environment (the
test's own config and data dirs), its exit code lands in a file, and every wait polls
`capture-pane` against a deadline instead of sleeping for a fixed time.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from tests.helpers import helpcoach_script as helpcoach_script  # re-exported: its old home

SOCKET = f"helpcoach-test-{os.getpid()}"
DEADLINE = 15.0  # seconds; generous for a loaded 2-core CI box, never waited out when things work
POLL = 0.05
ANSI = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")
BOXES = re.compile("[\u2500-\u257f]")
COLOUR = re.compile(r"\x1b\[(?:[0-9;:]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:[;:][0-9;:]*)?m")


def tmux_binary() -> str:
    """The tmux executable; AssertionError with a hint when it is missing (CI installs it)."""
    found = shutil.which("tmux")
    assert found, "tmux is required for the end-to-end tests: apt-get install tmux (.ci/run does this)"
    return found


def tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run one tmux command on the private server, which starts with no user config and a minimal environment
    (so nothing of the test process, such as COLUMNS, leaks into the panes)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    return subprocess.run(
        [tmux_binary(), "-L", SOCKET, "-f", os.devnull, *args],
        capture_output=True,
        text=True,
        check=check,
        timeout=DEADLINE,
        env=env,
    )


def kill_server() -> None:
    """Stop this process's private tmux server and remove its socket (no error when none is running)."""
    tmux("kill-server", check=False)
    (Path("/tmp") / f"tmux-{os.getuid()}" / SOCKET).unlink(missing_ok=True)  # tmux() runs with no TMUX_TMPDIR


def squash(text: str) -> str:
    """Whitespace normalized: every run of spaces and newlines becomes one space."""
    return " ".join(text.split())


def joined(text: str) -> str:
    """All whitespace removed: for paths and ids that the terminal may fold mid-word."""
    return "".join(text.split())


class Terminal:
    """One helpcoach run in a detached tmux session."""

    def __init__(self, name: str, workdir: Path, env: Mapping[str, str]) -> None:
        self.name = name
        self.workdir = workdir
        self.env = dict(env)
        self.rc_file = workdir / f"{name}.rc"
        self.started = False

    def start(
        self, *args: str, width: int = 80, height: int = 40, env: Mapping[str, str] | None = None, unset: tuple[str, ...] = ()
    ) -> Terminal:
        """Start `helpcoach ARGS` at the given size; `env` adds variables, `unset` removes them."""
        assert not self.started, "one command per Terminal"
        merged = {**self.env, **(env or {})}
        prefix = ["env", *(f"-u{name}" for name in unset), *(f"{k}={v}" for k, v in merged.items() if k not in unset)]
        command = shlex.join([*prefix, helpcoach_script(), *args])
        rc = shlex.quote(str(self.rc_file))
        script = f"{command}; echo $? > {rc}.tmp && mv {rc}.tmp {rc}; echo EXIT=$(cat {rc}); sleep 60"
        tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", self.name, "-c", str(self.workdir), script)
        self.started = True
        return self

    def send(self, *keys: str) -> None:
        """Send tmux key names: 'Enter', 'Down', 'C-c', 'Space'..."""
        tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type text literally (no key-name lookup)."""
        tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self, escapes: bool = False) -> str:
        """The pane with its scrollback; `escapes` keeps colour and style codes."""
        flags = ["-e"] if escapes else []
        return tmux("capture-pane", "-p", "-t", self.name, "-S", "-", *flags).stdout

    def wait_for(self, text: str | Callable[[str], bool], timeout: float = DEADLINE) -> str:
        """Poll the screen until `text` shows (compared with whitespace normalized); return the screen."""
        found: Callable[[str], bool] = text if callable(text) else (lambda screen: squash(text) in squash(screen))
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            exited = self.rc_file.exists()
            screen = self.screen()
            if found(screen):
                return screen
            if exited:  # the program is done and the text never came: fail now, not at the deadline
                raise AssertionError(f"helpcoach exited without showing {text!r}; the screen was:\n{screen}")
            time.sleep(POLL)
        raise AssertionError(f"timed out after {timeout:.0f}s waiting for {text!r}; the screen was:\n{screen}")

    def wait_exit(self, timeout: float = DEADLINE) -> int:
        """Poll until the command has exited; return its exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.rc_file.exists():
                return int(self.rc_file.read_text().strip())
            time.sleep(POLL)
        raise AssertionError(f"helpcoach did not exit within {timeout:.0f}s; the screen was:\n{self.screen()}")

    def output(self, escapes: bool = False) -> str:
        """The screen once the command is done, without the harness's EXIT line."""
        return "\n".join(line for line in self.screen(escapes).splitlines() if not line.startswith("EXIT="))

    def kill(self) -> None:
        """End the session (fine if it already ended)."""
        if self.started:
            tmux("kill-session", "-t", self.name, check=False)
