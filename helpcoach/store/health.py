"""The log's part of `helpcoach doctor`: read-only, it never creates, migrates or repairs anything."""

from __future__ import annotations

import sqlite3

from helpcoach import paths
from helpcoach.finding import Finding
from helpcoach.store.db import _HEADER, SCHEMA_VERSION

COUNTED = (("moments", "moments"), ("check-ins", "checkins"), ("practice", "practice"), ("favourites", "favorites"))


def log_findings() -> list[Finding]:
    """Path and size, schema version, integrity and counts by kind of the log."""
    path = paths.db_file()
    if not path.exists():
        folder = next((p for p in [path.parent, *path.parent.parents] if p.exists()), None)
        if folder is None or not folder.is_dir():
            return [Finding("log", False, f"cannot be created at {path}: {folder} is not a folder; set HELPCOACH_DATA_DIR")]
        return [Finding("log", True, f"none yet at {path} (created by the first entry)")]
    if path.is_dir():
        return [Finding("log", False, f"{path} is a folder: set HELPCOACH_DATA_DIR to another place")]
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return [Finding("log", False, f"cannot read {path}: {exc.strerror or exc}")]
    findings = [Finding("log", True, f"{path} ({_size(size)})")]
    if head and head != _HEADER:
        findings.append(Finding("log format", False, "not an SQLite database: move the file aside to start a new log"))
        return findings
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check = [row[0] for row in conn.execute("PRAGMA quick_check")]
            counts = _counts(conn) if version >= 1 else []
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        findings.append(Finding("log integrity", False, f"cannot be read ({exc}): move the file aside to start a new log"))
        return findings
    if version > SCHEMA_VERSION:
        findings.append(
            Finding("log schema", False, f"version {version} is newer than this helpcoach ({SCHEMA_VERSION}): upgrade")
        )
    else:
        findings.append(Finding("log schema", True, f"version {version}"))
    if check == ["ok"]:
        findings.append(Finding("log integrity", True, "quick_check ok"))
    else:
        detail = "; ".join(check[:3])
        findings.append(
            Finding(
                "log integrity",
                False,
                f"quick_check failed ({detail}): keep a copy of the file and restore from an export (helpcoach import)",
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
