"""The check-in questions, asked one at a time, and the celebration that closes a check-in.

Nothing is written here: the answers are collected first and the caller saves them once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from helpcoach.coach.ages import fit_age, prefer
from helpcoach.coach.now_flow import OUTCOMES
from helpcoach.coach.personalize import personalize
from helpcoach.packs.library import Library
from helpcoach.store.checkins import CheckinAnswers

RATINGS = [  # in number order, so the shortcut key is the rating
    ("1 - very hard", 1),
    ("2 - hard", 2),
    ("3 - mixed", 3),
    ("4 - mostly fine", 4),
    ("5 - a good week", 5),
]
NO_FOCUS = "__none__"


@dataclass
class FollowUp:
    """A tough moment whose outcome was skipped, to ask about once."""

    moment_id: str
    label: str


@dataclass
class FlowResult:
    """The answers of an interactive check-in, and the follow-up outcome if one was asked."""

    answers: CheckinAnswers
    follow_up_outcome: str | None = None


def ask_checkin(
    library: Library,
    child_name: str | None,
    previous_focus: str | None,
    follow_up: FollowUp | None = None,
    age: int | None = None,
) -> FlowResult:
    """Ask every check-in question in order; Ctrl-C raises Interrupted before anything is saved."""
    from helpcoach.ui import prompts

    outcome = None
    if follow_up is not None:
        outcome = prompts.select(f"Earlier, {follow_up.label}. How did it go?", OUTCOMES, default="skipped")
    who = child_name or "your child"
    rating = prompts.select("How did the week feel?", RATINGS, default=3)
    wins: list[str] = []
    while True:
        win = prompts.text(
            "A small win this week?" if not wins else "Another win?", instruction="(Enter on an empty line when done)"
        )
        if not win:
            break
        wins.append(win)
    helped = prompts.text("What helped?")
    hard = prompts.text("What was hard?")
    child_said = prompts.text(f"What did {who} say about it?")
    offered = prefer(library.strategies.values(), library, fit_age(library, age))  # the packs for the child's age
    choices = [(s.title, s.id) for s in offered] + [("No focus this time", NO_FOCUS)]
    focus = prompts.select("One strategy to focus on next week:", choices, default=previous_focus or choices[0][1])
    note = prompts.text("Anything to adjust?")
    answers = CheckinAnswers(
        rating=rating,
        wins=wins,
        helped=helped or None,
        hard=hard or None,
        child_said=child_said or None,
        focus=None if focus == NO_FOCUS else focus,
        note=note or None,
    )
    return FlowResult(answers, outcome)


def celebration_line(library: Library, child_name: str | None, rng: random.Random | None = None) -> str | None:
    """A check-in celebration from the packs, personalized, or None when no pack has one."""
    lines = library.celebrations_for("checkin")
    if not lines:
        return None
    return personalize((rng or random.Random()).choice(lines).text, child_name)
