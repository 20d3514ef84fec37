"""Bad input, tried on purpose (hypothesis): random options on every command, random JSON for import,
random YAML and random bytes for the pack and config loaders.

The only outcomes allowed are the program's own: exit 0, 1 or 2, at most one line of error, no
traceback, and nothing written when the answer is an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpcoach.config import load_config
from helpcoach.entry import main
from helpcoach.errors import PackError
from helpcoach.packs.library import read_pack
from tests.cli_commands import Command, leaves, names
from tests.conftest import _reset
from tests.helpers import write

LEAVES = leaves()
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PROBLEM_LINE = re.compile(r"^\S.*:\d+(:\d+)?: ")  # PATH:LINE[:COL]: message, from packs validate / lint
TIME_LIMIT = 2.0
MEMORY_LIMIT = 100 * 1024 * 1024

# Option values a user might mistype, plus anything hypothesis invents. Never an absolute path or `..`,
# so a command that writes a file (export -o, report -o) can only write inside the example's folder.
TRICKY = [
    "",
    " ",
    "0",
    "-1",
    "7",
    "99999999999999999999",
    "1e309",
    "nan",
    "2024-13-45",
    "2024-02-30",
    "yesterday",
    "helped",
    "core",
    "stuck",
    "fear",
    "Mia",
    "{child}",
    "{name}",
    "'",
    '"',
    "\\",
    "%s",
    "é",
    "👍",
    "a" * 300,
    "json",
    "csv",
    "md",
    "say",
    "choose",
    "week.html",
    "week.md",
    "x.txt",
    "-",
    "--json",
    "--plain",
    "-h",
]
SAFE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=24)
VALUES = st.one_of(st.sampled_from(TRICKY), SAFE_TEXT, st.integers(-(10**12), 10**12).map(str)).filter(
    lambda v: not v.startswith(("/", "~")) and ".." not in v
)


def option_args(command: Command) -> st.SearchStrategy[list[str]]:
    """Random options of the command (flags alone, others with a random value), then random arguments."""
    parts: list[st.SearchStrategy[list[str]]] = [st.just(["--no-such-option"])]
    for option in command.options:
        if "--help" in option.opts:
            continue
        name = st.sampled_from(option.opts)
        if option.is_flag:
            parts.append(name.map(lambda n: [n]))
        else:
            parts.append(st.tuples(name, VALUES).map(list))
    chosen = st.lists(st.one_of(*parts), max_size=4).map(lambda groups: [x for group in groups for x in group])
    return st.tuples(chosen, st.lists(VALUES, max_size=3)).map(lambda t: t[0] + t[1])


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under the folders with a hash of its bytes (not the rebuildable pack cache or log note)."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            rebuildable = "cache" in path.relative_to(folder).parts or path.name.endswith(".verified")
            if path.is_file() and not rebuildable:
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    """Point helpcoach at `folder`'s config and data dirs and work there."""
    saved_env = {k: os.environ.get(k) for k in ("HELPCOACH_CONFIG_DIR", "HELPCOACH_DATA_DIR")}
    saved_cwd = os.getcwd()
    os.environ["HELPCOACH_CONFIG_DIR"] = str(folder / "config")
    os.environ["HELPCOACH_DATA_DIR"] = str(folder / "data")
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_quietly(*args: str) -> tuple[int, str, str]:
    """The real entry point, in-process, with no terminal and an empty stdin."""
    _reset()
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved_stdin
        _reset()
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A family with a child, a moment, a check-in and a user pack, to copy into each example."""
    folder = tmp_path_factory.mktemp("seeded")
    write(folder / "config" / "packs" / "mine.yaml", "id: mine\nname: Mine\n")
    with inside(folder):
        for argv in (["child", "add", "Mia", "--age", "5"], ["now", "--quick", "shoes"], ["checkin", "--rating", "3"]):
            code, _, err = run_quietly(*argv)
            assert code == 0, err
    return folder


def fresh_copy(seeded: Path, base: Path) -> Path:
    folder = base / f"example-{len(list(base.iterdir()))}"
    shutil.copytree(seeded, folder)
    return folder


def check_outcome(
    command: str, argv: list[str], code: int, out: str, err: str, before: dict[str, str], after: dict[str, str]
) -> None:
    shown = f"`helpcoach {' '.join(argv)}` -> {code}\nstdout: {out[-400:]}\nstderr: {err[-800:]}"
    assert code in (0, 1, 2), shown
    assert "Traceback" not in out + err, shown
    assert "unexpected error" not in err, shown
    if code != 0:
        lines = [line for line in err.split("\n") if line.strip()]  # not splitlines: \x1e is no line break on a terminal
        errors = [line for line in lines if not PROBLEM_LINE.match(line) and not line.startswith("helpcoach: warning:")]
        if command not in ("packs validate", "packs lint"):  # those print one PATH:LINE line per problem
            assert len(errors) <= 1, f"more than one line of error: {shown}"
        assert before == after, f"an error changed files: {shown}"


@pytest.mark.parametrize("command", LEAVES, ids=names(LEAVES))
def test_random_options_never_crash_and_errors_write_nothing(command: Command, seeded: Path, tmp_path: Path) -> None:
    @FUZZ
    @given(args=option_args(command))
    def attempt(args: list[str]) -> None:
        folder = fresh_copy(seeded, tmp_path)
        argv = [*command.path, *args]
        with inside(folder):
            before = snapshot(folder / "config", folder / "data")
            code, out, err = run_quietly(*argv)
            after = snapshot(folder / "config", folder / "data")
        check_outcome(command.name, argv, code, out, err, before, after)
        shutil.rmtree(folder)

    attempt()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | SAFE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SAFE_TEXT, inner, max_size=4),
    max_leaves=16,
)


@FUZZ
@given(document=JSON)
def test_import_of_random_json_exits_1_and_changes_nothing(seeded: Path, tmp_path: Path, document: Any) -> None:
    folder = fresh_copy(seeded, tmp_path)
    source = write(folder / "in.json", json.dumps(document))
    with inside(folder):
        before = snapshot(folder / "data")
        code, out, err = run_quietly("import", str(source))
        after = snapshot(folder / "data")
    assert code == 1, (document, out, err)
    assert len(err.strip().split("\n")) == 1 and "Traceback" not in err
    assert before == after
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def exported(seeded: Path) -> dict[str, Any]:
    with inside(seeded):
        code, out, err = run_quietly("export")
    assert code == 0, err
    document = json.loads(out)
    assert document["entries"], "the seeded log has entries to mutate"
    return document


@FUZZ
@given(data=st.data())
def test_import_of_a_damaged_export_is_all_or_nothing(
    seeded: Path, exported: dict[str, Any], tmp_path: Path, data: st.DataObject
) -> None:
    document = json.loads(json.dumps(exported))
    entries = document["entries"]
    entry = entries[data.draw(st.integers(0, len(entries) - 1))]
    field = data.draw(st.sampled_from(sorted(entry)))
    entry[field] = data.draw(JSON)
    if data.draw(st.booleans()):  # a fresh id, so the entry would be added if it were valid
        entry["id"] = "0d9e1c52-4c7e-4d55-9a2f-3f1f5c2b7a10"
    folder = fresh_copy(seeded, tmp_path)
    source = write(folder / "in.json", json.dumps(document))
    with inside(folder):
        before = snapshot(folder / "data")
        code, _, err = run_quietly("import", str(source))
        after = snapshot(folder / "data")
    assert code in (0, 1), err
    assert "Traceback" not in err and "unexpected error" not in err, err
    if code == 1:
        assert len(err.strip().split("\n")) == 1
        assert before == after
    shutil.rmtree(folder)


# ---- the pack and config loaders -------------------------------------------------------------

YAML_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | SAFE_TEXT
YAML_DOCS = st.recursive(
    YAML_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "name", "strategies", "phrases", "text", "states", "child", "plain", "x"]) | SAFE_TEXT,
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)
YAML_TEXT = st.text(st.sampled_from(list("abc:-[]{}#&*!|>'\"%@`,? \n\t0123456789.\\")), max_size=200)


def bounded(load: Any) -> Any:
    """Run `load`, failing when it takes more than 2 s or 100 MiB."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        return load()
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert elapsed < TIME_LIMIT, f"took {elapsed:.2f}s"
        assert peak < MEMORY_LIMIT, f"peaked at {peak // 2**20} MiB"


def load_pack_file(path: Path) -> None:
    try:
        loaded = bounded(lambda: read_pack(path))
    except PackError as exc:
        assert exc.problems and all(p.line >= 1 and p.col >= 1 for p in exc.problems), exc.problems
        assert re.match(r"^.+:\d+:\d+: ", str(exc)), str(exc)
        return
    assert loaded.pack.id


def load_config_file() -> None:
    try:
        config = bounded(load_config)
    except PackError as exc:
        assert exc.problems and all(p.line >= 1 for p in exc.problems)
        assert re.match(r"^.+:\d+:\d+: ", str(exc)), str(exc)
        return
    assert config is not None


LOADER = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@LOADER
@given(document=YAML_DOCS)
def test_pack_loader_with_random_yaml_documents(tmp_path: Path, document: Any) -> None:
    load_pack_file(write(tmp_path / "fuzz.yaml", yaml.safe_dump(document, allow_unicode=True)))


@LOADER
@given(text=YAML_TEXT)
def test_pack_loader_with_random_yaml_text(tmp_path: Path, text: str) -> None:
    load_pack_file(write(tmp_path / "fuzz.yaml", text))


@LOADER
@given(raw=st.binary(max_size=300))
def test_pack_loader_with_random_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    load_pack_file(path)


@LOADER
@given(document=YAML_DOCS)
def test_config_loader_with_random_yaml_documents(isolated: dict[str, Path], document: Any) -> None:
    write(isolated["config"] / "config.yaml", yaml.safe_dump(document, allow_unicode=True))
    load_config_file()


@LOADER
@given(text=YAML_TEXT)
def test_config_loader_with_random_yaml_text(isolated: dict[str, Path], text: str) -> None:
    write(isolated["config"] / "config.yaml", text)
    load_config_file()


@LOADER
@given(raw=st.binary(max_size=300))
def test_config_loader_with_random_bytes(isolated: dict[str, Path], raw: bytes) -> None:
    path = isolated["config"] / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    load_config_file()


@pytest.mark.parametrize(
    "text",
    [
        "a: &a ["
        + ",".join(["*a"] * 9)
        + "]\n"
        + "".join(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}" if i else "*a"] * 9) + "]\n" for i in range(9)),
        "[" * 30_000 + "]" * 30_000,
        "id: x\nname: y\nwhen: 2001-13-45\nstrategies: " + "- " * 600 + "x\n",
        "id: big\nname: Big\ndescription: '" + "x" * (1024 * 1024) + "'\n",
    ],
    ids=["alias-bomb", "deep-brackets", "deep-dashes", "over-1-MiB"],
)
def test_nasty_files_are_refused_fast_and_small(tmp_path: Path, isolated: dict[str, Path], text: str) -> None:
    path = write(tmp_path / "nasty.yaml", text)
    with pytest.raises(PackError):
        bounded(lambda: __import__("helpcoach.packs.library", fromlist=["read_pack"]).read_pack(path))
    write(isolated["config"] / "config.yaml", text)
    load_config_file()
