"""Rendering one pack for `packs show`."""

from __future__ import annotations

from typing import Any

from helpcoach.ui import console


def show_pack(detail: dict[str, Any]) -> None:
    """Print a pack's strategies with their phrases, then its counts."""
    out = console.out()
    plain = console.is_plain()
    ages = f"ages {detail['ages']['min']}-{detail['ages']['max']}"
    out.print(
        f"{detail['name']} ({detail['id']} {detail['version']}, {detail['language']}, {ages})",
        markup=False,
        style=None if plain else "bold",
    )
    if detail.get("description"):
        out.print(detail["description"], markup=False)
    for strategy in detail["strategies"]:
        out.print()
        out.print(f"{strategy['title']}  [{strategy['id']}]", markup=False, style=None if plain else "bold cyan")
        out.print(strategy["why"], markup=False, style=None if plain else "italic")
        for phrase in strategy["phrases"]:
            out.print(f"  - {phrase['text']}  ({phrase['id']})", markup=False)
    out.print()
    out.print(f"{len(detail['celebrations'])} celebration lines, {len(detail['scenarios'])} practice scenarios.", markup=False)
