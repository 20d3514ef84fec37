"""Benchmark (run by hand, not by pytest): the log's commands cost the same with 100 or 100,000 entries.

    /tmp/dev/bin/python tests/bench/log_bench.py

Builds two logs through the import path: 100 entries, and 100,000 moments plus
2,000 check-ins. Times the real CLI in subprocesses (best of several runs) for
history, stats, the check-in summary and writing a check-in, and reports each
big/small ratio (limit 1.3) and the children's peak memory (limit 60 MiB).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

RATIO_LIMIT = 1.3
MEMORY_LIMIT_MIB = 60.0
RUNS = 7
STRATEGIES = ["smaller-steps", "stay-present", "stories", "calm-together", "ease-fear", "child-in-charge"]
OUTCOMES = [None, "helped", "helped", "little", "not", "skipped"]
# The bench process itself holds the big document, and a child started from it inherits that high-water
# mark, so each command's peak is read by a small wrapper process from its own RUSAGE_CHILDREN.
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL, check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
SUMMARY = (
    "from helpcoach.store.db import open_log; from helpcoach.store.checkins import summary_since_last; "
    "print(summary_since_last(open_log(), None))"
)


def _document(moments: int, checkins: int, span_days: int, rng: random.Random) -> dict[str, object]:
    now = datetime.now(UTC)
    entries: list[dict[str, object]] = []
    for _ in range(moments):
        at = now - timedelta(seconds=rng.uniform(60, span_days * 86400))
        outcome = rng.choice(OUTCOMES)
        strategy = rng.choice(STRATEGIES)
        entries.append(
            {
                "kind": "moment",
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "created_at": at.isoformat(timespec="milliseconds"),
                "state": "stuck",
                "strategy_id": strategy,
                "phrase_id": f"{strategy}-1",
                "outcome": outcome,
                "outcome_at": at.isoformat(timespec="milliseconds") if outcome else None,
            }
        )
    step = span_days * 86400 / max(checkins, 1)
    for i in range(checkins):
        at = now - timedelta(seconds=60 + i * step)
        entries.append(
            {
                "kind": "checkin",
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "created_at": at.isoformat(timespec="milliseconds"),
                "rating": rng.randint(1, 5),
                "wins": ["asked for help"],
                "focus": rng.choice(STRATEGIES),
            }
        )
    return {"format": "helpcoach-log", "version": 1, "children": [], "entries": entries}


def build_log(data_dir: Path, moments: int, checkins: int, span_days: int) -> None:
    """A log at data_dir/helpcoach.db, filled through the import path."""
    from helpcoach.store.db import connect
    from helpcoach.store.exchange import import_document, read_document

    raw = msgspec.json.encode(_document(moments, checkins, span_days, random.Random(7)))
    conn = connect(data_dir / "helpcoach.db")
    try:
        import_document(conn, read_document(raw, "bench"))
    finally:
        conn.close()


def _best_pair(small: list[str], small_env: dict[str, str], big: list[str], big_env: dict[str, str]) -> tuple[float, float]:
    """Best of several runs of each, alternating, so a busy machine slows both sides alike."""
    best = [float("inf"), float("inf")]
    for _ in range(RUNS):
        for side, (command, env) in enumerate(((small, small_env), (big, big_env))):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            best[side] = min(best[side], time.perf_counter() - start)
    return best[0], best[1]


def _peak_mib(command: list[str], env: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", PEAK, *command], env=env, check=True, capture_output=True, text=True)
    return int(done.stdout.strip()) / 1024


def _commands(data_dir: Path, config_dir: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    env = {**os.environ, "HELPCOACH_DATA_DIR": str(data_dir), "HELPCOACH_CONFIG_DIR": str(config_dir), "NO_COLOR": "1"}
    helpcoach = [sys.executable, "-m", "helpcoach"]
    commands = {
        "history": [*helpcoach, "history"],
        "stats": [*helpcoach, "stats"],
        "check-in summary": [sys.executable, "-c", SUMMARY],
        "write a check-in": [*helpcoach, "checkin", "--rating", "3", "--win", "bench"],
    }
    return commands, env


def run_log_bench() -> list[tuple[str, float, float]]:
    """(budget, measured, limit) for each time ratio and for peak memory in MiB."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        small, big, config = root / "small", root / "big", root / "config"
        for folder in (small, big, config):
            folder.mkdir(mode=0o700)
        build_log(small, 90, 10, 70)
        build_log(big, 100_000, 2_000, 2_000)
        small_commands, small_env = _commands(small, config)
        commands, env = _commands(big, config)
        base: dict[str, float] = {}
        large: dict[str, float] = {}
        for name in commands:
            base[name], large[name] = _best_pair(small_commands[name], small_env, commands[name], env)
        peak_mib = max(_peak_mib(command, env) for command in commands.values())
    results = [(f"{name} (100k/100 time ratio)", large[name] / base[name], RATIO_LIMIT) for name in base]
    results.append(("peak memory of a command (MiB)", peak_mib, MEMORY_LIMIT_MIB))
    for name in base:
        print(f"  {name}: {base[name] * 1000:.0f} ms with 100 entries, {large[name] * 1000:.0f} ms with 102,000")
    return results


if __name__ == "__main__":
    failed = False
    for budget, measured, limit in run_log_bench():
        ok = measured <= limit
        failed = failed or not ok
        print(f"{'ok  ' if ok else 'OVER'} {budget}: {measured:.2f} (limit {limit})")
    sys.exit(1 if failed else 0)
