"""Every interactive question goes through here (questionary, imported only when a prompt shows).

Ctrl-C becomes Interrupted (exit 130, nothing saved). Tests drive the real
prompts by handing prompt_toolkit pipe input and a dummy output to `use_io`.
"""

from __future__ import annotations

import os
import select as io_select
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from helpcoach.errors import Interrupted, UsageError
from helpcoach.safe_text import refusal, strip
from helpcoach.ui import console

T = TypeVar("T")
_io: dict[str, Any] = {}


@contextmanager
def use_io(input: Any, output: Any) -> Iterator[None]:
    """Route every prompt through the given prompt_toolkit input and output (for tests)."""
    _io.update(input=input, output=output)
    try:
        yield
    finally:
        _io.clear()


def can_prompt() -> bool:
    """True when prompting is safe: both ends are a terminal, or tests supplied pipe input."""
    return bool(_io) or console.interactive()


def require_terminal(instead: str) -> None:
    """Exit 2 with the options to use when there is no terminal to ask in."""
    if not can_prompt():
        raise UsageError(f"no terminal to ask questions in: {instead}")


def _look() -> dict[str, Any]:
    """Settings every prompt shares: the tests' pipe input, and no colour in plain mode."""
    settings = dict(_io)
    if console.is_plain():
        from prompt_toolkit.output import ColorDepth

        settings["color_depth"] = ColorDepth.DEPTH_1_BIT
    return settings


def _ask(question: Any) -> Any:
    from helpcoach.process import while_prompting

    try:
        with while_prompting(question.application):
            answer = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError) as exc:
        raise Interrupted() from exc
    return answer


def select(message: str, choices: Sequence[tuple[str, T]], default: T | None = None) -> T:
    """One choice from a list, by arrow keys and Enter (or the shortcut number)."""
    import shutil

    import questionary

    width = shutil.get_terminal_size().columns
    message = fit_message(strip(message), width)
    shortcuts = len(choices) <= 9
    indent = 6 if shortcuts else 5  # past " » 1) " or " » ", so a continuation never looks like a choice
    items = [questionary.Choice(wrap_choice(strip(title), indent, width), value=value) for title, value in choices]
    longest = max((len(str(item.title).split("\n")[0]) for item in items), default=0)
    if len(message.split("\n")[-1]) + 3 + longest > width:
        message += "\n"  # the answer goes under the question instead of being cut at the edge
    chosen = next((c for c in items if c.value == default), None)
    return _ask(
        questionary.select(message, choices=items, default=chosen, use_shortcuts=shortcuts, qmark="?", instruction=" ", **_look())
    )


def wrap_choice(title: str, indent: int, width: int) -> str:
    """A choice title folded to the terminal width (prompt_toolkit would cut it), continuation lines indented."""
    import textwrap

    lines = textwrap.wrap(" ".join(title.split()), max(20, width - indent - 1)) or [title]
    return ("\n" + " " * indent).join(lines)


def fit_message(message: str, width: int | None = None) -> str:
    """A question folded to the terminal width (prompt_toolkit would cut it at the edge)."""
    import shutil
    import textwrap

    width = width or shutil.get_terminal_size().columns
    if len(message) + 3 <= width:
        return message
    return "\n  ".join(textwrap.wrap(" ".join(message.split()), max(20, width - 3)))


def text(message: str, default: str = "", instruction: str | None = None) -> str:
    """A line of text (Enter alone gives `default`)."""
    import questionary

    question = questionary.text(
        fit_message(strip(message)), default=default, instruction=instruction, qmark="?", validate=_typed, **_look()
    )
    return str(_ask(question)).strip()


def _typed(answer: str) -> bool | str:
    """Refuse a typed or pasted control character, bidi control or invisible character (the prompt stays open)."""
    problem = refusal(answer)
    return True if problem is None else f"This answer {problem}."


def confirm(message: str, default: bool = False) -> bool:
    """A yes/no question."""
    import questionary

    return bool(_ask(questionary.confirm(fit_message(strip(message)), default=default, qmark="?", **_look())))


@contextmanager
def key_watch() -> Iterator[Callable[[float], bool]]:
    """Yield `wait(seconds) -> bool`: True as soon as any key is pressed (for pauses any key skips).

    Reads the tests' pipe input when set (leaving later keys for the next prompt),
    else the terminal in cbreak mode, restored on the way out.
    """
    source = _io.get("input")
    if source is not None:
        yield lambda seconds: _pipe_key(source, seconds)
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield lambda seconds: _fd_key(fd, seconds)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _pipe_key(source: Any, seconds: float) -> bool:
    from prompt_toolkit.input.typeahead import get_typeahead, store_typeahead

    keys = get_typeahead(source)
    if not keys:
        if not io_select.select([source.fileno()], [], [], seconds)[0]:
            return False
        keys = source.read_keys()
    store_typeahead(source, keys[1:])
    return bool(keys)


def _fd_key(fd: int, seconds: float) -> bool:
    if not io_select.select([fd], [], [], seconds)[0]:
        return False
    os.read(fd, 64)
    return True
