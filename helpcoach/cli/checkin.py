"""`helpcoach checkin`: the weekly reflection, asked one question at a time or given as options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from helpcoach.cli.common import ChildOption, Json, Plain, start

if TYPE_CHECKING:
    import sqlite3

    from helpcoach.cli.common import Session
    from helpcoach.coach.checkin_flow import FollowUp
    from helpcoach.packs.library import Library
    from helpcoach.store.checkins import CheckinAnswers
    from helpcoach.store.children import Child

OPTIONS_HINT = "use --rating N (1-5) with --win, --helped, --hard, --child-said, --focus and --note, or --answers FILE"


def register(app: typer.Typer) -> None:
    """Add the checkin command to the app."""
    app.command(
        "checkin", epilog="Example: helpcoach checkin --rating 4 --win 'asked for help with shoes' --focus smaller-steps"
    )(checkin)


def checkin(
    rating: Annotated[int | None, typer.Option("--rating", help="How the week felt, 1 (very hard) to 5 (good).")] = None,
    win: Annotated[list[str] | None, typer.Option("--win", help="A small win (repeat for more).")] = None,
    helped: Annotated[str | None, typer.Option("--helped", help="What helped.")] = None,
    hard: Annotated[str | None, typer.Option("--hard", help="What was hard.")] = None,
    child_said: Annotated[str | None, typer.Option("--child-said", help="What your child said about it.")] = None,
    focus: Annotated[
        str | None, typer.Option("--focus", metavar="STRATEGY_ID", help="One strategy to focus on next week.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything to adjust.")] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answers as YAML or JSON ('-' for stdin); keeps them out of shell history.",
            allow_dash=True,
        ),
    ] = None,
    child: ChildOption = None,
    json: Json = False,
    plain: Plain = False,
) -> None:
    """Reflect on the week: how it felt, small wins, what helped, and one focus for next week."""
    from helpcoach.store.checkins import CheckinAnswers, validate_answers

    session = start(plain)
    library = session.library
    strategy_ids = list(library.strategies)
    given: dict[str, Any] = _read_answers(answers_file) if answers_file else {}
    child = child or given.pop("child", None)
    overrides = {"rating": rating, "helped": helped, "hard": hard, "child_said": child_said, "focus": focus, "note": note}
    given.update({k: v for k, v in overrides.items() if v is not None})
    if win:
        given["wins"] = list(win)
    answers: CheckinAnswers | None = None
    if "rating" in given:
        answers = validate_answers(CheckinAnswers(**given), strategy_ids)
    else:
        from helpcoach.ui import prompts

        if given:
            from helpcoach.errors import UsageError

            raise UsageError(f"--rating is missing: {OPTIONS_HINT}")
        prompts.require_terminal(OPTIONS_HINT)
    _run(session, answers, child, json)


def _run(session: Session, answers: CheckinAnswers | None, child_name: str | None, json: bool) -> None:
    from helpcoach.coach.checkin_flow import celebration_line
    from helpcoach.store.checkins import latest_focus, save_checkin, summary_since_last, validate_answers
    from helpcoach.store.db import open_log
    from helpcoach.ui.checkin_view import show_saved, show_summary

    library = session.library
    conn = open_log()
    try:
        child = _pick_child(conn, child_name, session.config.child, ask=answers is None)
        child_id = child.id if child else None
        follow_up_outcome, follow_up_id = None, None
        if answers is None:
            from helpcoach.coach.checkin_flow import ask_checkin

            if not json:
                show_summary(summary_since_last(conn, child_id), library)
            follow_up = _follow_up(conn, child_id, library)
            name, age = (child.name, child.age) if child else (None, None)
            result = ask_checkin(library, name, latest_focus(conn, child_id), follow_up, age)
            answers = validate_answers(result.answers, list(library.strategies))
            follow_up_outcome, follow_up_id = result.follow_up_outcome, follow_up.moment_id if follow_up else None
        follow_up_answer = (follow_up_id, follow_up_outcome) if follow_up_id and follow_up_outcome else None
        entry = save_checkin(conn, child_id, answers, follow_up=follow_up_answer)
    finally:
        conn.close()
    from helpcoach.flows import urgent  # the urgent edge loads the matcher: not for `helpcoach --help`

    found = urgent.in_words(library, [*answers.wins, answers.helped, answers.hard, answers.child_said, answers.note])
    if json:
        from helpcoach.ui.console import print_json

        extra = {"urgent": urgent.checkin_json(library, session.config, found)} if found else {}
        print_json({**entry.as_dict(), "child": child.name if child else None, **extra})
        return
    celebration = None if found else celebration_line(library, child.name if child else None)
    show_saved(entry, celebration, library)
    if found:
        urgent.after_checkin(library, session.config, found)


def _pick_child(conn: sqlite3.Connection, name: str | None, config_child: str | None, ask: bool) -> Child | None:
    """The child this check-in is about; with several and no default, asked (in the prompts) or named with --child."""
    from helpcoach.errors import UsageError
    from helpcoach.store.children import list_children, resolve_child

    child = resolve_child(conn, name, config_child)
    if child is None:
        children = list_children(conn)
        names = [c.name for c in children]
        if children and ask:
            from helpcoach.coach.now_flow import ask_child

            return ask_child(children)
        if names:
            raise UsageError(
                f"which child? use --child with one of {', '.join(names)}, or set one with `helpcoach child default NAME`"
            )
        return None
    return child


def _follow_up(conn: sqlite3.Connection, child_id: str | None, library: Library) -> FollowUp | None:
    """A moment whose outcome was skipped and not yet asked about again."""
    from helpcoach.coach.checkin_flow import FollowUp
    from helpcoach.store.moments import moment_to_follow_up
    from helpcoach.ui.checkin_view import strategy_title

    moment = moment_to_follow_up(conn, child_id)
    if moment is None:
        return None
    label = f"on {moment.created_at[:10]} you tried {strategy_title(library, moment.strategy_id)}"
    return FollowUp(moment.id, label)


def _read_answers(path: Path) -> dict[str, Any]:
    """An answers file (YAML or JSON, '-' for stdin) as checked option values."""
    import msgspec

    from helpcoach.errors import PackError, UsageError
    from helpcoach.packs.document import MAX_BYTES
    from helpcoach.packs.loader import decode, parse, read_text
    from helpcoach.packs.validate import to_struct
    from helpcoach.process import stdin_bytes

    class Answers(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
        rating: int | None = None
        wins: list[str] = []
        helped: str | None = None
        hard: str | None = None
        child_said: str | None = None
        focus: str | None = None
        note: str | None = None
        child: str | None = None

    source = "stdin" if str(path) == "-" else str(path)
    advice = "an answers file holds one check-in's answers, a few lines long"
    try:
        if str(path) == "-":
            text = decode(stdin_bytes(MAX_BYTES + 1, "give --answers a FILE, or the answers as options"), source, advice)
        else:
            text = read_text(path, advice=advice)
        parsed = to_struct(parse(text, source), Answers)
    except PackError as exc:
        raise UsageError(f"bad answers file: {exc}") from exc
    fields = {name: getattr(parsed, name) for name in Answers.__struct_fields__}
    return {k: v for k, v in fields.items() if v is not None and v != []}
