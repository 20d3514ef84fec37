"""The tests' own footing: nothing reaches the real home, and a test-only seed makes `now`'s choice exact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpcoach.seed import random_source
from tests.helpers import REPO
from tests.now_pack import install_now_pack

LOAD_AT_IMPORT = """\
import os, sys
import tests.conftest
from helpcoach.packs.library import load_library
assert load_library().packs
print(os.environ["HELPCOACH_CACHE_DIR"])
"""


def test_a_library_loaded_before_any_test_writes_nothing_into_the_home(tmp_path: Path) -> None:
    """As a module-level `load_library()` does at import: the conftest has already moved every folder away."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HELPCOACH_", "XDG_"))}
    env["HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", LOAD_AT_IMPORT], cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == [], "nothing was written under the home folder"
    cache = Path(done.stdout.strip())
    assert cache.name == "cache" and not cache.exists(), "the throwaway folder is removed when the run ends"


def test_inside_a_test_the_cache_sits_beside_the_test_data(isolated: dict[str, Path]) -> None:
    from helpcoach import paths

    assert "HELPCOACH_CACHE_DIR" not in os.environ
    assert paths.cache_dir() == isolated["data"] / "cache"


def now_phrase(run, seed: str) -> tuple[str, str]:
    os.environ["HELPCOACH_SEED"] = seed
    try:
        code, out, err = run("now", "--json", "--no-log", "--state", "upset", "--reason", "shy")
    finally:
        del os.environ["HELPCOACH_SEED"]
    assert code == 0, err
    phrase = json.loads(out)["phrase"]
    return phrase["id"], phrase["text"]


def test_the_test_seed_makes_the_choice_exact(run, isolated: dict[str, Path]) -> None:
    install_now_pack(isolated["config"])  # two phrases of one strategy score the same: only the jitter tells them apart
    assert [now_phrase(run, "1") for _ in range(3)] == [("w1", "Take your time.")] * 3
    assert [now_phrase(run, "2") for _ in range(3)] == [("w2", "I'm right here.")] * 3


@pytest.mark.parametrize("test_mode", [True, False])
def test_the_seed_is_honoured_only_under_helpcoach_test(monkeypatch: pytest.MonkeyPatch, test_mode: bool) -> None:
    monkeypatch.setenv("HELPCOACH_SEED", "1")
    if test_mode:
        monkeypatch.setenv("HELPCOACH_TEST", "1")
    else:
        monkeypatch.delenv("HELPCOACH_TEST", raising=False)
    draws = [random_source().random() for _ in range(3)]
    assert (len(set(draws)) == 1) is test_mode
