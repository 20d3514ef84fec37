"""Finding phrases: by strategy, by favourite, and by words that ignore case and accents."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from helpcoach.coach.personalize import personalize
from helpcoach.packs.library import Library
from helpcoach.packs.schema import Phrase, Strategy


def fold(text: str) -> str:
    """Lowercase without accents: 'Élan' and 'elan' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(query: str, texts: list[str]) -> bool:
    """True when every word of `query` appears somewhere in `texts` (case and accents ignored)."""
    haystack = "\n".join(fold(t) for t in texts)
    return all(word in haystack for word in fold(query).split())


@dataclass(frozen=True)
class FoundPhrase:
    """A phrase as shown to the parent: personalized, with its pack and favourite mark."""

    id: str
    strategy: str
    text: str
    favorite: bool
    pack: str

    def as_dict(self) -> dict[str, object]:
        """The JSON shape: {id, strategy, text, favorite, pack}."""
        return {"id": self.id, "strategy": self.strategy, "text": self.text, "favorite": self.favorite, "pack": self.pack}


@dataclass
class StrategyGroup:
    """One strategy with the phrases found in it, favourites first."""

    strategy: Strategy
    phrases: list[FoundPhrase] = field(default_factory=list)


def vocabulary(library: Library, strategy: Strategy) -> list[str]:
    """The words and labels of the states and reasons a strategy fits."""
    terms = [library.states[s] for s in [*strategy.states, *strategy.step_in_for] if s in library.states]
    terms += [library.reasons[r] for r in strategy.reasons if r in library.reasons]
    return [word for term in terms for word in (term.label, *term.words)]


def find_phrases(
    library: Library,
    *,
    strategy_id: str | None = None,
    query: str | None = None,
    favorites_only: bool = False,
    favorites: set[str] | frozenset[str] = frozenset(),
    child: str | None = None,
) -> list[StrategyGroup]:
    """Phrases grouped by strategy in pack order, filtered as asked; empty groups are left out.

    A query matches the phrase and the strategy's title first; only when nothing
    does is it matched against the words for each moment ("meltdown", "scared"),
    which would otherwise pull in every strategy for that moment.
    """
    direct = _find(library, strategy_id, query, favorites_only, favorites, child, by_vocabulary=False)
    if direct or not query:
        return direct
    return _find(library, strategy_id, query, favorites_only, favorites, child, by_vocabulary=True)


def _find(
    library: Library,
    strategy_id: str | None,
    query: str | None,
    favorites_only: bool,
    favorites: set[str] | frozenset[str],
    child: str | None,
    by_vocabulary: bool,
) -> list[StrategyGroup]:
    groups: list[StrategyGroup] = []
    for strategy in library.strategies.values():
        if strategy_id and strategy.id != strategy_id:
            continue
        words = vocabulary(library, strategy) if query and by_vocabulary else []
        found: list[FoundPhrase] = []
        for phrase in strategy.phrases:
            if favorites_only and phrase.id not in favorites:
                continue
            text = personalize(phrase.text, child)
            if query and not matches(query, [text, phrase.text, strategy.title, *words]):
                continue
            found.append(_found(library, phrase, strategy, text, phrase.id in favorites))
        found.sort(key=lambda p: not p.favorite)  # stable: pack order within each half
        if found:
            groups.append(StrategyGroup(strategy, found))
    return groups


def _found(library: Library, phrase: Phrase, strategy: Strategy, text: str, favorite: bool) -> FoundPhrase:
    return FoundPhrase(phrase.id, strategy.id, text, favorite, library.phrase_pack.get(phrase.id, ""))
