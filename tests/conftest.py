"""Every test gets its own config and data dirs, no colour and a fixed width.

Before any test module is imported, the config, data and cache dirs point at a throwaway folder,
so a library loaded at import time or in a module-scoped fixture never reads the real user packs
or writes the pack cache into the real home. HELPCOACH_TEST is set, so HELPCOACH_SEED is honoured.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_OUTSIDE_TESTS = Path(tempfile.mkdtemp(prefix="helpcoach-tests-"))
atexit.register(shutil.rmtree, _OUTSIDE_TESTS, ignore_errors=True)
os.environ["HELPCOACH_CONFIG_DIR"] = str(_OUTSIDE_TESTS / "config")
os.environ["HELPCOACH_DATA_DIR"] = str(_OUTSIDE_TESTS / "data")
os.environ["HELPCOACH_CACHE_DIR"] = str(_OUTSIDE_TESTS / "cache")
os.environ.setdefault("HELPCOACH_TEST", "1")
os.environ.pop("HELPCOACH_SEED", None)

import pytest  # noqa: E402

from helpcoach.ui import console  # noqa: E402
from tests.helpers import REPO, SHARED, write  # noqa: E402

__all__ = ["REPO", "SHARED", "isolated", "run", "user_packs", "write"]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    """Point HELPCOACH_CONFIG_DIR / HELPCOACH_DATA_DIR at temp dirs (the cache goes beside the data); reset cached state."""
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("HELPCOACH_CONFIG_DIR", str(config))
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(data))
    monkeypatch.delenv("HELPCOACH_CACHE_DIR", raising=False)
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
