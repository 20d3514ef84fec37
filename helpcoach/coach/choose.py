"""Choosing what to say: a pure ranking of strategies and phrases for one moment.

Give it the library, the situation and what the log knows about this family,
plus a random source; it returns every fitting (strategy, phrase) best first,
each with the reasons it was chosen, so tests can check the order exactly.

Scoring, in plain terms:
- strategies come from the packs written for the child's age (coach/ages.py), others only when none fits;
- a step-in response (unsafe above all) always comes first for its state;
- the check-in focus strategy is preferred where it fits;
- phrases for the child's age win over phrases for other ages, and phrases
  written only for younger children are left out while anything else fits;
- a phrase shown in the last few moments drops below every fresh one;
- outcomes count through a Beta(1, 1) prior: "helped" is a success, "a little"
  half of one, so 9 helped of 10 beats 1 of 1 (0.83 against 0.67);
- favourites get a lift, and now and then (EXPLORE of the time) a phrase the
  family has never rated is tried first so new phrases get their chance;
- the packs' placement rules leave out lines that do not fit the moment (no
  questions in a meltdown, no promise of time in a hurry), and in a hurry the
  strategies marked `hurry: lead` come next after any step-in.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from helpcoach.coach import ages
from helpcoach.coach.placement import Placement, placement
from helpcoach.coach.triage import SAFETY_STATE
from helpcoach.packs.library import Library
from helpcoach.packs.schema import Phrase, Strategy

EXPLORE = 0.1
STEP_IN = 100.0
HURRY_LEAD = 50.0
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


def rank_phrases(
    strategy: Strategy, family: Family, rng: random.Random, place: Placement | None = None
) -> list[tuple[Phrase, float, tuple[str, ...]]]:
    """The strategy's phrases that fit the moment (`place`), best first, each with its score and reasons."""
    ranked: list[tuple[Phrase, float, tuple[str, ...]]] = []
    recent = set(family.recent)
    phrases = [p for p in strategy.phrases if place is None or place.allows(strategy, p)]
    if any(fits_age(p, family.age) for p in phrases):  # words for younger children never reach an older child
        phrases = [p for p in phrases if not (p.ages and family.age is not None and p.ages.max < family.age)]
    for phrase in phrases:
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


def _in_pack_order(
    strategy: Strategy, ranked: list[tuple[Phrase, float, tuple[str, ...]]], family: Family
) -> list[tuple[Phrase, float, tuple[str, ...]]]:
    """When someone could get hurt, the words are the pack's first fitting line, every time: no variety, no trying."""
    order = {phrase.id: index for index, phrase in enumerate(strategy.phrases)}
    top = max((score for _, score, _ in ranked), default=0.0)
    fitting = sorted(ranked, key=lambda item: (not fits_age(item[0], family.age), order[item[0].id]))
    return [(phrase, top - i * ORDER, why) for i, (phrase, _, why) in enumerate(fitting)]


def choose(
    library: Library,
    state: str,
    reason: str | None,
    family: Family,
    rng: random.Random,
    *,
    step_in: str | None = None,
    hurry: bool = False,
) -> list[Choice]:
    """Every fitting (strategy, phrase), best first, grouped by strategy (best strategy first).

    `step_in` is the step-in response the parent's words picked (a road, a blade, someone being hurt);
    step-in responses with words of their own are offered only when their words picked them.
    """
    place = placement(library.placement, state, hurry)
    term = library.states.get(state)
    reason_term = library.reasons.get(reason) if reason else None
    fit = ages.fit_age(library, family.age)
    family = replace(family, age=fit.use)
    picked = ages.step_in_for(library, state, fit, step_in)
    # Every strategy for the state from the packs for the child's age, in pack order; the reason and focus lift some.
    fitting = [
        s
        for s in library.strategies.values()
        if s.audience == "child"
        and (state in s.states or (picked and s.id == picked.id))
        and not (s.words and (picked is None or s.id != picked.id))
        and place.allows_strategy(s)
    ]
    step_in = picked.id if picked else None
    strategies = ages.prefer(fitting, library, fit)
    if picked is not None and picked in fitting and picked not in strategies:
        strategies = [picked, *strategies]  # safety first at every age: the step-in the danger calls for stays
    groups: list[tuple[float, list[Choice]]] = []
    for index, strategy in enumerate(strategies):
        why: list[str] = []
        bonus = -index * ORDER
        if step_in is not None and strategy.id == step_in:
            bonus += STEP_IN
            why.append(f"it is what to do first when: {term.label if term else state}")
        elif term is not None:
            why.append(f"it fits: {term.label}")
        if hurry and strategy.hurry == "lead":
            bonus += HURRY_LEAD
            why.append("it keeps things moving when there is no time to wait")
        if reason_term is not None and reason in strategy.reasons:
            bonus += REASON_FIT
            why.append(f"it speaks to: {reason_term.label}")
        if family.focus == strategy.id:
            bonus += FOCUS
            why.append("it is the focus you chose at your last check-in")
        if state == SAFETY_STATE and strategy.id == step_in:
            ranked = _in_pack_order(strategy, rank_phrases(strategy, family, rng, place), family)
        else:
            ranked = _explore(rank_phrases(strategy, family, rng, place), family, rng)
        if not ranked:
            continue
        best = ranked[0][1]
        choices = [Choice(strategy, phrase, (*why, *reasons), bonus + score) for phrase, score, reasons in ranked]
        groups.append((bonus + best, choices))
    groups.sort(key=lambda group: -group[0])
    return [choice for _, choices in groups for choice in choices]


def pushback_choice(
    library: Library,
    rung: int,
    family: Family,
    rng: random.Random,
    shown: Sequence[str] = (),
    place: Placement | None = None,
) -> Choice | None:
    """The next, gentler response when the child says no again (rung 0 first), or None past the ladder.

    The ladder is the one of the packs for the child's age. With `place`, only lines that fit the
    moment: a rung with none that fit passes to the next one.
    """
    fit = ages.fit_age(library, family.age)
    why = ("your child pushed back, so this is a gentler next step",)
    seen = Family(fit.use, family.favorites, family.outcomes, [*family.recent, *shown], family.focus)
    for strategy_id in ages.pushback_ladder(library, fit)[rung:]:
        strategy = library.strategies.get(strategy_id)
        ranked = rank_phrases(strategy, seen, rng, place) if strategy is not None else []
        if strategy is not None and ranked:
            phrase, score, reasons = ranked[0]
            return Choice(strategy, phrase, (*why, *reasons), score)
    return None


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
    matched: bool = False  # the state came from the parent's words or their own pick, not from a default
    hurry: bool = False

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
            "matched": self.matched,
            "hurry": self.hurry,
        }


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (the one line of why)."""
    text = " ".join(text.split())
    cuts = [cut for cut in (text.find(". "), text.find("! "), text.find("? ")) if cut != -1]
    return text[: min(cuts) + 1] if cuts else text


def answer_for(choice: Choice, state: str, reason: str | None, child_name: str | None, hurry: bool = False) -> Answer:
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
        hurry=hurry,
    )
