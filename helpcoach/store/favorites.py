"""Favourite phrases: they come first in `phrases`, in `now` and on the card."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from helpcoach.store.db import new_id, stamp, transaction


def favorite_ids(conn: sqlite3.Connection) -> set[str]:
    """The ids of every favourite phrase."""
    return {row["phrase_id"] for row in conn.execute("SELECT phrase_id FROM favorites")}


def add_favorite(conn: sqlite3.Connection, phrase_id: str, child_id: str | None = None, now: datetime | None = None) -> bool:
    """Mark a phrase as a favourite; False when it already was one."""
    with transaction(conn):
        cursor = conn.execute(
            "INSERT OR IGNORE INTO favorites (id, created_at, child_id, phrase_id) VALUES (?, ?, ?, ?)",
            (new_id(), stamp(now), child_id, phrase_id),
        )
        return cursor.rowcount > 0


def remove_favorite(conn: sqlite3.Connection, phrase_id: str) -> bool:
    """Unmark a favourite; False when it was not one."""
    with transaction(conn):
        return conn.execute("DELETE FROM favorites WHERE phrase_id = ?", (phrase_id,)).rowcount > 0
