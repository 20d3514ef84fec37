"""A hardened YAML reader for packs and the config.

It walks the parser's event stream itself instead of using yaml.load, so it can
refuse anchors, aliases, tags, several documents and deep nesting as soon as
they appear (an alias bomb or 30,000 nested brackets cost microseconds), keep
every scalar a plain str/int/float/bool/None (no timestamps to crash on),
report duplicate keys with both lines, and remember where each value sits.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from helpcoach.bounded import read_bounded
from helpcoach.errors import PackError, Problem
from helpcoach.packs.document import MAX_BYTES, Document, Where
from helpcoach.safe_text import refusal, unix_newlines

MAX_DEPTH = 8  # the schema needs 6 levels; a little slack, no more


try:  # libyaml's parser when available; the pure-Python one otherwise
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)


_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_FALSE = {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]{0,17})")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9][0-9_]{0,17}\.[0-9_]{0,17})([eE][-+]?[0-9]{1,3})?")


def _plain(value: str) -> Any:
    """Resolve a plain scalar the way YAML 1.1 would, minus timestamps and other surprises."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value.replace("_", ""))
    if _FLOAT.fullmatch(value):
        return float(value.replace("_", ""))
    return value


PACK_ADVICE = "split it into smaller packs"


def too_big(size: int | None, advice: str) -> str:
    """The message for a file over MAX_BYTES, with its exact size when known (never '1024 KiB; the limit is 1024 KiB')."""
    what = f"file is {size:,} bytes" if size is not None else "file is larger than that"
    return f"{what}; the limit is {MAX_BYTES:,} bytes (1 MiB): {advice}"


def read_text(path: Path, source: str | None = None, advice: str = PACK_ADVICE) -> str:
    """Read a pack, config or answers file as UTF-8 text, refusing what is too big or not text.

    `advice` says what to do with a file that is too big.
    """
    source = source or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PackError([Problem(source, 1, 1, too_big(size, advice))])
        raw = read_bounded(path, MAX_BYTES)  # regular files only: a FIFO or /dev/zero never hangs or fills memory
    except OSError as exc:
        raise PackError([Problem(source, 1, 1, f"cannot read the file: {exc.strerror or exc}")]) from exc
    return decode(raw, source, advice)


def decode(raw: bytes, source: str, advice: str = PACK_ADVICE) -> str:
    """UTF-8 bytes to text, or an error at the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise PackError([Problem(source, 1, 1, too_big(None, advice))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PackError([Problem(source, line, col, "the file is not UTF-8 text: save it as UTF-8")]) from exc
    return text.removeprefix("\ufeff")


def parse(text: str, source: str) -> Document:
    """Parse YAML text into a Document, or raise PackError with a line number."""
    try:
        return _compose(text, source)
    except PackError:
        raise
    except yaml.reader.ReaderError as exc:  # a control character: libyaml gives an offset, not a line
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        what = f"the control character U+{code:04X} is not allowed in YAML"
        raise PackError([Problem(source, line, col, f"{what}: remove it")]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise PackError([Problem(source, line, col, f"YAML syntax error: {what}")]) from exc
    except Exception as exc:  # any failure inside the YAML library becomes our error
        raise PackError([Problem(source, 1, 1, f"could not read the YAML: {exc}")]) from exc


def load_file(path: Path, source: str | None = None) -> Document:
    """Read and parse one file."""
    source = source or str(path)
    return parse(read_text(path, source), source)


class _Frame:
    __slots__ = ("key", "key_lines", "key_mark", "value", "where")

    def __init__(self, value: Any, where: Where) -> None:
        self.value = value
        self.where = where
        self.key: str | None = None
        self.key_mark = (1, 1)
        self.key_lines: dict[str, int] = {}


def _compose(text: str, source: str) -> Document:
    parser: Any = _Parser(text)
    get = parser.get_event
    marks: dict[Where, tuple[int, int]] = {}
    written: dict[Where, str] = {}

    def fail(event: Any, message: str) -> PackError:
        m = event.start_mark
        return PackError([Problem(source, m.line + 1, m.column + 1, message)])

    get()  # StreamStart
    event = get()
    if isinstance(event, yaml.StreamEndEvent):  # reported on line 1, not after the last comment
        raise PackError([Problem(source, 1, 1, "the file is empty: write at least `id:` and `name:`")])
    if getattr(event, "explicit", False) and getattr(event, "tags", None):
        raise fail(event, "YAML %TAG directives are not allowed")
    root: Any = None
    stack: list[_Frame] = []
    while True:
        event = get()
        if isinstance(event, yaml.AliasEvent):
            raise fail(event, "aliases (*name) are not allowed in packs: write the text out in full")
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            if stack:
                continue
            break
        if isinstance(event, yaml.DocumentEndEvent):
            break
        if event.anchor is not None:
            raise fail(event, "anchors (&name) are not allowed in packs: write the text out in full")
        if event.tag is not None:
            raise fail(event, f"tags ({event.tag}) are not allowed in packs: remove the tag")
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            scalar = unix_newlines(event.value)  # a "\r\n" escape, as a Windows program writes JSON, is a newline
            if problem := refusal(scalar):
                raise fail(event, f"this value {problem} (an escape such as \\e or \\u202e counts too)")
            value: Any = _plain(scalar) if event.implicit[0] else scalar
        elif isinstance(event, yaml.MappingStartEvent):
            value = {}
        else:
            value = []
        if not stack:
            root = value
            where: Where = ()
            marks[where] = mark
        else:
            top = stack[-1]
            if isinstance(top.value, dict):
                if top.key is None:
                    if not isinstance(event, yaml.ScalarEvent):
                        raise fail(event, "keys must be plain words, not lists or mappings")
                    key = str(value) if value is not None else ""
                    if key in top.key_lines:
                        raise fail(event, f"duplicate key '{key}' (first on line {top.key_lines[key]}): remove one")
                    top.key, top.key_mark = key, mark
                    top.key_lines[key] = mark[0]
                    continue
                where = (*top.where, top.key)
                top.value[top.key] = value
                marks[where] = top.key_mark
                top.key = None
            else:
                where = (*top.where, len(top.value))
                top.value.append(value)
                marks[where] = mark
        if isinstance(event, yaml.ScalarEvent) and value is not None and not isinstance(value, str):
            written[where] = event.value
        if isinstance(value, (dict, list)) and not isinstance(event, yaml.ScalarEvent):
            if len(stack) >= MAX_DEPTH:
                raise fail(event, f"nested more than {MAX_DEPTH} levels deep: packs never need that")
            stack.append(_Frame(value, where))
        elif not stack:
            break
    # Whatever follows the first document must be the end of the stream.
    while True:
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            break
        if isinstance(event, yaml.DocumentStartEvent):
            raise fail(event, "only one YAML document per file: remove the second `---`")
    if root is None:
        raise PackError([Problem(source, 1, 1, "the file is empty: write at least `id:` and `name:`")])
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else "a single value"
        line, col = marks.get((), (1, 1))
        message = f"the top level is {kind}; it must be a mapping of `key: value` lines"
        raise PackError([Problem(source, line, col, message)])
    return Document(source, root, marks, written)
