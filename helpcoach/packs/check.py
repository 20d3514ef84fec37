"""`packs validate`: every problem of the given files, or of everything installed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from helpcoach import paths
from helpcoach.errors import PackError, Problem
from helpcoach.packs.library import Library, check_against, pack_files, packs_folder_problem, read_pack
from helpcoach.packs.vocabulary_check import vocabulary_problems


def installed_pack_paths() -> list[Path]:
    """Every bundled and user pack file."""
    return [path for path, _ in pack_files()]


def check_installed() -> tuple[list[Problem], int]:
    """Problems of every installed pack and the config, and how many files were checked."""
    from helpcoach.config import load_config

    problems: list[Problem] = []
    checked = 0
    if paths.config_file().is_file():
        checked += 1
        try:
            load_config()
        except PackError as exc:
            problems += exc.problems
    folder = packs_folder_problem()
    if folder is not None:
        problems += folder.problems
    files = pack_files()
    checked += len(files)
    library = Library()
    problems += _check(files, library)
    problems += vocabulary_problems(library)
    return problems, checked


def check_files(files: Sequence[Path]) -> tuple[list[Problem], int]:
    """Problems of the given files, checked against the bundled packs they may extend."""
    base = Library()
    given = {f.resolve() for f in files}
    for path, bundled in pack_files():
        if bundled and path.resolve() not in given:
            try:
                base.add(read_pack(path, bundled))
            except PackError:
                continue  # reported when that file itself is validated
    bundled_dir = paths.bundled_packs_dir().resolve()
    problems = _check([(f, f.resolve().parent == bundled_dir) for f in files], base)
    named = {str(f) for f in files}
    problems += [p for p in vocabulary_problems(base) if p.source in named]
    return problems, len(files)


def _check(files: Sequence[tuple[Path, bool]], library: Library) -> list[Problem]:
    problems: list[Problem] = []
    for path, bundled in files:
        try:
            loaded = read_pack(path, bundled)
            found = check_against(library, loaded)
            if found:
                raise PackError(found)
            library.add(loaded)
        except PackError as exc:
            problems += exc.problems
    return problems
