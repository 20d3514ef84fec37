"""Budgets of `helpcoach now` (run by hand: python tests/bench/now_bench.py, or through run.py).

- `now --quick`, bare and with words as parents type them, against a minimal two-command Typer app's
  `--help`, same run, best of N: <= 1.1x
- peak memory of `now --quick` in a fresh child: <= 45 MiB
- interactive: the first question on screen against a minimal script that imports typer, rich,
  questionary and PyYAML and shows one `questionary.select`, both driven with pexpect: <= 1.25x
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_of_each, helpcoach_argv, minimal_app, peak_mib, scratch_env

Row = tuple[str, float, float]
RUNS = 15
SCREEN_RUNS = 7

MINIMAL_SELECT = """
import typer, rich, yaml, questionary
import rich.console

questionary.select("What is happening?", choices=["Frustrated and refusing help", "Stuck but calm"]).ask()
"""


def _first_screen(argv: list[str], expect: str, env: dict[str, str]) -> float:
    """Seconds from spawn until `expect` is on the pseudo-terminal (then Ctrl-C)."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env={**os.environ, **env}, dimensions=(40, 100), encoding="utf-8", timeout=20)
    child.expect_exact(expect)
    elapsed = time.perf_counter() - start
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def best_screen(argv: list[str], expect: str, env: dict[str, str], runs: int = SCREEN_RUNS) -> float:
    """The fastest of `runs` first-screen times (after one warm-up)."""
    _first_screen(argv, expect, env)
    return min(_first_screen(argv, expect, env) for _ in range(runs))


def run_now_bench() -> list[Row]:
    """(budget, measured ratio, limit) for each `now` budget, every baseline timed in this run."""
    env = scratch_env()
    with tempfile.TemporaryDirectory() as folder:
        best = best_of_each(
            {
                "baseline": [*minimal_app(Path(folder)), "--help"],
                "quick": [*helpcoach_argv(), "now", "--quick"],
                # as parents use it: words, which load the stemmer and go through the matcher
                "words": [*helpcoach_argv(), "now", "--quick", "he", "hit", "his", "sister"],
                "readme": [*helpcoach_argv(), "now", "--quick", "won't let me help with his shoes"],
            },
            runs=RUNS,
            env=env,
        )
        baseline_help, quick, words, readme = best["baseline"], best["quick"], best["words"], best["readme"]
        memory = peak_mib([*helpcoach_argv(), "now", "--quick"], env=env)
        script = Path(folder) / "minimal_select.py"
        script.write_text(MINIMAL_SELECT)
        baseline_screen = best_screen([sys.executable, str(script)], "Stuck but calm", env)
        screen = best_screen([*helpcoach_argv(), "now"], "Stuck but calm", env)
    print(
        f"now --quick {quick * 1000:.0f} ms (with words {words * 1000:.0f} ms), "
        f"minimal Typer --help {baseline_help * 1000:.0f} ms, "
        f"peak {memory:.1f} MiB; first question {screen * 1000:.0f} ms, minimal select {baseline_screen * 1000:.0f} ms"
    )
    return [
        ("now --quick vs minimal Typer --help", quick / baseline_help, 1.1),
        ("now --quick he hit his sister vs minimal Typer --help", words / baseline_help, 1.1),
        ('now --quick "won\'t let me help..." vs minimal --help', readme / baseline_help, 1.1),
        ("now --quick peak memory vs 45 MiB", memory / 45.0, 1.0),
        ("now first question vs minimal questionary.select", screen / baseline_screen, 1.25),
    ]


if __name__ == "__main__":
    rows = run_now_bench()
    for name, ratio, limit in rows:
        print(f"{name:52} {ratio:5.2f} {limit:5.2f} {'pass' if ratio <= limit else 'MISS'}")
    sys.exit(0 if all(ratio <= limit for _, ratio, limit in rows) else 1)
