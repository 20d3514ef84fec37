"""Children in the log: their names and ages personalize phrases and fit content to age."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass

from helpcoach.errors import HelpcoachError, UsageError
from helpcoach.store.db import new_id, stamp, transaction
from helpcoach.store.limits import MAX_NAME


@dataclass(frozen=True)
class Child:
    """A child; `id` is None for a name that only lives in config.yaml."""

    id: str | None
    name: str
    age: int | None = None
    is_default: bool = False


def _row(row: sqlite3.Row) -> Child:
    return Child(row["id"], row["name"], row["age"], bool(row["is_default"]))


def list_children(conn: sqlite3.Connection) -> list[Child]:
    """Every child, oldest entry first."""
    return [_row(r) for r in conn.execute("SELECT * FROM children ORDER BY created_at, name")]


def name_key(name: str) -> str:
    """The one rule for telling whether two children's names are the same name.

    Runs of spaces count as one space, then Unicode NFKC normalization and case folding:
    "Élodie" (however its accent is encoded) matches "élodie", and "Straße" matches "STRASSE".
    Every comparison of names (add, --child, import) goes through here.
    """
    folded = unicodedata.normalize("NFKC", " ".join(name.split())).casefold()
    return unicodedata.normalize("NFKC", folded)


def name_problem(name: str) -> str | None:
    """What is wrong with a child's name (for adding and importing alike), or None."""
    if not name.strip():
        return "cannot be blank"
    if len(" ".join(name.split())) > MAX_NAME or any(ch in name for ch in "{}"):
        return f"must be at most {MAX_NAME} characters, without {{ or }}"
    return None


def find_child(conn: sqlite3.Connection, name: str) -> Child | None:
    """A child by name, compared by `name_key` (a family has few children, so they are all read)."""
    key = name_key(name)
    return next((_row(r) for r in conn.execute("SELECT * FROM children") if name_key(r["name"]) == key), None)


def add_child(conn: sqlite3.Connection, name: str, age: int | None = None) -> Child:
    """Add a child; a name must be new and non-empty; the first child becomes the default."""
    name = " ".join(name.split())
    problem = name_problem(name)
    if problem:
        raise UsageError(f"a child's name {problem}")
    if age is not None and not 0 <= age <= 18:
        raise UsageError(f"age {age} is out of range: give an age from 0 to 18")
    with transaction(conn):
        same = find_child(conn, name)
        if same is not None:
            raise HelpcoachError(f"there is already a child named {same.name}: see `helpcoach child list`")
        first = conn.execute("SELECT COUNT(*) FROM children").fetchone()[0] == 0
        child = Child(new_id(), name, age, first)
        conn.execute(
            "INSERT INTO children (id, created_at, name, age, is_default) VALUES (?, ?, ?, ?, ?)",
            (child.id, stamp(), child.name, child.age, int(first)),
        )
    return child


def set_default(conn: sqlite3.Connection, name: str) -> Child:
    """Make one child the default for every command."""
    child = require_child(conn, name)
    with transaction(conn):
        conn.execute("UPDATE children SET is_default = (id = ?)", (child.id,))
    return Child(child.id, child.name, child.age, True)


def remove_child(conn: sqlite3.Connection, name: str, delete_entries: bool) -> Child:
    """Remove a child; their entries are deleted or kept (unlinked) as asked."""
    child = require_child(conn, name)
    with transaction(conn):
        if delete_entries:
            for table in ("moments", "checkins", "practice", "favorites"):
                conn.execute(f"DELETE FROM {table} WHERE child_id = ?", (child.id,))
            conn.execute("DELETE FROM phrase_outcomes WHERE child_id = ?", (child.id,))
        conn.execute("DELETE FROM children WHERE id = ?", (child.id,))
    return child


def require_child(conn: sqlite3.Connection, name: str) -> Child:
    """A child by name, or a usage error listing the known names."""
    child = find_child(conn, name)
    if child is None:
        names = [c.name for c in list_children(conn)]
        known = f"known children: {', '.join(names)}" if names else f"add one with `helpcoach child add {name}`"
        raise UsageError(f"no child named {name}: {known}")
    assert child.id is not None
    return child


def resolve_child(conn: sqlite3.Connection, name: str | None, config_child: str | None = None) -> Child | None:
    """The child a command is about: --child, else the default or only child, else config's `child` name.

    None means there is no child, or several with no default (the caller may ask).
    """
    if name:
        return require_child(conn, name)
    children = list_children(conn)
    chosen = next((c for c in children if c.is_default), None)
    if chosen is None and len(children) == 1:
        chosen = children[0]
    if chosen is None and not children and config_child:
        return Child(None, config_child.strip())
    return chosen
