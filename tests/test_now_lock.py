"""`now --quick` while another helpcoach holds the log: the phrase comes first, the save after; a save that
times out is said on stderr, and `--json` prints its document once the save is done or has timed out."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator

import pytest

from helpcoach import paths
from helpcoach.store import db


@pytest.fixture
def held() -> Iterator[sqlite3.Connection]:
    """Another writer in the middle of a transaction (as an import would be)."""
    db.connect().close()
    other = sqlite3.connect(paths.db_file(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO favorites (id, created_at, phrase_id) VALUES ('x', 'y', 'z')")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def _moments() -> int:
    conn = db.connect()
    try:
        return int(conn.execute("SELECT COUNT(*) FROM moments").fetchone()[0])
    finally:
        conn.close()


def test_the_phrase_is_shown_before_the_save_waits_for_the_lock(held: sqlite3.Connection) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "helpcoach", "now", "--quick", "shoes"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # arrives while the lock is still held
    assert first.strip(), "the phrase is on screen before the save"
    held.execute("ROLLBACK")  # the other writer finishes: the waiting save goes through
    _rest, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert "not saved" not in err
    assert _moments() == 1


def test_a_save_that_times_out_is_said_on_stderr(run, held: sqlite3.Connection, monkeypatch) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    code, out, err = run("now", "--quick", "shoes")
    assert code == 1
    assert out.strip(), "the parent still got the phrase"
    assert "this moment was not saved" in err and "busy" in err
    assert "damaged" not in err
    held.execute("ROLLBACK")
    assert _moments() == 0


def test_json_is_printed_once_the_save_has_timed_out_with_no_moment_id(run, held: sqlite3.Connection, monkeypatch) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    code, out, err = run("now", "--quick", "--json", "shoes")
    assert code == 1
    document = json.loads(out)
    assert document["moment_id"] is None and document["phrase"]["text"]
    assert "not saved" in err


def test_json_carries_the_moment_id_when_saved(run) -> None:
    code, out, err = run("now", "--quick", "--json", "shoes")
    assert code == 0, err
    document = json.loads(out)
    assert document["moment_id"] and _moments() == 1


def test_a_busy_log_is_never_remembered_as_damaged(held: sqlite3.Connection, monkeypatch) -> None:
    from helpcoach.store import integrity

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    integrity.note_path(paths.db_file()).unlink()
    exclusive = held
    exclusive.execute("COMMIT")
    exclusive.execute("BEGIN EXCLUSIVE")  # now even reading has to wait
    with pytest.raises(db.HelpcoachError, match="busy"):
        db.connect()
    note = integrity.read_note(paths.db_file())
    assert note is None or note.state == integrity.OK


def test_opening_can_be_bounded_when_even_reading_must_wait(held: sqlite3.Connection) -> None:
    import time

    held.execute("COMMIT")
    held.execute("BEGIN EXCLUSIVE")  # a big import that spilled into the file: readers wait too
    start = time.monotonic()
    with pytest.raises(db.LogBusy, match="busy"):
        db.connect(open_wait_ms=50)
    assert time.monotonic() - start < db.BUSY_TIMEOUT_MS / 1000 / 2, "it did not wait the full timeout"


def test_the_phrase_comes_at_once_even_when_reading_must_wait(run, held: sqlite3.Connection) -> None:
    held.execute("ROLLBACK")
    assert run("child", "add", "Mia")[0] == 0
    assert run("child", "add", "Noor")[0] == 0
    assert run("child", "default", "Noor")[0] == 0
    held.execute("BEGIN EXCLUSIVE")  # a big import that spilled into the file: readers wait too
    child = subprocess.Popen(
        [sys.executable, "-m", "helpcoach", "now", "--quick", "shoes"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # arrives while even reading the log has to wait
    assert first.strip(), "the phrase is on screen before the log could be read"
    held.execute("ROLLBACK")
    _rest, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    conn = db.connect()
    row = conn.execute("SELECT c.name FROM moments AS m JOIN children AS c ON c.id = m.child_id").fetchone()
    conn.close()
    assert row is not None and row[0] == "Noor", "saved for the default child, as when the log is free"
