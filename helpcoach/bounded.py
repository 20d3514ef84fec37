"""Reading files we did not write: regular files only, never more than a limit.

A FIFO would block `open()` until a writer comes, and /dev/zero never ends, so
every file helpcoach reads for the user (packs, config, answers, exports, the
pack cache) goes through `read_bounded`: it opens without blocking, refuses
anything that is not a regular file, and reads at most `limit + 1` bytes, so
the caller can tell "too big" from "exactly at the limit".
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: nothing to read."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


def read_bounded(path: Path | str, limit: int) -> bytes:
    """At most `limit + 1` bytes of the regular file at `path` (OSError, or NotRegularFile, otherwise)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(path)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: Path | str) -> bool:
    """True when `path` is a regular file (following links); False when missing or anything else."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
