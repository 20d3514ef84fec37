"""Rendering a check-in: the summary before the questions, and the closing celebration and focus."""

from __future__ import annotations

from helpcoach.packs.library import Library
from helpcoach.store.checkins import Checkin, Summary
from helpcoach.ui import console

OUTCOME_WORDS = {
    "helped": "helped",
    "little": "helped a little",
    "not": "did not help",
    "skipped": "not answered",
    "unanswered": "not answered",
}


def strategy_title(library: Library, strategy_id: str | None) -> str:
    """A strategy's title, or its id when no loaded pack has it."""
    if strategy_id is None:
        return "none"
    strategy = library.strategies.get(strategy_id)
    return strategy.title if strategy else library.urgent_title(strategy_id) or strategy_id


def summary_lines(summary: Summary, library: Library) -> list[str]:
    """The summary as short lines, one idea each."""
    since = f"since your last check-in ({summary.since[:10]})" if summary.since else "in the last 7 days"
    lines = [f"Tough moments {since}: {summary.moments}"]
    if summary.moments:
        counts: dict[str, int] = {}
        for outcome, count in summary.outcomes.items():
            word = OUTCOME_WORDS.get(outcome, outcome)
            counts[word] = counts.get(word, 0) + count
        lines.append("How they went: " + ", ".join(f"{n} {word}" for word, n in counts.items()))
    if summary.best_strategy:
        times = "time" if summary.best_strategy_helped == 1 else "times"
        lines.append(f"Helped most: {strategy_title(library, summary.best_strategy)} ({summary.best_strategy_helped} {times})")
    lines.append(f"Practice cards: {summary.practice}")
    return lines


def show_summary(summary: Summary, library: Library) -> None:
    """The Rich summary shown before the check-in questions."""
    out = console.out()
    lines = summary_lines(summary, library)
    if console.is_plain():
        out.print("Your week so far", markup=False)
        for line in lines:
            out.print(line, markup=False)
        return
    from rich.panel import Panel
    from rich.text import Text

    out.print(Panel(Text("\n".join(lines)), title="Your week so far", title_align="left", expand=False))


def show_saved(entry: Checkin, celebration: str | None, library: Library) -> None:
    """The closing lines: a celebration, then the focus chosen for next week."""
    out = console.out()
    plain = console.is_plain()
    out.print("Check-in saved.", markup=False)
    if celebration:
        out.print(celebration, markup=False, style=None if plain else "bold green")
    if entry.focus:
        out.print(
            f"Your focus for next week: {strategy_title(library, entry.focus)}", markup=False, style=None if plain else "bold"
        )
        strategy = library.strategies.get(entry.focus)
        if strategy and strategy.why:
            out.print(strategy.why.strip(), markup=False, style=None if plain else "dim")
