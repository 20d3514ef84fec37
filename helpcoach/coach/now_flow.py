"""`helpcoach now`, step by step: who, what is happening, what to say, how it went.

`gather` reads what the log knows about the family; `quick_answer` answers
with no questions; `run_flow` asks through `helpcoach.ui.prompts` and hands
each answer to a renderer. Every answer is collected first and written once at
the end, so Ctrl-C anywhere saves nothing.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from helpcoach.coach.ages import fit_age, reasons_for
from helpcoach.coach.choose import Answer, Choice, Family, answer_for, choose, pushback_choice, rank_phrases
from helpcoach.coach.placement import Placement, placement
from helpcoach.coach.triage import Triage, default_state, triage
from helpcoach.packs.library import Library
from helpcoach.store.children import Child

RECENT_MOMENTS = 5
URGENT_KIND_QUESTION = "Which is closest?"
OUTCOME_WORDS = {"helped": "it helped", "little": "it helped a little", "not": "not this time", "skipped": "skipped"}


@dataclass
class Household:
    """Who the moment is about and what the log knows about them."""

    child: Child | None
    family: Family
    conn: sqlite3.Connection | None  # None: no log to read or write (--no-log before any log exists)


def gather(conn: sqlite3.Connection | None, child: Child | None) -> Household:
    """Read favourites, outcomes, recent phrases and focus for this child."""
    if conn is None:
        return Household(child, Family(age=child.age if child else None), None)
    from helpcoach.store.checkins import latest_focus
    from helpcoach.store.favorites import favorite_ids
    from helpcoach.store.moments import phrase_outcomes, recent_phrase_ids

    child_id = child.id if child else None
    family = Family(
        age=child.age if child else None,
        favorites=frozenset(favorite_ids(conn)),
        outcomes=phrase_outcomes(conn, child_id),
        recent=tuple(recent_phrase_ids(conn, child_id, RECENT_MOMENTS)),
        focus=latest_focus(conn, child_id),
    )
    return Household(child, family, conn)


def situation(library: Library, words: str, state: str | None, reason: str | None) -> Triage:
    """The state and reason: from --state/--reason where given, else from the words.

    Urgent words win over everything, --state included: a parent who types "he swallowed a battery"
    gets the emergency guidance whatever else they said.
    """
    found = triage(words, library.states, library.reasons, library.urgent, library.step_ins(), library.language)
    if found.urgent or state is None:
        return found if reason is None or found.urgent else replace(found, reason=reason, reason_word=None)
    term = library.states.get(state)
    if reason is None and (term is None or term.ask_reason) and found.reason_word:
        reason = found.reason
    picked = found.step_in if found.state == state else None
    return Triage(state, reason, step_in=picked, given=True)


def first_choice(
    library: Library, moment: Triage, family: Family, rng: random.Random, hurry: bool = False
) -> tuple[list[Choice], Choice]:
    """The ranking and its top choice; a usage error when nothing in the packs fits the state."""
    ranked = choose(library, moment.state, moment.reason, family, rng, step_in=moment.step_in, hurry=hurry)
    if not ranked:
        from helpcoach.errors import HelpcoachError

        raise HelpcoachError(f"no strategy in the loaded packs fits '{moment.state}': check `helpcoach packs list`")
    return ranked, ranked[0]


def save(household: Household, answer: Answer, words: str | None, outcome: str | None = None) -> str | None:
    """Log the moment (and its outcome, when known); return its id, or None without a log."""
    if household.conn is None:
        return None
    from helpcoach.store.moments import add_moment

    return add_moment(
        household.conn,
        child_id=household.child.id if household.child else None,
        state=answer.state,
        reason=answer.reason,
        strategy_id=answer.strategy_id,
        phrase_id=answer.phrase_id,
        words=words,
        outcome=outcome,
    )


def quick_answer(library: Library, household: Household, moment: Triage, rng: random.Random, hurry: bool = False) -> Answer:
    """The best answer for the situation, with no questions."""
    _, top = first_choice(library, moment, household.family, rng, hurry)
    answer = answer_for(top, moment.state, moment.reason, household.child.name if household.child else None, hurry)
    return replace(answer, matched=moment.matched)


def ask_urgent_kind(library: Library) -> str | None:
    """Which kind of emergency, when the parent picked the urgent state from the list."""
    from helpcoach.ui import prompts

    if library.urgent is None:
        return None
    return prompts.select(
        URGENT_KIND_QUESTION, [(k.label, k.id) for k in library.urgent.kinds], default=library.urgent.kinds[0].id
    )


# --- the interactive flow -------------------------------------------------------------------------

Show = Callable[[Answer, str | None], None]


@dataclass
class FlowResult:
    """Everything the parent answered, to be written once."""

    answer: Answer
    outcome: str
    follow_up_outcome: str | None = None
    shown: list[str] = field(default_factory=list)


def ask_child(children: list[Child]) -> Child:
    """With several children and no default, ask once which one this is about."""
    from helpcoach.ui import prompts

    return prompts.select("Which child?", [(c.name, c) for c in children], default=children[0])


def ask_situation(library: Library, given: Triage | None, age: int | None = None) -> tuple[Triage, bool]:
    """At most two questions: what is happening (or "no time to wait"), then what might be behind it
    (the reasons the packs for the child's `age` use) or, in a hurry, what the child is doing.
    Returns the situation and whether the parent is hurried."""
    from helpcoach.coach.hurry import HURRY, ask_hurried_state, state_choices
    from helpcoach.ui import prompts

    if given is not None:
        return given, False
    state = prompts.select("What is happening?", state_choices(library), default=default_state(library.states))
    if state == HURRY:
        return ask_hurried_state(library), True
    term = library.states[state]
    if not term.ask_reason:
        return Triage(state, None, given=True), False
    reasons = reasons_for(library, fit_age(library, age))
    choices: list[tuple[str, str | None]] = [(t.label, t.id) for t in reasons]
    unsure = next((t.id for t in reasons if t.id == "unsure"), None)
    if unsure is None:
        choices.append(("Not sure", None))
    reason = prompts.select("What might be behind it?", choices, default=unsure)
    return Triage(state, reason, given=True), False


MENU: list[tuple[str, str]] = [
    ("They pushed back", "pushback"),
    ("Another phrase", "another"),
    ("A different approach", "different"),
    ("I need a moment first", "breathe"),
    ("Done", "done"),
]
OUTCOMES: list[tuple[str, str]] = [
    ("It helped", "helped"),
    ("A little", "little"),
    ("Not this time", "not"),
    ("Skip", "skipped"),
]


def _next_phrase(current: Choice, shown: list[str], family: Family, rng: random.Random, place: Placement) -> Choice | None:
    """Another phrase of the strategy on screen (which may be a pushback step outside the first ranking)."""
    same = [
        Choice(current.strategy, phrase, current.why, score)
        for phrase, score, _ in rank_phrases(current.strategy, family, rng, place)
        if phrase.id != current.phrase.id
    ]
    return next((c for c in same if c.phrase.id not in shown), same[0] if same else None)


def _next_strategy(ranked: list[Choice], current: Choice, used: list[str]) -> Choice | None:
    return next((c for c in ranked if c.strategy.id not in used and c.strategy.id != current.strategy.id), None)


def run_flow(
    library: Library,
    household: Household,
    given: Triage | None,
    rng: random.Random,
    show: Show,
    breathe: Callable[[], None],
    hint: Callable[[str], None],
    follow_up: tuple[str, str] | None = None,
    hurry: bool = False,
) -> FlowResult:
    """Ask, show, and loop on the menu until done; return the answers (nothing is written here).

    `follow_up` is (moment id, phrase text) of an earlier moment whose outcome was skipped.
    Every line offered (another phrase, a different approach, pushback) fits the moment's placement.
    """
    from helpcoach.ui import prompts

    name = household.child.name if household.child else None
    moment, hurried = ask_situation(library, given, household.family.age)
    hurry = hurry or hurried
    place = placement(library.placement, moment.state, hurry)
    ranked, current = first_choice(library, moment, household.family, rng, hurry)
    shown, used = [current.phrase.id], [current.strategy.id]
    show(answer_for(current, moment.state, moment.reason, name, hurry), None)
    rung = 0
    while True:
        action = prompts.select("What next?", MENU, default="done")
        heading: str | None = None
        if action == "done":
            break
        if action == "breathe":
            breathe()
            heading = "When you are ready:"
        elif action == "pushback":
            nxt = pushback_choice(library, rung, household.family, rng, shown, place)
            if nxt is None:
                hint("You have tried the gentle steps. It is okay to pause, stay near, and try again later.")
                continue
            rung += 1
            current, heading = nxt, "A gentler next step:"
        elif action == "another":
            nxt = _next_phrase(current, shown, household.family, rng, place)
            if nxt is None:
                hint("This approach has no other phrase: try a different approach.")
                continue
            current = nxt
        elif action == "different":
            nxt = _next_strategy(ranked, current, used)
            if nxt is None:
                hint("That was the last approach that fits: try another phrase, or a moment for you.")
                continue
            current = nxt
        shown.append(current.phrase.id)
        used.append(current.strategy.id)
        show(answer_for(current, moment.state, moment.reason, name, hurry), heading)
    outcome = prompts.select("How did it go?", OUTCOMES, default="helped")
    follow_up_outcome = None
    if follow_up is not None:
        follow_up_outcome = prompts.select(
            f"Earlier you said \u201c{follow_up[1]}\u201d How did that go?", OUTCOMES, default="skipped"
        )
    return FlowResult(answer_for(current, moment.state, moment.reason, name, hurry), outcome, follow_up_outcome, shown)
