"""Messages that used to mislead: a log that cannot be created called well, a packs folder skipped in
silence, a packs file mistaken for an existing pack, sizes that read '1024 KiB; the limit is 1024 KiB',
and an answers file told to split itself into packs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from helpcoach.packs.document import MAX_BYTES
from tests.conftest import write


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self is Linux's read-only folder even for root")
def test_doctor_sees_a_log_that_cannot_be_created(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPCOACH_DATA_DIR", "/proc/self/helpcoach")
    code, out, _ = run("doctor")
    assert code == 1
    assert "PROBLEM: log: cannot be created at /proc/self/helpcoach/helpcoach.db: /proc/self is not writable" in out
    assert "All is well" not in out


def test_doctor_checks_the_folder_is_writable(run, isolated, monkeypatch: pytest.MonkeyPatch) -> None:
    import helpcoach.store.health as health

    inside = str(isolated["data"].parent)  # the pack cache may create the data folder first: any folder in here
    monkeypatch.setattr(health.os, "access", lambda path, mode: not str(path).startswith(inside))
    code, out, _ = run("doctor")
    assert code == 1 and "is not writable; set HELPCOACH_DATA_DIR" in out and "All is well" not in out


def test_an_unreadable_packs_folder_is_reported(run, user_packs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import helpcoach.packs.library as library

    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == user_packs:
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(library.os, "scandir", scandir)
    code, _, err = run("now", "--quick", "frustrated")
    assert code == 0
    assert f"{user_packs}:1:1: the packs folder cannot be read (Permission denied)" in err
    code, out, _ = run("doctor")
    assert code == 1 and "PROBLEM: user packs: the packs folder cannot be read" in out
    code, _, err = run("packs", "validate")
    assert code == 1 and "the packs folder cannot be read" in err


def test_a_packs_file_is_named_as_such(run, isolated) -> None:
    write(isolated["config"] / "packs", "not a folder\n")
    code, _, err = run("packs", "new", "grandma")
    assert code == 1
    assert "is a file, not a folder" in err and "already exists" not in err
    code, _, err = run("now", "--quick", "frustrated")
    assert code == 0 and "the packs folder is a file, not a folder" in err
    code, out, _ = run("doctor")
    assert code == 1 and "PROBLEM: user packs" in out


def test_an_oversized_answers_file_is_not_told_about_packs(run, tmp_path: Path) -> None:
    path = write(tmp_path / "answers.yaml", "rating: 4\n" + "# padding\n" * (MAX_BYTES // 10 + 1))
    code, _, err = run("checkin", "--answers", str(path))
    assert code == 2
    assert f"file is {path.stat().st_size:,} bytes; the limit is 1,048,576 bytes (1 MiB)" in err
    assert "packs" not in err and "one check-in" in err


def test_an_oversized_answers_stream_says_so_too(run, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"#" * (MAX_BYTES + 10))))
    code, _, err = run("checkin", "--answers", "-")
    assert code == 2
    assert "stdin:1:1: file is larger than that; the limit is 1,048,576 bytes" in err and "packs" not in err


def test_an_oversized_config_is_not_told_about_packs_either(run, isolated) -> None:
    write(isolated["config"] / "config.yaml", "remind: false\n" + "#\n" * (MAX_BYTES // 2 + 1))
    code, _, err = run("support")
    assert code == 0
    assert "config ignored:" in err and "the limit is 1,048,576 bytes" in err and "smaller packs" not in err
