"""The hardened pack loader and validator: broken packs, hostile YAML, random input."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpcoach import paths
from helpcoach.config import load_config
from helpcoach.errors import PackError
from helpcoach.packs import loader
from helpcoach.packs.library import Library, LoadedPack, check_against, read_pack
from helpcoach.packs.loader import MAX_BYTES, Document, decode, parse
from helpcoach.packs.schema import Config, Pack
from helpcoach.packs.validate import to_struct
from tests.helpers import BROKEN, describe, expectation, first_problem, problems_of, write

SUITE = Path(__file__).resolve().parents[2] / "shared" / "yaml-test-suite"
FIXTURE_FILES = sorted(BROKEN.glob("*.yaml"))


def test_every_problem_kind_has_a_fixture() -> None:
    names = {f.stem for f in FIXTURE_FILES}
    wanted = {
        "unknown-key", "wrong-type-list", "wrong-type-bool", "wrong-type-number", "missing-required", "bad-id",
        "bad-occasion", "duplicate-key", "anchor", "alias-bomb", "tag", "two-documents", "top-level-list",
        "top-level-scalar", "comments-only", "syntax-error", "deep-nesting", "timestamp", "unknown-placeholder",
        "stray-brace", "duplicate-strategy-id", "unknown-state", "unknown-extend", "duplicate-phrase-id",
    }  # fmt: skip
    assert wanted <= names, f"missing fixtures: {sorted(wanted - names)}"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_broken_pack_reports_its_line_and_message(path: Path) -> None:
    line, fragment = expectation(path)
    problems = problems_of(path)
    assert problems, f"{path.name} loaded without a problem"
    assert all(p.source == str(path) for p in problems)
    assert any(p.line == line and fragment in p.message for p in problems), (
        f"{path.name}: wanted line {line} with {fragment!r}, got:\n{describe(problems)}"
    )


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_broken_pack_fails_validate_with_path_line_col(path: Path, run) -> None:
    line, _ = expectation(path)
    code, out, err = run("packs", "validate", str(path))
    assert code == 1
    assert out == ""
    assert f"{path}:{line}:" in err


def test_several_problems_in_one_run(tmp_path: Path) -> None:
    pack = write(
        tmp_path / "many.yaml",
        textwrap.dedent("""\
            id: many
            name: Many problems
            strategies:
              - id: fx-one
                title: [not, text]
                why: Fine.
              - id: fx-two
                titel: Typo
                why: no
            celebrations:
              - text: Hooray
                occasion: bedtime
        """),
    )
    problems = problems_of(pack)
    found = {(p.line, p.message.split(":")[0]) for p in problems}
    assert (5, "strategies[0].title") in found
    assert (8, "strategies[1].titel") in found
    assert (9, "strategies[1].why") in found
    assert (12, "celebrations[0].occasion") in found
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    with pytest.raises(PackError, match=r"and \d+ more problems"):
        read_pack(pack)


def test_unknown_key_far_from_any_lists_the_known_keys(tmp_path: Path) -> None:
    pack = write(tmp_path / "p.yaml", "id: p\nname: P\nzzz: 1\n")
    (problem,) = problems_of(pack)
    assert (problem.line, problem.col) == (3, 1)
    assert "known keys are id, name" in problem.message


def test_yes_and_on_for_a_string_say_quote_it(tmp_path: Path) -> None:
    pack = write(tmp_path / "p.yaml", "id: p\nname: on\ndescription: yes\n")
    messages = [p.message for p in problems_of(pack)]
    assert messages == [
        'name: expected a string, got a boolean: quote it ("on")',
        'description: expected a string, got a boolean: quote it ("yes")',
    ]


def test_a_number_for_text_is_quoted_as_written(tmp_path: Path) -> None:
    pack = write(tmp_path / "p.yaml", "id: p\nname: P\nversion: 1.10\n")
    (problem,) = problems_of(pack)
    assert problem.message == 'version: expected a string, got a number: quote it ("1.10")'


def test_quoted_no_is_text(tmp_path: Path) -> None:
    loaded = read_pack(write(tmp_path / "p.yaml", 'id: p\nname: "no"\nversion: "1.0"\n'))
    assert (loaded.pack.name, loaded.pack.version) == ("no", "1.0")


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(PackError) as caught:
        read_pack(write(tmp_path / "empty.yaml", ""))
    problem = first_problem(caught.value)
    assert (problem.line, problem.col) == (1, 1)
    assert "the file is empty" in problem.message


def test_not_utf8_names_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: latin\nname: Caf\xe9 pack\n")
    with pytest.raises(PackError) as caught:
        read_pack(path)
    problem = first_problem(caught.value)
    assert (problem.line, problem.col) == (2, 10)
    assert "not UTF-8" in problem.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: bom\nname: With a BOM\n")
    assert read_pack(path).pack.id == "bom"


def test_file_over_one_mebibyte_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = "# " + "x" * 98 + "\n"
    path.write_text("id: huge\nname: Huge\n" + line * (MAX_BYTES // len(line) + 1), encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(PackError) as caught:
        read_pack(path)
    problem = first_problem(caught.value)
    assert f"file is {path.stat().st_size:,} bytes; the limit is 1,048,576 bytes (1 MiB)" in problem.message
    with pytest.raises(PackError, match="larger than that; the limit is 1,048,576 bytes"):
        decode(b"x" * (MAX_BYTES + 1), "bytes")


def test_endless_file_is_not_read_at_all() -> None:
    # /dev/zero reports a size of 0; only regular files are read, and only up to the limit.
    with pytest.raises(PackError, match="not a regular file"):
        read_pack(Path("/dev/zero"))


def test_alias_bomb_refused_fast_with_flat_memory() -> None:
    levels = ["a0: &a0 [" + ", ".join(['"lol"'] * 10) + "]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    bomb = "\n".join(levels) + "\n"  # 10**30 strings if expanded
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(PackError) as caught:
            parse(bomb, "bomb.yaml")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "anchors (&name) are not allowed" in str(caught.value)
    assert elapsed < 0.25, f"took {elapsed:.3f}s"
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_alias_without_anchor_is_refused() -> None:
    with pytest.raises(PackError, match=r"aliases \(\*name\) are not allowed"):
        parse("id: x\nname: *missing\n", "alias.yaml")


DEEP = """\
import sys, time
from helpcoach.errors import PackError
from helpcoach.packs.loader import parse
started = time.perf_counter()
for text in ("[" * 30000 + "]" * 30000, "{a: " * 30000 + "}" * 30000, "id:\\n" + "- " * 30000 + "x\\n"):
    try:
        parse(text, "deep.yaml")
    except PackError as exc:
        print(exc)
print(f"{time.perf_counter() - started:.3f}")
"""


def test_thirty_thousand_levels_refused_quickly_in_a_subprocess() -> None:
    # A segfault in the YAML library would kill a subprocess, not pytest.
    result = subprocess.run([sys.executable, "-c", DEEP], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    lines = result.stdout.splitlines()
    assert len(lines) == 4, result.stdout
    assert all("nested more than 8 levels deep" in line or "nesting depth" in line for line in lines[:3])
    assert float(lines[3]) < 1.0


def test_nesting_the_schema_needs_is_fine(tmp_path: Path) -> None:
    pack = """\
id: deep-enough
name: As deep as the schema goes
strategies:
  - id: fx-s
    title: T
    why: W
    phrases:
      - id: fx-p
        text: Hi
        ages: {min: 3, max: 5}
"""
    loaded = read_pack(write(tmp_path / "ok.yaml", pack))
    ages = loaded.pack.strategies[0].phrases[0].ages
    assert ages is not None and (ages.min, ages.max) == (3, 5)


def test_document_marks_point_at_keys_and_items() -> None:
    doc = parse("id: x\nname: X\nstrategies:\n  - id: s\n    title: T\n", "m.yaml")
    assert doc.locate(("strategies", 0, "title")) == (5, 5)
    assert doc.locate(("strategies", 0, "nothing-here")) == (4, 5)
    assert doc.locate(()) == (1, 1)


def test_plain_scalars_stay_plain_values() -> None:
    doc = parse("a: 2001-13-45\nb: 2001-12-14t21:59:43.10-05:00\nc: 0x1F\nd: 1_000\ne: .inf\nf: ~\ng: 1.5\n", "s.yaml")
    assert doc.data == {"a": "2001-13-45", "b": "2001-12-14t21:59:43.10-05:00", "c": "0x1F", "d": 1000,
                        "e": ".inf", "f": None, "g": 1.5}  # fmt: skip


# --- the official YAML test suite ------------------------------------------------


def suite_cases() -> list[Path]:
    return sorted(SUITE.glob("*/in.yaml")) + sorted(SUITE.glob("*/*/in.yaml"))


def test_yaml_test_suite_is_there() -> None:
    assert len(suite_cases()) >= 400, f"expected the 402 cases in {SUITE}"


def test_yaml_test_suite_ends_in_a_pack_or_our_error() -> None:
    offending: list[str] = []
    for case in suite_cases():
        name = str(case.relative_to(SUITE).parent)
        started = time.perf_counter()
        try:
            read_pack(case)
        except PackError as exc:
            if not all(p.line >= 1 and p.col >= 1 and p.source == str(case) for p in exc.problems):
                offending.append(f"{name}: problem without a position: {exc}")
        except BaseException as exc:  # noqa: BLE001 - the point is to catch anything else
            offending.append(f"{name}: {type(exc).__name__}: {exc}")
        elapsed = time.perf_counter() - started
        if elapsed > 1.0:
            offending.append(f"{name}: took {elapsed:.2f}s")
    assert not offending, "cases that did not end in a pack or a PackError:\n" + "\n".join(offending)


# --- random input ----------------------------------------------------------------

TOKENS = [
    "id: ", "name: ", "strategies:", "phrases:", "text: ", "- ", "  ", "\n", "\t", ":", ",", "[", "]", "{", "}",
    "&a ", "*a", "!!str ", "!x ", "---\n", "...\n", "%TAG ! tag:x,2000:\n", "%YAML 1.2\n", "? ", "|\n", ">-\n",
    "'", '"', "\\", "#", "no", "yes", "~", "2001-13-45", "1e999", "0o17", "-.5", "{child}", "core", "x", "é", "\ufeff",
    "\x00", "\x85", "\u2028", "@", "`", "%",
]  # fmt: skip
yamlish = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=2000, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def outcome_of_pack(text: str) -> object:
    try:
        doc = parse(text, "random.yaml")
        assert isinstance(doc, Document) and isinstance(doc.data, dict)
        pack = to_struct(doc, Pack)
        check_against(Library(), LoadedPack(pack, Path("random.yaml"), False, doc))
        return pack
    except PackError as exc:
        assert all(p.line >= 1 and p.col >= 1 for p in exc.problems)
        return exc


@SETTINGS
@given(st.one_of(yamlish, st.text(max_size=200)))
def test_random_text_ends_in_a_pack_or_our_error(text: str) -> None:
    assert isinstance(outcome_of_pack(text), Pack | PackError)


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_end_in_a_pack_or_our_error(raw: bytes) -> None:
    try:
        text = decode(raw, "random.yaml")
    except PackError as exc:
        assert "not UTF-8" in str(exc)
        return
    assert isinstance(outcome_of_pack(text), Pack | PackError)


@SETTINGS
@given(st.one_of(yamlish.map(str.encode), st.binary(max_size=200)))
def test_random_config_ends_in_a_config_or_our_error(raw: bytes) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    try:
        assert isinstance(load_config(), Config)
    except PackError as exc:
        assert all(p.source == str(path) and p.line >= 1 for p in exc.problems)


def test_uses_libyaml_when_pyyaml_has_it():
    """The fast C parser must be the one in use: the pure-Python fallback is 10x slower."""
    assert yaml.__with_libyaml__
    assert loader._Parser.__module__.startswith("yaml._yaml") or loader._Parser.__name__ == "CParser"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_a_control_character_is_one_line_at_its_place(char):
    with pytest.raises(PackError) as caught:
        parse(f"id: x\nname: a{char}b\n", "p.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.col) == (2, 8)
    assert "\n" not in str(problem) and f"U+{ord(char):04X}" in problem.message
