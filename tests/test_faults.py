"""The fault suite: SIGKILL in the middle of every writing command and a full disk (through tests/faults.py,
no root needed). Nothing is lost, nothing half-written is left in place, and the next command carries on.
A hot journal and a damaged page have their own tests in test_log_damage.py."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from helpcoach import paths
from helpcoach.store import db
from helpcoach.store.exchange import export_document

FAULTS = Path(__file__).parent / "faults.py"
INTERRUPTED = "an interrupted save will be undone by the next command: don't move the file"


def helpcoach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "helpcoach", *args], capture_output=True, text=True, timeout=120, check=False)


def faulty(mode: str, arg: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(FAULTS), mode, arg, "--", *args], capture_output=True, text=True, timeout=120, check=False
    )


def log_state() -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    """Everything in the log (as an export sees it, plus the learned counts); the log must be sound."""
    conn = db.connect()
    try:
        assert [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
        counts = [tuple(r) for r in conn.execute("SELECT * FROM phrase_outcomes ORDER BY child_id, phrase_id")]
        return export_document(conn), counts
    finally:
        conn.close()


def big_export(tmp_path: Path, entries: int) -> Path:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    document = {
        "format": "helpcoach-log",
        "version": 1,
        "entries": [
            {
                "kind": "moment",
                "id": str(uuid.UUID(int=10_000 + i, version=4)),
                "created_at": (start + timedelta(minutes=i)).isoformat(),
                "state": "stuck",
                "strategy_id": "smaller-steps",
                "phrase_id": "steps-1",
                "outcome": "helped",
                "words": "w" * 200,
            }
            for i in range(entries)
        ],
    }
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def seeded(run) -> None:
    for argv in (
        ["child", "add", "Mia", "--age", "5"],
        ["child", "add", "Noor"],
        ["now", "--quick", "shoes"],
        ["checkin", "--rating", "3", "--win", "asked for help"],
        ["phrases", "add", "First words.", "--strategy", "stay-present"],
    ):
        code, _out, err = run(*argv)
        assert code == 0, (argv, err)


DB_WRITERS = [
    ["now", "--quick", "shoes"],
    ["now", "--went", "helped"],
    ["checkin", "--rating", "4", "--win", "tied the shoes", "--note", "a calm week"],
    ["child", "add", "Sam"],
    ["child", "default", "Noor"],
    ["child", "remove", "Noor", "--yes", "--delete-entries"],
    ["phrases", "fav", "steps-1"],
    ["import", "@big"],
]


def _argv(argv: list[str], tmp_path: Path) -> list[str]:
    return [str(big_export(tmp_path, 10_000)) if a == "@big" else a for a in argv]


def _doctor_never_advises_moving_the_log_alone() -> str:
    done = helpcoach("doctor")
    assert "aside" not in done.stdout and "cannot be read" not in done.stdout
    assert done.returncode == 0 or INTERRUPTED in done.stdout, done.stdout
    return done.stdout


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("at", ["WRITE", "COMMIT"])
@pytest.mark.parametrize("argv", DB_WRITERS, ids=[" ".join(a[:2]) for a in DB_WRITERS])
def test_sigkill_during_a_write_loses_nothing(tmp_path: Path, argv: list[str], at: str) -> None:
    argv = _argv(argv, tmp_path)
    before = log_state()
    done = faulty("kill-at-sql", at, *argv)
    assert done.returncode == -9, done.stderr
    said = _doctor_never_advises_moving_the_log_alone()
    if argv[0] == "import" and at == "COMMIT":  # big enough to spill into the file: a hot journal is left
        assert INTERRUPTED in said
    assert log_state() == before, "all or nothing: the interrupted save was undone"
    retry = helpcoach(*argv)
    assert retry.returncode == 0, retry.stderr
    assert log_state() != before


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["phrases", "add", "Second words.", "--strategy", "stay-present"], "mine.yaml"),
        (["packs", "new", "grandma"], "grandma.yaml"),
        (["export", "--format", "json", "-o", "@out"], "out.json"),
    ],
    ids=["phrases add", "packs new", "export -o"],
)
def test_sigkill_while_a_file_is_put_in_place_leaves_the_old_file(tmp_path: Path, argv: list[str], name: str) -> None:
    argv = [str(tmp_path / "out.json") if a == "@out" else a for a in argv]
    files = [paths.user_packs_dir() / "mine.yaml", paths.user_packs_dir() / "grandma.yaml", tmp_path / "out.json"]
    before = {f: f.read_bytes() if f.exists() else None for f in files}
    done = faulty("kill-at-rename", name, *argv)
    assert done.returncode == -9, done.stderr
    assert {f: f.read_bytes() if f.exists() else None for f in files} == before
    for check in (["packs", "validate"], ["now", "--quick", "shoes"]):
        assert helpcoach(*check).returncode == 0, check  # a leftover temporary file breaks nothing
    retry = helpcoach(*argv)
    assert retry.returncode == 0, retry.stderr


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("argv", DB_WRITERS, ids=[" ".join(a[:2]) for a in DB_WRITERS])
def test_a_full_disk_saves_nothing_and_says_so(tmp_path: Path, argv: list[str]) -> None:
    argv = _argv(argv, tmp_path)
    before = log_state()
    done = faulty("full-disk", "0", *argv)
    assert done.returncode == 1, done.stderr
    assert "not saved" in done.stderr or "nothing was saved" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 3
    if argv[0] == "now" and "--quick" in argv:
        assert done.stdout.strip(), "the parent still got the phrase"
    _doctor_never_advises_moving_the_log_alone()
    assert log_state() == before
    retry = helpcoach(*argv)
    assert retry.returncode == 0, retry.stderr


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    "argv",
    [
        ["phrases", "add", "Second words.", "--strategy", "stay-present"],
        ["packs", "new", "grandma"],
        ["export", "--format", "json", "-o", "@out"],
    ],
    ids=["phrases add", "packs new", "export -o"],
)
def test_a_full_disk_leaves_every_file_whole(tmp_path: Path, argv: list[str]) -> None:
    argv = [str(tmp_path / "out.json") if a == "@out" else a for a in argv]
    folders = [paths.user_packs_dir(), tmp_path]
    before = {p: p.read_bytes() for folder in folders for p in folder.iterdir() if p.is_file()}
    done = faulty("full-disk", "16", *argv)
    assert done.returncode == 1, done.stderr
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    after = {p: p.read_bytes() for folder in folders for p in folder.iterdir() if p.is_file()}
    assert after == before, "no file changed, none half-written, no temporary file left"
    assert helpcoach(*argv).returncode == 0
