"""The log's part of `helpcoach doctor`, word for word, for every state a log can be in."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from helpcoach import paths
from helpcoach.finding import Finding
from helpcoach.store import db
from helpcoach.store.db import _HEADER, set_aside_advice
from helpcoach.store.health import _size, log_findings
from tests.helpers import write
from tests.logdata import NOW, add_checkin, add_moment, open_test_log


def test_no_log_yet() -> None:
    paths.data_dir().mkdir(parents=True)
    assert log_findings() == [Finding("log", True, f"none yet at {paths.db_file()} (created by the first entry)")]


def test_no_log_and_no_data_dir_yet_is_fine() -> None:
    assert log_findings() == [Finding("log", True, f"none yet at {paths.db_file()} (created by the first entry)")]


def test_a_data_dir_under_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = write(tmp_path / "blocker", "x")
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(blocker / "deeper" / "helpcoach"))
    path = paths.db_file()
    assert log_findings() == [
        Finding("log", False, f"cannot be created at {path}: {blocker} is not a folder; set HELPCOACH_DATA_DIR")
    ]


def test_a_log_path_that_is_a_folder() -> None:
    paths.db_file().mkdir(parents=True)
    assert log_findings() == [Finding("log", False, f"{paths.db_file()} is a folder: set HELPCOACH_DATA_DIR to another place")]


def findings_about_the_log() -> list[Finding]:
    """What doctor says of the log itself (the test's folder follows the umask, so its privacy warning is left out)."""
    return [f for f in log_findings() if f.label != "data folder"]


def test_a_file_that_is_not_sqlite() -> None:
    path = write(paths.db_file(), "x" * 2000)
    assert findings_about_the_log() == [
        Finding("log", True, f"{path} (2.0 KiB)"),
        Finding("log format", False, f"not an SQLite database: {set_aside_advice(path)}"),
    ]


def test_a_healthy_log_with_entries() -> None:
    conn = open_test_log()
    add_moment(conn, NOW)
    add_moment(conn, NOW)
    add_checkin(conn, NOW)
    conn.close()
    path = paths.db_file()
    size = path.stat().st_size
    assert log_findings() == [
        Finding("log", True, f"{path} ({size / 1024:.1f} KiB)"),
        Finding("log schema", True, f"version {db.SCHEMA_VERSION}"),
        Finding("log integrity", True, "quick_check ok"),
        Finding("log entries", True, "2 moments, 1 check-ins, 0 practice, 0 favourites"),
    ]


def test_a_log_from_a_newer_helpcoach() -> None:
    conn = open_test_log()
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    findings = log_findings()
    assert findings[1] == Finding("log schema", False, f"version 99 is newer than this helpcoach ({db.SCHEMA_VERSION}): upgrade")
    assert [f.label for f in findings] == ["log", "log schema", "log integrity", "log entries"]


def test_an_empty_sqlite_file_has_no_counts() -> None:
    path = paths.db_file()
    path.parent.mkdir(parents=True)
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    findings = findings_about_the_log()
    assert [(f.label, f.ok, f.detail) for f in findings[1:]] == [
        ("log schema", True, "version 0"),
        ("log integrity", True, "quick_check ok"),
    ]


def test_a_log_with_damaged_pages() -> None:
    conn = open_test_log()
    for _ in range(300):
        add_moment(conn, NOW)
    conn.close()
    path = paths.db_file()
    raw = bytearray(path.read_bytes())
    raw[4096 * 2 : 4096 * 4] = b"\xff" * 8192  # wreck two pages, keep the header
    path.write_bytes(bytes(raw))
    findings = findings_about_the_log()
    assert [(f.label, f.ok) for f in findings] == [
        ("log", True),
        ("log schema", True),
        ("log integrity", False),
    ]  # a damaged log is not counted: no command reads or writes it any more
    detail = findings[2].detail
    assert detail.startswith("quick_check failed (*** in database main ***") and "Page 3: btreeInitPage()" in detail
    assert detail.endswith(
        "): no command will write to it; keep a copy of the file (with any journal beside it) "
        "and restore from an export (helpcoach import)"
    )


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (1024 * 1024 - 1, "1024.0 KiB"),
        (3 * 1024 * 1024, "3.0 MiB"),
    ],
)
def test_sizes(size: int, shown: str) -> None:
    assert _size(size) == shown


def test_a_file_with_the_sqlite_header_that_sqlite_cannot_read() -> None:
    path = write(paths.db_file(), "")
    path.write_bytes(_HEADER + b"\x00" * 84 + b"garbage" * 500)
    assert findings_about_the_log() == [
        Finding("log", True, f"{path} (3.5 KiB)"),
        Finding(
            "log integrity",
            False,
            f"cannot be read (file is not a database): restore from an export, or {set_aside_advice(path)}",
        ),
    ]
