"""Compiled packs, so a hurried `helpcoach now` skips YAML entirely.

Each valid pack file is stored as msgpack keyed on a hash of its bytes, in a
file named for the helpcoach version; any change to the file makes a miss. The cache is only
ever a shortcut: a missing, stale, unreadable or unwritable cache just means
reading the YAML again.
"""

from __future__ import annotations

import contextlib
import os
from _blake2 import blake2b  # hashlib would also load OpenSSL: 3 ms on the hurried path
from pathlib import Path

import msgspec

from helpcoach import __version__, paths
from helpcoach.bounded import read_bounded
from helpcoach.packs.schema import Pack
from helpcoach.store.files import make_private_dirs

_Entries = dict[str, bytes]
MAX_CACHE_BYTES = 64 * 1024 * 1024  # far above any real set of packs; a bigger file is not ours


class PackCache:
    """One msgpack file mapping a pack file's identity to its compiled Pack."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file or paths.cache_dir() / f"packs-{__version__}.msgpack"
        self.entries: _Entries = {}
        self.used: set[str] = set()
        self.changed = False
        try:
            raw = read_bounded(self.file, MAX_CACHE_BYTES)
            if len(raw) <= MAX_CACHE_BYTES:
                self.entries = msgspec.msgpack.decode(raw, type=_Entries)
        except (OSError, msgspec.DecodeError):
            self.entries = {}

    @staticmethod
    def key(raw: bytes) -> str:
        """What identifies one version of a pack file: a hash of its bytes."""
        # `person` names the rules a pack was checked by: packs cached before control characters
        # were refused (helpcoach.safe_text) miss, and are read and checked again.
        return blake2b(raw, digest_size=20, person=b"text-policy-1").hexdigest()

    def get(self, key: str) -> Pack | None:
        """The compiled pack for `key`, or None."""
        raw = self.entries.get(key)
        if raw is None:
            return None
        try:
            pack = msgspec.msgpack.decode(raw, type=Pack)
        except msgspec.DecodeError:
            return None
        self.used.add(key)
        return pack

    def put(self, key: str, pack: Pack) -> None:
        """Remember a valid pack."""
        self.entries[key] = msgspec.msgpack.encode(pack)
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the cache (only the packs seen this run) if anything changed; failures are ignored on purpose."""
        if not self.changed and self.used == set(self.entries):
            return
        keep = {k: v for k, v in self.entries.items() if k in self.used}
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        try:
            make_private_dirs(self.file.parent)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)  # it holds the user's own phrases: private whatever the umask
                handle.write(msgspec.msgpack.encode(keep))
            os.replace(tmp, self.file)
        except OSError:
            with contextlib.suppress(OSError):  # a read-only cache dir only costs speed
                tmp.unlink(missing_ok=True)
