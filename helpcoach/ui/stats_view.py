"""Drawing `helpcoach stats`: bars and sparklines that read at 80 columns, with NO_COLOR and in plain mode."""

from __future__ import annotations

from helpcoach.packs.library import Library
from helpcoach.store.stats import Stats
from helpcoach.ui import console
from helpcoach.ui.checkin_view import strategy_title

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 20


def sparkline(values: list[float | None]) -> str:
    """One character per value, scaled to the largest; a gap for missing values."""
    known = [v for v in values if v is not None]
    top = max(known, default=0) or 1
    return "".join(" " if v is None else SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1)))] for v in values)


def bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of at most `width` cells."""
    cells = round(value / top * width) if top else 0
    return "█" * cells + "·" * (width - cells)


def stats_lines(stats: Stats, library: Library) -> list[tuple[str, str | None]]:
    """Plain-text lines with a style each (None in plain mode), shared by the terminal and the report."""
    plain = console.is_plain()
    lines: list[tuple[str, str | None]] = []
    weeks = stats.weeks
    lines.append((f"The last {len(weeks)} weeks", None if plain else "bold"))
    if not plain:
        lines.append((f"  tough moments  {sparkline([float(w.moments) for w in weeks])}", None))
        lines.append((f"  went well      {sparkline([w.share_well for w in weeks])}", "green"))
        lines.append((f"  week felt      {sparkline([w.rating for w in weeks])}", "cyan"))
    top = max((w.moments for w in weeks), default=0)
    for week in weeks:
        rating = f"check-in {week.rating:g}/5" if week.rating is not None else "no check-in"
        well = f"{week.went_well} of {week.rated} rated went well" if week.rated else "none rated"
        if plain:
            lines.append((f"Week of {week.start}: {week.moments} tough moments; {well}; {rating}", None))
        else:
            lines.append((f"  {week.start}  {bar(week.moments, top)} {week.moments:>4}  {well:<23} {rating}", None))
    weeks_word = "week" if stats.streak == 1 else "weeks"
    lines.append((f"Check-in streak: {stats.streak} {weeks_word} in a row", None if plain else "bold"))
    if stats.strategies:
        lines.append(("What helped most (cautious ranking: more tries count for more)", None if plain else "bold"))
        for score in stats.strategies[:8]:
            title = strategy_title(library, score.strategy_id)
            counts = f"{score.helped} of {score.tried} helped"
            if plain:
                lines.append((f"{title}: {counts}", None))
            else:
                lines.append((f"  {title[:30]:<30} {bar(score.lower_bound, 1.0, 12)} {counts}", None))
    else:
        lines.append(("No strategy outcomes recorded in these weeks yet.", None))
    return lines


def show_stats(stats: Stats, library: Library) -> None:
    """Print the stats charts on stdout."""
    out = console.out()
    for text, style in stats_lines(stats, library):
        out.print(text, markup=False, style=style, overflow="fold")
