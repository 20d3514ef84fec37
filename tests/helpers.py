"""Small packs and pack-writing helpers shared by the pack tests."""

from __future__ import annotations

import re
from pathlib import Path

from helpcoach.errors import PackError, Problem
from helpcoach.packs.check import check_files

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"

# A pack that stands alone: its own states, reasons and strategies, so tests do
# not depend on the exact content of the bundled core pack.
GARDEN = """\
id: garden
name: Garden pack
version: "2.1.0"
language: en
states:
  - id: fx-stuck
    label: Stuck but calm
    words: [blocked, wedged]
  - id: fx-upset
    label: Upset
    ask_reason: false
reasons:
  - id: fx-shy
    label: Shy
strategies:
  - id: fx-wait
    title: Wait a moment
    why: A pause lets them find the next step.
    states: [fx-stuck]
    reasons: [fx-shy]
    phrases:
      - id: fx-wait-1
        text: "Take your time, {child}."
      - id: fx-wait-2
        text: I'm right here when you want me.
  - id: fx-hold
    title: Stay close
    why: Being near is enough when feelings are big.
    states: [fx-stuck, fx-upset]
    step_in_for: [fx-upset]
    phrases:
      - id: fx-hold-1
        text: I'm staying with you.
celebrations:
  - text: You kept trying!
    occasion: child
  - text: You stayed calm today.
    occasion: parent
scenarios:
  - id: fx-puzzle
    text: The puzzle piece will not fit and they push your hand away.
    state: fx-stuck
    reason: fx-shy
    strategies: [fx-wait]
"""


def write(path: Path, text: str) -> Path:
    """Write text, creating parents (as conftest's `write`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def expectation(path: Path) -> tuple[int, str]:
    """The `# expect: LINE: fragment` on a fixture's first line."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (\d+): (.+)", first)
    assert match, f"{path.name}: the first line must be '# expect: LINE: fragment', not {first!r}"
    return int(match.group(1)), match.group(2)


def problems_of(path: Path) -> list[Problem]:
    """Every problem `packs validate PATH` reports for one file (structure and references)."""
    problems, checked = check_files([path])
    assert checked == 1
    return problems


def describe(problems: list[Problem]) -> str:
    """Problems one per line, for assertion messages."""
    return "\n".join(str(p) for p in problems) or "(no problems)"


def first_problem(error: PackError) -> Problem:
    """The first problem of a PackError, checked to carry a real position."""
    problem = error.problems[0]
    assert problem.line >= 1 and problem.col >= 1
    return problem
