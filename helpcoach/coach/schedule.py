"""The spaced-practice rule: Leitner boxes, one per scenario.

A scenario starts outside the boxes (box 0). Each rating moves it:

- again: back to box 1, due again in 10 minutes (it comes back next session);
- hard:  stays in its box (box 1 at least), due after that box's interval;
- good:  up one box;
- easy:  up two boxes.

Boxes 1 to 5 wait 1, 3, 7, 14 and 30 days. Box 5 is the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, get_args

Rating = Literal["again", "hard", "good", "easy"]
RATINGS: tuple[Rating, ...] = get_args(Rating)
TOP_BOX = 5
INTERVALS: dict[int, timedelta] = {
    1: timedelta(days=1),
    2: timedelta(days=3),
    3: timedelta(days=7),
    4: timedelta(days=14),
    5: timedelta(days=30),
}
AGAIN_SOON = timedelta(minutes=10)


@dataclass(frozen=True)
class CardState:
    """Where a scenario stands: its box and when it is next due."""

    box: int
    due_at: datetime


def next_state(box: int, rating: Rating, now: datetime | None = None) -> CardState:
    """The box and due time after rating a card that was in `box` (0 for a new card)."""
    now = now or datetime.now(UTC)
    if rating not in RATINGS:
        raise ValueError(f"unknown rating {rating!r}")
    if rating == "again":
        return CardState(1, now + AGAIN_SOON)
    step = {"hard": 0, "good": 1, "easy": 2}[rating]
    new_box = min(TOP_BOX, max(1, box + step))
    return CardState(new_box, now + INTERVALS[new_box])


def is_due(state: CardState, now: datetime | None = None) -> bool:
    """True when the card's due time has come."""
    return state.due_at <= (now or datetime.now(UTC))
