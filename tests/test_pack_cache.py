"""The compiled-pack cache is only ever a shortcut: stale, corrupt or unwritable caches change nothing."""

from __future__ import annotations

import os
import subprocess
import sys

from helpcoach import paths
from helpcoach.packs.cache import PackCache
from helpcoach.packs.library import load_library
from tests.helpers import GARDEN, write


def _cache_file():
    return PackCache().file


def test_second_load_comes_from_the_cache_without_yaml(user_packs):
    write(user_packs / "garden.yaml", GARDEN)
    first = load_library()
    assert _cache_file().is_file()
    code = (
        "import sys; from helpcoach.packs.library import load_library; lib = load_library(); "
        "print(len(lib.packs), 'yaml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert out.stdout.split() == [str(len(first.packs)), "False"]


def test_an_edited_pack_is_read_again(user_packs):
    pack = write(user_packs / "garden.yaml", GARDEN)
    load_library()
    pack.write_text(GARDEN.replace("name:", "nmae:", 1), encoding="utf-8")
    library = load_library()
    assert any("unknown key 'nmae'" in p.message for b in library.broken for p in b.problems)


def test_a_corrupt_cache_is_ignored_and_rebuilt():
    load_library()
    _cache_file().write_bytes(b"\x00not msgpack at all")
    library = load_library()
    assert library.strategies and not library.broken
    assert _cache_file().read_bytes() != b"\x00not msgpack at all"


def test_an_unusable_cache_dir_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("HELPCOACH_CACHE_DIR", str(blocker / "cache"))
    library = load_library()
    assert library.strategies and not library.broken
    assert paths.cache_dir() == blocker / "cache"


def test_a_clash_found_through_the_cache_still_names_the_line(user_packs):
    write(user_packs / "a.yaml", GARDEN)
    load_library()
    clash = GARDEN.replace("id: garden", "id: garden-two", 1)
    write(user_packs / "b.yaml", clash)
    library = load_library()
    problems = [p for b in library.broken for p in b.problems]
    assert problems and all(p.source.endswith("b.yaml") and p.line > 1 for p in problems)
