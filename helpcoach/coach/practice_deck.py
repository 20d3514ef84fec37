"""Which scenario cards to practise, the four phrases of choose mode, and what each card reveals."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

import msgspec

from helpcoach.coach.ages import fit_age, prefer
from helpcoach.coach.hurry import hurry_word
from helpcoach.coach.personalize import personalize
from helpcoach.coach.placement import placement
from helpcoach.coach.schedule import CardState, is_due
from helpcoach.packs.library import Library
from helpcoach.packs.schema import Ages, Phrase, Scenario, Strategy

OPTIONS = 4


@dataclass(frozen=True)
class Card:
    """A scenario to practise, with its place in the schedule (None when it is new)."""

    scenario: Scenario
    state: CardState | None

    @property
    def box(self) -> int:
        """The card's Leitner box; 0 for a new card."""
        return self.state.box if self.state else 0


@dataclass(frozen=True)
class Option:
    """One phrase offered in choose mode."""

    phrase_id: str
    text: str
    strategy: Strategy
    fits: bool


@dataclass(frozen=True)
class Reveal:
    """A strategy that fits the scenario, with a model phrase and why it helps."""

    strategy: Strategy
    phrase: str
    why: str


def fits_age(ages: Ages | None, age: int | None) -> bool:
    """True when no age is known, or no range is given, or the age is inside it."""
    return ages is None or age is None or ages.min <= age <= ages.max


def choose_cards(
    library: Library,
    states: dict[str, CardState],
    count: int,
    *,
    strategy_id: str | None = None,
    age: int | None = None,
    now: datetime | None = None,
) -> list[Card]:
    """Up to `count` cards: due ones first (longest overdue first), then new ones in pack order."""
    now = now or datetime.now(UTC)
    pool = [
        s for s in library.scenarios.values() if fits_age(s.ages, age) and (strategy_id is None or strategy_id in s.strategies)
    ]
    due = sorted(
        (Card(s, states[s.id]) for s in pool if s.id in states and is_due(states[s.id], now)),
        key=lambda c: c.state.due_at if c.state else now,
    )
    new = [Card(s, None) for s in pool if s.id not in states]
    return (due + new)[:count]


def next_due(states: dict[str, CardState]) -> datetime | None:
    """The earliest due time among practised scenarios."""
    return min((s.due_at for s in states.values()), default=None)


def phrases_for_age(strategy: Strategy, age: int | None) -> list[Phrase]:
    """The strategy's phrases that fit the age (all of them if none fit)."""
    return [p for p in strategy.phrases if fits_age(p.ages, age)] or list(strategy.phrases)


def model_phrase(strategy: Strategy, age: int | None, favorites: set[str] | frozenset[str] = frozenset()) -> Phrase | None:
    """The phrase to show as a model: a favourite if there is one, else the first that fits the age."""
    fitting = phrases_for_age(strategy, age)
    return next((p for p in fitting if p.id in favorites), fitting[0] if fitting else None)


def placed(library: Library, scenario: Scenario, strategy: Strategy) -> Strategy:
    """The strategy with only the phrases that fit the scenario's moment (a hurry, when its words say so).

    A strategy kept out of the moment as a whole (a story for bedtime, say) keeps all its phrases: the
    scenario chose it for a calm time.
    """
    place = placement(library.placement, scenario.state, hurry_word(library, scenario.text) is not None)
    kept = [p for p in strategy.phrases if place.allows(strategy, p)]
    return msgspec.structs.replace(strategy, phrases=kept) if kept else strategy


def reveal(
    library: Library,
    scenario: Scenario,
    *,
    age: int | None = None,
    child: str | None = None,
    favorites: set[str] | frozenset[str] = frozenset(),
) -> list[Reveal]:
    """The fitting strategies of a scenario, each with a model phrase and its why."""
    shown = []
    for strategy_id in scenario.strategies:
        found = library.strategies.get(strategy_id)
        strategy = placed(library, scenario, found) if found else None
        phrase = model_phrase(strategy, age, favorites) if strategy else None
        if strategy and phrase:
            shown.append(Reveal(strategy, personalize(phrase.text, child), strategy.why))
    return shown


def choose_options(
    library: Library, scenario: Scenario, rng: random.Random, *, age: int | None = None, child: str | None = None
) -> list[Option]:
    """Four phrases in random order: one from a strategy that fits, three from strategies that fit less well."""
    fitting = [
        placed(library, scenario, library.strategies[s])
        for s in scenario.strategies
        if s in library.strategies and library.strategies[s].phrases and library.strategies[s].audience == "child"
    ]
    others = [s for s in library.strategies.values() if s.id not in scenario.strategies and s.phrases and s.audience == "child"]
    others = prefer(others, library, fit_age(library, age))  # the wrong answers too come from packs for this age
    if not fitting or not others:
        return []
    good = rng.choice(fitting)
    options = [_option(good, rng, age, child, fits=True)]
    for strategy in rng.sample(others, min(OPTIONS - 1, len(others))):
        options.append(_option(strategy, rng, age, child, fits=False))
    rng.shuffle(options)
    return options


def _option(strategy: Strategy, rng: random.Random, age: int | None, child: str | None, *, fits: bool) -> Option:
    phrase = rng.choice(phrases_for_age(strategy, age))
    return Option(phrase.id, personalize(phrase.text, child), strategy, fits)


def why_choice(library: Library, scenario: Scenario, option: Option) -> str:
    """Why the chosen phrase fits this scenario, or why it fits less well."""
    strategy = option.strategy
    if option.fits:
        return f"That fits. {strategy.title}: {strategy.why}"
    here = library.states[scenario.state].label if scenario.state in library.states else scenario.state
    best = "; ".join(library.strategies[s].title for s in scenario.strategies if s in library.strategies)
    if scenario.state in strategy.states:
        return f"{strategy.title} can help too, but these fit this moment better: {best}."
    meant = [library.states[s].label for s in (strategy.step_in_for or strategy.states) if s in library.states]
    when = f" is meant for moments like: {'; '.join(meant)}." if meant else " is meant for other moments."
    return f"That one fits less well. {strategy.title}{when} This moment: {here}. These fit better: {best}."
