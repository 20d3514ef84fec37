"""Drawing `helpcoach history` as a table (or plain lines)."""

from __future__ import annotations

from typing import Any

from helpcoach.packs.library import Library
from helpcoach.times import read_time
from helpcoach.ui import console
from helpcoach.ui.checkin_view import OUTCOME_WORDS, strategy_title
from helpcoach.ui.tables import show_table

KIND_WORDS = {"moment": "tough moment", "checkin": "check-in", "practice": "practice"}


def describe(entry: dict[str, Any], library: Library) -> str:
    """One short line about an entry."""
    kind = entry["kind"]
    if kind == "moment" and entry["state"] == "urgent":
        return f"urgent: {strategy_title(library, entry['strategy_id'])} (guidance shown; never rated)"
    if kind == "moment":
        outcome = OUTCOME_WORDS.get(entry["outcome"] or "unanswered", "")
        return f"{entry['state']}: {strategy_title(library, entry['strategy_id'])} ({outcome})"
    if kind == "checkin":
        wins = len(entry["wins"])
        focus = f", focus {strategy_title(library, entry['focus'])}" if entry["focus"] else ""
        return f"felt {entry['rating']}/5, {wins} win{'s' if wins != 1 else ''}{focus}"
    scenario = library.scenarios.get(entry["scenario_id"])
    said = f" You said: \u201c{entry['answer']}\u201d" if entry.get("answer") else ""
    return f"{scenario.text if scenario else entry['scenario_id']} ({entry['rating']}).{said}"


def show_history(entries: list[dict[str, Any]], library: Library) -> None:
    """Newest first; local times."""
    if not entries:
        console.out().print("Nothing in the log for these filters yet.", markup=False)
        return
    rows = []
    for entry in entries:
        when = read_time(entry["created_at"]).astimezone().strftime("%Y-%m-%d %H:%M")
        rows.append([when, KIND_WORDS[entry["kind"]], entry["child"] or "-", describe(entry, library)])
    show_table("History (newest first)", ["when", "kind", "child", "what"], rows)
