"""The Typer app: registers each command module; nothing heavy is imported here."""

from __future__ import annotations

import typer

from helpcoach.cli import checkin, child, doctor, log, now, packs, support
from helpcoach.cli import phrases as phrases_cli
from helpcoach.cli.lean import LeanGroup

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


def _version(value: bool) -> None:
    if value:
        from helpcoach import __version__

        typer.echo(f"helpcoach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """A calm coach for the moment your child refuses help."""


app.add_typer(packs.app, name="packs")
app.add_typer(phrases_cli.app, name="phrases")
doctor.register(app)
app.add_typer(child.app, name="child")
checkin.register(app)
log.register(app)
support.register(app)
now.register(app)
