"""`helpcoach now`: from "help!" to the next kind thing to say, in seconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from helpcoach.cli.common import ChildOption, Json, Plain, Session, check_choice, start
from helpcoach.errors import HelpcoachError

if TYPE_CHECKING:
    import sqlite3

    from helpcoach.coach.choose import Answer
    from helpcoach.coach.now_flow import Household
    from helpcoach.coach.triage import Triage
    from helpcoach.store.children import Child

WENT = ["helped", "little", "not"]
QUICK_OPEN_WAIT_MS = 300  # the hurried path never waits long to read: the phrase comes first, the save may wait
EXAMPLE = 'Example: helpcoach now --quick "won\'t let me help with his shoes"'


def register(app: typer.Typer) -> None:
    """Add the now command to the app."""
    from helpcoach.cli.lean import LeanCommand

    app.command("now", epilog=EXAMPLE, cls=LeanCommand)(now)


def now(
    words: Annotated[list[str] | None, typer.Argument(metavar="WORDS", help="What is happening, in your words.")] = None,
    quick: Annotated[bool, typer.Option("--quick", "-q", help="Answer at once, with no questions.")] = False,
    state: Annotated[
        str | None, typer.Option("--state", help="What is happening, by id (see `helpcoach packs show core`).")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="What might be behind it, by id.")] = None,
    went: Annotated[
        str | None,
        typer.Option("--went", metavar="helped|little|not", help="Record how the latest moment went, with no questions."),
    ] = None,
    why: Annotated[bool, typer.Option("--why", help="Also show why this phrase was chosen.")] = False,
    hurry: Annotated[bool, typer.Option("--hurry", help="No time to wait: words that keep things moving.")] = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="Save nothing to the log this time.")] = False,
    child: ChildOption = None,
    json: Json = False,
    plain: Plain = False,
) -> None:
    """What to say right now to a child who refuses help: a phrase, why it helps, what to do."""
    session = start(plain)
    library = session.library
    check_choice("state", state, list(library.states), "--state")
    check_choice("reason", reason, list(library.reasons), "--reason")
    check_choice("outcome", went, WENT, "--went")
    if went is not None:
        _record_went(session, went, child, no_log, json)
        return
    from helpcoach.ui import prompts

    log = not no_log and session.config.log_moments
    interactive = not (quick or json) and prompts.can_prompt()
    text = " ".join(words or [])
    # A log that cannot be used never costs the parent the phrase: answer without it, then say so.
    from sqlite3 import DatabaseError

    problems: list[HelpcoachError] = []
    conn = _open(log, problems, None if interactive else QUICK_OPEN_WAIT_MS)
    try:
        try:
            household = _household(session, conn, child, interactive)
        except DatabaseError as exc:
            from helpcoach.store.db import damaged

            problems.append(damaged(exc))
            if conn is not None:
                conn.close()
            conn = None
            household = _household(session, None, child, interactive)
        asked = _Asked(text, state, reason, log, why, problems, hurry, child)
        if interactive:
            _interactive(session, household, asked)
        else:
            _quick(session, household, asked, json)
    finally:
        if conn is not None:
            conn.close()
    if problems and log:
        raise HelpcoachError(f"this moment was not saved: {problems[0]}")
    if problems:
        from helpcoach.ui import console

        console.warn(str(problems[0]))


def _open(log: bool, problems: list[HelpcoachError], wait_ms: int | None = None) -> sqlite3.Connection | None:
    """The log; without logging, only an existing log is opened (to read history), never created."""
    from helpcoach import paths
    from helpcoach.store.db import connect

    if not (log or paths.db_file().is_file()):
        return None
    try:
        return connect(open_wait_ms=wait_ms)
    except HelpcoachError as exc:
        problems.append(exc)
        return None


def _save(
    household: Household, answer: Answer, words: str | None, problems: list[HelpcoachError], outcome: str | None = None
) -> str | None:
    """Log the moment; a failure is kept for after the answer is on screen."""
    from sqlite3 import DatabaseError

    from helpcoach.coach.now_flow import save

    try:
        return save(household, answer, words, outcome)
    except HelpcoachError as exc:
        problems.append(exc)
    except DatabaseError as exc:
        from helpcoach.store.db import damaged

        problems.append(damaged(exc))
    return None


def _household(session: Session, conn: sqlite3.Connection | None, name: str | None, interactive: bool) -> Household:
    from helpcoach.coach.now_flow import ask_child, gather

    chosen: Child | None
    if conn is None:  # no log to ask: a name given is still used for the phrase
        from helpcoach.store.children import Child

        fallback = name or session.config.child
        chosen = Child(None, fallback.strip()) if fallback else None
        return gather(None, chosen)
    from helpcoach.store.children import list_children, resolve_child

    chosen = resolve_child(conn, name, session.config.child)
    if chosen is None:
        children = list_children(conn)
        if children and interactive:
            chosen = ask_child(children)
    return gather(conn, chosen)


@dataclass
class _Asked:
    """What the parent asked for on the command line, and the log problems met so far."""

    text: str
    state: str | None
    reason: str | None
    log: bool
    why: bool
    problems: list[HelpcoachError]
    hurry: bool = False  # --hurry; words such as "late" or "school run" say it too
    child: str | None = None


def _quick(session: Session, household: Household, asked: _Asked, json: bool) -> None:
    from dataclasses import replace

    from helpcoach.cli.age_fit import fit_and_tell
    from helpcoach.coach.hurry import hurry_word
    from helpcoach.coach.now_flow import quick_answer, situation
    from helpcoach.seed import random_source
    from helpcoach.ui import console

    text = asked.text
    moment = situation(session.library, text, asked.state, asked.reason)
    if moment.urgent:
        _urgent(session, household, asked, moment, json)
        return
    fit_and_tell(session.library, household.family.age)  # one line when no pack is written for the child's age
    hurry = asked.hurry or hurry_word(session.library, text) is not None
    answer = quick_answer(session.library, household, moment, random_source(), hurry)
    if not moment.matched and not json:
        from helpcoach.ui.now_view import show_assumption

        show_assumption(session.library.states[answer.state].label if answer.state in session.library.states else answer.state)
    if not json:  # the phrase first: a log busy with an import must not keep the parent waiting for it
        from helpcoach.ui.now_view import show_answer

        show_answer(answer, show_why=asked.why)
    reopened = _reopen_if_busy(session, household, asked)  # the phrase is shown: now the save may wait
    try:
        if asked.log and (reopened or household).conn is not None:  # a timeout is reported on stderr, after
            answer = replace(answer, moment_id=_save(reopened or household, answer, text or None, asked.problems))
    finally:
        if reopened is not None and reopened.conn is not None:
            reopened.conn.close()
    if json:  # the document once the save is done or has timed out (moment_id null when not saved)
        console.print_json(answer.to_json())
        return
    if answer.moment_id:
        console.hint("How did it go? Tell me later: helpcoach now --went helped, little or not")


def _urgent(session: Session, household: Household, asked: _Asked, moment: Triage, json: bool) -> None:
    """Not a coaching moment: the guidance on screen at once, then the moment logged as urgent."""
    from helpcoach.flows import urgent

    child_id = household.child.id if household.child else None
    if not json:
        urgent.respond(session.library, session.config, moment, None, child_id, None, False, asked.problems)
    reopened = _reopen_if_busy(session, household, asked)
    conn = (reopened or household).conn if asked.log else None
    try:
        if json:  # the document once the save is done, so it carries the moment id
            urgent.respond(session.library, session.config, moment, conn, child_id, asked.text or None, True, asked.problems)
        else:
            urgent.save(conn, child_id, moment.urgent_kind, asked.text or None, asked.problems)
    finally:
        if reopened is not None and reopened.conn is not None:
            reopened.conn.close()


def _reopen_if_busy(session: Session, household: Household, asked: _Asked) -> Household | None:
    """When the log was too busy to read before the phrase, open it now with the usual wait, to save the moment."""
    from helpcoach.store.db import LogBusy

    if not (asked.log and household.conn is None and asked.problems and isinstance(asked.problems[0], LogBusy)):
        return None
    from helpcoach.coach.now_flow import Household as Reopened
    from helpcoach.store.children import resolve_child
    from helpcoach.store.db import connect

    try:
        conn = connect()
    except HelpcoachError as exc:
        asked.problems[:] = [exc]
        return None
    try:
        child = resolve_child(conn, asked.child, session.config.child)
    except HelpcoachError as exc:
        conn.close()
        asked.problems[:] = [exc]
        return None
    asked.problems.clear()
    return Reopened(child, household.family, conn)


def _interactive(session: Session, household: Household, asked: _Asked) -> None:
    from dataclasses import replace

    from helpcoach.cli.age_fit import fit_and_tell
    from helpcoach.coach.hurry import hurry_word
    from helpcoach.coach.now_flow import OUTCOME_WORDS, ask_situation, ask_urgent_kind, run_flow, situation
    from helpcoach.flows import urgent
    from helpcoach.seed import random_source
    from helpcoach.ui import console
    from helpcoach.ui.now_view import show_answer, show_saved

    library = session.library
    text = asked.text
    given = situation(library, text, asked.state, asked.reason) if (text.strip() or asked.state or asked.reason) else None
    if given is not None and not given.matched and not given.urgent:
        given = None  # the words said nothing we know: ask rather than assume
    moment, hurried = ask_situation(library, given, household.family.age)
    if moment.urgent:
        kind = moment.urgent_kind or ask_urgent_kind(library)
        child_id = household.child.id if household.child else None
        conn = household.conn if asked.log else None
        urgent.respond(
            library, session.config, replace(moment, urgent_kind=kind), conn, child_id, text or None, False, asked.problems
        )
        return
    fit_and_tell(library, household.family.age)  # one line when no pack is written for the child's age
    follow_up = _follow_up(session, household, asked.log)
    result = run_flow(
        library,
        household,
        moment,
        random_source(),
        show=lambda answer, heading: show_answer(answer, show_why=asked.why, heading=heading),
        breathe=_breathe,
        hint=console.hint,
        follow_up=follow_up,
        hurry=asked.hurry or hurried or hurry_word(library, text) is not None,
    )
    if not asked.log:
        console.hint("Nothing was saved: logging is off for this moment.")
        return
    if household.conn is None or not _save(household, result.answer, text or None, asked.problems, result.outcome):
        return
    if follow_up is not None and result.follow_up_outcome is not None:
        from helpcoach.store.moments import record_outcome

        record_outcome(household.conn, follow_up[0], result.follow_up_outcome)
    show_saved(OUTCOME_WORDS[result.outcome], result.answer.text)


def _follow_up(session: Session, household: Household, log: bool) -> tuple[str, str] | None:
    """(moment id, phrase) of an earlier moment whose outcome was skipped, to ask about once."""
    if not log or household.conn is None:
        return None
    from helpcoach.coach.personalize import personalize
    from helpcoach.store.moments import moment_to_follow_up

    earlier = moment_to_follow_up(household.conn, household.child.id if household.child else None)
    found = session.library.phrase(earlier.phrase_id) if earlier else None
    if earlier is None or found is None:
        return None
    return earlier.id, personalize(found[0].text, household.child.name if household.child else None)


def _breathe() -> None:
    from helpcoach.ui import prompts
    from helpcoach.ui.breathing import breathe

    with prompts.key_watch() as wait:
        breathe(wait)


def _record_went(session: Session, went: str, name: str | None, no_log: bool, json: bool) -> None:
    """`now --went`: the outcome of the latest open moment, with no questions."""
    from helpcoach.coach.now_flow import OUTCOME_WORDS
    from helpcoach.coach.personalize import personalize
    from helpcoach.errors import HelpcoachError, UsageError
    from helpcoach.store.children import list_children, resolve_child
    from helpcoach.store.db import open_log
    from helpcoach.store.moments import latest_open_moment, record_outcome

    if no_log:
        raise UsageError("--went saves an outcome to the log, so it cannot go with --no-log")
    conn = open_log()
    try:
        child = resolve_child(conn, name, session.config.child)
        if child is None and list_children(conn):
            names = ", ".join(c.name for c in list_children(conn))
            raise UsageError(f"which child? use --child with one of {names}")
        moment = latest_open_moment(conn, child.id if child else None)
        if moment is None:
            raise HelpcoachError("no moment is waiting for an outcome: run `helpcoach now` first")
        record_outcome(conn, moment.id, went)
    finally:
        conn.close()
    if json:
        from helpcoach.ui.console import print_json

        print_json({"moment_id": moment.id, "outcome": went})
        return
    found = session.library.phrase(moment.phrase_id)
    text = personalize(found[0].text, child.name if child else None) if found else None
    from helpcoach.ui.now_view import show_saved

    show_saved(OUTCOME_WORDS[went], text)
