"""Ids turned back into the words a parent reads, from the loaded packs."""

from __future__ import annotations

from collections.abc import Callable

from helpcoach.coach.personalize import personalize
from helpcoach.packs.library import Library


def namer(library: Library) -> Callable[[str, str], str]:
    """A function (kind, id) -> title, label or text; an id the packs no longer know stays as it is."""

    def name(kind: str, key: str) -> str:
        if kind == "strategy" and key in library.strategies:
            return library.strategies[key].title
        if kind in ("strategy", "phrase") and library.urgent_title(key):
            return library.urgent_title(key) or key
        if kind == "phrase" and key in library.phrases:
            return personalize(library.phrases[key][0].text, None)
        if kind == "scenario" and key in library.scenarios:
            return library.scenarios[key].text
        if kind == "state" and key in library.states:
            return library.states[key].label
        if kind == "reason" and key in library.reasons:
            return library.reasons[key].label
        return key

    return name
