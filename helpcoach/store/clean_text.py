"""Migration 2: text stored before the way in refused control characters is cleaned, so every export imports again.

Forbidden characters (helpcoach.safe_text) are removed from every free-text
column; a text left empty becomes NULL, an empty win is dropped, and a child
name that would clash with another after cleaning gets a number.
"""

from __future__ import annotations

import json
import sqlite3

from helpcoach.safe_text import is_clean, strip

TEXT_COLUMNS = {"moments": ("words",), "checkins": ("helped", "hard", "child_said", "note"), "practice": ("answer",)}


def _dirty(value: object) -> bool:
    return isinstance(value, str) and not is_clean(value)


def _dirty_wins(value: object) -> bool:
    # json.dumps writes C0 characters as escapes, so any backslash is worth a look
    return isinstance(value, str) and ("\\" in value or not is_clean(value))


def clean_stored_text(conn: sqlite3.Connection) -> None:
    """Remove forbidden characters from every stored text (runs inside the migration's transaction)."""
    conn.create_function("helpcoach_dirty", 1, _dirty, deterministic=True)
    conn.create_function("helpcoach_dirty_wins", 1, _dirty_wins, deterministic=True)
    for table, columns in TEXT_COLUMNS.items():
        for column in columns:
            rows = conn.execute(f"SELECT rowid, {column} FROM {table} WHERE helpcoach_dirty({column})").fetchall()
            for rowid, value in rows:
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (strip(value).strip() or None, rowid))
    for rowid, wins in conn.execute("SELECT rowid, wins FROM checkins WHERE helpcoach_dirty_wins(wins)").fetchall():
        cleaned = [strip(w).strip() for w in json.loads(wins) if isinstance(w, str)]
        conn.execute(
            "UPDATE checkins SET wins = ? WHERE rowid = ?", (json.dumps([w for w in cleaned if w], ensure_ascii=False), rowid)
        )
    for child_id, name in conn.execute("SELECT id, name FROM children WHERE helpcoach_dirty(name)").fetchall():
        base = " ".join(strip(name).split()) or "Child"
        for number in range(1, 1000):
            candidate = base if number == 1 else f"{base[:56]} {number}"
            try:
                conn.execute("UPDATE children SET name = ? WHERE id = ?", (candidate, child_id))
                break
            except sqlite3.IntegrityError:  # another child already has that name
                continue
