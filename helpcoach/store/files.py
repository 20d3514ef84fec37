"""Writing user files safely: new files never clobber, edits land whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from helpcoach.errors import HelpcoachError


def write_new_file(path: Path, text: str) -> None:
    """Create `path` with `text`, refusing if it exists (creates parent dirs)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise HelpcoachError(f"{path} already exists: nothing was overwritten") from exc
    except OSError as exc:
        raise HelpcoachError(f"cannot write {path}: {exc.strerror or exc}: check the folder exists and is writable") from exc


def write_atomic(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` through a temporary file and a rename."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise HelpcoachError(f"cannot write {path}: {exc.strerror or exc}: check the folder is writable") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise HelpcoachError(f"cannot write {path}: {exc.strerror or exc}; the old file is unchanged") from exc


def write_output(path: Path, text: str, *, force: bool, mode: int | None = None) -> None:
    """Write a file the user asked for with -o; an existing file is replaced only with --force."""
    if path.exists() and not force:
        raise HelpcoachError(f"{path} already exists: choose another name, or add --force to replace it")
    write_atomic(path, text, mode=mode)
