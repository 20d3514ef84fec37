"""End-to-end fixtures: a `terminal` factory bound to the test's own config and data dirs."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal, kill_server, tmux, tmux_binary
from tests.helpers import helpcoach_script

E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark everything in tests/e2e as e2e (.ci/run installs tmux and runs them all)."""
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def tmux_server() -> Iterator[None]:
    """Check tmux is there once; keep this worker's private server alive with an idle session
    (a server whose last session just ended may still be exiting when the next test starts one);
    stop it at the end."""
    tmux_binary()
    tmux("new-session", "-d", "-s", "keeper", "sleep 3600")
    yield
    kill_server()


@pytest.fixture
def base_env(isolated: dict[str, Path]) -> dict[str, str]:
    """The environment every helpcoach run gets: the test's dirs, no colour unless a test says so."""
    return {
        "HELPCOACH_CONFIG_DIR": str(isolated["config"]),
        "HELPCOACH_DATA_DIR": str(isolated["data"]),
        "NO_COLOR": "1",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }


@pytest.fixture
def terminal(tmp_path: Path, base_env: dict[str, str], request: pytest.FixtureRequest) -> Iterator[Callable[[], Terminal]]:
    """Make Terminals (one command each); every session is killed after the test."""
    made: list[Terminal] = []
    stem = "".join(c if c.isalnum() else "-" for c in request.node.name)[:40]

    def make() -> Terminal:
        term = Terminal(f"{stem}-{len(made)}-{os.getpid()}", tmp_path, base_env)
        made.append(term)
        return term

    yield make
    for term in made:
        term.kill()


@pytest.fixture
def cli(base_env: dict[str, str], tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed helpcoach without a terminal (stdin closed), in a subprocess."""

    def invoke(*args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        full = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **base_env, **(env or {})}
        full = {k: v for k, v in full.items() if k not in unset}
        return subprocess.run(
            [helpcoach_script(), *args],
            env=full,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )

    return invoke


@pytest.fixture
def history_json(cli: Callable[..., subprocess.CompletedProcess[str]]) -> Callable[..., list[dict[str, object]]]:
    """The entries in the log, through `helpcoach history --json` (pass "--kind", "checkin" and so on)."""

    def read(*options: str) -> list[dict[str, object]]:
        done = cli("history", "--json", *options)
        assert done.returncode == 0, done.stderr
        document = json.loads(done.stdout)
        return document if isinstance(document, list) else document.get("moments", [])

    return read
