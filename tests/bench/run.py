"""The benchmark: every budget from the issues, each against a baseline timed in the same run.

Run by hand from the repository root:  python tests/bench/run.py
It prints one table (budget, measured ratio, limit, pass or miss). Not part of pytest.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_of_each, helpcoach_argv, minimal_app, scratch_env

Row = tuple[str, float, float]


def foundation_bench() -> list[Row]:
    """--help and --version against a minimal Typer app's --help; bundled packs load time against 30 ms."""
    env = scratch_env()
    helpcoach = helpcoach_argv()
    with tempfile.TemporaryDirectory() as folder:
        best = best_of_each(
            {
                "baseline": [*minimal_app(Path(folder)), "--help"],
                "help": [*helpcoach, "--help"],
                "version": [*helpcoach, "--version"],
            },
            runs=20,
            env=env,
        )
    rows = [
        ("helpcoach --help vs minimal Typer --help", best["help"] / best["baseline"], 1.15),
        ("helpcoach --version vs minimal Typer --help", best["version"] / best["baseline"], 0.5),
    ]
    from helpcoach.packs.library import load_library

    load_library(use_cache=False)  # warm the imports; the budget is for parsing and validating
    best = float("inf")
    for _ in range(20):
        start = time.perf_counter()
        library = load_library(use_cache=False)  # parse and validate every time: the budget is for that work
        best = min(best, time.perf_counter() - start)
    assert library.packs and not library.broken, "the bundled packs must load"
    rows.append(("load + validate bundled packs vs 30 ms", best / 0.030, 1.0))
    return rows


def main() -> int:
    """Run every benchmark and print the table; exit 1 when a budget is missed."""
    rows = foundation_bench()
    for module, function in (("now_bench", "run_now_bench"), ("log_bench", "run_log_bench")):
        bench = __import__(module)
        rows += getattr(bench, function)()
    width = max(len(name) for name, _, _ in rows)
    print(f"{'budget'.ljust(width)}  ratio  limit  result")
    for name, ratio, limit in rows:
        print(f"{name.ljust(width)}  {ratio:5.2f}  {limit:5.2f}  {'pass' if ratio <= limit else 'MISS'}")
    return 0 if all(ratio <= limit for _, ratio, limit in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
