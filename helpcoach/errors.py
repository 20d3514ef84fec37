"""The program's own errors; each carries its exit code. Only entry.main() catches them."""

from __future__ import annotations

from dataclasses import dataclass


class HelpcoachError(Exception):
    """A problem the user can fix; shown as one line on stderr, exit 1."""

    exit_code = 1


class UsageError(HelpcoachError):
    """Bad options or arguments; exit 2."""

    exit_code = 2


class Interrupted(HelpcoachError):
    """Ctrl-C: nothing saved; exit 130."""

    exit_code = 130

    def __init__(self, message: str = "Interrupted: nothing was saved.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Problem:
    """One problem in a pack or config file, located by line and column (1-based)."""

    source: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.col}: {' '.join(self.message.split())}"


class PackError(HelpcoachError):
    """A pack or config file that cannot be used; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""))
