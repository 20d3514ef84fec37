"""The two Rich consoles (stdout for results, stderr for hints) and the plain mode."""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

_plain = False


def set_plain(plain: bool) -> None:
    """Switch plain output on: no colour, no box drawing, one idea per line."""
    global _plain
    _plain = _plain or plain
    out.cache_clear()
    err.cache_clear()


def is_plain() -> bool:
    """True in plain mode (`--plain`, `plain: true` in the config)."""
    return _plain


def _make(stderr: bool) -> Console:
    from rich.console import Console

    no_color = _plain or "NO_COLOR" in os.environ
    return Console(
        stderr=stderr,
        no_color=no_color,
        highlight=False,
        emoji=False,
        color_system=None if no_color else "auto",
        soft_wrap=_plain,
    )  # plain: one idea, one line


@cache
def out() -> Console:
    """Console for results, on stdout."""
    return _make(stderr=False)


@cache
def err() -> Console:
    """Console for warnings, hints and reminders, on stderr."""
    return _make(stderr=True)


def hint(message: str) -> None:
    """One line on stderr that is never part of a command's result."""
    # In a terminal Rich folds at word boundaries; piped, a hint stays one line.
    stream = err()
    stream.print(message, markup=False, style=None if _plain else "dim", soft_wrap=not stream.is_terminal)


def warn(message: str) -> None:
    """A warning line on stderr."""
    # soft_wrap: one warning, one line (the terminal may fold it; Rich must not cut a PATH:LINE apart)
    err().print(f"helpcoach: warning: {message}", markup=False, style=None if _plain else "yellow", soft_wrap=True)


def print_json(document: object) -> None:
    """Write only the JSON document to stdout."""
    import json

    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def interactive() -> bool:
    """True when both stdin and stdout are terminals, so prompting is safe."""
    return sys.stdin.isatty() and sys.stdout.isatty()
