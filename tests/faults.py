"""A fault-injecting wrapper around the real CLI (not a test module; needs no root).

    python tests/faults.py MODE ARG -- helpcoach arguments...

Modes:
- kill-at-sql PREFIX: SIGKILL itself when a write transaction reaches a statement starting with PREFIX
  (WRITE for the first INSERT, UPDATE or DELETE; COMMIT for the moment before the commit);
- kill-at-rename NAME: SIGKILL itself when a file whose name contains NAME is about to be put in place
  (os.replace or os.link: the last step of every atomic file write);
- full-disk BYTES: no file may grow past BYTES (RLIMIT_FSIZE), as on a full disk: writes fail with EFBIG.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import sys
from typing import Any


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def kill_at_sql(prefix: str) -> None:
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, **kwargs)
        begun = False
        prefixes = ("INSERT", "UPDATE", "DELETE") if prefix == "WRITE" else (prefix,)

        def trace(statement: str) -> None:
            nonlocal begun
            words = statement.lstrip().upper()
            if words.startswith("BEGIN"):
                begun = True
            elif begun and words.startswith(prefixes):
                _kill()

        conn.set_trace_callback(trace)
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]


def kill_at_rename(name: str) -> None:
    for attr in ("replace", "link"):
        real = getattr(os, attr)

        def patched(src: Any, dst: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            if name in os.fspath(dst):
                _kill()
            return _real(src, dst, *args, **kwargs)

        setattr(os, attr, patched)


def full_disk(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def main(argv: list[str]) -> int:
    mode, arg, dashes, *rest = argv
    assert dashes == "--"
    if mode == "kill-at-sql":
        kill_at_sql(arg)
    elif mode == "kill-at-rename":
        kill_at_rename(arg)
    elif mode == "full-disk":
        full_disk(int(arg))
    else:
        raise SystemExit(f"unknown mode {mode}")
    from helpcoach.entry import main as helpcoach

    return helpcoach(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
