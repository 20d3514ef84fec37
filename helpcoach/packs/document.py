"""A parsed YAML file: its data and where each key or item sits (no YAML import here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from helpcoach.errors import Problem

MAX_BYTES = 1024 * 1024  # the largest pack or config file we read

Key = str | int
Where = tuple[Key, ...]


@dataclass
class Document:
    """Parsed YAML: the data, and the line and column of every key or item."""

    source: str
    data: dict[str, Any]
    marks: dict[Where, tuple[int, int]] = field(default_factory=dict)
    written: dict[Where, str] = field(default_factory=dict)  # as typed, for scalars YAML made non-text (`no`, `1.10`)

    def locate(self, where: Where) -> tuple[int, int]:
        """The position of `where`, or of its nearest parent that has one."""
        while where:
            if where in self.marks:
                return self.marks[where]
            where = where[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, where: Where, message: str) -> Problem:
        """A problem located at `where`."""
        line, col = self.locate(where)
        return Problem(self.source, line, col, message)
