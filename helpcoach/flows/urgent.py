"""The urgent route: not a coaching moment. Show the emergency number and the fixed guidance at once,
log the moment as urgent (never rated, never learned from), and end: no menu, no questions after."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from helpcoach.coach.triage import Triage, compile_vocabulary, read
from helpcoach.coach.urgent import STATE, WHY, UrgentAnswer, every_kind, first_line, urgent_answer
from helpcoach.emergency import EmergencyNumber, emergency_number
from helpcoach.errors import HelpcoachError
from helpcoach.packs.library import Library
from helpcoach.packs.schema import Config
from helpcoach.store.db import damaged
from helpcoach.store.moments import add_moment
from helpcoach.ui import console
from helpcoach.ui.urgent_view import region_note, show_urgent


def answers_for(library: Library, kind: str | None, number: EmergencyNumber, matched: bool) -> list[UrgentAnswer]:
    """The guidance for one kind, or for every kind when the kind is not known."""
    if library.urgent is None:
        raise HelpcoachError("the urgent guidance is missing: reinstall helpcoach (`pip install --force-reinstall helpcoach`)")
    if kind is not None:
        return [urgent_answer(library.urgent, kind, number.call, matched)]
    return [replace(a, matched=matched) for a in every_kind(library.urgent, number.call)]


def show(answers: list[UrgentAnswer], config: Config, number: EmergencyNumber) -> None:
    """The urgent screen, with the user's contacts and a pointer to `helpcoach support`."""
    contacts = [(c.name, c.how) for c in config.contacts]
    show_urgent(answers, contacts, region_note(number.call, number.region, number.source))


def save(
    conn: sqlite3.Connection | None, child_id: str | None, kind: str | None, words: str | None, problems: list[HelpcoachError]
) -> str | None:
    """Log the moment as urgent, so it shows in the report a parent brings to a professional."""
    if conn is None:
        return None
    logged = f"{STATE}-{kind}" if kind else STATE
    try:
        return add_moment(conn, child_id=child_id, state=STATE, reason=None, strategy_id=logged, phrase_id=logged, words=words)
    except HelpcoachError as exc:
        problems.append(exc)
    except sqlite3.DatabaseError as exc:
        problems.append(damaged(exc))
    return None


def to_json(answers: list[UrgentAnswer], number: EmergencyNumber, moment_id: str | None, label: str) -> dict[str, object]:
    """The `now --json` document for an urgent moment (every kind's guidance when the kind is unknown)."""
    if len(answers) == 1:
        return replace(answers[0], moment_id=moment_id).to_json(number.region, number.source)
    return {
        "strategy": {"id": STATE, "title": label},
        "phrase": None,
        "why": WHY,
        "do": [],
        "step_in": True,
        "state": STATE,
        "reason": None,
        "moment_id": moment_id,
        "matched": answers[0].matched if answers else True,
        "urgent": {
            "kind": None,
            "call": number.call,
            "first_line": first_line(number.call),
            "steps": [],
            "region": number.region,
            "region_source": number.source,
            "kinds": [{"kind": a.kind, "title": a.title, "steps": list(a.steps), "say": a.say} for a in answers],
        },
    }


def respond(
    library: Library,
    config: Config,
    moment: Triage,
    conn: sqlite3.Connection | None,
    child_id: str | None,
    words: str | None,
    json: bool,
    problems: list[HelpcoachError],
) -> None:
    """Show the guidance first (text), then log; with --json, log first so the document has the moment id."""
    number = emergency_number(config)
    answers = answers_for(library, moment.urgent_kind, number, moment.matched)
    if json:
        moment_id = save(conn, child_id, moment.urgent_kind, words, problems)
        label = library.states[STATE].label if STATE in library.states else "Someone is hurt or in danger"
        console.print_json(to_json(answers, number, moment_id, label))
        return
    show(answers, config, number)
    save(conn, child_id, moment.urgent_kind, words, problems)


def in_words(library: Library, texts: list[str | None]) -> Triage | None:
    """The urgent kind that any of these free texts (a check-in's answers) trips, or None."""
    vocabulary = compile_vocabulary({}, {}, library.urgent, (), library.language)
    for text in texts:
        found = read(text, vocabulary) if text else None
        if found is not None and found.urgent:
            return found
    return None


def after_checkin(library: Library, config: Config, found: Triage) -> None:
    """A child's "I wish I was dead", written down on a Sunday evening, gets the same answer as in `now`."""
    number = emergency_number(config)
    console.out().print()
    show(answers_for(library, found.urgent_kind, number, True), config, number)


def checkin_json(library: Library, config: Config, found: Triage) -> dict[str, object]:
    """The `urgent` part of `checkin --json` when a check-in's words trip the urgent route."""
    number = emergency_number(config)
    answer = answers_for(library, found.urgent_kind, number, True)[0]
    document = answer.to_json(number.region, number.source)["urgent"]
    return {**document, "title": answer.title, "say": answer.say} if isinstance(document, dict) else {}
