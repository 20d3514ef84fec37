"""Packs that know their ages: which packs speak to a child of a given age.

Pure functions over the library. A child's age picks the packs whose `ages`
include it; content from other packs is used only when nothing there fits.
A child with no age gets what the first pack (the bundled core pack) is for,
as before packs knew their ages. An age outside every pack is answered from
the nearest pack, with a one-line notice saying which ages the packs cover.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from helpcoach.packs.library import Library
from helpcoach.packs.schema import Ages, Strategy, Term

T = TypeVar("T")


@dataclass(frozen=True)
class AgeFit:
    """Which packs to prefer for a child, and the age to choose content for."""

    age: int | None  # the child's age as known
    use: int | None  # the age content is chosen for: the child's, or the nearest a pack covers
    packs: frozenset[str]  # ids of the packs to prefer
    notice: str | None = None  # one line when the age is outside every pack

    @property
    def outside(self) -> bool:
        """True when no pack covers the child's age."""
        return self.notice is not None


def span(ages: Ages) -> str:
    """'3-8' for an age range."""
    return f"{ages.min}-{ages.max}"


def covered(library: Library) -> str:
    """Which ages the loaded packs cover: 'core 3-8, older 9-12'."""
    return ", ".join(f"{p.pack.id} {span(p.pack.ages)}" for p in library.packs)


def _distance(ages: Ages, age: int) -> int:
    return max(ages.min - age, age - ages.max, 0)


def fit_age(library: Library, age: int | None) -> AgeFit:
    """The packs that speak to a child of `age` (None: what the first pack is for)."""
    packs = [p.pack for p in library.packs]
    if not packs:
        return AgeFit(age, age, frozenset())
    if age is None:
        first = packs[0].ages
        near = [p.id for p in packs if p.ages.min <= first.max and first.min <= p.ages.max]
        return AgeFit(None, None, frozenset(near))
    inside = [p.id for p in packs if p.ages.min <= age <= p.ages.max]
    if inside:
        return AgeFit(age, age, frozenset(inside))
    best = min(_distance(p.ages, age) for p in packs)
    nearest = [p for p in packs if _distance(p.ages, age) == best]
    use = min(max(age, nearest[0].ages.min), nearest[0].ages.max)
    names = " and ".join(f"{p.id} ({span(p.ages)})" for p in nearest)
    notice = f"No installed pack is written for age {age} (they cover {covered(library)}), so this uses the nearest: {names}."
    return AgeFit(age, use, frozenset(p.id for p in nearest), notice)


def prefer(strategies: Iterable[Strategy], library: Library, fit: AgeFit) -> list[Strategy]:
    """The strategies from the preferred packs, in order; all of them when none of those is there."""
    every = list(strategies)
    if not fit.packs:
        return every
    mine = [s for s in every if library.strategy_pack.get(s.id) in fit.packs]
    return mine or every


def step_in_for(library: Library, state: str, fit: AgeFit, picked: str | None = None) -> Strategy | None:
    """The step-in strategy for `state`: the one the parent's words picked, else from a preferred pack when one
    has it, the first with no words of its own (see Library.step_in_for)."""
    marked = [s for s in library.strategies.values() if state in s.step_in_for]
    chosen = next((s for s in marked if s.id == picked), None)
    mine = prefer(marked, library, fit)
    return chosen or next((s for s in mine if not s.words), mine[0] if mine else None)


def pushback_ladder(library: Library, fit: AgeFit) -> list[str]:
    """The pushback ladder of the first preferred pack that has one, else the library's."""
    for loaded in library.packs:
        pack = loaded.pack
        if pack.id in fit.packs and pack.pushback and all(s in library.strategies for s in pack.pushback):
            return list(pack.pushback)
    return list(library.pushback)


def reasons_for(library: Library, fit: AgeFit) -> list[Term]:
    """The reasons to offer: those used by the preferred packs' strategies (all when none is)."""
    used = {r for s in prefer(library.strategies.values(), library, fit) for r in s.reasons}
    return [t for t in library.reasons.values() if t.id in used] or list(library.reasons.values())


_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve"
NUMBER_WORDS = {word: n for n, word in enumerate(f"{_NUMBERS} thirteen fourteen fifteen sixteen seventeen eighteen".split())}
_STATED_AGE = re.compile(
    r"\b(?:(?P<article>an?|your|the|their)\s+)?(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")-year-old\b",
    re.IGNORECASE,
)


def stated_ages(text: str) -> list[int]:
    """The ages a text states, like 'five-year-old' or '10-year-old'."""
    return [_number(m.group("n")) for m in _STATED_AGE.finditer(text)]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def scenario_text(text: str, age: int | None) -> str:
    """A scenario's text that never states an age other than the child's: 'Your five-year-old' becomes 'Your child'."""
    if age is None:
        return text

    def fix(match: re.Match[str]) -> str:
        if _number(match.group("n")) == age:
            return match.group(0)
        article = match.group("article")
        if article is None:
            return "child"
        if article.lower() in ("a", "an"):
            return ("A" if article[0].isupper() else "a") + " child"
        return f"{article} child"

    return _STATED_AGE.sub(fix, text)


def keep_for_age(items: list[T], strategy_of: Callable[[T], str], library: Library, fit: AgeFit) -> list[T]:
    """Items whose strategy comes from a preferred pack; all of them when none does (no age: all)."""
    if fit.age is None or not fit.packs:
        return items
    mine = [item for item in items if library.strategy_pack.get(strategy_of(item)) in fit.packs]
    return mine or items
