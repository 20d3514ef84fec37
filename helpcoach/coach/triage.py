"""Words a parent types, matched to a state and a reason through the packs' vocabulary.

Matching is lowercase, accent-insensitive and on whole words or phrases; when
several words match, the longest wins (so "shutting down" beats "down"),
except that any word for a child who could get hurt wins over everything:
safety first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from helpcoach.packs.schema import Term

DEFAULT_STATE = "frustrated"
SAFETY_STATE = "unsafe"
DEFAULT_REASON = "independence"  # "a frustrated child who refuses help"


@dataclass(frozen=True)
class Triage:
    """What the words say is happening, and the words that said it."""

    state: str
    reason: str | None
    state_word: str | None = None
    reason_word: str | None = None

    @property
    def matched(self) -> bool:
        """True when any word matched the vocabulary."""
        return self.state_word is not None or self.reason_word is not None


def normalize(text: str) -> str:
    """Lowercase, accents removed, curly apostrophes straightened, spaces collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def _vocabulary(term: Term) -> list[str]:
    return [term.id.replace("-", " "), *term.words]


def best_match(text: str, terms: Iterable[Term]) -> tuple[str, str] | None:
    """The (term id, word) whose word is the longest whole-word match in `text`; earlier terms win ties."""
    haystack = normalize(text)
    best: tuple[str, str] | None = None
    for term in terms:
        for word in _vocabulary(term):
            needle = normalize(word)
            if not needle or (best is not None and len(needle) <= len(normalize(best[1]))):
                continue
            if re.search(rf"(?<![\w']){re.escape(needle)}(?![\w'])", haystack):
                best = (term.id, word)
    return best


def triage(words: str, states: Mapping[str, Term], reasons: Mapping[str, Term]) -> Triage:
    """Match free words to a state and reason; no match means a frustrated child who refuses help.

    A reason is kept only for states that ask for one (a meltdown needs no reason).
    """
    safety = [states[SAFETY_STATE]] if SAFETY_STATE in states else []
    state_hit = (best_match(words, safety) or best_match(words, states.values())) if words.strip() else None
    reason_hit = best_match(words, reasons.values()) if words.strip() else None
    state = state_hit[0] if state_hit else default_state(states)
    reason: str | None = reason_hit[0] if reason_hit else None
    if state_hit is None and reason_hit is None:
        reason = DEFAULT_REASON if DEFAULT_REASON in reasons else None
    asks = states[state].ask_reason if state in states else True
    if not asks:
        reason, reason_hit = None, None
    return Triage(state, reason, state_hit[1] if state_hit else None, reason_hit[1] if reason_hit else None)


def default_state(states: Mapping[str, Term]) -> str:
    """The everyday case: a frustrated child, or the packs' first state."""
    if DEFAULT_STATE in states or not states:
        return DEFAULT_STATE
    return next(iter(states))
