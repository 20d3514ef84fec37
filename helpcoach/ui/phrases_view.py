"""Rendering `helpcoach phrases`: phrases grouped by strategy, favourites marked."""

from __future__ import annotations

from helpcoach.coach.search import StrategyGroup
from helpcoach.ui import console

STAR = "★"


def show_groups(groups: list[StrategyGroup]) -> None:
    """Each strategy's title and why, then its phrases (favourites first, marked)."""
    out = console.out()
    plain = console.is_plain()
    if plain:
        for group in groups:
            out.print(f"Strategy: {group.strategy.title} ({group.strategy.id})", markup=False)
            out.print(f"Why: {group.strategy.why}", markup=False)
            for phrase in group.phrases:
                mark = ", favourite" if phrase.favorite else ""
                out.print(f"Phrase: {phrase.text} ({phrase.id}{mark})", markup=False)
            out.print()
        return
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    for index, group in enumerate(groups):
        if index:
            out.print()
        title = Text(group.strategy.title, style="bold cyan")
        title.append(f"  {group.strategy.id}", style="dim")
        out.print(title)
        out.print(Padding(Text(group.strategy.why, style="italic"), (0, 0, 0, 2)))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1, style="yellow")
        grid.add_column()
        for phrase in group.phrases:
            line = Text(phrase.text)
            line.append(f"  {phrase.id}", style="dim")
            grid.add_row(STAR if phrase.favorite else "-", line)
        out.print(Padding(grid, (0, 0, 0, 2)))


def show_empty(what: str) -> None:
    """A gentle line when nothing matched, with where to look next."""
    console.out().print(f"No phrases {what}.", markup=False)
    console.hint("See every phrase with: helpcoach phrases")
