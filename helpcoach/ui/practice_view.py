"""Rendering a practice session: the card, the feedback, the reveal and the summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpcoach.coach.practice_deck import Reveal
from helpcoach.ui import console


@dataclass(frozen=True)
class PracticeSummary:
    """What the session ends with."""

    done: int
    next_due: datetime | None
    days_this_month: int
    celebration: str | None


def _style(style: str) -> str | None:
    return None if console.is_plain() else style


def show_card(index: int, total: int, situation: str, moment: str) -> None:
    """The situation to respond to."""
    out = console.out()
    out.print()
    out.print(f"Card {index} of {total}: {moment}", markup=False, style=_style("bold cyan"))
    out.print(situation, markup=False)


def show_feedback(why: str, fits: bool) -> None:
    """Why the chosen phrase fits, or fits less well."""
    console.out().print(why, markup=False, style=_style("green" if fits else "yellow"))


def show_reveal(answer: str | None, reveals: list[Reveal]) -> None:
    """What the parent said, beside the strategies that fit, each with a model phrase and why."""
    out = console.out()
    out.print()
    out.print(
        f"You said: {answer}" if answer else "You said: (nothing typed, and that's fine)", markup=False, style=_style("bold")
    )
    out.print("What fits here:", markup=False, style=_style("bold"))
    for item in reveals:
        if console.is_plain():
            out.print(f"Strategy: {item.strategy.title}", markup=False)
            out.print(f"Try: {item.phrase}", markup=False)
            out.print(f"Why: {item.why}", markup=False)
            continue
        from rich.padding import Padding
        from rich.text import Text

        out.print(Padding(Text(f"- {item.strategy.title}", style="cyan"), (1, 0, 0, 0)))
        block = Text(f"\u201c{item.phrase}\u201d")
        block.append(f"\n{item.why}", style="italic dim")
        out.print(Padding(block, (0, 0, 0, 2)))


def due_words(due: datetime, now: datetime) -> str:
    """'today', 'tomorrow' or a short local date such as 'Tue 2 Dec'."""
    days = (due.astimezone().date() - now.astimezone().date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    local = due.astimezone()
    return f"{local:%a} {local.day} {local:%b}"


def show_summary(summary: PracticeSummary, now: datetime) -> None:
    """Cards done, when the next one is due, days practised this month, and a celebration."""
    out = console.out()
    out.print()
    out.print(f"Cards practised: {summary.done}", markup=False, style=_style("bold"))
    if summary.next_due is not None:
        out.print(f"Next card due: {due_words(summary.next_due, now)}", markup=False)
    days = summary.days_this_month
    out.print(f"Days practised this month: {days}", markup=False)
    if summary.celebration:
        out.print(summary.celebration, markup=False, style=_style("green"))
