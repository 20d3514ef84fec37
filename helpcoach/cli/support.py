"""`helpcoach support`: guidance on professional help, and the user's own contacts."""

from __future__ import annotations

import typer

from helpcoach.cli.common import Json, Plain, start


def register(app: typer.Typer) -> None:
    """Add the support command to the app."""
    app.command("support", epilog="Example: helpcoach support --json")(support)


def support(json: Json = False, plain: Plain = False) -> None:
    """When to look for more help, how to talk about it with your child, and your own contacts."""
    session = start(plain)
    sections = [{"id": s.id, "title": s.title, "body": s.body} for s in session.library.support]
    contacts = [{"name": c.name, "how": c.how} for c in session.config.contacts]
    if json:
        from helpcoach.ui.console import print_json

        print_json({"sections": sections, "contacts": contacts})
        return
    from helpcoach import paths
    from helpcoach.ui.support_view import show_support

    show_support(sections, contacts, str(paths.config_file()))
