"""`helpcoach packs ...`, `doctor`, `--version` and the one exit point, through the real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpcoach.packs.library import read_pack
from helpcoach.packs.lint import lint_file
from helpcoach.packs.schema import Pack
from tests.helpers import GARDEN, write

LIST_KEYS = ["id", "name", "version", "language", "source", "ages", "strategies", "phrases", "celebrations", "scenarios"]


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "HELPCOACH_DEBUG"}
    return {**env, **extra}


# --- packs list / show -----------------------------------------------------------


def test_packs_list_json_shape(user_packs: Path, run) -> None:
    garden = write(user_packs / "garden.yaml", GARDEN)
    code, out, err = run("packs", "list", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["core", "older", "garden"]
    for row in rows:
        assert list(row) == LIST_KEYS
        assert all(isinstance(row[k], str) for k in LIST_KEYS[:5])
        assert row["ages"]["min"] <= row["ages"]["max"]
        assert all(isinstance(row[k], int) and row[k] >= 0 for k in LIST_KEYS[6:])
    assert rows[2] == {
        "id": "garden", "name": "Garden pack", "version": "2.1.0", "language": "en", "source": str(garden),
        "ages": {"min": 3, "max": 8}, "strategies": 2, "phrases": 3, "celebrations": 2, "scenarios": 1,
    }  # fmt: skip
    assert rows[0]["strategies"] == 38 and rows[0]["phrases"] > 0


def test_packs_show_json_shape(user_packs: Path, run) -> None:
    write(user_packs / "garden.yaml", GARDEN)
    code, out, err = run("packs", "show", "garden", "--json")
    assert (code, err) == (0, "")
    detail = json.loads(out)
    for key in ("id", "name", "version", "language", "strategies", "celebrations", "scenarios"):
        assert key in detail
    assert (detail["id"], detail["name"], detail["version"], detail["language"]) == ("garden", "Garden pack", "2.1.0", "en")
    first = detail["strategies"][0]
    assert {k: first[k] for k in ("id", "title", "why")} == {
        "id": "fx-wait", "title": "Wait a moment", "why": "A pause lets them find the next step.",
    }  # fmt: skip
    assert first["phrases"] == [
        {"id": "fx-wait-1", "text": "Take your time, {child}."},
        {"id": "fx-wait-2", "text": "I'm right here when you want me."},
    ]
    assert [c["text"] for c in detail["celebrations"]] == ["You kept trying!", "You stayed calm today."]
    assert [{k: s[k] for k in ("id", "text")} for s in detail["scenarios"]] == [
        {"id": "fx-puzzle", "text": "The puzzle piece will not fit and they push your hand away."},
    ]


def test_packs_show_core_json(run) -> None:
    code, out, _ = run("packs", "show", "core", "--json")
    assert code == 0
    detail = json.loads(out)
    assert detail["id"] == "core"
    assert len(detail["strategies"]) == 38
    for strategy in detail["strategies"]:
        assert {"id", "title", "why", "phrases"} <= set(strategy)
        assert all(set(p) == {"id", "text"} for p in strategy["phrases"])
    assert all("text" in c for c in detail["celebrations"])
    assert all({"id", "text"} <= set(s) for s in detail["scenarios"])


def test_packs_show_unknown_id_lists_the_loaded_ones(run) -> None:
    code, out, err = run("packs", "show", "nope")
    assert (code, out) == (2, "")
    assert err == "helpcoach: no pack with id 'nope': loaded packs are core, older\n"


@pytest.mark.parametrize("plain", [[], ["--plain"]])
def test_packs_list_and_show_as_text(run, plain: list[str]) -> None:
    code, out, _ = run("packs", "list", *plain)
    assert code == 0 and "core" in out and "3-8" in out and "9-12" in out
    code, out, _ = run("packs", "show", "core", *plain)
    assert code == 0 and "[safety-first]" in out
    if plain:
        assert not set(out) & set("─│┌┐└┘━")


# --- packs validate ----------------------------------------------------------------


def test_validate_all_installed_is_clean(run) -> None:
    code, out, err = run("packs", "validate")
    assert (code, out, err) == (0, "All valid: 2 files checked.\n", "")


def test_validate_names_a_broken_user_pack_and_config(isolated: dict[str, Path], user_packs: Path, run) -> None:
    broken = write(user_packs / "broken.yaml", "id: broken\nname: Broken\ncelebrations:\n  - text: Yay\n    occasion: lunch\n")
    config = write(isolated["config"] / "config.yaml", "child: Sam\nplian: true\n")
    code, out, err = run("packs", "validate")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert f"{config}:2:1: plian: unknown key 'plian': did you mean 'plain'?" in lines
    assert any(line.startswith(f"{broken}:5:5: celebrations[0].occasion: 'lunch' is not allowed") for line in lines)


def test_validate_given_paths(tmp_path: Path, run) -> None:
    good = write(tmp_path / "good.yaml", GARDEN)
    code, out, err = run("packs", "validate", str(good))
    assert (code, out, err) == (0, "All valid: 1 file checked.\n", "")
    missing = tmp_path / "missing.yaml"
    code, out, err = run("packs", "validate", str(good), str(missing))
    assert (code, out) == (1, "")
    assert err.startswith(f"{missing}:1:1: cannot read the file")


# --- packs new ----------------------------------------------------------------------


def test_packs_new_writes_a_valid_clean_starter(user_packs: Path, run) -> None:
    code, out, err = run("packs", "new", "grandma-phrases")
    target = user_packs / "grandma-phrases.yaml"
    assert code == 0
    assert out == f"Wrote {target}\n"
    assert "packs validate" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert read_pack(target).pack.id == "grandma-phrases"
    assert lint_file(target) == []
    code, out, err = run("packs", "validate", str(target))
    assert (code, err) == (0, "")
    code, out, err = run("packs", "lint", str(target))
    assert (code, out, err) == (0, "No tone warnings.\n", "")
    code, out, err = run("packs", "list", "--json")
    assert [row["id"] for row in json.loads(out)] == ["core", "older", "grandma-phrases"]
    assert err == ""


def test_packs_new_refuses_to_overwrite(user_packs: Path, run) -> None:
    target = write(user_packs / "mine.yaml", "id: mine\nname: Mine, hand written\n")
    before = target.read_bytes()
    code, out, err = run("packs", "new", "mine")
    assert (code, out) == (1, "")
    assert err == f"helpcoach: error: {target} already exists: pick another id or edit that file\n"
    assert target.read_bytes() == before


@pytest.mark.parametrize("bad", ["Mine", "my pack", "-dash", "a" * 65, "../escape", "é"])
def test_packs_new_bad_id_exits_2(user_packs: Path, run, bad: str) -> None:
    code, out, err = run("packs", "new", "--", bad)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "is not a valid pack id" in err
    assert list(user_packs.iterdir()) == []


# --- packs schema -------------------------------------------------------------------


def test_packs_schema_is_json_schema_of_the_pack(run) -> None:
    code, out, err = run("packs", "schema")
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(Pack.__struct_fields__)
    assert {"strategies", "celebrations", "scenarios", "extend"} <= set(schema["properties"])
    assert set(schema["required"]) == {"id", "name"}
    strategy = schema["$defs"]["Strategy"]
    assert "phrases" in strategy["properties"]
    assert schema["$defs"]["Celebration"]["properties"]["occasion"]["enum"] == sorted(["checkin", "practice", "child", "parent"])
    assert "#/$defs/Pack" not in out


# --- packs lint ---------------------------------------------------------------------

TONE = """\
id: tone
name: Tone problems
strategies:
  - id: fx-tone
    title: Tone
    why: To see the linter at work.
    phrases:
      - id: fx-long
        text: >-
          When you are ready we can sit down together and look at the puzzle
          piece by piece and find the one that fits the corner best today.
      - id: fx-shame
        text: Don't be such a baby about it.
      - id: fx-twin-1
        text: I'm right here if you want a hand with it.
      - id: fx-twin-2
        text: "I'm right here if you want a hand with it, {child}."
      - id: fx-doubled
        text: "{child}, you can do it, {child}."
"""


def test_packs_lint_flags_each_tone_problem(user_packs: Path, run) -> None:
    pack = write(user_packs / "tone.yaml", TONE)
    code, out, err = run("packs", "lint", str(pack))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert any(line.startswith(f"{pack}:9: ") and "words; keep phrases to 25 or fewer" in line for line in lines), err
    assert any(line.startswith(f"{pack}:13: ") and "'baby' can shame" in line for line in lines), err
    assert f"{pack}:17: repeats the phrase on line 15 nearly word for word" in lines, err
    assert f"{pack}:19: {{child}} appears twice: use the name once" in lines, err
    assert len(lines) == 4, err


def test_packs_lint_core_is_clean(run) -> None:
    code, out, err = run("packs", "lint")
    assert err == "", "core.yaml has tone warnings:\n" + err
    assert (code, out) == (0, "No tone warnings.\n")


def test_packs_lint_reports_a_file_that_does_not_load(tmp_path: Path, run) -> None:
    pack = write(tmp_path / "bad.yaml", "id: bad\n")
    code, _, err = run("packs", "lint", str(pack))
    assert code == 1
    assert err == f"{pack}:1: top level: missing required key 'name'\n"


# --- doctor -------------------------------------------------------------------------


def test_doctor_all_well(isolated: dict[str, Path], run) -> None:
    code, out, err = run("doctor")
    assert code == 0, out + err
    assert f"config file: {isolated['config'] / 'config.yaml'}" in out
    assert f"user packs: {isolated['config'] / 'packs'}" in out
    assert f"data dir: {isolated['data']}" in out
    assert "ok: pack core.yaml: valid (core 2.0.0)" in out
    assert "ok: config: none (defaults in use)" in out
    assert "PROBLEM" not in out
    assert out.rstrip().endswith("All is well.")


def test_doctor_broken_user_pack(user_packs: Path, run) -> None:
    broken = write(user_packs / "broken.yaml", "id: broken\nname: [Broken\n")
    code, out, _ = run("doctor")
    assert code == 1
    assert f"PROBLEM: pack broken.yaml: {broken}:3:1: YAML syntax error" in out
    assert "ok: pack core.yaml" in out
    assert "Something needs attention" in out


def test_doctor_broken_config(isolated: dict[str, Path], run) -> None:
    config = write(isolated["config"] / "config.yaml", "child: no\n")
    code, out, _ = run("doctor")
    assert code == 1
    assert f"PROBLEM: config: {config}:1:1: child: expected a string, got a boolean: quote it" in out


def test_doctor_disabled_core(isolated: dict[str, Path], run) -> None:
    write(isolated["config"] / "config.yaml", "disable: [core]\n")
    code, out, _ = run("doctor")
    assert code == 0
    assert "ok: pack core.yaml: valid (disabled in config)" in out


# --- the program as a whole ---------------------------------------------------------------


def test_version(run) -> None:
    assert run("--version") == (0, "helpcoach 0.1.0\n", "")
    assert run("-V") == (0, "helpcoach 0.1.0\n", "")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["bogus"], "No such command 'bogus'"),
        (["--bogus"], "No such option: --bogus"),
        (["packs", "list", "--bogus"], "No such option: --bogus"),
        (["packs", "bogus"], "No such command 'bogus'"),
        (["packs", "show"], "Missing argument 'ID'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run, args: list[str], fragment: str) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1, err
    assert fragment in err


def test_unexpected_error_is_one_line_without_debug(monkeypatch: pytest.MonkeyPatch, run) -> None:
    import helpcoach.packs.summary

    def boom(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(helpcoach.packs.summary, "pack_summary", boom)
    code, out, err = run("packs", "list", "--json")
    assert (code, out) == (1, "")
    assert err == "helpcoach: unexpected error: RuntimeError: boom (run again with HELPCOACH_DEBUG=1 for details)\n"


BOOM = """\
import helpcoach.packs.summary
def boom(*args):
    raise RuntimeError("boom")
helpcoach.packs.summary.pack_summary = boom
from helpcoach.entry import run
run()
"""


@pytest.mark.parametrize("debug", [False, True])
def test_helpcoach_debug_shows_the_traceback(debug: bool) -> None:
    env = subprocess_env(**({"HELPCOACH_DEBUG": "1"} if debug else {}))
    result = subprocess.run(
        [sys.executable, "-c", BOOM, "packs", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    if debug:
        assert "Traceback (most recent call last)" in result.stderr
        assert "in boom\nRuntimeError: boom\n" in result.stderr
    else:
        assert result.stderr.splitlines() == [
            "helpcoach: unexpected error: RuntimeError: boom (run again with HELPCOACH_DEBUG=1 for details)"
        ]


IMPORTS = """\
import sys
from helpcoach.entry import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("questionary", "prompt_toolkit"))
print(code, " ".join(heavy) or "-")
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["packs", "--help"]])
def test_help_and_version_do_not_import_questionary(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS, *args], capture_output=True, text=True, env=subprocess_env(), timeout=60,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 -", f"{args} imported: {result.stdout.splitlines()[-1]}"


def test_help_lists_the_commands(run) -> None:
    code, out, err = run("--help")
    assert (code, err) == (0, "")
    assert "packs" in out and "doctor" in out
