"""Reading a file to import: bounded, refused early when it cannot be an export, every failure one located line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from helpcoach.errors import HelpcoachError

MAX_IMPORT_BYTES = 256 * 1024 * 1024  # about five times a 100,000-entry export
_SNIFF = 64 * 1024


def read_import(file: Path) -> tuple[bytes, str]:
    """The bytes of an export to import ('-' for stdin) and its name for messages, read with a bounded read.

    A file that does not start like JSON (/dev/zero, a picture) is refused after its first bytes.
    """
    from helpcoach.process import stdin_bytes

    if str(file) == "-":
        raw = stdin_bytes(MAX_IMPORT_BYTES + 1, "give import a FILE instead of '-'")
        source = "stdin"
    else:
        source = str(file)
        try:
            with open(file, "rb") as handle:
                raw = handle.read(_SNIFF)
                _sniff(raw, source)
                raw += handle.read(MAX_IMPORT_BYTES + 1 - len(raw))
        except OSError as exc:
            raise HelpcoachError(f"cannot read {source}: {exc.strerror or exc}") from exc
    _sniff(raw[:_SNIFF], source)
    if len(raw) > MAX_IMPORT_BYTES:
        raise HelpcoachError(
            f"{source} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB, far more than any helpcoach export; "
            "the log is unchanged"
        )
    return raw, source


def _sniff(head: bytes, source: str) -> None:
    """Refuse at once what cannot be a JSON export: it must start with '{' (after a BOM and blanks)."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if not start and len(head) < _SNIFF:
        raise HelpcoachError(f"{source} is empty, not a helpcoach export; the log is unchanged")
    if start and not start.startswith(b"{"):
        raise HelpcoachError(f"{source}:1:1: not a helpcoach export (it does not start with '{{'); the log is unchanged")


def line_col(raw: bytes | str, offset: int) -> str:
    """'LINE:COL' of a byte (or character) offset."""
    newline = b"\n" if isinstance(raw, bytes) else "\n"
    line = raw.count(newline, 0, offset) + 1  # type: ignore[arg-type]
    col = offset - (raw.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]
    return f"{line}:{col}"


def too_deep_at(text: str, limit: int = 64) -> int:
    """The offset where JSON nesting passes `limit` levels (only looked for after a RecursionError)."""
    depth, in_string, escaped = 0, False, False
    for offset, char in enumerate(text):
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return offset
        elif char in "]}":
            depth -= 1
    return 0


def decode_json(text: str, kind: type[Any], source: str) -> Any:
    """msgspec's JSON decode with its failures as one located line (ValidationError is left to the caller)."""
    import re

    try:
        return msgspec.json.decode(text, type=kind)
    except msgspec.ValidationError:
        raise
    except msgspec.DecodeError as exc:
        found = re.search(r"\(byte (\d+)\)", str(exc))
        raw = text.encode("utf-8")
        at = line_col(raw, int(found.group(1))) if found else "1:1"
        message = re.sub(r"\s*\(byte \d+\)", "", str(exc))
        raise HelpcoachError(f"{source}:{at}: not a helpcoach export ({message}); the log is unchanged") from exc
    except RecursionError as exc:
        at = line_col(text, too_deep_at(text))
        raise HelpcoachError(f"{source}:{at}: nested far too deeply for a helpcoach export; the log is unchanged") from exc
