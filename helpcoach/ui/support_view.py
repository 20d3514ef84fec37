"""Rendering `helpcoach support`."""

from __future__ import annotations

from helpcoach.ui import console

_HOW_TO_ADD = """Add people you trust to {path}, for example:
contacts:
  - name: Our family doctor
    how: the number on the clinic's card
  - name: Ms Lee, class teacher
    how: the school app"""


def show_support(
    sections: list[dict[str, str]], contacts: list[dict[str, str]], config_path: str, emergency: str, note: str | None
) -> None:
    """Print the emergency line, each guidance section, then the user's contacts or how to add them."""
    out = console.out()
    plain = console.is_plain()
    out.print(emergency, markup=False, style=None if plain else "bold red", soft_wrap=plain)
    if note:
        out.print(note, markup=False, style=None if plain else "dim", soft_wrap=plain)
    out.print("In an emergency, `helpcoach support --urgent` shows what to do, step by step.", markup=False, soft_wrap=plain)
    out.print()
    out.print(
        "helpcoach is a coach, not therapy. These notes say when more help is worth looking for.",
        markup=False,
        style=None if plain else "italic",
    )
    for section in sections:
        out.print()
        out.print(section["title"], markup=False, style=None if plain else "bold")
        out.print(section["body"], markup=False)
    out.print()
    out.print("Your contacts", markup=False, style=None if plain else "bold")
    if contacts:
        for contact in contacts:
            out.print(f"- {contact['name']}: {contact['how']}", markup=False)
    else:
        out.print("None yet.", markup=False)
        out.print(_HOW_TO_ADD.format(path=config_path), markup=False)
