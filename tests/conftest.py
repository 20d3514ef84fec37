"""Every test gets its own config and data dirs, no colour and a fixed width."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcoach.ui import console

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    """Point HELPCOACH_CONFIG_DIR / HELPCOACH_DATA_DIR at temp dirs; reset cached state."""
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("HELPCOACH_CONFIG_DIR", str(config))
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("HELPCOACH_DEBUG", raising=False)
    _reset()
    yield {"config": config, "data": data}
    _reset()


def _reset() -> None:
    from helpcoach.cli import common

    common._load.cache_clear()
    console._plain = False
    console.out.cache_clear()
    console.err.cache_clear()


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run helpcoach in-process through the real entry point: returns (code, stdout, stderr)."""
    from helpcoach.entry import main

    def invoke(*args: str) -> tuple[int, str, str]:
        _reset()
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


@pytest.fixture
def user_packs(isolated: dict[str, Path]) -> Path:
    """The user packs dir, created."""
    path = isolated["config"] / "packs"
    path.mkdir(parents=True)
    return path


def write(path: Path, text: str) -> Path:
    """Write text, creating parents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


os.environ.setdefault("HELPCOACH_TEST", "1")
