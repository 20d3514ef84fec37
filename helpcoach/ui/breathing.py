"""A guided breathing pause for the parent (about 30 seconds), drawn with Rich Live.

Any key, or Ctrl-C, ends it early: the pause is for the parent, never a trap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from helpcoach.ui import console

if TYPE_CHECKING:
    from rich.panel import Panel

SECONDS = 30.0
TICK = 0.25
# One breath: in for 4 seconds, out for 6 (a longer out-breath calms).
PHASES: tuple[tuple[str, float], ...] = (("Breathe in slowly", 4.0), ("Breathe out, long and slow", 6.0))
CYCLE = sum(length for _, length in PHASES)

WaitKey = Callable[[float], bool]


def phase_at(elapsed: float) -> tuple[str, float]:
    """The breathing phase at `elapsed` seconds, and how far through it (0 to 1)."""
    into = elapsed % CYCLE
    for label, length in PHASES:
        if into < length:
            return label, into / length
        into -= length
    return PHASES[-1][0], 1.0


def breathe(wait_key: WaitKey, seconds: float = SECONDS, clock: Callable[[], float] = time.monotonic) -> bool:
    """Run the pause; True when it ran to the end, False when a key or Ctrl-C skipped it."""
    try:
        if console.is_plain():
            return _plain(wait_key, seconds, clock)
        return _live(wait_key, seconds, clock)
    except KeyboardInterrupt:
        return False


def _plain(wait_key: WaitKey, seconds: float, clock: Callable[[], float]) -> bool:
    out = console.out()
    out.print("A moment for you. Any key ends it.", markup=False, soft_wrap=True)
    start = clock()
    said = ""
    while (elapsed := clock() - start) < seconds:
        label, _ = phase_at(elapsed)
        if label != said:
            out.print(f"{label}.", markup=False, soft_wrap=True)
            said = label
        if wait_key(TICK):
            return False
    out.print("Well done. You are ready.", markup=False, soft_wrap=True)
    return True


def _frame(elapsed: float, seconds: float) -> Panel:
    from rich.panel import Panel
    from rich.text import Text

    label, progress = phase_at(elapsed)
    width = 20
    filled = round(progress * width) if label.startswith("Breathe in") else round((1 - progress) * width)
    body = Text(justify="center")
    body.append(f"{label}\n\n", style="bold")
    body.append("\u25cf" * filled + "\u00b7" * (width - filled) + "\n\n", style="cyan")
    body.append(f"{max(0, round(seconds - elapsed))} s left. Any key ends it.", style="dim")
    return Panel(body, title="A moment for you", border_style="cyan", expand=False, padding=(1, 2))


def _live(wait_key: WaitKey, seconds: float, clock: Callable[[], float]) -> bool:
    from rich.live import Live

    start = clock()
    with Live(_frame(0.0, seconds), console=console.out(), auto_refresh=False, transient=True) as live:
        while (elapsed := clock() - start) < seconds:
            live.update(_frame(elapsed, seconds), refresh=True)
            if wait_key(TICK):
                return False
    console.out().print("Well done. You are ready.", markup=False)
    return True
