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


@cache
def _safe_console() -> type[Console]:
    """A Rich Console that strips forbidden characters from every piece of text it draws (the second wall)."""
    from collections.abc import Iterable

    from rich.console import Console
    from rich.segment import Segment

    from helpcoach.safe_text import strip

    class SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            # Rich's own cursor and screen controls are control segments; only text is stripped.
            return super()._render_buffer(s if s.control else Segment(strip(s.text), s.style) for s in buffer)

    return SafeConsole


def _make(stderr: bool) -> Console:
    no_color = _plain or "NO_COLOR" in os.environ
    return _safe_console()(
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

    from helpcoach.safe_text import escape_json

    sys.stdout.write(escape_json(json.dumps(document, ensure_ascii=not _utf8(sys.stdout), indent=2)) + "\n")
    sys.stdout.flush()


def _utf8(stream: object) -> bool:
    """True when `stream` encodes UTF-8 (else JSON goes out as ASCII with \\u escapes, still lossless)."""
    encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig")


def interactive() -> bool:
    """True when both stdin and stdout are terminals, so prompting is safe."""
    return sys.stdin is not None and sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty()
