"""`helpcoach doctor`: where files are and whether each one is healthy."""

from __future__ import annotations

from typing import Annotated

import typer

from helpcoach.cli.common import Plain


def register(app: typer.Typer) -> None:
    """Add the doctor command to the app."""
    app.command("doctor", epilog="Example: helpcoach doctor --repair")(doctor)


def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Undo an interrupted save now (opens the log for writing), then check.")
    ] = False,
    plain: Plain = False,
) -> None:
    """Show the paths in use and the state of the config, each pack and the log."""
    from helpcoach.health import checkup
    from helpcoach.ui import console
    from helpcoach.ui.doctor_view import show_checkup

    console.set_plain(plain)
    if repair:
        from helpcoach.store.health import repair as undo_interrupted_save

        console.out().print(f"Repair: {undo_interrupted_save()}.", markup=False, soft_wrap=True)
    report = checkup()
    show_checkup(report)
    if not report.ok:
        raise typer.Exit(1)
