"""Every command of the Typer app, discovered at test time, so new commands are covered as they land."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

# Arguments a command needs to do its job in a test; a new command with a required argument
# must be added here (tests/test_cli_habits.py checks that it is).
SAMPLES: dict[str, list[str]] = {
    "packs show": ["core"],
    "packs new": ["sample-pack"],
    "now": ["--quick", "frustrated"],
    "checkin": ["--rating", "4", "--win", "tied the shoes"],
    "child add": ["Noor", "--age", "6"],
    "child remove": ["Mia", "--yes", "--keep-entries"],
    "child default": ["Mia"],
    "phrases add": ["We can try it together, {child}.", "--strategy", "partner-not-rescue"],
    "phrases fav": ["@first-phrase"],
    "phrases unfav": ["@first-phrase"],
    "report": ["-o", "week.md"],
    "export": ["--format", "md"],
    "import": ["@export-file"],
}
# Commands that only run in a terminal (they exit 2 without one, by design).
NEEDS_TERMINAL = {"phrases practice"}
# Commands that ask questions when they have a terminal.
INTERACTIVE = {"now", "checkin", "phrases practice"}

Runner = Callable[..., tuple[int, str, str]]


@dataclass(frozen=True)
class Command:
    """One command or command group, by its path under `helpcoach`."""

    path: tuple[str, ...]
    click: Any
    is_group: bool

    @property
    def name(self) -> str:
        return " ".join(self.path)

    @property
    def options(self) -> list[Any]:
        return [p for p in self.click.params if p.param_type_name == "option"]

    @property
    def arguments(self) -> list[Any]:
        return [p for p in self.click.params if p.param_type_name == "argument"]

    def takes(self, option: str) -> bool:
        return any(option in p.opts for p in self.options)


def discover() -> list[Command]:
    """Every command and group below the root, depth first, in registration order."""
    from helpcoach.cli.app import app

    found: list[Command] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        children = getattr(command, "commands", None)
        if path:
            found.append(Command(path, command, children is not None))
        for name, child in (children or {}).items():
            if not getattr(child, "hidden", False):
                walk(child, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def leaves() -> list[Command]:
    """Commands that do something: every command, and each group that runs on its own (`phrases`)."""
    return [c for c in discover() if not c.is_group or getattr(c.click, "invoke_without_command", False)]


def names(commands: list[Command]) -> list[str]:
    """Test ids."""
    return [c.name for c in commands]


def sample_argv(command: Command, run: Runner, folder: Path) -> list[str]:
    """The command's path and sample arguments, with @placeholders filled from the live app."""
    argv = [*command.path]
    for arg in SAMPLES.get(command.name, []):
        if arg == "@first-phrase":
            code, out, err = run("phrases", "--json")
            assert code == 0, err
            arg = json.loads(out)[0]["id"]
        elif arg == "@export-file":
            code, out, err = run("export")
            assert code == 0, err
            (folder / "export.json").write_text(out, encoding="utf-8")
            arg = str(folder / "export.json")
        argv.append(arg)
    return argv


def seed_child(run: Runner) -> None:
    """A child named Mia, when the app has children."""
    if any(c.path == ("child", "add") for c in leaves()):
        code, _, err = run("child", "add", "Mia", "--age", "5")
        assert code == 0, err
