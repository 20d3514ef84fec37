"""`helpcoach child`: add, list, remove and pick the default child."""

from __future__ import annotations

from typing import Annotated

import typer

from helpcoach.cli.common import Json, Plain, start
from helpcoach.cli.lean import LeanGroup

app = typer.Typer(
    cls=LeanGroup,
    help="The children you use helpcoach for: names and ages personalize phrases.",
    epilog="Example: helpcoach child add Maya --age 5",
    no_args_is_help=True,
)

Name = Annotated[str, typer.Argument(metavar="NAME", help="The child's name.")]


@app.command("add", epilog="Example: helpcoach child add Maya --age 5")
def add(name: Name, age: Annotated[int | None, typer.Option("--age", help="Age in years.")] = None, plain: Plain = False) -> None:
    """Add a child (the first one becomes the default)."""
    from helpcoach.store.children import add_child
    from helpcoach.store.db import open_log
    from helpcoach.ui import console

    start(plain)
    conn = open_log()
    try:
        child = add_child(conn, name, age)
    finally:
        conn.close()
    suffix = " (the default)" if child.is_default else ""
    console.out().print(f"Added {child.name}{suffix}.", markup=False)


@app.command("list", epilog="Example: helpcoach child list --json")
def list_command(json: Json = False, plain: Plain = False) -> None:
    """List the children in the log."""
    from helpcoach.store.children import list_children
    from helpcoach.store.db import open_log

    start(plain)
    conn = open_log()
    try:
        children = list_children(conn)
    finally:
        conn.close()
    if json:
        from helpcoach.ui.console import print_json

        print_json([{"id": c.id, "name": c.name, "age": c.age, "default": c.is_default} for c in children])
        return
    if not children:
        from helpcoach.ui import console

        console.out().print("No children yet.", markup=False)
        console.hint("Add one with: helpcoach child add NAME --age N")
        return
    from helpcoach.ui.tables import show_table

    rows = [[c.name, "" if c.age is None else c.age, "yes" if c.is_default else ""] for c in children]
    show_table("Children", ["name", "age", "default"], rows)


@app.command("remove", epilog="Example: helpcoach child remove Maya --keep-entries --yes")
def remove(
    name: Name,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    delete_entries: Annotated[
        bool | None,
        typer.Option("--delete-entries/--keep-entries", help="Delete this child's entries, or keep them without a child."),
    ] = None,
    plain: Plain = False,
) -> None:
    """Remove a child; you choose whether their entries are deleted or kept."""
    from helpcoach.errors import UsageError
    from helpcoach.store.children import remove_child, require_child
    from helpcoach.store.db import open_log
    from helpcoach.ui import console, prompts

    start(plain)
    conn = open_log()
    try:
        child = require_child(conn, name)
        if not yes or delete_entries is None:
            if not prompts.can_prompt():
                raise UsageError("no terminal to confirm in: use --yes with --delete-entries or --keep-entries")
            if delete_entries is None:
                delete_entries = prompts.select(
                    f"What should happen to {child.name}'s entries?",
                    [("Keep them (without a child)", False), ("Delete them", True)],
                    default=False,
                )
            if not yes:
                what = "and delete their entries" if delete_entries else "and keep their entries"
                if not prompts.confirm(f"Remove {child.name} {what}?", default=False):
                    console.out().print("Nothing was removed.", markup=False)
                    return
        removed = remove_child(conn, child.name, delete_entries)
    finally:
        conn.close()
    kept = "their entries were deleted" if delete_entries else "their entries were kept"
    console.out().print(f"Removed {removed.name}; {kept}.", markup=False)


@app.command("default", epilog="Example: helpcoach child default Maya")
def default(name: Name, plain: Plain = False) -> None:
    """Make one child the default for every command."""
    from helpcoach.store.children import set_default
    from helpcoach.store.db import open_log
    from helpcoach.ui import console

    start(plain)
    conn = open_log()
    try:
        child = set_default(conn, name)
    finally:
        conn.close()
    console.out().print(f"{child.name} is now the default child.", markup=False)
