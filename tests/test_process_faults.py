"""The process's edges, in real subprocesses: closed standard streams, an ASCII or latin-1 locale,
and import files built to hurt (deep nesting, bad UTF-8, /dev/zero, a BOM)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from helpcoach.store.exchange import read_document
from tests.e2e.tmux import helpcoach_script

Run = Callable[..., subprocess.CompletedProcess[bytes]]


@pytest.fixture
def cli(isolated: dict[str, Path], tmp_path: Path) -> Run:
    """Run the installed helpcoach; `close` lists standard descriptors to close before it starts."""

    def invoke(
        *args: str, close: tuple[int, ...] = (), env: dict[str, str] | None = None, stdin: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        full = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HELPCOACH_CONFIG_DIR": str(isolated["config"]),
            "HELPCOACH_DATA_DIR": str(isolated["data"]),
            "NO_COLOR": "1",
            "LC_ALL": "C.UTF-8",
            **(env or {}),
        }

        def closing() -> None:
            for fd in close:
                os.close(fd)

        return subprocess.run(
            [helpcoach_script(), *args],
            env=full,
            cwd=tmp_path,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            preexec_fn=closing if close else None,
            timeout=60,
            check=False,
        )

    return invoke


def moments(isolated: dict[str, Path]) -> list[tuple[str, str | None]]:
    path = isolated["data"] / "helpcoach.db"
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT phrase_id, words FROM moments").fetchall()
    finally:
        conn.close()


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert len(text.strip().splitlines()) == 1, text
    assert "Traceback" not in text and "AttributeError" not in text and "unexpected error" not in text, text
    return text


# --- closed stdin and stdout ------------------------------------------------------------------------


def test_now_answers_with_stdin_closed(cli: Run, isolated) -> None:
    done = cli("now", "--quick", "frustrated", close=(0,))
    assert done.returncode == 0, done.stderr
    assert "\u201c" in done.stdout.decode()  # the phrase, in its quotes
    assert len(moments(isolated)) == 1


@pytest.mark.parametrize(
    "args", [("checkin",), ("import", "-"), ("checkin", "--answers", "-")], ids=["checkin", "import -", "--answers -"]
)
def test_reading_a_closed_stdin_is_a_usage_error(cli: Run, isolated, args: tuple[str, ...]) -> None:
    done = cli(*args, close=(0,))
    assert done.returncode == 2, done.stderr
    line = one_line(done.stderr)
    assert "terminal" in line or "standard input is closed" in line
    assert not (isolated["data"] / "helpcoach.db").exists() or moments(isolated) == []


def test_export_to_a_closed_stdout_says_so(cli: Run) -> None:
    assert cli("checkin", "--rating", "4").returncode == 0
    done = cli("export", close=(1,))
    assert done.returncode == 1
    assert "standard output is closed" in one_line(done.stderr)


def test_a_file_opened_after_a_closed_stdout_never_takes_its_place(cli: Run, tmp_path: Path) -> None:
    # With descriptor 1 closed, the next file opened would become "stdout"; a filler takes the slot first.
    assert cli("checkin", "--rating", "4").returncode == 0
    out = tmp_path / "log.json"
    done = cli("export", "-o", str(out), close=(1,))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "helpcoach-log"


def test_a_closed_stderr_costs_nothing(cli: Run, isolated) -> None:
    done = cli("now", "--quick", "frustrated", close=(2,))
    assert done.returncode == 0
    assert len(moments(isolated)) == 1


# --- an ASCII or latin-1 stdout ------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_now_in_an_ascii_locale_shows_the_phrase_with_ascii_punctuation(cli: Run, isolated, locale: str) -> None:
    done = cli("now", "--quick", "\u00e9lodie won't put her shoes on", env={"LC_ALL": locale, "PYTHONUTF8": "0"})
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("ascii")  # nothing but ASCII
    assert '"' in out and "Why" not in done.stderr.decode()
    saved = moments(isolated)
    assert len(saved) == 1
    assert saved[0][1] == "\u00e9lodie won't put her shoes on"  # the UTF-8 argument survived the C locale


def test_now_json_in_an_ascii_locale_is_lossless(cli: Run) -> None:
    assert cli("child", "add", "\u00c9lodie").returncode == 0
    done = cli("now", "--quick", "--json", env={"LC_ALL": "C", "PYTHONUTF8": "0"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("ascii"))["phrase"]["text"]
    listed = cli("child", "list", "--json", env={"LC_ALL": "C", "PYTHONUTF8": "0"})
    assert json.loads(listed.stdout.decode("ascii"))[0]["name"] == "\u00c9lodie"  # \u escapes, not "?"


def test_latin1_stdout_gets_the_letters_it_has(cli: Run) -> None:
    assert cli("child", "add", "\u00c9lodie").returncode == 0
    done = cli("child", "list", env={"PYTHONIOENCODING": "latin-1"})
    assert done.returncode == 0, done.stderr
    assert "\u00c9lodie" in done.stdout.decode("latin-1")


def test_the_fallback_maps_punctuation_and_drops_accents_only_where_it_must() -> None:
    from helpcoach import process

    text = "\u201cOk\u201d \u2014 caf\u00e9 \u2026 \u2605 \u4e2d \u2581\u2584\u2588"
    assert text.encode("ascii", process.FALLBACK) == b'"Ok" - cafe ... * ? _-#'
    assert text.encode("latin-1", process.FALLBACK) == '"Ok" - caf\u00e9 ... * ? _-#'.encode("latin-1")


def test_exports_stay_utf8_whatever_the_locale(cli: Run) -> None:
    assert cli("checkin", "--rating", "4", "--win", "caf\u00e9 \u201cyes\u201d").returncode == 0
    done = cli("export", env={"LC_ALL": "C", "PYTHONUTF8": "0"})
    assert done.returncode == 0, done.stderr
    wins = json.loads(done.stdout.decode("utf-8"))["entries"][0]["wins"]
    assert wins == ["caf\u00e9 \u201cyes\u201d"]


# --- hostile import files ----------------------------------------------------------------------------

EXPORT_HEAD = '{"format": "helpcoach-log", "version": 1'


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("deep.json", (EXPORT_HEAD + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(), "deep.json:1:"),
        ("deep-version.json", ('{"version": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(), "nested far too deeply"),
        ("bad-utf8.json", (EXPORT_HEAD + ',\n "children": [{"name": "\xff"}]}').encode("latin-1"), "bad-utf8.json:2:"),
        ("binary.json", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "does not start with '{'"),
        ("truncated.json", (EXPORT_HEAD + ', "entries": [').encode(), "truncated.json:1:"),
        ("empty.json", b"", "is empty"),
    ],
    ids=["100k-deep", "deep-in-header", "bad-utf8", "binary", "truncated", "empty"],
)
def test_hostile_import_files_get_one_located_line(cli: Run, tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    done = cli("import", str(_file(tmp_path, name, data)))
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert expected in line, line
    assert "RecursionError" not in line and "DecodeError" not in line


def test_importing_dev_zero_is_refused_at_once(cli: Run) -> None:
    done = cli("import", "/dev/zero")
    assert done.returncode == 1
    assert "/dev/zero:1:1: not a helpcoach export" in one_line(done.stderr)


def test_a_bom_is_accepted(cli: Run, tmp_path: Path) -> None:
    path = _file(tmp_path, "bom.json", b"\xef\xbb\xbf" + (EXPORT_HEAD + ', "entries": []}').encode())
    done = cli("import", str(path))
    assert done.returncode == 0, done.stderr
    assert "0 added" in done.stdout.decode()


def test_import_from_stdin_is_bounded_and_checked(cli: Run) -> None:
    done = cli("import", "-", stdin=b"\x00" * 200_000)
    assert done.returncode == 1
    assert "stdin:1:1: not a helpcoach export" in one_line(done.stderr)


def test_read_document_locates_a_syntax_error() -> None:
    from helpcoach.errors import HelpcoachError

    with pytest.raises(HelpcoachError, match=r"^x\.json:3:6: not a helpcoach export \(JSON is malformed"):
        read_document(b'{\n "format": "helpcoach-log",\n "v" 1}', "x.json")


def test_the_python_running_the_tests_is_the_one_installed() -> None:
    assert Path(helpcoach_script()).parent == Path(sys.executable).parent
