"""The tests' shared helpers, in one place: files, the installed script, prompt keys, a fixed random
source, and the small packs the pack tests use. Import them as `from tests.helpers import ...`."""

from __future__ import annotations

import difflib
import os
import random
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from helpcoach.errors import PackError, Problem
from helpcoach.packs.check import check_files

if TYPE_CHECKING:
    from prompt_toolkit.input import PipeInput

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"

# Keys for prompt_toolkit's pipe input.
ENTER, DOWN, UP, CTRL_C = "\r", "\x1b[B", "\x1b[A", "\x03"


def write(path: Path, text: str) -> Path:
    """Write text, creating parents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def helpcoach_script() -> str:
    """The installed console script: the one next to this Python first, then PATH."""
    beside = Path(sys.executable).parent / "helpcoach"
    if beside.is_file():
        return str(beside)
    found = shutil.which("helpcoach")
    assert found, "the helpcoach console script is not installed: pip install -e ."
    return found


@contextmanager
def typed(*keys: str) -> Iterator[PipeInput]:
    """Real questionary prompts read these keys (more can be sent to the yielded pipe); output is discarded."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from helpcoach.ui import prompts

    with create_pipe_input() as pipe, prompts.use_io(pipe, DummyOutput()):
        pipe.send_text("".join(keys))
        yield pipe


class Fixed(random.Random):
    """A random source that always returns the same number: at 0.99 (the default), no jitter and never exploring."""

    def __init__(self, value: float = 0.99) -> None:
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


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


UPDATE_GOLDEN = "HELPCOACH_UPDATE_GOLDEN"


def assert_golden(path: Path, text: str) -> None:
    """`text` is exactly the golden file's text; with HELPCOACH_UPDATE_GOLDEN=1 the file is rewritten instead."""
    if os.environ.get(UPDATE_GOLDEN) == "1":
        write(path, text)
        return
    assert path.is_file(), f"no golden file {path}: run with {UPDATE_GOLDEN}=1 to write it, then review it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "now", n=1))
        raise AssertionError(
            f"{path.name} differs from its golden file (if the change is intended: {UPDATE_GOLDEN}=1 python -m pytest "
            f"{Path(__file__).parent.name}/test_export_golden.py, then review `git diff`):\n{diff}"
        )
