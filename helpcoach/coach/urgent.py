"""The urgent answer: fixed guidance for one kind of emergency, with the number to call first.

Pure data in, data out. Nothing here is ranked, personalized or learned from
outcomes: the words for an emergency are the pack's, exactly, every time.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpcoach.packs.library import URGENT_STATE
from helpcoach.packs.schema import Urgent, UrgentKind

STATE = URGENT_STATE
UNKNOWN_NUMBER = "your local emergency number (112 in most of Europe, 911 in North America, 999 in the UK, 000 in Australia)"
WHY = "This is not a coaching moment: safety and help come first."


def first_line(call: str | None) -> str:
    """The line that always comes first: the emergency number, or the usual ones when the region is unknown."""
    if call:
        return f"If anyone is hurt or in danger, call your emergency number now: {call}"
    return f"If anyone is hurt or in danger, call {UNKNOWN_NUMBER} now."


@dataclass(frozen=True)
class UrgentAnswer:
    """What the urgent screen and `now --json` show for one kind."""

    kind: str
    title: str
    steps: tuple[str, ...]
    say: str | None
    call: str | None
    matched: bool = True
    moment_id: str | None = None

    @property
    def strategy_id(self) -> str:
        """The id logged as the moment's strategy (and phrase): urgent guidance, never a ranked phrase."""
        return f"{STATE}-{self.kind}"

    def to_json(self, region: str | None = None, region_source: str | None = None) -> dict[str, object]:
        """The `now --json` document: the keys every answer has, plus `urgent`."""
        return {
            "strategy": {"id": self.strategy_id, "title": self.title},
            "phrase": {"id": self.strategy_id, "text": self.say} if self.say else None,
            "why": WHY,
            "do": list(self.steps),
            "step_in": True,
            "state": STATE,
            "reason": None,
            "moment_id": self.moment_id,
            "matched": self.matched,
            "urgent": {
                "kind": self.kind,
                "call": self.call,
                "first_line": first_line(self.call),
                "steps": list(self.steps),
                "region": region,
                "region_source": region_source,
            },
        }


def find_kind(urgent: Urgent, kind: str) -> UrgentKind | None:
    """One kind by id."""
    return next((k for k in urgent.kinds if k.id == kind), None)


def urgent_answer(urgent: Urgent, kind: str, call: str | None, matched: bool = True) -> UrgentAnswer:
    """The fixed guidance for `kind`; KeyError for a kind the pack does not have."""
    found = find_kind(urgent, kind)
    if found is None:
        raise KeyError(kind)
    return UrgentAnswer(found.id, found.title, tuple(found.steps), found.say[0] if found.say else None, call, matched)


def every_kind(urgent: Urgent, call: str | None) -> list[UrgentAnswer]:
    """The guidance for every kind, in pack order (`support --urgent`)."""
    return [urgent_answer(urgent, kind.id, call) for kind in urgent.kinds]
