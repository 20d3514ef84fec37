"""Words a parent types, matched to a state and a reason through the packs' vocabulary.

Safety decides the order, never the length of a match:
1. the urgent kinds, in pack order (not a coaching moment: fixed guidance);
2. `unsafe`, with the step-in response whose words matched (a road, a blade,
   a height, someone being hurt);
3. every other state, where the most specific entry wins ("shutting down"
   beats "down");
then, separately, the reason. How words are matched (stems, gaps, typos,
idioms) lives in `helpcoach.coach.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from helpcoach.coach.stem import stemmer
from helpcoach.coach.vocabulary import Hit, Pattern, Text, best_hit, known_words, normalize, pattern
from helpcoach.packs.library import URGENT_STATE
from helpcoach.packs.schema import Strategy, Term, Urgent

DEFAULT_STATE = "frustrated"
SAFETY_STATE = "unsafe"
DEFAULT_REASON = "independence"  # "a frustrated child who refuses help"
MAX_CHARACTERS = 2000  # what a parent types in a hurry fits many times over; more would only slow the answer

__all__ = ["DEFAULT_STATE", "SAFETY_STATE", "URGENT_STATE", "Triage", "Vocabulary", "best_match", "normalize", "triage"]


@dataclass(frozen=True)
class Triage:
    """What is happening, and how we know: the words that said it, or the parent's own pick (`given`)."""

    state: str
    reason: str | None
    state_word: str | None = None
    reason_word: str | None = None
    urgent_kind: str | None = None
    step_in: str | None = None  # the step-in response the words picked, when several fit the state
    given: bool = False  # the state came from --state or from an answer, not from words

    @property
    def matched(self) -> bool:
        """True when the state came from the parent's words or their own pick, not from a default."""
        return self.given or self.state_word is not None

    @property
    def urgent(self) -> bool:
        """Not a coaching moment: fixed guidance and the emergency number."""
        return self.state == URGENT_STATE


@dataclass(frozen=True)
class Entry:
    """One thing words can point at (an urgent kind, a state, a step-in response, a reason)."""

    id: str
    words: tuple[Pattern, ...]
    not_words: tuple[Pattern, ...]
    state: str | None = None  # for a step-in response: the state it steps in for


@dataclass(frozen=True)
class Vocabulary:
    """Every entry of the packs, compiled once, in the order triage asks them."""

    language: str
    urgent: tuple[Entry, ...]
    states: tuple[Entry, ...]
    step_ins: tuple[Entry, ...]
    reasons: tuple[Entry, ...]
    known: frozenset[str]  # every word written in the vocabulary, idioms included: never read as a typo

    def entries(self) -> Iterable[Entry]:
        """Every entry, urgent first."""
        yield from self.urgent
        yield from self.states
        yield from self.step_ins
        yield from self.reasons


def _entry(id_: str, words: Iterable[str], not_words: Iterable[str], state: str | None = None) -> Entry:
    return Entry(id_, tuple(pattern(w) for w in words), tuple(pattern(w) for w in not_words), state)


def _term_words(term: Term) -> list[str]:
    return [term.id.replace("-", " "), *term.words]


def compile_vocabulary(
    states: Mapping[str, Term],
    reasons: Mapping[str, Term],
    urgent: Urgent | None = None,
    step_ins: Sequence[Strategy] = (),
    language: str = "en",
) -> Vocabulary:
    """The packs' words ready to match; step-in responses with words of their own are asked with their state."""
    kinds = tuple(_entry(k.id, k.words, k.not_words) for k in (urgent.kinds if urgent else []))
    terms = tuple(_entry(t.id, _term_words(t), t.not_words) for t in states.values() if t.id != URGENT_STATE)
    responses = tuple(_entry(s.id, s.words, s.not_words, state) for s in step_ins for state in s.step_in_for if s.words)
    whys = tuple(_entry(t.id, _term_words(t), t.not_words) for t in reasons.values())
    every = (*kinds, *terms, *responses, *whys)
    return Vocabulary(language, kinds, terms, responses, whys, known_words(p for e in every for p in (*e.words, *e.not_words)))


def _best(text: Text, entries: Iterable[Entry]) -> tuple[Entry, Hit] | None:
    best: tuple[Entry, Hit] | None = None
    for entry in entries:
        hit = best_hit(text, entry.words, entry.not_words)
        if hit is not None and (best is None or hit.weight > best[1].weight):
            best = (entry, hit)
    return best


def read(words: str, vocabulary: Vocabulary) -> Triage | None:
    """The state the words say, in safety order, or None when no state word matched."""
    text = Text(words[:MAX_CHARACTERS], stemmer(vocabulary.language), vocabulary.known)
    for kind in vocabulary.urgent:
        hit = best_hit(text, kind.words, kind.not_words)
        if hit is not None:
            return Triage(URGENT_STATE, None, hit.source, urgent_kind=kind.id)
    for safety in (True, False):
        term = _best(text, [e for e in vocabulary.states if (e.id == SAFETY_STATE) == safety])
        response = _best(text, [e for e in vocabulary.step_ins if (e.state == SAFETY_STATE) == safety])
        if response is not None and (term is None or response[1].weight >= term[1].weight):
            return Triage(response[0].state or SAFETY_STATE, None, response[1].source, step_in=response[0].id)
        if term is not None:
            return Triage(term[0].id, None, term[1].source)
    return None


def triage(
    words: str,
    states: Mapping[str, Term],
    reasons: Mapping[str, Term],
    urgent: Urgent | None = None,
    step_ins: Sequence[Strategy] = (),
    language: str = "en",
) -> Triage:
    """Match free words to a state and reason; no state word means a frustrated child who refuses help.

    A reason is kept only for states that ask for one (a meltdown needs no reason).
    """
    vocabulary = compile_vocabulary(states, reasons, urgent, step_ins, language)
    return triage_with(vocabulary, words, states)


def triage_with(vocabulary: Vocabulary, words: str, states: Mapping[str, Term]) -> Triage:
    """`triage` over an already compiled vocabulary."""
    everyday = DEFAULT_REASON if any(e.id == DEFAULT_REASON for e in vocabulary.reasons) else None
    if not words.strip():
        return Triage(default_state(states), everyday)
    found = read(words, vocabulary)
    if found is not None and found.urgent:
        return found
    text = Text(words[:MAX_CHARACTERS], stemmer(vocabulary.language), vocabulary.known)
    reason_hit = _best(text, vocabulary.reasons)
    state = found.state if found else default_state(states)
    reason: str | None = reason_hit[0].id if reason_hit else None
    if found is None and reason_hit is None:
        reason = everyday
    asks = states[state].ask_reason if state in states else True
    reason_word = reason_hit[1].source if reason_hit and asks else None
    return Triage(
        state,
        reason if asks else None,
        found.state_word if found else None,
        reason_word,
        step_in=found.step_in if found else None,
    )


def best_match(text: str, terms: Iterable[Term], language: str = "en") -> tuple[str, str] | None:
    """The (term id, word) of the most specific entry found in `text`; earlier terms win ties."""
    entries = [_entry(t.id, _term_words(t), t.not_words) for t in terms]
    vocabulary_words = known_words(p for e in entries for p in (*e.words, *e.not_words))
    found = _best(Text(text, stemmer(language), vocabulary_words), entries)
    return (found[0].id, found[1].source) if found else None


def default_state(states: Mapping[str, Term]) -> str:
    """The everyday case: a frustrated child, or the packs' first state."""
    if DEFAULT_STATE in states or not states:
        return DEFAULT_STATE
    return next(s for s in states if s != URGENT_STATE) if any(s != URGENT_STATE for s in states) else next(iter(states))
