"""`helpcoach support`: the emergency number first, guidance on professional help, and the user's own contacts."""

from __future__ import annotations

from typing import Annotated

import typer

from helpcoach.cli.common import Json, Plain, start

UrgentOption = Annotated[
    bool, typer.Option("--urgent", help="Show what to do in an emergency, for every kind, with no words needed.")
]


def register(app: typer.Typer) -> None:
    """Add the support command to the app."""
    app.command("support", epilog="Examples: helpcoach support --urgent; helpcoach support --json")(support)


def support(urgent: UrgentOption = False, json: Json = False, plain: Plain = False) -> None:
    """When to look for more help, what to do in an emergency, and your own contacts."""
    # Imported here, not at the top: the root --help imports every command module and must stay light.
    from helpcoach import paths
    from helpcoach.coach.urgent import every_kind, first_line
    from helpcoach.emergency import emergency_number
    from helpcoach.ui.console import print_json
    from helpcoach.ui.support_view import show_support
    from helpcoach.ui.urgent_view import region_note, show_urgent

    session = start(plain)
    number = emergency_number(session.config)
    kinds = every_kind(session.library.urgent, number.call) if session.library.urgent else []
    sections = [{"id": s.id, "title": s.title, "body": s.body} for s in session.library.support]
    contacts = [{"name": c.name, "how": c.how} for c in session.config.contacts]
    if json:
        guidance = [{"kind": k.kind, "title": k.title, "steps": list(k.steps), "say": k.say} for k in kinds]
        emergency = {
            "call": number.call,
            "first_line": first_line(number.call),
            "region": number.region,
            "region_source": number.source,
        }
        print_json({"emergency": emergency, "urgent": guidance, "sections": sections, "contacts": contacts})
        return
    note = region_note(number.call, number.region, number.source)
    if urgent:
        show_urgent(kinds, [(c["name"], c["how"]) for c in contacts], note, pointer=False)
        return
    show_support(sections, contacts, str(paths.config_file()), first_line(number.call), note)
