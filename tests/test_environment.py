"""Hostile surroundings: a data dir that cannot be written, a data dir that is a file, HOME unset,
and a log left by a newer helpcoach. Each gives a clear result or one line of error, never a
traceback, and changes nothing it should not."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from helpcoach.store import db
from helpcoach.store.db import open_log
from tests.helpers import helpcoach_script, write

AS_ROOT = os.geteuid() == 0
WRITERS = [["checkin", "--rating", "3"], ["now", "--quick", "stuck"], ["child", "add", "Mia"]]
READERS = [["history"], ["stats"], ["export"], ["history", "--json"]]


def one_line_error(err: str) -> str:
    lines = [line for line in err.split("\n") if line.strip() and not line.startswith("helpcoach: warning:")]
    assert len(lines) == 1, f"expected one line of error, got: {err!r}"
    assert "Traceback" not in err and "unexpected error" not in err, err
    return lines[0]


def files_under(folder: Path) -> dict[str, bytes]:
    """The log and anything beside it named like it (a migration backup would be), by bytes."""
    return {str(p): p.read_bytes() for p in sorted(folder.glob("helpcoach.db*")) if p.is_file()}


@pytest.fixture
def read_only_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """A data dir nobody can write: chmod 0500 for a normal user; as root (CI), whom chmod does not
    bind, a data dir whose parent is a regular file, which binds root too. Returns a restorer."""
    if AS_ROOT:
        blocker = write(tmp_path / "blocker", "a regular file, not a folder\n")
        monkeypatch.setenv("HELPCOACH_DATA_DIR", str(blocker / "helpcoach"))
        return lambda: None
    data = tmp_path / "locked"
    data.mkdir()
    data.chmod(0o500)
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(data))
    return lambda: data.chmod(0o700)


@pytest.mark.parametrize("argv", WRITERS, ids=[" ".join(a) for a in WRITERS])
def test_unwritable_data_dir_gives_one_clear_line(run, read_only_data_dir: Callable[[], None], argv: list[str]) -> None:
    code, out, err = run(*argv)
    read_only_data_dir()
    assert code == 1, (out, err)
    line = one_line_error(err)
    assert "HELPCOACH_DATA_DIR" in line or "data" in line.lower() or "log" in line.lower(), line


@pytest.mark.parametrize("argv", READERS, ids=[" ".join(a) for a in READERS])
def test_unwritable_data_dir_while_reading(run, read_only_data_dir: Callable[[], None], argv: list[str]) -> None:
    code, out, err = run(*argv)
    read_only_data_dir()
    if AS_ROOT:  # root writes anywhere, so the fixture puts the data dir under a file: nowhere to read from
        assert code == 1, (out, err)
        assert "cannot create the log" in one_line_error(err)
    else:  # a locked folder with no log in it: nothing to show, and nothing created
        assert code == 0, err
        assert err == "" and out.strip()


@pytest.mark.parametrize("argv", WRITERS + READERS, ids=[" ".join(a) for a in WRITERS + READERS])
def test_data_dir_that_is_a_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    data = write(tmp_path / "not-a-folder", "precious notes\n")
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(data))
    code, _, err = run(*argv)
    assert code == 1, err
    assert "cannot create the log" in one_line_error(err) and "not a folder" in err
    assert data.read_text(encoding="utf-8") == "precious notes\n"


def test_data_dir_under_a_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = write(tmp_path / "blocker", "x\n")
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(blocker / "deeper" / "helpcoach"))
    code, _, err = run("checkin", "--rating", "4")
    assert code == 1
    assert str(blocker) in one_line_error(err)
    assert blocker.read_text() == "x\n"


def test_log_path_that_is_a_folder(run, isolated: dict[str, Path]) -> None:
    (isolated["data"] / "helpcoach.db").mkdir(parents=True)
    code, _, err = run("checkin", "--rating", "4")
    assert code == 1
    assert "folder" in one_line_error(err)


def test_unwritable_data_dir_in_the_installed_script(read_only_data_dir: Callable[[], None]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HELPCOACH_DEBUG"}
    done = subprocess.run(
        [helpcoach_script(), "checkin", "--rating", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    read_only_data_dir()
    assert done.returncode == 1
    one_line_error(done.stderr)


# ---- HOME unset ------------------------------------------------------------------------------

# Read-only commands: with HOME unset, platformdirs falls back on the password database, which
# may be the real home of whoever runs the tests, so nothing here may write there.
NO_HOME = [
    ["--version"],
    ["--help"],
    ["packs", "list"],
    ["packs", "validate"],
    ["support"],
    ["doctor"],
    ["now", "--quick", "--no-log"],
]


def bare_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "HOME" and not k.startswith(("XDG_", "HELPCOACH_"))}


@pytest.mark.parametrize("argv", NO_HOME, ids=[" ".join(a) for a in NO_HOME])
def test_home_unset_gives_a_clear_result(tmp_path: Path, argv: list[str]) -> None:
    env = bare_env()
    assert "HOME" not in env and not any(k.startswith(("XDG_", "HELPCOACH_")) for k in env)
    done = subprocess.run(
        [helpcoach_script(), *argv],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.strip(), "a result was shown"
    # doctor and packs validate judge the files of the real home (above), so their verdict sets the code.
    if argv == ["doctor"]:
        expected = 0 if done.stdout.rstrip().endswith("All is well.") else 1
        assert expected == 0 or "PROBLEM: " in done.stdout
    elif argv == ["packs", "validate"]:
        expected = 0 if done.stdout.startswith("All valid") else 1
    else:
        expected = 0
    assert done.returncode == expected, (done.stdout, done.stderr)
    assert list(tmp_path.iterdir()) == [], "nothing was written to the working folder"


# ---- a log from a newer helpcoach --------------------------------------------------------------

NEWER = [*WRITERS, *READERS, ["now", "--went", "helped"], ["child", "list"], ["phrases", "fav", "yes-1"]]


@pytest.fixture
def newer_log(isolated: dict[str, Path]) -> Path:
    """A log whose PRAGMA user_version is past what this helpcoach knows."""
    path = isolated["data"] / "helpcoach.db"
    db.connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO children (id, created_at, name) VALUES ('c1', '2030-01-01T00:00:00.000+00:00', 'Ada')")
    conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 3}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("argv", NEWER, ids=[" ".join(a) for a in NEWER])
def test_newer_log_is_refused_and_left_byte_for_byte(run, newer_log: Path, argv: list[str]) -> None:
    before = files_under(newer_log.parent)
    code, _, err = run(*argv)
    assert code == 1, err
    line = one_line_error(err)
    assert "newer" in line and str(newer_log) in line
    assert files_under(newer_log.parent) == before, "the newer log must not change, nor gain a backup"


def test_newer_log_in_doctor_is_reported_not_changed(run, newer_log: Path) -> None:
    before = files_under(newer_log.parent)
    code, out, err = run("doctor")
    assert code == 1
    assert "newer" in " ".join((out + err).split()).lower()
    assert files_under(newer_log.parent) == before


def test_import_into_a_newer_log_changes_nothing(run, newer_log: Path, tmp_path: Path) -> None:
    source = write(tmp_path / "in.json", '{"format": "helpcoach-log", "version": 1, "children": [], "entries": []}')
    before = files_under(newer_log.parent)
    code, _, err = run("import", str(source))
    assert code == 1
    assert "newer" in one_line_error(err)
    assert files_under(newer_log.parent) == before


@pytest.mark.parametrize("no_log", [False, True])
def test_now_still_gives_the_phrase_when_the_log_is_damaged(run, isolated: dict[str, Path], no_log: bool) -> None:
    """A parent in a hurry gets what to say even when the log cannot be used; the log is left as it was."""
    log = write(isolated["data"] / "helpcoach.db", "")
    log.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    before = log.read_bytes()
    code, out, err = run("now", "--quick", "stuck", *(["--no-log"] if no_log else []))
    assert "Say:" in out or "\u201c" in out, out
    assert log.read_bytes() == before
    lines = [line for line in err.splitlines() if "helpcoach" in line]
    assert len(lines) == 1 and str(log) in lines[0], err
    assert code == (0 if no_log else 1)


def test_a_log_with_damaged_pages_gives_one_line_and_is_left_alone(run, isolated: dict[str, Path]) -> None:
    conn = open_log()
    conn.executemany(
        "INSERT INTO checkins (id, created_at, rating) VALUES (?, ?, 3)",
        [(f"id-{i}", f"2026-01-{i % 28 + 1:02d}") for i in range(400)],
    )
    conn.close()
    log = isolated["data"] / "helpcoach.db"
    raw = bytearray(log.read_bytes())
    raw[4096 * 2 :] = bytes(len(raw) - 4096 * 2)  # the table pages, zeroed: the header still says SQLite
    log.write_bytes(bytes(raw))
    code, out, err = run("history")
    assert code == 1
    assert out == ""
    [line] = err.strip().splitlines()
    assert str(log) in line and "helpcoach doctor" in line and "Traceback" not in err
    assert log.read_bytes() == bytes(raw)
