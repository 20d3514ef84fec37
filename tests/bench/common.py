"""Timing helpers shared by the benchmark scripts (run by hand, not by pytest)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_APP = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye() -> None:
    """Say bye."""
    print("bye")


if __name__ == "__main__":
    app()
'''


def minimal_app(folder: Path) -> list[str]:
    """The baseline: a minimal two-command Typer app, as an argv prefix."""
    path = folder / "minimal_app.py"
    path.write_text(MINIMAL_APP)
    return [sys.executable, str(path)]


def helpcoach_argv() -> list[str]:
    """How to run the helpcoach under test: the console script a user runs, beside this Python."""
    script = Path(sys.executable).parent / "helpcoach"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "helpcoach"]


def best_of(argv: list[str], runs: int = 15, env: dict[str, str] | None = None, stdin: bytes = b"") -> float:
    """The fastest wall-clock time of `runs` runs of a command, in seconds (after one warm-up)."""
    return best_of_each({"only": argv}, runs, env, stdin)["only"]


def best_of_each(
    commands: dict[str, list[str]], runs: int = 15, env: dict[str, str] | None = None, stdin: bytes = b""
) -> dict[str, float]:
    """The fastest time of each command, their runs interleaved so a busy moment hits them alike."""
    full_env = {**os.environ, **(env or {})}
    best = dict.fromkeys(commands, float("inf"))
    for round_ in range(runs + 1):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, input=stdin, capture_output=True, env=full_env, check=False)
            if round_:  # the first round only warms the caches
                best[name] = min(best[name], time.perf_counter() - start)
    return best


def peak_mib(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one run of a command, in MiB (measured in a fresh child)."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True
    )
    return int(out.stdout.strip()) / 1024


def scratch_env() -> dict[str, str]:
    """Fresh config and data dirs so the benchmark never touches the user's log."""
    root = Path(tempfile.mkdtemp(prefix="helpcoach-bench-"))
    return {"HELPCOACH_CONFIG_DIR": str(root / "config"), "HELPCOACH_DATA_DIR": str(root / "data"), "NO_COLOR": "1"}


del resource
