"""The log file: migrations, modes, refusing broken files, concurrent and killed writers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from helpcoach import paths
from helpcoach.errors import HelpcoachError
from helpcoach.store import db
from tests.logdata import count, open_test_log


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_every_earlier_version_migrates_to_the_current_one(tmp_path: Path) -> None:
    # Version 0 is an empty database file (what sqlite3 leaves before the first migration).
    for version in range(db.SCHEMA_VERSION):
        path = tmp_path / f"v{version}.db"
        conn = sqlite3.connect(path, isolation_level=None)
        for number in range(version):  # a log as helpcoach left it at `version`
            db.MIGRATIONS[number](conn)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.close()
        db.connect(path).close()
        assert _version(path) == db.SCHEMA_VERSION
        assert {"children", "moments", "checkins", "practice", "favorites", "phrase_outcomes"} <= _tables(path)


def test_a_later_migration_saves_a_copy_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "helpcoach.db"
    conn = db.connect(path)
    conn.execute("INSERT INTO children (id, created_at, name) VALUES ('c1', '2025-01-01', 'Ana')")
    conn.close()
    before = path.read_bytes()
    later = db.SCHEMA_VERSION + 1
    second = [*db.MIGRATIONS, lambda c: c.execute("ALTER TABLE children ADD COLUMN nickname TEXT")]
    monkeypatch.setattr(db, "MIGRATIONS", second)
    monkeypatch.setattr(db, "SCHEMA_VERSION", later)
    db.connect(path).close()
    backup = path.with_name(f"helpcoach.db.before-v{later}")
    assert backup.read_bytes() == before
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert _version(path) == later
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name, nickname FROM children").fetchall() == [("Ana", None)]
    conn.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "helpcoach.db"
    db.connect(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra (x)")
        conn.execute("SELECT * FROM no_such_table")

    current = db.SCHEMA_VERSION
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, broken])
    monkeypatch.setattr(db, "SCHEMA_VERSION", current + 1)
    with pytest.raises(HelpcoachError, match=r"nothing was saved|could not be upgraded"):
        db.connect(path)
    assert _version(path) == current
    assert "extra" not in _tables(path)


def test_a_log_from_a_newer_helpcoach_is_refused_and_unchanged(run) -> None:
    path = paths.db_file()
    db.connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    code, _out, err = run("history")
    assert code == 1
    assert "newer helpcoach" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_file_and_folder_modes(run) -> None:
    code, _, _ = run("child", "add", "Ana")
    assert code == 0
    assert stat.S_IMODE(paths.data_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.db_file().stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [b"this is my shopping list\n", b"SQLite format 3\x00" + b"\xff\x13" * 2000, b"\x00" * 4096],
    ids=["text", "header-then-garbage", "zeros"],
)
def test_a_broken_file_is_left_byte_for_byte(run, content: bytes) -> None:
    path = paths.db_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    for args in (["history"], ["checkin", "--rating", "3"], ["child", "add", "Ana"]):
        code, _out, err = run(*args)
        assert code == 1, args
        assert len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err
        assert path.read_bytes() == content


def test_not_a_database_names_the_file_and_doctor(run) -> None:
    path = paths.db_file()
    path.parent.mkdir(parents=True)
    path.write_text("hello")
    code, _, err = run("stats")
    assert code == 1
    assert str(path) in err and "helpcoach doctor" in err


def test_doctor_reports_the_log(run) -> None:
    assert run("checkin", "--rating", "4")[0] == 0
    _code, out, _ = run("doctor")
    assert f"log schema: version {db.SCHEMA_VERSION}" in out
    assert "quick_check ok" in out
    assert "1 check-ins" in out


def test_doctor_flags_a_broken_log(run) -> None:
    path = paths.db_file()
    path.parent.mkdir(parents=True)
    path.write_text("hello")
    code, out, _ = run("doctor")
    assert code == 1
    assert "PROBLEM: log format" in out


def test_a_read_only_log_saves_nothing(run, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores file modes, so the log is opened query-only: SQLite answers "readonly database" either way.
    assert run("checkin", "--rating", "4")[0] == 0
    real_connect = db.connect

    def read_only(path: Path | None = None, *, create: bool = True) -> sqlite3.Connection:
        conn = real_connect(path, create=create)
        conn.execute("PRAGMA query_only = 1")
        return conn

    monkeypatch.setattr(db, "connect", read_only)
    code, _, err = run("checkin", "--rating", "2", "--win", "shoes")
    assert code == 1
    assert "read-only" in err and "nothing was saved" in err
    monkeypatch.setattr(db, "connect", real_connect)
    assert count(open_test_log(), "checkins") == 1


def test_a_data_dir_that_is_a_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(blocker))
    code, _, err = run("checkin", "--rating", "3")
    assert code == 1
    assert str(blocker) in err and len(err.strip().splitlines()) == 1
    assert blocker.read_text() == "x"


WRITER = """
import sys
from helpcoach.store import db
from helpcoach.store.checkins import CheckinAnswers, save_checkin
conn = db.connect()
n = int(sys.argv[1])
i = 0
while n < 0 or i < n:
    entry = save_checkin(conn, None, CheckinAnswers(rating=1 + i % 5, wins=[f"win {i}"] * 3, note=f"note {i}"))
    i += 1
    print(entry.id, flush=True)
"""


def _writer(count_: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(count_)], stdout=subprocess.PIPE, text=True, env=dict(os.environ))


def test_four_processes_writing_at_once_leave_every_entry() -> None:
    db.connect().close()  # created once, so the writers race on entries, not on creating the file
    writers = [_writer(50) for _ in range(4)]
    ids = []
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        ids += out.split()
    conn = open_test_log()
    assert count(conn, "checkins") == 200
    assert {r[0] for r in conn.execute("SELECT id FROM checkins")} == set(ids)


def test_a_killed_writer_leaves_only_whole_entries() -> None:
    db.connect().close()
    writer = _writer(-1)
    assert writer.stdout is not None
    for _ in range(25):
        assert writer.stdout.readline()
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    conn = open_test_log()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT rating, wins, note FROM checkins").fetchall()
    assert len(rows) >= 25
    for rating, wins, note in rows:
        i = int(note.split()[1])
        assert rating == 1 + i % 5
        assert json.loads(wins) == [f"win {i}"] * 3
