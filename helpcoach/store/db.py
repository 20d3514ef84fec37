"""The log: one SQLite file, private, migrated in numbered steps keyed on PRAGMA user_version.

Only store/ speaks SQL. A file that is not ours, is corrupt, or was written by a
newer helpcoach is never changed: the user gets one line and `helpcoach doctor`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from helpcoach import paths
from helpcoach.errors import HelpcoachError
from helpcoach.store.clean_text import clean_stored_text
from helpcoach.store.integrity import DAMAGED, OK, verify, write_note

BUSY_TIMEOUT_MS = 10_000
_HEADER = b"SQLite format 3\x00"

V1 = """
CREATE TABLE children (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    age INTEGER,
    is_default INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE moments (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    child_id TEXT REFERENCES children(id) ON DELETE SET NULL,
    state TEXT NOT NULL,
    reason TEXT,
    strategy_id TEXT NOT NULL,
    phrase_id TEXT NOT NULL,
    words TEXT,
    outcome TEXT CHECK (outcome IN ('helped', 'little', 'not', 'skipped')),
    outcome_at TEXT,
    followed_up INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX moments_by_time ON moments(created_at);
CREATE INDEX moments_by_child ON moments(child_id, created_at);
CREATE INDEX moments_open ON moments(outcome, created_at);
CREATE TABLE phrase_outcomes (
    child_id TEXT NOT NULL DEFAULT '',
    phrase_id TEXT NOT NULL,
    helped INTEGER NOT NULL DEFAULT 0,
    little INTEGER NOT NULL DEFAULT 0,
    not_helped INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (child_id, phrase_id)
);
CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    child_id TEXT REFERENCES children(id) ON DELETE SET NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    wins TEXT NOT NULL DEFAULT '[]',
    helped TEXT,
    hard TEXT,
    child_said TEXT,
    focus TEXT,
    note TEXT
);
CREATE INDEX checkins_by_time ON checkins(created_at);
CREATE INDEX checkins_by_child ON checkins(child_id, created_at);
CREATE TABLE practice (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    child_id TEXT REFERENCES children(id) ON DELETE SET NULL,
    scenario_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('say', 'choose')),
    answer TEXT,
    rating TEXT NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
    box INTEGER NOT NULL,
    due_at TEXT NOT NULL
);
CREATE INDEX practice_by_time ON practice(created_at);
CREATE INDEX practice_by_scenario ON practice(scenario_id, created_at);
CREATE INDEX practice_by_child ON practice(child_id, created_at);
CREATE TABLE favorites (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    child_id TEXT REFERENCES children(id) ON DELETE SET NULL,
    phrase_id TEXT NOT NULL UNIQUE
);
"""


# Each migration takes the database from version N to N+1; never edit a shipped one.
def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run each statement of `script` inside the current transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    lambda conn: run_script(conn, V1),
    clean_stored_text,  # 2: text stored with control characters, cleaned (helpcoach.store.clean_text)
]
SCHEMA_VERSION = len(MIGRATIONS)


def new_id() -> str:
    """A fresh entry id."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    """Now, in UTC (tests pass their own clock instead)."""
    return datetime.now(UTC)


def stamp(moment: datetime | None = None) -> str:
    """ISO 8601 in UTC with its offset; sorts as text in time order."""
    return (moment or utc_now()).astimezone(UTC).isoformat(timespec="milliseconds")


class LogConnection(sqlite3.Connection):
    """A connection that knows its file, so each commit can record the log as verified."""

    path: Path | None = None


def damaged(exc: sqlite3.DatabaseError | str, path: Path | None = None) -> HelpcoachError:
    """The one line for a log SQLite could open but not use (a failed quick_check, a broken page).

    A log that is only busy (locked by another helpcoach) is not damaged, and is not called so.
    """
    if isinstance(exc, sqlite3.OperationalError) and _is_busy(str(exc)):
        return _write_error(exc)
    return _corrupt(path or paths.db_file(), f"is damaged ({exc})")


def _is_busy(text: str) -> bool:
    return "locked" in text or "busy" in text


def set_aside_advice(path: Path) -> str:
    """How to start afresh without losing an interrupted save: the log moves only with its journal."""
    return (
        f"to start a new log, move {path.name} aside together with any {path.name}-journal "
        f"or {path.name}-wal beside it (never the log alone)"
    )


def _corrupt(path: Path, what: str) -> HelpcoachError:
    return HelpcoachError(
        f"the log {path} {what}; it was left untouched: run `helpcoach doctor`, then restore from an export "
        f"or {set_aside_advice(path)}"
    )


def _prepare_file(path: Path) -> None:
    """Create the data dir (0700, only folders we make) and an empty private log file (0600) if missing."""
    from helpcoach.store.files import make_private_dirs

    try:
        make_private_dirs(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.fchmod(fd, 0o600)
        os.close(fd)
    except FileExistsError:
        return
    except OSError as exc:
        raise HelpcoachError(
            f"cannot create the log at {path}: {exc.strerror or exc}: set HELPCOACH_DATA_DIR to a writable folder"
        ) from exc


def _check_header(path: Path) -> None:
    from helpcoach.bounded import read_bounded

    try:
        head = read_bounded(path, 15)
    except OSError as exc:
        raise HelpcoachError(f"cannot read the log {path}: {exc.strerror or exc}") from exc
    if head and head != _HEADER:
        raise _corrupt(path, "is not a helpcoach log (not an SQLite database)")


class LogBusy(HelpcoachError):
    """Another helpcoach holds the log (an import, say) for longer than we could wait."""


def connect(path: Path | None = None, *, create: bool = True, open_wait_ms: int | None = None) -> sqlite3.Connection:
    """Open (and if needed create and migrate) the log; raise HelpcoachError if it is unusable.

    `open_wait_ms` bounds the wait for a busy log while opening (LogBusy after it); later
    statements wait the usual BUSY_TIMEOUT_MS.
    """
    path = path or paths.db_file()
    if path.exists() and path.is_dir():
        raise HelpcoachError(f"the log path {path} is a folder: set HELPCOACH_DATA_DIR to another place")
    if not path.exists():
        if not create:
            raise HelpcoachError(f"there is no log yet at {path}")
        _prepare_file(path)
    _check_header(path)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=LogConnection)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS if open_wait_ms is None else open_wait_ms}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # rolls back an interrupted save first
        problem = verify(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, sqlite3.OperationalError) and _is_busy(str(exc)):
            raise _write_error(exc) from exc
        raise _corrupt(path, f"cannot be read ({exc})") from exc
    if problem is not None:
        conn.close()
        raise damaged(problem, path)
    assert isinstance(conn, LogConnection)
    conn.path = path
    if version > SCHEMA_VERSION:
        conn.close()
        raise HelpcoachError(
            f"the log {path} was written by a newer helpcoach (schema {version}, this one knows "
            f"{SCHEMA_VERSION}): upgrade helpcoach; the log was not changed"
        )
    if version < SCHEMA_VERSION:
        migrate(conn, path, version)
    return conn


def migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Apply each pending migration in its own transaction, after saving a copy of the file."""
    if version > 0:
        backup = path.with_name(f"{path.name}.before-v{version + 1}")
        try:
            if not backup.exists():
                shutil.copy2(path, backup)
                os.chmod(backup, 0o600)
        except OSError as exc:
            raise HelpcoachError(f"cannot save a copy of the log before upgrading it: {exc.strerror or exc}") from exc
    for number in range(version, SCHEMA_VERSION):
        try:
            with transaction(conn):
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current > number:  # another process got there first
                    continue
                MIGRATIONS[number](conn)
                conn.execute(f"PRAGMA user_version = {number + 1}")
        except sqlite3.DatabaseError as exc:
            raise _corrupt(path, f"could not be upgraded ({exc})") from exc


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; disk errors become one clear line."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise _write_error(exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise _write_error(exc) from exc
        if _is_corruption(exc) and isinstance(conn, LogConnection) and conn.path is not None:
            write_note(conn.path, DAMAGED, str(exc))  # found mid-write: every later command refuses at once
            raise damaged(str(exc), conn.path) from exc
        raise
    if isinstance(conn, LogConnection) and conn.path is not None:
        write_note(conn.path, OK)  # our own write: the log is still the one we verified


def _is_corruption(exc: BaseException) -> bool:
    """True for SQLITE_CORRUPT or SQLITE_NOTADB (a broken page), not for a constraint or a busy log."""
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.OperationalError | sqlite3.IntegrityError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (11, 26)
    return "malformed" in str(exc) or "not a database" in str(exc)


def _write_error(exc: sqlite3.OperationalError) -> HelpcoachError:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return HelpcoachError(
            f"the log is read-only, so nothing was saved: check the permissions of {paths.data_dir()} or set HELPCOACH_DATA_DIR"
        )
    if "full" in text:
        return HelpcoachError("the disk is full, so nothing was saved: free some space and try again")
    if _is_busy(text):
        return LogBusy("the log is busy in another helpcoach window: try again in a moment")
    return HelpcoachError(f"could not write to the log ({text}); nothing was saved")


def insert_row(conn: sqlite3.Connection, table: str, row: dict[str, object], *, or_ignore: bool = False) -> bool:
    """INSERT one row given as column -> value (table and columns come from our code, never from input).

    Returns False when `or_ignore` skipped a row whose id already exists.
    """
    columns = ", ".join(row)
    marks = ", ".join("?" * len(row))
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    return conn.execute(f"{verb} INTO {table} ({columns}) VALUES ({marks})", tuple(row.values())).rowcount == 1


def open_log() -> sqlite3.Connection:
    """The log for this run, created if needed."""
    return connect()
