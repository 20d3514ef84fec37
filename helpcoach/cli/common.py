"""What every command shares: option types and the loaded config and packs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated

import typer

from helpcoach.errors import UsageError
from helpcoach.ui import console

if TYPE_CHECKING:  # the packs machinery loads only when a command runs, not for --help
    from helpcoach.errors import PackError
    from helpcoach.packs.library import Library
    from helpcoach.packs.schema import Config

Plain = Annotated[bool, typer.Option("--plain", help="Plain output for screen readers and logs: no colour, no boxes.")]
Json = Annotated[bool, typer.Option("--json", help="Print only a JSON document on stdout.")]
ChildOption = Annotated[str | None, typer.Option("--child", help="Which child (see `helpcoach child list`).")]


@dataclass
class Session:
    """The config and the merged packs for one run."""

    config: Config
    library: Library
    config_error: PackError | None


def start(plain: bool = False) -> Session:
    """Load the config and packs once, warning on stderr about anything broken."""
    console.set_plain(plain)
    return _load()


@cache
def _load() -> Session:
    from helpcoach.config import load_config_or_default
    from helpcoach.packs.library import load_library

    config, config_error = load_config_or_default()
    console.set_plain(config.plain)
    if config_error:
        console.warn(f"config ignored: {config_error}")
    library = load_library(config.disable)
    for broken in library.broken:
        console.warn(f"pack skipped: {broken}")
    return Session(config, library, config_error)


def check_choice(kind: str, value: str | None, valid: list[str], option: str) -> None:
    """Exit 2 when `value` is not one of `valid`, listing the valid ones."""
    if value is not None and value not in valid:
        raise UsageError(f"unknown {kind} '{value}' for {option}: use one of {', '.join(valid)}")
