"""The packs for a child's age, as the commands use them: the notice goes to stderr once."""

from __future__ import annotations

from helpcoach.coach.ages import AgeFit, fit_age
from helpcoach.packs.library import Library
from helpcoach.ui import console


def fit_and_tell(library: Library, age: int | None) -> AgeFit:
    """Which packs fit the child's age; when none does, say so in one line on stderr (the nearest answers)."""
    fit = fit_age(library, age)
    if fit.notice:
        console.hint(fit.notice)
    return fit
