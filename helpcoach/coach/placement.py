"""Where a line may appear: the packs' placement rules applied to one moment.

A moment is the child's state, plus `hurry` when the parent has no time to
wait. A line is kept out of a moment when its phrase or strategy names the
moment in `not_in`, or carries a tag whose placement rule does. The rules are
pack data ("a meltdown gets no questions"); this module only reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from helpcoach.packs.library import HURRY
from helpcoach.packs.schema import Phrase, Rule, Strategy


@dataclass(frozen=True)
class Placement:
    """The conditions of one moment and the tags they rule out."""

    conditions: frozenset[str]
    banned_tags: frozenset[str]

    def allows_strategy(self, strategy: Strategy) -> bool:
        """False when the strategy as a whole is kept out of this moment."""
        return not (self.conditions & set(strategy.not_in) or self.banned_tags & set(strategy.tags))

    def allows(self, strategy: Strategy, phrase: Phrase) -> bool:
        """True when `now` may offer this phrase of this strategy in this moment."""
        if not self.allows_strategy(strategy):
            return False
        return not (self.conditions & set(phrase.not_in) or self.banned_tags & set(phrase.tags))


def placement(rules: Iterable[Rule], state: str, hurry: bool = False) -> Placement:
    """The placement for a child in `state`, with or without a hurried parent."""
    conditions = frozenset({state, HURRY} if hurry else {state})
    banned = frozenset(rule.tag for rule in rules if conditions & set(rule.not_in))
    return Placement(conditions, banned)
