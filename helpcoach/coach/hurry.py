"""A parent with no time to wait: told by `--hurry`, by their words, or by the state question.

The words are pack data (`hurry: words:`), matched like the states' words.
A hurried moment changes the ranking (strategies marked `hurry: lead` come
next after any step-in) and the placement rules keep out anything that
promises time.
"""

from __future__ import annotations

from helpcoach.coach.triage import URGENT_STATE, Triage, best_match, default_state
from helpcoach.packs.library import HURRY, Library
from helpcoach.packs.schema import Term

DEFAULT_LABEL = "No time to wait: we have to go"


def hurry_term(library: Library) -> Term:
    """The packs' hurry vocabulary as a term, so it matches like the states' words."""
    return Term(id=HURRY, label=library.hurry_label or DEFAULT_LABEL, words=list(library.hurry_words))


def hurry_word(library: Library, words: str) -> str | None:
    """The word in `words` that says there is no time (e.g. "late", "school run"), or None."""
    if not words.strip():
        return None
    found = best_match(words, [hurry_term(library)])
    return found[1] if found else None


def state_choices(library: Library) -> list[tuple[str, str]]:
    """The state question's choices, with one more for a parent in a hurry (when a pack offers it)."""
    choices = [(term.label, term.id) for term in library.states.values() if term.id != URGENT_STATE]
    if library.hurry_label is not None:
        choices.append((library.hurry_label, HURRY))
    if URGENT_STATE in library.states:  # last, so the everyday case stays first and an emergency is easy to find
        choices.append((library.states[URGENT_STATE].label, URGENT_STATE))
    return choices


def ask_hurried_state(library: Library) -> Triage:
    """After "no time to wait": what is the child doing? (No reason question: in a hurry it changes little.)"""
    from helpcoach.ui import prompts

    states = [t for t in library.states.values() if t.id != URGENT_STATE]
    state = prompts.select("And your child is...", [(t.label, t.id) for t in states], default=default_state(library.states))
    return Triage(state, None, given=True)
