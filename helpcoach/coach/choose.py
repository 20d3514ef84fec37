"""Choosing what to say: a pure ranking of strategies and phrases for one moment.

Give it the library, the situation and what the log knows about this family,
plus a random source; it returns every fitting (strategy, phrase) best first,
each with the reasons it was chosen, so tests can check the order exactly.

Scoring, in plain terms:
- strategies come from the packs written for the child's age (coach/ages.py), others only when none fits;
- a step-in response (unsafe above all) always comes first for its state;
- the check-in focus strategy is preferred where it fits;
- phrases for the child's age win over phrases for other ages;
- a phrase shown in the last few moments drops below every fresh one;
- outcomes count through a Beta(1, 1) prior: "helped" is a success, "a little"
  half of one, so 9 helped of 10 beats 1 of 1 (0.83 against 0.67);
- favourites get a lift, and now and then (EXPLORE of the time) a phrase the
  family has never rated is tried first so new phrases get their chance.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from helpcoach.coach import ages
from helpcoach.packs.library import Library
from helpcoach.packs.schema import Phrase, Strategy

EXPLORE = 0.1
STEP_IN = 100.0
FOCUS = 1.0
REASON_FIT = 0.5
FAVOURITE = 0.3
RECENT = -2.0
OTHER_AGE = -4.0
ORDER = 0.02  # pack order breaks near-ties: authors list the gentlest first
JITTER = 0.04  # a little variety between phrases that score the same


@dataclass(frozen=True)
class Family:
    """What the log knows about this child and parent."""

    age: int | None = None
    favorites: frozenset[str] = frozenset()
    outcomes: Mapping[str, tuple[int, int, int]] = field(default_factory=dict)
    recent: Sequence[str] = ()
    focus: str | None = None


@dataclass(frozen=True)
class Choice:
    """One strategy and phrase to offer, with why it was chosen."""

    strategy: Strategy
    phrase: Phrase
    why: tuple[str, ...]
    score: float


def outcome_score(counts: tuple[int, int, int] | None) -> float:
    """Posterior mean of helping under a Beta(1, 1) prior; 'a little' counts as half a success."""
    helped, little, not_helped = counts or (0, 0, 0)
    return (1 + helped + little / 2) / (2 + helped + little + not_helped)


def fits_age(phrase: Phrase, age: int | None) -> bool:
    """True when the phrase has no age range, the age is unknown, or the age is inside the range."""
    return age is None or phrase.ages is None or phrase.ages.min <= age <= phrase.ages.max


def _outcome_words(counts: tuple[int, int, int] | None) -> str | None:
    if not counts or sum(counts) == 0:
        return None
    helped, little, not_helped = counts
    total = helped + little + not_helped
    parts = [f"helped {helped} of {total} times"]
    if little:
        parts.append(f"a little {little}")
    return ", ".join(parts)


def rank_phrases(strategy: Strategy, family: Family, rng: random.Random) -> list[tuple[Phrase, float, tuple[str, ...]]]:
    """The strategy's phrases best first, each with its score and the reasons behind it."""
    ranked: list[tuple[Phrase, float, tuple[str, ...]]] = []
    recent = set(family.recent)
    for phrase in strategy.phrases:
        why: list[str] = []
        counts = family.outcomes.get(phrase.id)
        score = outcome_score(counts) + rng.random() * JITTER
        said = _outcome_words(counts)
        if said:
            why.append(f"it {said}")
        if phrase.id in family.favorites:
            score += FAVOURITE
            why.append("it is one of your favourites")
        if not fits_age(phrase, family.age):
            score += OTHER_AGE
            why.append("nothing closer to your child's age fits")
        elif phrase.ages is not None and family.age is not None:
            why.append(f"it is written for ages {phrase.ages.min} to {phrase.ages.max}")
        if phrase.id in recent:
            score += RECENT
            why.append("it was shown lately, but nothing fresher fits")
        ranked.append((phrase, score, tuple(why)))
    ranked.sort(key=lambda item: -item[1])
    return ranked


def _explore(
    ranked: list[tuple[Phrase, float, tuple[str, ...]]], family: Family, rng: random.Random
) -> list[tuple[Phrase, float, tuple[str, ...]]]:
    """Now and then move a fitting, unrated, not-recent phrase to the top."""
    if rng.random() >= EXPLORE:
        return ranked
    fresh = [
        i
        for i, (p, _, _) in enumerate(ranked)
        if i > 0 and p.id not in family.outcomes and p.id not in family.recent and fits_age(p, family.age)
    ]
    if not fresh:
        return ranked
    pick = ranked.pop(fresh[int(rng.random() * len(fresh))])
    phrase, _, why = pick
    return [(phrase, ranked[0][1] + 0.001, (*why, "it is new to you, so it gets a try")), *ranked]


def choose(library: Library, state: str, reason: str | None, family: Family, rng: random.Random) -> list[Choice]:
    """Every fitting (strategy, phrase), best first, grouped by strategy (best strategy first)."""
    term = library.states.get(state)
    reason_term = library.reasons.get(reason) if reason else None
    fit = ages.fit_age(library, family.age)
    family = replace(family, age=fit.use)
    step_in = ages.step_in_for(library, state, fit)
    # Every strategy for the state from the packs for the child's age, in pack order; the reason and focus lift some.
    fitting = [
        s
        for s in library.strategies.values()
        if s.audience == "child" and (state in s.states or (step_in and s.id == step_in.id))
    ]
    strategies = ages.prefer(fitting, library, fit)
    groups: list[tuple[float, list[Choice]]] = []
    for index, strategy in enumerate(strategies):
        why: list[str] = []
        bonus = -index * ORDER
        if step_in is not None and strategy.id == step_in.id:
            bonus += STEP_IN
            why.append(f"it is what to do first when: {term.label if term else state}")
        elif term is not None:
            why.append(f"it fits: {term.label}")
        if reason_term is not None and reason in strategy.reasons:
            bonus += REASON_FIT
            why.append(f"it speaks to: {reason_term.label}")
        if family.focus == strategy.id:
            bonus += FOCUS
            why.append("it is the focus you chose at your last check-in")
        ranked = _explore(rank_phrases(strategy, family, rng), family, rng)
        if not ranked:
            continue
        best = ranked[0][1]
        choices = [Choice(strategy, phrase, (*why, *reasons), bonus + score) for phrase, score, reasons in ranked]
        groups.append((bonus + best, choices))
    groups.sort(key=lambda group: -group[0])
    return [choice for _, choices in groups for choice in choices]


def pushback_choice(library: Library, rung: int, family: Family, rng: random.Random, shown: Sequence[str] = ()) -> Choice | None:
    """The next, gentler response when the child says no again (rung 0 first), or None past the ladder."""
    fit = ages.fit_age(library, family.age)
    ladder = ages.pushback_ladder(library, fit)
    if rung >= len(ladder):
        return None
    strategy = library.strategies.get(ladder[rung])
    if strategy is None:
        return None
    why = ("your child pushed back, so this is a gentler next step",)
    seen = Family(fit.use, family.favorites, family.outcomes, [*family.recent, *shown], family.focus)
    ranked = rank_phrases(strategy, seen, rng)
    if not ranked:
        return None
    phrase, score, reasons = ranked[0]
    return Choice(strategy, phrase, (*why, *reasons), score)


@dataclass(frozen=True)
class Answer:
    """What the answer screen and `now --json` show: one choice, personalized for the child."""

    state: str
    reason: str | None
    strategy_id: str
    title: str
    phrase_id: str
    text: str
    why: str
    do: tuple[str, ...]
    step_in: bool
    chosen_because: tuple[str, ...]
    moment_id: str | None = None

    def to_json(self) -> dict[str, object]:
        """The `now --json` document."""
        return {
            "strategy": {"id": self.strategy_id, "title": self.title},
            "phrase": {"id": self.phrase_id, "text": self.text},
            "why": self.why,
            "do": list(self.do),
            "step_in": self.step_in,
            "state": self.state,
            "reason": self.reason,
            "moment_id": self.moment_id,
        }


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (the one line of why)."""
    text = " ".join(text.split())
    cuts = [cut for cut in (text.find(". "), text.find("! "), text.find("? ")) if cut != -1]
    return text[: min(cuts) + 1] if cuts else text


def answer_for(choice: Choice, state: str, reason: str | None, child_name: str | None) -> Answer:
    """The answer for one choice, with {child} filled in (or dropped gracefully)."""
    from helpcoach.coach.personalize import personalize

    strategy = choice.strategy
    return Answer(
        state=state,
        reason=reason,
        strategy_id=strategy.id,
        title=strategy.title,
        phrase_id=choice.phrase.id,
        text=personalize(choice.phrase.text, child_name),
        why=first_sentence(strategy.why),
        do=tuple(strategy.steps[:3]),
        step_in=state in strategy.step_in_for,
        chosen_because=choice.why,
    )
