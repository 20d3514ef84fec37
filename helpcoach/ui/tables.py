"""Tables that read well in colour, with NO_COLOR, and in plain mode (no box drawing)."""

from __future__ import annotations

from collections.abc import Sequence

from helpcoach.ui import console


def show_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print rows as a Rich table; in plain mode, or when the columns would not fit, one "column: value; ..." line per row."""
    out = console.out()
    natural = sum(max([len(c), *(len(str(row[i])) for row in rows)]) + 3 for i, c in enumerate(columns))
    if console.is_plain() or natural > out.width:  # too narrow for columns: one row, one line, nothing cut
        out.print(title, markup=False)
        for row in rows:
            out.print("; ".join(f"{c}: {v}" for c, v in zip(columns, row, strict=True)), markup=False)
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title), box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(v)) for v in row))  # Text: a child named "[b]Bo[/b]" is not markup
    out.print(table)
