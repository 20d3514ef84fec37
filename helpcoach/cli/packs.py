"""`helpcoach packs`: list, show, validate, lint, new and schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from helpcoach.cli.common import Json, Plain, start
from helpcoach.cli.lean import LeanGroup
from helpcoach.errors import HelpcoachError, UsageError

app = typer.Typer(
    cls=LeanGroup, help="See, check and write content packs.", no_args_is_help=True, epilog="Example: helpcoach packs list"
)


@app.command("list", epilog="Example: helpcoach packs list --json")
def list_packs(json: Json = False, plain: Plain = False) -> None:
    """List the loaded packs."""
    from helpcoach.packs.summary import pack_summary

    session = start(plain)
    rows = [pack_summary(p) for p in session.library.packs]
    if json:
        from helpcoach.ui.console import print_json

        print_json(rows)
        return
    from helpcoach.ui.tables import show_table

    columns = ["id", "name", "version", "ages", "strategies", "phrases", "celebrations", "scenarios", "source"]
    cells = [[f"{r['ages']['min']}-{r['ages']['max']}" if c == "ages" else r[c] for c in columns] for r in rows]
    show_table("Loaded packs", columns, cells)


@app.command("show", epilog="Example: helpcoach packs show core")
def show(
    pack_id: Annotated[str, typer.Argument(metavar="ID", help="The pack's id.")], json: Json = False, plain: Plain = False
) -> None:
    """Show one pack as loaded: strategies, phrases, celebrations and scenarios."""
    from helpcoach.packs.summary import pack_detail

    session = start(plain)
    loaded = next((p for p in session.library.packs if p.pack.id == pack_id), None)
    if loaded is None:
        known = ", ".join(p.pack.id for p in session.library.packs) or "none"
        raise UsageError(f"no pack with id '{pack_id}': loaded packs are {known}")
    detail = pack_detail(loaded)
    if json:
        from helpcoach.ui.console import print_json

        print_json(detail)
        return
    from helpcoach.ui.packs_view import show_pack

    show_pack(detail)


@app.command("validate", epilog="Example: helpcoach packs validate ~/my-pack.yaml")
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(metavar="PATH", help="Pack files; none means every installed pack and the config.")
    ] = None,
    plain: Plain = False,
) -> None:
    """Check packs (and the config) and report every problem as PATH:LINE:COL: message."""
    from helpcoach.packs.check import check_files, check_installed
    from helpcoach.ui import console

    console.set_plain(plain)
    problems, checked = check_files(files) if files else check_installed()
    for problem in problems:
        console.err().print(str(problem), markup=False, highlight=False, soft_wrap=True)
    if problems:
        raise typer.Exit(1)
    console.out().print(f"All valid: {checked} file{'s' if checked != 1 else ''} checked.", markup=False)


@app.command("lint", epilog="Example: helpcoach packs lint ~/.config/helpcoach/packs/mine.yaml")
def lint(
    files: Annotated[
        list[Path] | None, typer.Argument(metavar="PATH", help="Pack files; none means every installed pack.")
    ] = None,
    plain: Plain = False,
) -> None:
    """Read packs for tone: long phrases, shaming words, near-repeats, doubled placeholders."""
    from helpcoach.packs.check import installed_pack_paths
    from helpcoach.packs.lint import lint_file
    from helpcoach.ui import console

    console.set_plain(plain)
    warnings = [w for path in (files or installed_pack_paths()) for w in lint_file(path)]
    for warning in warnings:
        console.err().print(warning, markup=False, highlight=False, soft_wrap=True)
    if warnings:
        raise typer.Exit(1)
    console.out().print("No tone warnings.", markup=False)


@app.command("new", epilog="Example: helpcoach packs new grandma-phrases")
def new(
    pack_id: Annotated[str, typer.Argument(metavar="ID", help="Lowercase letters, digits and dashes.")], plain: Plain = False
) -> None:
    """Write a commented starter pack into your packs folder (never overwrites)."""
    import re

    from helpcoach import paths
    from helpcoach.packs.starter import starter_pack
    from helpcoach.store.files import write_new_file
    from helpcoach.ui import console

    console.set_plain(plain)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", pack_id):
        raise UsageError(f"'{pack_id}' is not a valid pack id: use lowercase letters, digits and dashes, like my-phrases")
    folder = paths.user_packs_dir()
    if folder.exists() and not folder.is_dir():
        raise HelpcoachError(f"the packs folder {folder} is a file, not a folder: move it aside, then run this again")
    target = folder / f"{pack_id}.yaml"
    if target.exists():
        raise HelpcoachError(f"{target} already exists: pick another id or edit that file")
    write_new_file(target, starter_pack(pack_id, str(target)))
    console.out().print(f"Wrote {target}", markup=False, soft_wrap=True)
    console.hint(f"Edit it, then run: helpcoach packs validate {target}")


@app.command("schema", epilog="Example: helpcoach packs schema > helpcoach-pack.schema.json")
def schema(plain: Plain = False) -> None:
    """Print the pack format as JSON Schema, for editors."""
    from helpcoach.packs.summary import json_schema
    from helpcoach.ui.console import print_json, set_plain

    set_plain(plain)  # the JSON is the same either way

    print_json(json_schema())
