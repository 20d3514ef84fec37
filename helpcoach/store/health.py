"""The log's part of `helpcoach doctor`.

Read-only unless asked to repair: it never creates or migrates the log. An interrupted
save (a hot `-journal`, or a `-wal` to replay) is named as such, never mistaken for
damage, and `doctor --repair` lets SQLite undo it by opening the log for writing.
What the check finds is remembered beside the log (see store/integrity.py).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from helpcoach import paths
from helpcoach.bounded import read_bounded
from helpcoach.errors import HelpcoachError
from helpcoach.finding import Finding
from helpcoach.store.db import _HEADER, SCHEMA_VERSION, connect, set_aside_advice
from helpcoach.store.files import open_to_others
from helpcoach.store.integrity import DAMAGED, OK, check, write_note

COUNTED = (("moments", "moments"), ("check-ins", "checkins"), ("practice", "practice"), ("favourites", "favorites"))
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
INTERRUPTED = "an interrupted save will be undone by the next command: don't move the file"
_RECOVERY_NEEDED = {"SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY", "SQLITE_READONLY_CANTINIT"}


def pending_journal(path: Path) -> Path | None:
    """The `-journal` or `-wal` beside the log holding a save that was cut off, if there is one."""
    journal = path.with_name(f"{path.name}-journal")
    try:
        if read_bounded(journal, 8)[:8] == JOURNAL_MAGIC:
            return journal
    except OSError:
        pass
    wal = path.with_name(f"{path.name}-wal")
    try:
        if wal.stat().st_size > 0:
            return wal
    except OSError:
        pass
    return None


def repair() -> str:
    """Open the log for writing so SQLite undoes an interrupted save; what happened, in words."""
    path = paths.db_file()
    journal = pending_journal(path)
    if not path.is_file():
        return "there is no log to repair"
    try:
        conn = connect(path, create=False)  # opening it rolls back a hot journal, then checks it
    except HelpcoachError as exc:
        return f"could not open the log for writing: {exc}"
    conn.close()
    if journal is not None and pending_journal(path) is None:
        if journal.name.endswith("-wal"):
            return f"the saves waiting in {journal.name} were written into the log"
        return "the interrupted save was undone; the log is as it was before that save"
    return "nothing to undo"


def log_findings() -> list[Finding]:
    """Path and size, the folder's privacy, schema version, integrity and counts by kind of the log."""
    path = paths.db_file()
    if not path.exists():
        folder = next((p for p in [path.parent, *path.parent.parents] if p.exists()), None)
        if folder is None or not folder.is_dir():
            return [Finding("log", False, f"cannot be created at {path}: {folder} is not a folder; set HELPCOACH_DATA_DIR")]
        if not os.access(folder, os.W_OK | os.X_OK):
            return [Finding("log", False, f"cannot be created at {path}: {folder} is not writable; set HELPCOACH_DATA_DIR")]
        return [Finding("log", True, f"none yet at {path} (created by the first entry)")]
    if path.is_dir():
        return [Finding("log", False, f"{path} is a folder: set HELPCOACH_DATA_DIR to another place")]
    try:
        size = path.stat().st_size
        head = read_bounded(path, 15)[:16]
    except OSError as exc:
        return [Finding("log", False, f"cannot read {path}: {exc.strerror or exc}")]
    findings = [Finding("log", True, f"{path} ({_size(size)})")]
    if open_to_others(path.parent):
        findings.append(
            Finding("data folder", True, f"warning: {path.parent} can be read by others; the log itself is private (0600)")
        )
    journal = pending_journal(path)
    if head and head != _HEADER:
        findings.append(Finding("log format", False, f"not an SQLite database: {set_aside_advice(path)}"))
        return findings
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            problem = check(conn)
            counts = _counts(conn) if version >= 1 and problem is None else []
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            findings.append(Finding("log", False, "busy in another helpcoach window: run `helpcoach doctor` again in a moment"))
            return findings
        if journal is not None or getattr(exc, "sqlite_errorname", "") in _RECOVERY_NEEDED:
            where = f" ({journal.name})" if journal is not None else ""
            findings.append(Finding("log journal", False, f"{INTERRUPTED}{where}; `helpcoach doctor --repair` undoes it now"))
            return findings
        findings.append(
            Finding("log integrity", False, f"cannot be read ({exc}): restore from an export, or {set_aside_advice(path)}")
        )
        return findings
    if version > SCHEMA_VERSION:
        findings.append(
            Finding("log schema", False, f"version {version} is newer than this helpcoach ({SCHEMA_VERSION}): upgrade")
        )
    else:
        findings.append(Finding("log schema", True, f"version {version}"))
    write_note(path, OK if problem is None else DAMAGED, problem or "")
    if problem is None:
        findings.append(Finding("log integrity", True, "quick_check ok"))
    else:
        findings.append(
            Finding(
                "log integrity",
                False,
                f"quick_check failed ({problem}): no command will write to it; keep a copy of the file "
                "(with any journal beside it) and restore from an export (helpcoach import)",
            )
        )
    if counts:
        findings.append(Finding("log entries", True, ", ".join(f"{n} {label}" for label, n in counts)))
    return findings


def _counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return [(label, conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]) for label, table in COUNTED]


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"
