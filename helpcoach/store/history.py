"""Reading the log newest first: moments, check-ins and practice in one list."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

KINDS = ("moment", "checkin", "practice")

# The kind's own fields, as a JSON object built by SQLite so every branch of the UNION has the same columns.
_FIELDS = {
    "moment": (
        "moments",
        "json_object('state', state, 'reason', reason, 'strategy_id', strategy_id, "
        "'phrase_id', phrase_id, 'words', words, 'outcome', outcome, 'outcome_at', outcome_at, "
        "'followed_up', followed_up)",
    ),
    "checkin": (
        "checkins",
        "json_object('rating', rating, 'wins', json(wins), 'helped', helped, 'hard', hard, "
        "'child_said', child_said, 'focus', focus, 'note', note)",
    ),
    "practice": (
        "practice",
        "json_object('scenario_id', scenario_id, 'mode', mode, 'answer', answer, 'rating', rating, 'box', box, 'due_at', due_at)",
    ),
}


def entry_filter(child_id: str | None, since: str | None, until: str | None = None, table: str = "") -> tuple[str, list[object]]:
    """A WHERE clause (and its arguments) for one child's entries in a time range; `table` qualifies the columns."""
    prefix = f"{table}." if table else ""
    where, args = ["1"], list[object]()
    for clause, value in (
        (f"{prefix}child_id = ?", child_id),
        (f"{prefix}created_at >= ?", since),
        (f"{prefix}created_at < ?", until),
    ):
        if value:
            where.append(clause)
            args.append(value)
    return " AND ".join(where), args


def history(
    conn: sqlite3.Connection,
    *,
    kinds: tuple[str, ...] = KINDS,
    child_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """Entries newest first; `since` is inclusive and `until` exclusive (both stamps).

    Each branch takes its own newest `limit` rows through an index, so the cost
    depends on `limit`, not on the size of the log.
    """
    branches: list[str] = []
    args: list[object] = []
    for kind in kinds:
        table, fields = _FIELDS[kind]
        where, where_args = entry_filter(child_id, since, until)
        args += [*where_args, limit]
        branches.append(
            f"SELECT * FROM (SELECT '{kind}' AS kind, id, created_at, child_id, {fields} AS fields FROM {table} "
            f"WHERE {where} ORDER BY created_at DESC LIMIT ?)"
        )
    sql = (
        f"SELECT e.kind, e.id, e.created_at, c.name AS child, e.fields FROM ({' UNION ALL '.join(branches)}) AS e "
        "LEFT JOIN children AS c ON c.id = e.child_id ORDER BY e.created_at DESC, e.id LIMIT ?"
    )
    rows = conn.execute(sql, (*args, limit)).fetchall()
    entries: list[dict[str, Any]] = []
    for row in rows:
        fields = json.loads(row["fields"])
        if "followed_up" in fields:
            fields["followed_up"] = bool(fields["followed_up"])
        entries.append({"id": row["id"], "kind": row["kind"], "created_at": row["created_at"], "child": row["child"], **fields})
    return entries
