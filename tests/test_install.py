"""A real wheel in a fresh venv: the console script runs and finds the bundled packs inside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, f"{' '.join(map(str, args))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_installs_and_finds_its_bundled_pack(tmp_path: Path, isolated: dict[str, Path]) -> None:
    wheels, venv, elsewhere = tmp_path / "wheels", tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", wheels, REPO, cwd=tmp_path)
    (wheel,) = wheels.glob("helpcoach-*.whl")

    sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = Path(sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip())
    # The dependencies come from the test environment (no network); a plain path
    # line is appended after the venv's own site-packages, so the wheel's copy wins.
    (purelib / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    sh(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--force-reinstall",
        "-q",
        wheel,
        cwd=tmp_path,
    )

    helpcoach = venv / "bin" / "helpcoach"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "HELPCOACH_DEBUG")}
    assert sh(helpcoach, "--version", cwd=elsewhere, env=env).stdout == "helpcoach 0.1.0\n"

    listed = sh(helpcoach, "packs", "list", "--json", cwd=elsewhere, env=env)
    assert listed.stderr == ""
    core, older = json.loads(listed.stdout)
    assert core["id"] == "core" and core["strategies"] == 38
    assert older["id"] == "older" and older["ages"] == {"min": 9, "max": 12}
    for pack in (core, older):
        source = Path(pack["source"]).resolve()
        assert source.is_relative_to(purelib.resolve()), f"{source.name} came from {source}, not the wheel in {purelib}"
        assert not source.is_relative_to(REPO)

    shown = json.loads(sh(helpcoach, "packs", "show", "core", "--json", cwd=elsewhere, env=env).stdout)
    assert shown["id"] == "core"
    assert sh(helpcoach, "packs", "validate", cwd=elsewhere, env=env).stdout == "All valid: 2 files checked.\n"
    assert (purelib / "helpcoach" / "packs" / "tone_words.txt").is_file()
    assert (purelib / "helpcoach" / "packs" / "babyish_words.txt").is_file()
    assert not (isolated["config"] / "packs").exists(), "listing packs must not create the user packs dir"
