"""The answer screen of `helpcoach now`: the phrase first and large, then the approach, why and what to do.

For a step-in situation (unsafe above all) what to do comes first: make it
safe, calmly, and talk after. Plain mode prints one idea per line.
"""

from __future__ import annotations

from helpcoach.coach.choose import Answer
from helpcoach.ui import console


def show_answer(answer: Answer, *, show_why: bool = False, heading: str | None = None) -> None:
    """Print the answer screen."""
    if console.is_plain():
        _plain(answer, show_why, heading)
    else:
        _rich(answer, show_why, heading)


def safety_first(answer: Answer) -> bool:
    """Whether what to do comes before what to say: a child who could get hurt."""
    from helpcoach.coach.triage import SAFETY_STATE

    return answer.step_in and answer.state == SAFETY_STATE


def _plain(answer: Answer, show_why: bool, heading: str | None) -> None:
    out = console.out()

    def line(text: str) -> None:
        out.print(text, markup=False, soft_wrap=True)

    if heading:
        line(heading)
    if safety_first(answer):
        line(f"{answer.title}.")
        for step in answer.do:
            line(f"Do: {step}")
        line(f"Why: {answer.why}")
        line(f"Then say: {answer.text}")
    else:
        line(f"Say: {answer.text}")
        line(f"Approach: {answer.title}")
        line(f"Why: {answer.why}")
        for step in answer.do:
            line(f"Do: {step}")
    if show_why:
        for because in answer.chosen_because:
            line(f"Chosen because {because}.")


def _rich(answer: Answer, show_why: bool, heading: str | None) -> None:
    from rich.panel import Panel
    from rich.text import Text

    out = console.out()
    if heading:
        out.print(heading, markup=False, style="dim")
    phrase = Text(f"\u201c{answer.text}\u201d", style="bold", overflow="fold")
    steps = Text(overflow="fold")
    for number, step in enumerate(answer.do, start=1):
        steps.append(f"{number}. ", style="bold")
        steps.append(step + ("\n" if number < len(answer.do) else ""))
    if safety_first(answer):
        out.print(Text(answer.title, style="bold red", overflow="fold"))
        out.print(steps)
        out.print(Text(answer.why, style="italic", overflow="fold"))
        out.print()
        out.print(Text("Then say:", style="dim"))
        out.print(Panel(phrase, border_style="red", padding=(0, 1), expand=False))
    else:
        out.print(Panel(phrase, border_style="cyan", padding=(1, 2), expand=False))
        out.print(Text(answer.title, style="bold cyan", overflow="fold"))
        out.print(Text(answer.why, style="italic", overflow="fold"))
        out.print(steps)
    if show_why:
        out.print(Text("Chosen because:", style="dim"))
        for because in answer.chosen_because:
            out.print(Text(f"- {because}", style="dim", overflow="fold"))


ASSUMED = "I couldn't tell what is happening, so this is for: {label}."
MAKE_SAFE = "If anyone could get hurt: make it safe first."


def show_assumption(label: str) -> None:
    """When no word told the state: say what was assumed, and the one line about safety."""
    out = console.out()
    plain = console.is_plain()
    out.print(
        ASSUMED.format(label=label.lower() if label[:1].isupper() and label[1:2].islower() else label),
        markup=False,
        style=None if plain else "dim",
        soft_wrap=plain,
    )
    out.print(MAKE_SAFE, markup=False, style=None if plain else "bold", soft_wrap=plain)


def show_saved(outcome_words: str, answer_text: str | None = None) -> None:
    """One line confirming what was saved."""
    said = f" (\u201c{answer_text}\u201d)" if answer_text else ""
    console.out().print(f"Saved: {outcome_words}{said}", markup=False, soft_wrap=console.is_plain())
