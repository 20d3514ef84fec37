"""The one-page phrase card for other adults: favourites, the focus strategy, then the chosen strategies."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpcoach.coach.ages import fit_age, prefer
from helpcoach.coach.personalize import personalize
from helpcoach.coach.practice_deck import phrases_for_age
from helpcoach.markdown import inline
from helpcoach.packs.library import Library
from helpcoach.packs.schema import Strategy

MAX_FAVORITES = 8
PHRASES_PER_STRATEGY = 3
DEFAULT_STRATEGIES = 3


@dataclass
class CardSection:
    """A heading, an optional why, and phrases (each with the strategy it comes from when mixed)."""

    heading: str
    why: str | None = None
    phrases: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass
class PhraseCard:
    """The sheet: a title, a line for the reader, and its sections."""

    title: str
    intro: str
    sections: list[CardSection]


def default_strategies(library: Library, favorites: set[str], focus: str | None, age: int | None = None) -> list[str]:
    """With no --strategy: the focus and the favourites' strategies, else the first few for the everyday moment."""
    chosen = [focus] if focus else []
    chosen += [found[1] for pid in sorted(favorites) if (found := library.phrases.get(pid))]
    if not chosen:
        everyday = next(iter(library.states), None)
        fits = prefer(library.strategies_for(everyday), library, fit_age(library, age)) if everyday else []
        chosen = [s.id for s in (fits or list(library.strategies.values()))[:DEFAULT_STRATEGIES]]
    return list(dict.fromkeys(chosen))


def build_card(
    library: Library, strategies: list[str], *, favorites: set[str], focus: str | None, child: str | None, age: int | None
) -> PhraseCard:
    """Favourites first, then the focus strategy, then the rest of `strategies` in the order given."""
    who = child or "our child"
    shown: set[str] = set()
    sections = []
    fav = CardSection("Favourites")
    for phrase_id in [p for p in library.phrases if p in favorites][:MAX_FAVORITES]:
        phrase, strategy = library.phrase(phrase_id) or (None, None)
        if phrase and strategy:
            fav.phrases.append((personalize(phrase.text, child), strategy.title))
            shown.add(phrase_id)
    if fav.phrases:
        sections.append(fav)
    order = ([focus] if focus else []) + strategies
    for strategy_id in dict.fromkeys(order):
        strategy = library.strategies.get(strategy_id)
        if strategy is None:
            continue
        heading = f"This week's focus: {strategy.title}" if strategy_id == focus else strategy.title
        section = CardSection(heading, strategy.why, _phrases(strategy, age, child, favorites, shown))
        if section.phrases:
            sections.append(section)
    intro = f"The same calm words from every adult who helps {who} when something is hard and help gets pushed away."
    return PhraseCard(f"Our words for {child}" if child else "Our words", intro, sections)


def _phrases(
    strategy: Strategy, age: int | None, child: str | None, favorites: set[str], shown: set[str]
) -> list[tuple[str, str | None]]:
    fitting = sorted(phrases_for_age(strategy, age), key=lambda p: p.id not in favorites)
    picked = [p for p in fitting if p.id not in shown][:PHRASES_PER_STRATEGY]
    return [(personalize(p.text, child), None) for p in picked]


def _quote(text: str, source: str | None, markdown: bool) -> str:
    if markdown:
        text, source = inline(text), inline(source) if source else None
    where = (f" *({source})*" if markdown else f" ({source})") if source else ""
    return f"- \u201c{text}\u201d{where}"


def to_markdown(card: PhraseCard) -> str:
    """The card as Markdown; pack text and names are folded and escaped (helpcoach.markdown)."""
    lines = [f"# {inline(card.title)}", "", inline(card.intro)]
    for section in card.sections:
        lines += ["", f"## {inline(section.heading)}", ""]
        if section.why:
            lines += [f"*{inline(section.why)}*", ""]
        lines += [_quote(text, source, True) for text, source in section.phrases]
    return "\n".join(lines) + "\n"


def to_text(card: PhraseCard) -> str:
    """The card as plain text, for a printer or a message."""
    lines = [card.title, "=" * len(card.title), "", card.intro]
    for section in card.sections:
        lines += ["", section.heading, "-" * len(section.heading)]
        if section.why:
            lines.append(section.why)
        lines += [_quote(text, source, False) for text, source in section.phrases]
    return "\n".join(lines) + "\n"
