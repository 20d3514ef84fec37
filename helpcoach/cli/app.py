"""The Typer app. Only the command being run is registered, so a hurried
`helpcoach now` does not pay for Typer inspecting twenty other commands. The
root `--help` gets each command's name and help without its options (that is
all it shows); completion and unknown commands get the whole app.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import typer

from helpcoach.cli.lean import LeanGroup

# command name -> the module under helpcoach.cli that provides it, in the order --help lists them
COMMANDS = {
    "now": "now",
    "checkin": "checkin",
    "phrases": "phrases",
    "history": "log",
    "stats": "log",
    "report": "log",
    "export": "log",
    "import": "log",
    "child": "child",
    "packs": "packs",
    "support": "support",
    "doctor": "doctor",
}
GROUPS = {"phrases", "child", "packs"}  # sub-apps with commands of their own


def _version(value: bool) -> None:
    if value:
        from helpcoach import __version__

        typer.echo(f"helpcoach {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """A calm coach for the moment your child refuses help."""


def build_app(args: list[str] | None = None) -> typer.Typer:
    """The app with the command named by `args[0]`, or with every command."""
    app = typer.Typer(
        cls=LeanGroup,
        name="helpcoach",
        help="A calm coach for the moment your child refuses help, and a place to reflect and rehearse.",
        epilog="Start here: helpcoach now",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    first = args[0] if args else None
    modules = [COMMANDS[first]] if first in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    listing = args in (["--help"], ["-h"])
    for name in modules:
        module = import_module(f"helpcoach.cli.{name}")
        if name in GROUPS:
            app.add_typer(typer.Typer() if listing else module.app, name=name, help=module.app.info.help)
        else:
            module.register(_Listing(app) if listing else app)
    return app


class _Listing:
    """Stands in for the app while building the root --help: keeps each command's name and help, not its options."""

    def __init__(self, app: typer.Typer) -> None:
        self.app = app

    def command(self, name: str, **settings: Any) -> Any:
        def record(function: Any) -> Any:
            self.app.command(name, help=settings.get("help") or function.__doc__)(_listed)
            return function

        return record


def _listed() -> None:
    """Never run: the root --help only shows it."""


def __getattr__(name: str) -> Any:
    """`helpcoach.cli.app.app`: the whole app, built on first use (for tests and tools)."""
    if name == "app":
        return build_app()
    raise AttributeError(name)
