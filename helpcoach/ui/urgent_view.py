"""The urgent screen: the emergency number first, then the steps for this kind, the words to say,
the user's contacts and where to find more. No menu, no questions, nothing to rate."""

from __future__ import annotations

from collections.abc import Sequence

from helpcoach.coach.urgent import UrgentAnswer, first_line
from helpcoach.ui import console

MORE_HELP = "More help and your contacts: helpcoach support"


def region_note(call: str | None, region: str | None, source: str) -> str | None:
    """Where the number came from, so a wrong guess is easy to see and fix; None when the user set it."""
    if source == "config number":
        return None
    if source == "config region":
        return None if call else f"No number is known for region {region}: set emergency_number: in config.yaml."
    if call is None:
        return "Set region: (a two-letter country code) in config.yaml to see your own number here."
    return f"{call} is the number for {region}, guessed from your {source}. Elsewhere? Set region: in config.yaml."


def show_urgent(
    answers: Sequence[UrgentAnswer],
    contacts: Sequence[tuple[str, str]],
    note: str | None,
    *,
    pointer: bool = True,
) -> None:
    """Print the guidance for one kind (or, for `support --urgent`, every kind) after the emergency number."""
    if not answers:
        return
    out = console.out()
    plain = console.is_plain()

    def line(text: str, style: str | None = None) -> None:
        if plain:  # one idea per line, never cut: the terminal folds it
            out.print(text, markup=False, soft_wrap=True)
        else:
            out.print(text, markup=False, style=style, overflow="fold")

    line(first_line(answers[0].call), "bold red")
    if note:
        line(note, "dim")
    for answer in answers:
        out.print()
        line(answer.title, "bold")
        for number, step in enumerate(answer.steps, start=1):
            line(f"{number}. {step}")
        if answer.say:
            line(f"Say: \u201c{answer.say}\u201d", "bold")
    if contacts:
        out.print()
        line("Your contacts:", "bold")
        for name, how in contacts:
            line(f"- {name}: {how}")
    if pointer:
        out.print()
        line(MORE_HELP, "dim")
