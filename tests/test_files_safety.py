"""Files: only regular files are read, and never past a limit; --force replaces only regular files; everything
helpcoach creates is private whatever the umask, and only folders it creates are chmodded; writes land whole."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcoach import __version__, paths
from helpcoach.bounded import NotRegularFile, read_bounded

TIMEOUT = 60  # a hang fails the test instead of the whole suite


def helpcoach(*args: str, limits: dict[int, int] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process (a FIFO that blocks must not block pytest)."""

    def set_limits() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past RLIMIT_FSIZE fails (EFBIG) instead of killing
        for which, value in (limits or {}).items():
            resource.setrlimit(which, (value, value))

    return subprocess.run(
        [sys.executable, "-m", "helpcoach", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=set_limits,
        input=stdin,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    yield path


def test_read_bounded_refuses_a_fifo_and_a_device_and_stops_at_the_limit(tmp_path: Path, fifo: Path) -> None:
    with pytest.raises(NotRegularFile):
        read_bounded(fifo, 10)
    with pytest.raises(NotRegularFile):
        read_bounded("/dev/zero", 10)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 100)
    assert read_bounded(big, 10) == b"x" * 11
    assert read_bounded(big, 100) == b"x" * 100


def _user_packs() -> Path:
    folder = paths.user_packs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("command", [["now", "--quick", "shoes"], ["packs", "validate"], ["doctor"]])
def test_a_fifo_in_the_packs_folder_never_hangs(command: list[str]) -> None:
    os.mkfifo(_user_packs() / "pipe.yaml")
    done = helpcoach(*command)
    assert "Traceback" not in done.stderr
    assert "pipe.yaml" in done.stdout + done.stderr and "not a regular file" in done.stdout + done.stderr
    if command[0] == "now":
        assert done.stdout.strip(), "the parent still gets a phrase"


def test_a_pack_linked_to_dev_zero_neither_hangs_nor_fills_memory() -> None:
    (_user_packs() / "zero.yaml").symlink_to("/dev/zero")
    done = helpcoach("now", "--quick", "shoes", limits={resource.RLIMIT_AS: 1024 * 1024 * 1024})
    assert done.stdout.strip() and "MemoryError" not in done.stderr
    assert "zero.yaml" in done.stderr


def test_a_fifo_or_device_as_pack_cache_is_only_a_cache_miss() -> None:
    cache = paths.cache_dir()
    cache.mkdir(parents=True)
    os.mkfifo(cache / f"packs-{__version__}.msgpack")
    done = helpcoach("now", "--quick", "shoes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_a_fifo_as_config_or_answers_file_never_hangs(fifo: Path) -> None:
    done = helpcoach("checkin", "--answers", str(fifo))
    assert done.returncode in (1, 2) and "not a regular file" in done.stderr
    paths.config_dir().mkdir(parents=True)
    os.mkfifo(paths.config_file())
    done = helpcoach("now", "--quick", "shoes")
    assert done.stdout.strip()


def test_force_never_replaces_a_fifo(run, fifo: Path) -> None:
    code, _out, err = run("export", "--format", "json", "-o", str(fifo), "--force")
    assert code == 1
    assert "not a regular file" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_force_replaces_a_regular_file(run, tmp_path: Path) -> None:
    target = tmp_path / "old.json"
    target.write_text("old")
    code, _out, err = run("export", "--format", "json", "-o", str(target), "--force")
    assert code == 0, err
    assert '"helpcoach-log"' in target.read_text()


def test_a_shared_data_folder_keeps_its_mode(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(shared))
    monkeypatch.setenv("HELPCOACH_CACHE_DIR", str(tmp_path / "cache"))
    code, _out, err = run("child", "add", "Ana")
    assert code == 0, err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "helpcoach.db").stat().st_mode) == 0o600
    code, out, _err = run("doctor")
    assert "can be read by others" in out and "private" in out


@pytest.fixture(params=[0o000, 0o022])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_everything_created_is_private_whatever_the_umask(run, umask: int) -> None:
    assert run("now", "--quick", "shoes")[0] == 0
    assert run("phrases", "add", "I'm right here.", "--strategy", "stay-present")[0] == 0
    assert run("packs", "new", "grandma")[0] == 0
    folders = [paths.config_dir(), paths.user_packs_dir(), paths.data_dir(), paths.cache_dir()]
    files = [
        paths.db_file(),
        paths.user_packs_dir() / "mine.yaml",
        paths.user_packs_dir() / "grandma.yaml",
        paths.cache_dir() / f"packs-{__version__}.msgpack",
    ]
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_packs_new_on_a_full_disk_leaves_nothing_behind() -> None:
    folder = _user_packs()
    done = helpcoach("packs", "new", "grandma", limits={resource.RLIMIT_FSIZE: 64})
    assert done.returncode == 1
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert list(folder.iterdir()) == []
    done = helpcoach("packs", "new", "grandma")
    assert done.returncode == 0, done.stderr
    assert (folder / "grandma.yaml").read_text().startswith("#")


def test_phrases_add_writes_through_a_symlinked_mine_yaml(run, tmp_path: Path) -> None:
    assert run("phrases", "add", "First words.", "--strategy", "stay-present")[0] == 0
    mine = paths.user_packs_dir() / "mine.yaml"
    real = tmp_path / "dotfiles" / "mine.yaml"
    real.parent.mkdir()
    mine.rename(real)
    mine.symlink_to(real)
    code, _out, err = run("phrases", "add", "Second words.", "--strategy", "stay-present")
    assert code == 0, err
    assert mine.is_symlink() and mine.resolve() == real
    assert "Second words." in real.read_text() and "First words." in real.read_text()
    assert [p.name for p in real.parent.iterdir()] == ["mine.yaml"], "no temporary file is left"


def test_phrases_add_refuses_a_dangling_mine_yaml_link(run, tmp_path: Path) -> None:
    mine = _user_packs() / "mine.yaml"
    mine.symlink_to(tmp_path / "gone" / "mine.yaml")
    code, _out, err = run("phrases", "add", "Words.", "--strategy", "stay-present")
    assert code == 1
    assert "mine.yaml" in err
    assert mine.is_symlink() and not (tmp_path / "gone").exists()
