"""A damaged log is found before anything is written to it, cheaply; an interrupted save is undone, never
mistaken for damage, and nothing ever advises moving the log without its journal."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helpcoach import paths
from helpcoach.store import db, integrity
from helpcoach.store.exchange import import_document, read_document

PAGE = 4096


def _fill(entries: int, words: int = 300) -> Path:
    """A real log of several MB, written through the import path."""
    start = datetime(2025, 1, 1, tzinfo=UTC)
    document = {
        "format": "helpcoach-log",
        "version": 1,
        "entries": [
            {
                "kind": "moment",
                "id": str(uuid.UUID(int=i + 1, version=4)),
                "created_at": (start + timedelta(minutes=i)).isoformat(),
                "state": "stuck",
                "strategy_id": "smaller-steps",
                "phrase_id": "smaller-steps-1",
                "words": f"entry {i} " + "x" * words,
            }
            for i in range(entries)
        ],
    }
    conn = db.connect()
    try:
        import_document(conn, read_document(json.dumps(document).encode(), "test"))
    finally:
        conn.close()
    return paths.db_file()


def _damage_middle(path: Path) -> None:
    """Overwrite one 4 KiB page in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    offset = (size // PAGE // 2) * PAGE
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(PAGE)))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged_log() -> Path:
    path = _fill(6000)
    assert path.stat().st_size > 2 * 1024 * 1024
    _damage_middle(path)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["stats"],
        ["checkin", "--rating", "3", "--win", "tied the shoes"],
        ["child", "add", "Noor"],
        ["phrases", "fav", "steps-1"],
        ["import", "@export"],
        ["export", "--format", "json"],
        ["now", "--went", "helped"],
    ],
)
def test_no_command_writes_to_a_damaged_log(run, damaged_log: Path, tmp_path: Path, args: list[str]) -> None:
    if args == ["import", "@export"]:
        export = tmp_path / "other.json"
        export.write_text(json.dumps({"format": "helpcoach-log", "version": 1, "entries": []}))
        args = ["import", str(export)]
    before = _digest(damaged_log)
    code, _out, err = run(*args)
    assert code == 1
    assert "damaged" in err and "helpcoach doctor" in err
    assert "Traceback" not in err
    assert _digest(damaged_log) == before
    assert not damaged_log.with_name("helpcoach.db-journal").exists()


def test_now_still_gives_the_phrase_but_saves_nothing(run, damaged_log: Path) -> None:
    before = _digest(damaged_log)
    code, out, err = run("now", "--quick", "he won't let me help")
    assert code == 1
    assert out.strip(), "the parent still gets the phrase"
    assert "not saved" in err and "damaged" in err
    assert _digest(damaged_log) == before


def test_the_advice_never_moves_the_log_without_its_journal(run, damaged_log: Path) -> None:
    _code, _out, err = run("history")
    assert "move the file aside" not in err
    assert "helpcoach.db-journal" in err and "never the log alone" in err


def test_a_sound_log_is_checked_only_when_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = integrity.check

    def counting(conn: sqlite3.Connection) -> str | None:
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(integrity, "check", counting)
    path = _fill(50)
    calls.clear()
    conn = db.connect()
    conn.close()
    assert calls == [], "the import's own commit recorded the log as verified"
    conn = db.connect()
    with db.transaction(conn):
        conn.execute("INSERT INTO favorites (id, created_at, phrase_id) VALUES (?, ?, ?)", (db.new_id(), db.stamp(), "p-1"))
    conn.close()
    db.connect().close()
    assert calls == [], "our own writes keep the log verified"
    other = sqlite3.connect(path)  # another program changes the file behind our back
    other.execute("INSERT INTO favorites (id, created_at, phrase_id) VALUES ('x', 'y', 'p-2')")
    other.commit()
    other.close()
    db.connect().close()
    assert calls == [1]
    db.connect().close()
    assert calls == [1]


def test_touch_cannot_make_a_damaged_file_look_verified(damaged_log: Path) -> None:
    note = integrity.read_note(damaged_log)
    assert note is not None and note.state == integrity.OK  # written before the damage
    stamp = damaged_log.stat()
    os.utime(damaged_log, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # mtime set back; ctime moves on
    with pytest.raises(db.HelpcoachError, match="damaged"):
        db.connect()


def test_doctor_remembers_what_it_found(run, damaged_log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    integrity.note_path(damaged_log).unlink()
    code, out, _err = run("doctor")
    assert code == 1 and "quick_check failed" in out
    assert "move the file aside" not in out
    monkeypatch.setattr(integrity, "check", lambda conn: pytest.fail("doctor's finding is remembered"))
    code, _out, err = run("checkin", "--rating", "3")
    assert code == 1 and "damaged" in err


def _interrupt_a_save(path: Path) -> None:
    """A helpcoach-like writer killed by SIGKILL in the middle of a big transaction: a hot journal is left."""
    script = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "for i in range(3000):\n"
        "    c.execute(\"UPDATE moments SET words = 'overwritten' || ? WHERE rowid = ?\", (i, i + 1))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert done.returncode == -9


def test_doctor_names_an_interrupted_save_and_undoes_it(run) -> None:
    path = _fill(3000)
    conn = db.connect()
    before = [tuple(r) for r in conn.execute("SELECT id, words FROM moments ORDER BY id")]
    conn.close()
    _interrupt_a_save(path)
    journal = path.with_name("helpcoach.db-journal")
    assert journal.stat().st_size > 0
    code, out, _err = run("doctor")
    assert code == 1
    assert "an interrupted save will be undone by the next command: don't move the file" in out
    assert "doctor --repair" in out
    assert "aside" not in out and "cannot be read" not in out
    assert journal.exists(), "doctor alone opens read-only and changes nothing"
    code, out, _err = run("doctor", "--repair")
    assert code == 0, out
    assert "interrupted save was undone" in out
    assert not journal.exists() or journal.stat().st_size == 0
    conn = db.connect()
    assert [tuple(r) for r in conn.execute("SELECT id, words FROM moments ORDER BY id")] == before
    conn.close()


def test_the_next_command_undoes_an_interrupted_save(run) -> None:
    path = _fill(3000)
    _interrupt_a_save(path)
    code, _out, err = run("history", "--limit", "1")
    assert code == 0, err
    code, out, _err = run("doctor")
    assert code == 0 and "quick_check ok" in out


def test_a_damaged_page_found_mid_write_is_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _fill(10)
    conn = db.connect()
    with pytest.raises(db.HelpcoachError, match="damaged"), db.transaction(conn):
        raise sqlite3.DatabaseError("database disk image is malformed")
    conn.close()
    note = integrity.read_note(path)
    assert note is not None and note.state == integrity.DAMAGED


def test_a_refused_row_is_not_damage() -> None:
    path = _fill(10)
    conn = db.connect()
    with pytest.raises(sqlite3.IntegrityError), db.transaction(conn):
        conn.execute("INSERT INTO children (id, created_at, name) VALUES ('a', 'b', 'Mia')")
        conn.execute("INSERT INTO children (id, created_at, name) VALUES ('c', 'd', 'MIA')")
    conn.close()
    note = integrity.read_note(path)
    assert note is not None and note.state == integrity.OK
    db.connect().close()


def test_doctor_repair_with_nothing_to_undo(run) -> None:
    _fill(10)
    code, out, _err = run("doctor", "--repair")
    assert code == 0 and "Repair: nothing to undo." in out and "quick_check ok" in out


def test_doctor_repair_writes_a_leftover_wal_into_the_log(run) -> None:
    path = _fill(10)
    script = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode = WAL')\n"
        "c.execute(\"INSERT INTO favorites (id, created_at, phrase_id) VALUES ('a', 'b', 'steps-1')\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    assert subprocess.run([sys.executable, "-c", script, str(path)], check=False).returncode == -9
    wal = path.with_name("helpcoach.db-wal")
    assert wal.stat().st_size > 0
    code, out, _err = run("doctor")
    assert code == 0 and "aside" not in out and "1 favourites" in out
    code, out, _err = run("doctor", "--repair")
    assert code == 0 and "were written into the log" in out
    assert not wal.exists() or wal.stat().st_size == 0
