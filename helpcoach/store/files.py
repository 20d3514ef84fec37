"""Writing user files safely: new files never clobber, edits land whole or not at all, all of it private.

Everything helpcoach creates is private whatever the umask: folders 0700, files 0600.
Only folders helpcoach itself creates are ever chmodded; a folder the user pointed us
at keeps its mode. `--force` replaces regular files only, never a device or a FIFO.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from helpcoach.errors import HelpcoachError


def make_private_dirs(path: Path) -> None:
    """Create `path` and any missing parents, each 0700 whatever the umask; existing folders are left alone."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another helpcoach made it meanwhile
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask; ours must not be
    if not path.is_dir():
        raise NotADirectoryError(20, "not a folder", str(path))


def open_to_others(folder: Path) -> bool:
    """True when people other than the owner can list or read `folder`."""
    try:
        return bool(os.stat(folder).st_mode & (stat.S_IROTH | stat.S_IRGRP))
    except OSError:
        return False


def write_new_file(path: Path, text: str) -> None:
    """Create `path` (0600) with `text` whole or not at all, refusing if it exists (creates parent dirs)."""
    raw = text.encode("utf-8")
    try:
        make_private_dirs(path.parent)
        tmp = _write_temp(path, raw, 0o600)
    except OSError as exc:
        raise HelpcoachError(f"cannot write {path}: {exc.strerror or exc}: check the folder exists and is writable") from exc
    try:
        os.link(tmp, path)  # appears complete or not at all, and never replaces an existing file
    except FileExistsError as exc:
        raise HelpcoachError(f"{path} already exists: nothing was overwritten") from exc
    except OSError as exc:
        raise HelpcoachError(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _write_temp(path: Path, raw: bytes, mode: int) -> str:
    """A hidden temporary file beside `path` holding `raw`, synced; removed again on any failure."""
    import tempfile  # only when writing: kept off the hurried path

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` through a temporary file and a rename.

    A symbolic link is written through: its target gets the new content (still by a rename
    beside the target), and the link stays a link.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_file():
            raise HelpcoachError(f"{path} is a link to {target}, which is not a file: fix or remove the link")
        path = target
    try:
        make_private_dirs(path.parent)
        if mode is None:
            mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o600
        tmp = _write_temp(path, raw, mode)
    except OSError as exc:
        raise HelpcoachError(f"cannot write {path}: {exc.strerror or exc}; the old file is unchanged") from exc
    try:
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise HelpcoachError(f"cannot write {path}: {exc.strerror or exc}; the old file is unchanged") from exc


def write_output(path: Path, text: str, *, force: bool, mode: int | None = None) -> None:
    """Write a file the user asked for with -o; an existing regular file is replaced only with --force."""
    if path.exists() or path.is_symlink():
        if not force:
            raise HelpcoachError(f"{path} already exists: choose another name, or add --force to replace it")
        try:
            kind = os.stat(path).st_mode
        except OSError:
            kind = 0
        if not stat.S_ISREG(kind):
            raise HelpcoachError(f"{path} is not a regular file: --force replaces only regular files; choose another name")
    write_atomic(path, text, mode=mode)
