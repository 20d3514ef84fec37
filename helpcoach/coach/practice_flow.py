"""The practice loop: show a card, take the parent's words or choice, reveal, rate, save, next.

Each rated card is saved as soon as it is rated, so Ctrl-C keeps the cards
already rated and loses only the one on screen.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from helpcoach.coach.ages import scenario_text
from helpcoach.coach.practice_deck import Card, choose_options, reveal, why_choice
from helpcoach.coach.schedule import CardState, Rating, next_state
from helpcoach.errors import Interrupted
from helpcoach.packs.library import Library

Mode = Literal["say", "choose"]
RATING_CHOICES: list[tuple[str, Rating]] = [
    ("Again: I'd like another go soon", "again"),
    ("Hard: the words came slowly", "hard"),
    ("Good: the words came", "good"),
    ("Easy: the words came easily", "easy"),
]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RatedCard:
    """A card the parent answered and rated, with where the schedule puts it next."""

    card: Card
    mode: Mode
    answer: str | None
    rating: Rating
    state: CardState


@dataclass
class PracticeSetup:
    """Everything one session needs besides the cards."""

    library: Library
    mode: Mode = "say"
    age: int | None = None
    child: str | None = None
    favorites: set[str] = field(default_factory=set)
    rng: random.Random = field(default_factory=random.Random)
    clock: Callable[[], datetime] = _utc_now


def run_practice(setup: PracticeSetup, cards: list[Card], save: Callable[[RatedCard], None]) -> list[RatedCard]:
    """Practise each card in turn, calling `save` as soon as a card is rated; return the rated cards."""
    rated: list[RatedCard] = []
    try:
        for index, card in enumerate(cards, 1):
            done = practise_card(setup, card, index, len(cards))
            save(done)
            rated.append(done)
    except (Interrupted, KeyboardInterrupt) as exc:
        if rated:
            kept = f"{len(rated)} rated card{'s' if len(rated) != 1 else ''}"
            raise Interrupted(f"practice stopped: {kept} kept, the card on screen was not saved.") from exc
        raise Interrupted() from exc
    return rated


def practise_card(setup: PracticeSetup, card: Card, index: int, total: int) -> RatedCard:
    """One card: situation, answer (typed or chosen), reveal, rating."""
    from helpcoach.ui import practice_view, prompts

    library, scenario = setup.library, card.scenario
    moment = library.states[scenario.state].label if scenario.state in library.states else scenario.state
    practice_view.show_card(index, total, scenario_text(scenario.text, setup.age), moment)
    options = choose_options(library, scenario, setup.rng, age=setup.age, child=setup.child) if setup.mode == "choose" else []
    mode: Mode = "choose" if options else "say"
    if options:
        picked = options[prompts.select("Which would you say?", [(o.text, i) for i, o in enumerate(options)])]
        answer: str | None = picked.text
        practice_view.show_feedback(why_choice(library, scenario, picked), picked.fits)
    else:
        answer = prompts.text("What would you say?", instruction="(type it, or press Enter to just think it)") or None
    practice_view.show_reveal(answer, reveal(library, scenario, age=setup.age, child=setup.child, favorites=setup.favorites))
    rating: Rating = prompts.select("How ready did you feel?", RATING_CHOICES, default="good")
    return RatedCard(card, mode, answer, rating, next_state(card.box, rating, setup.clock()))
