"""The process's edges: closed or narrow standard streams, signals, and the terminal left as found.

- A closed stdin, stdout or stderr (`helpcoach now <&-`) is filled with /dev/null
  so no file we open later lands on descriptor 0, 1 or 2; reading a closed stdin
  is a usage error, writing to a closed stdout an error that says so.
- A stdout or stderr that cannot encode everything (`LC_ALL=C`, latin-1) gets
  ASCII punctuation instead of a crash: curly quotes become straight ones.
- SIGTERM and SIGHUP end the run the way Ctrl-C does: the terminal is restored
  (cursor shown, not raw), nothing is saved, exit 130.
"""

from __future__ import annotations

import codecs
import errno
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from helpcoach.errors import UsageError

FALLBACK = "helpcoach-ascii"
_ASCII = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2022": "*",
    "\u25cf": "o",
    "\u00b7": ".",
    "\u2605": "*",
    "\u2192": "->",
    "\u2502": "|",
    "\u2500": "-",
    # the sparkline's eighth blocks, lowest to full
    "\u2581": "_",
    "\u2582": "_",
    "\u2583": ".",
    "\u2584": "-",
    "\u2585": "-",
    "\u2586": "=",
    "\u2587": "#",
    "\u2588": "#",
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: ASCII punctuation for typographic marks, the letter without its accent, else '?'."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    out = []
    for char in error.object[error.start : error.end]:
        if char in _ASCII:
            out.append(_ASCII[char])
            continue
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        out.append(base or "?")
    return "".join(out), error.end


codecs.register_error(FALLBACK, _fallback)


class ClosedStream:
    """Stands in for a stdout that was closed: any write is an OSError (EBADF) that entry.main reports."""

    encoding = "utf-8"
    errors = "strict"
    closed_at_start = True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> ClosedStream:
        return self


def guard_streams() -> None:
    """Fill closed descriptors 0-2, stand in for a closed stdout, and make narrow encodings fall back."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            filler = os.open(os.devnull, os.O_RDWR)
            if filler != fd:  # only when a lower descriptor was free too; then put it where it belongs
                os.dup2(filler, fd)
                os.close(filler)
    if sys.stdout is None:
        sys.stdout = ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding and not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=FALLBACK)


def stdin_bytes(limit: int, instead: str) -> bytes:
    """Up to `limit` bytes of stdin; a usage error when stdin is closed (`<&-`)."""
    stdin = sys.stdin
    if stdin is None or getattr(stdin, "buffer", None) is None:
        raise UsageError(f"standard input is closed: {instead}")
    try:
        return bytes(stdin.buffer.read(limit))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read standard input ({exc}): {instead}") from exc


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C (not a KeyboardInterrupt, so no pause swallows it)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


_prompting: list[Any] = []  # the prompt_toolkit Application on screen, if any


@contextmanager
def while_prompting(app: Any) -> Iterator[None]:
    """Mark `app` (a prompt_toolkit Application) as on screen: a signal then ends it through its own loop."""
    _prompting.append(app)
    try:
        yield
    finally:
        _prompting.remove(app)


def _end_prompt(app: Any, signum: int) -> None:
    future = getattr(app, "future", None)
    if app.is_running and future is not None and not future.done():
        app.exit(exception=Terminated(signum))


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    # Raising inside prompt_toolkit's event loop would only be logged there: ask the prompt to end
    # itself instead (it restores the terminal on the way out) and wake its loop.
    app = _prompting[-1] if _prompting else None
    loop = getattr(app, "loop", None)
    if app is not None and loop is not None and getattr(app, "is_running", False):
        loop.call_soon_threadsafe(_end_prompt, app, signum)
        return
    raise Terminated(signum)


@contextmanager
def signals_unwind() -> Iterator[None]:
    """While running, SIGTERM and SIGHUP raise Terminated; the old handlers come back afterwards."""
    saved: dict[int, Any] = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                saved[number] = signal.signal(number, _raise_terminated)
    except ValueError:  # not the main thread: leave the defaults alone
        saved.clear()
    _remember_terminal()
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


_terminal: dict[str, Any] = {}


def _remember_terminal() -> None:
    """Keep stdin's terminal settings, to put them back after an interruption."""
    _terminal.clear()
    try:
        if sys.stdin is not None and sys.stdin.isatty():
            import termios

            _terminal["fd"] = sys.stdin.fileno()
            _terminal["attrs"] = termios.tcgetattr(_terminal["fd"])
    except (OSError, ValueError, ImportError):
        _terminal.clear()


def restore_terminal() -> None:
    """After an interruption: terminal settings as they were, cursor shown, bracketed paste off."""
    if "attrs" in _terminal:
        try:
            import termios

            termios.tcsetattr(_terminal["fd"], termios.TCSADRAIN, _terminal["attrs"])
        except (OSError, ValueError, ImportError):
            pass
    stdout = sys.stdout
    try:
        if stdout is not None and stdout.isatty():
            stdout.write("\x1b[?25h\x1b[?2004l")  # our own controls, never user text
            stdout.flush()
    except (OSError, ValueError):
        pass
