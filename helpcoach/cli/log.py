"""Reading the log: history, stats, report, export and import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from helpcoach.cli.common import ChildOption, Json, Plain, start

if TYPE_CHECKING:
    import sqlite3

Since = Annotated[str | None, typer.Option("--since", metavar="DATE", help="From this day on (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", metavar="DATE", help="Up to and including this day (YYYY-MM-DD).")]
Force = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
Weeks = Annotated[int, typer.Option("--weeks", help="How many weeks back (1-104).")]


def register(app: typer.Typer) -> None:
    """Add history, stats, report, export and import to the app."""
    app.command("history", epilog="Example: helpcoach history --kind checkin --since 2025-01-01")(history)
    app.command("stats", epilog="Example: helpcoach stats --weeks 12")(stats)
    app.command("report", epilog="Example: helpcoach report --weeks 8 -o report.html")(report)
    app.command("export", epilog="Example: helpcoach export --format csv -o log.csv")(export)
    app.command("import", epilog="Example: helpcoach import partner-log.json")(import_command)


def _day(text: str | None, option: str, *, next_day: bool = False) -> str | None:
    """A YYYY-MM-DD local day as a UTC stamp of its start (or of the next day's start)."""
    if text is None:
        return None
    from datetime import date, datetime, timedelta

    from helpcoach.errors import UsageError
    from helpcoach.store.db import stamp

    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"'{text}' is not a date for {option}: write it as YYYY-MM-DD, like 2025-03-31") from exc
    if len(text) != 10:
        raise UsageError(f"'{text}' is not a date for {option}: write it as YYYY-MM-DD, like 2025-03-31")
    from helpcoach.times import SPAN, day_in_span

    if not day_in_span(day):
        raise UsageError(f"{text} is out of range for {option}: give a day from {SPAN}")
    start_of = datetime(day.year, day.month, day.day).astimezone()
    return stamp(start_of + timedelta(days=1) if next_day else start_of)


def _weeks(weeks: int) -> int:
    from helpcoach.errors import UsageError

    if not 1 <= weeks <= 104:
        raise UsageError(f"--weeks {weeks} is out of range: give 1 to 104")
    return weeks


def _child_id(conn: sqlite3.Connection, name: str | None) -> str | None:
    from helpcoach.store.children import require_child

    return require_child(conn, name).id if name else None


def history(
    kind: Annotated[str | None, typer.Option("--kind", help="Only one kind: moment, checkin or practice.")] = None,
    child: ChildOption = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, typer.Option("--limit", help="How many entries (1-1000).")] = 20,
    json: Json = False,
    plain: Plain = False,
) -> None:
    """Show the log, newest first."""
    from helpcoach.cli.common import check_choice
    from helpcoach.errors import UsageError
    from helpcoach.store.db import open_log
    from helpcoach.store.history import KINDS
    from helpcoach.store.history import history as read_history

    session = start(plain)
    check_choice("kind", kind, list(KINDS), "--kind")
    if not 1 <= limit <= 1000:
        raise UsageError(f"--limit {limit} is out of range: give 1 to 1000")
    since_at, until_at = _day(since, "--since"), _day(until, "--until", next_day=True)
    conn = open_log()
    try:
        entries = read_history(
            conn, kinds=(kind,) if kind else KINDS, child_id=_child_id(conn, child), since=since_at, until=until_at, limit=limit
        )
    finally:
        conn.close()
    if json:
        from helpcoach.ui.console import print_json

        print_json(entries)
        return
    from helpcoach.ui.history_view import show_history

    show_history(entries, session.library)


def stats(weeks: Weeks = 8, child: ChildOption = None, json: Json = False, plain: Plain = False) -> None:
    """Charts of the last weeks: tough moments, how they went, check-ins and what helped most."""
    from helpcoach.store.db import open_log
    from helpcoach.store.stats import compute_stats

    session = start(plain)
    weeks = _weeks(weeks)
    conn = open_log()
    try:
        result = compute_stats(conn, _child_id(conn, child), weeks)
    finally:
        conn.close()
    if json:
        from helpcoach.ui.console import print_json

        print_json(result.as_dict())
        return
    from helpcoach.ui.stats_view import show_stats

    show_stats(result, session.library)


def report(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="Where to write: a .html or .md file.")],
    weeks: Weeks = 8,
    child: ChildOption = None,
    force: Force = False,
    plain: Plain = False,
) -> None:
    """Write a one-page summary to share with a teacher, a co-parent or a professional."""
    from datetime import timedelta

    from helpcoach.errors import UsageError
    from helpcoach.safe_text import strip
    from helpcoach.store.checkins import latest_focus
    from helpcoach.store.db import open_log, stamp, utc_now
    from helpcoach.store.files import write_output
    from helpcoach.store.history import history as read_history
    from helpcoach.store.moments import urgent_moments
    from helpcoach.store.stats import compute_stats
    from helpcoach.ui import console
    from helpcoach.ui.report import ReportData, render_html, render_markdown

    session = start(plain)
    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        raise UsageError(f"cannot tell the format of {output}: end the file name with .html or .md")
    weeks = _weeks(weeks)
    now = utc_now()
    conn = open_log()
    try:
        child_id = _child_id(conn, child)
        data = ReportData(
            stats=compute_stats(conn, child_id, weeks, now),
            checkins=read_history(
                conn, kinds=("checkin",), child_id=child_id, since=stamp(now - timedelta(weeks=weeks)), limit=200
            ),
            focus=latest_focus(conn, child_id),
            child=child,
            generated=now.astimezone().strftime("%Y-%m-%d"),
            urgent=urgent_moments(conn, child_id, stamp(now - timedelta(weeks=weeks))),
        )
    finally:
        conn.close()
    text = render_markdown(data, session.library) if suffix == ".md" else render_html(data, session.library)
    write_output(output, strip(text), force=force, mode=0o600)  # the second wall: no forbidden character in files
    console.out().print(f"Wrote {output}", markup=False)


def export(
    format: Annotated[str, typer.Option("--format", help="json (lossless, the default), csv or md.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")] = None,
    child: ChildOption = None,
    since: Since = None,
    force: Force = False,
    plain: Plain = False,
) -> None:
    """Export the log as JSON (for import), CSV (for spreadsheets) or Markdown (a journal)."""
    import sys

    from helpcoach.cli.common import check_choice
    from helpcoach.safe_text import strip
    from helpcoach.store.db import open_log
    from helpcoach.store.exchange import export_document, to_csv, to_json, to_markdown
    from helpcoach.store.files import write_output
    from helpcoach.ui import console

    session = start(plain)
    check_choice("format", format, ["json", "csv", "md"], "--format")
    since_at = _day(since, "--since")
    conn = open_log()
    try:
        document = export_document(conn, _child_id(conn, child), since_at)
    finally:
        conn.close()
    if format == "md":
        from helpcoach.ui.names import namer

        text = strip(to_markdown(document, namer(session.library)))
    else:
        text = to_json(document) if format == "json" else strip(to_csv(document))
    if output is None:  # UTF-8 bytes whatever the locale, as in a file: an export is for programs
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:  # a text-only stream (tests, wrappers): it takes text
            sys.stdout.write(text)
        else:
            binary.write(text.encode("utf-8"))
            binary.flush()
        return
    write_output(output, text, force=force, mode=0o600)
    console.hint(f"Wrote {len(document['entries'])} entries to {output}")


def import_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A JSON export from helpcoach ('-' for stdin).", allow_dash=True)],
    plain: Plain = False,
) -> None:
    """Merge an export into the log by id: importing twice adds nothing."""
    from helpcoach.store.db import open_log
    from helpcoach.store.exchange import import_document, read_document
    from helpcoach.store.import_file import read_import
    from helpcoach.ui import console

    start(plain)
    raw, source = read_import(file)
    document = read_document(raw, source)
    conn = open_log()
    try:
        result = import_document(conn, document)
    finally:
        conn.close()
    console.out().print(f"{result.added} added, {result.skipped} skipped (already in the log).", markup=False)
    if result.conflicts:
        ids = ", ".join(result.conflicts[:3]) + (" ..." if len(result.conflicts) > 3 else "")
        console.warn(
            f"{len(result.conflicts)} conflict(s): the log already holds these ids with other content, "
            f"and kept its own version: {ids}"
        )
