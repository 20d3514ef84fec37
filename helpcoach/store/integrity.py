"""Finding a damaged log before anything is written to it, without checking every page on every run.

A full `PRAGMA quick_check` reads the whole file, so it grows with the log. Instead a
small note beside the log, `.helpcoach.db.verified`, records the file's identity
(size, mtime, ctime, inode) when it was last found sound: after a check, and after
each of our own commits. When the log still matches its note, nothing changed it
but us and the check is skipped; when it does not (another program, a disk error,
a copy from elsewhere, an interrupted save that was rolled back), the log is
checked once and the note rewritten. ctime cannot be set back by `touch`, so a file
changed behind our back never looks verified. `doctor` records its finding in the
same note, so a log it found damaged is refused at once by every command.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

OK = "ok"
DAMAGED = "damaged"


def note_path(log: Path) -> Path:
    """Where the verification note of `log` lives (hidden, beside it)."""
    return log.with_name(f".{log.name}.verified")


def _identity(log: Path) -> str | None:
    try:
        st = os.stat(log)
    except OSError:
        return None
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"


@dataclass(frozen=True)
class Note:
    """What was last found about the log, and which version of the file that was."""

    identity: str
    state: str
    detail: str


def read_note(log: Path) -> Note | None:
    """The note, or None when there is none or it is unreadable (then the log is simply checked)."""
    from helpcoach.bounded import read_bounded

    try:
        raw = read_bounded(note_path(log), 4096).decode("utf-8", "replace")
    except OSError:
        return None
    first, _, detail = raw.partition("\n")
    *numbers, state = first.split(" ") if first else [""]
    if len(numbers) != 4 or state not in (OK, DAMAGED):
        return None
    return Note(" ".join(numbers), state, detail.strip())


def write_note(log: Path, state: str, detail: str = "") -> None:
    """Record `state` for the log as it is on disk now; a note that cannot be written only costs a later check."""
    identity = _identity(log)
    if identity is None:
        return
    target = note_path(log)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"{identity} {state}\n{' '.join(detail.split())}\n")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def known_sound(log: Path) -> bool:
    """True when the log is exactly the file last found sound (so it need not be checked again)."""
    note = read_note(log)
    return note is not None and note.state == OK and note.identity == _identity(log)


def known_damage(log: Path) -> str | None:
    """The remembered finding when this very file was found damaged, else None."""
    note = read_note(log)
    if note is not None and note.state == DAMAGED and note.identity == _identity(log):
        return note.detail or "damaged"
    return None


def check(conn: sqlite3.Connection) -> str | None:
    """None when `PRAGMA quick_check` finds the log sound, else what it found."""
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise  # busy is not damaged: the caller says so, and nothing is remembered
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows[:3])


def verify(conn: sqlite3.Connection, log: Path) -> str | None:
    """None when the log is sound (checked only if it changed since last verified), else the damage found."""
    note = read_note(log)
    identity = _identity(log)
    if note is not None and note.identity == identity:
        return None if note.state == OK else (note.detail or "damaged")
    problem = check(conn)
    write_note(log, OK if problem is None else DAMAGED, problem or "")
    return problem
