"""`phrases add`: put a phrase in the user's own pack, mine.yaml, by editing its text.

The file is never re-dumped, so comments and layout stay. The edited text is
parsed, compared with what was meant, validated and checked against the other
packs exactly as loading would, and only then written atomically.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpcoach import paths
from helpcoach.errors import HelpcoachError, PackError, UsageError
from helpcoach.packs.library import Library, LoadedPack, check_against, pack_files, read_pack
from helpcoach.packs.loader import Document, Where, parse, read_text
from helpcoach.packs.schema import Pack
from helpcoach.packs.validate import to_struct
from helpcoach.safe_text import refusal, strip
from helpcoach.store.files import write_atomic

MINE_ID = "mine"
HEADER = """\
# My own phrases, in our family's words.
# `helpcoach phrases add "TEXT" --strategy ID` adds to this file; you can edit it by hand too.
# Check it with: helpcoach packs validate {path}

id: mine
name: My phrases
version: "1.0.0"
description: "Phrases in our own words."
"""
_ID = re.compile(rf"^{MINE_ID}-(\d+)$")


def mine_path() -> Path:
    """Where the user's own pack lives."""
    return paths.user_packs_dir() / f"{MINE_ID}.yaml"


def add_phrase(text: str, strategy_id: str, library: Library, disabled: Iterable[str] = ()) -> tuple[str, Path]:
    """Add `text` to `strategy_id` in mine.yaml; return the new phrase id and the file.

    `library` is the loaded library (for the known strategies and phrase ids).
    Raises HelpcoachError (and leaves the file as it was) for an empty text, an
    unknown strategy, a placeholder other than {child}, or a mine.yaml with problems.
    """
    clean = " ".join(text.split())
    if not clean:
        raise HelpcoachError(
            'the phrase is empty: write the words in quotes, like: helpcoach phrases add "I\'m here." --strategy stay-present'
        )
    problem = refusal(clean)
    if problem:
        raise UsageError(f"the phrase {problem}; nothing was added")
    known = sorted(library.strategies)
    if strategy_id not in known:
        raise HelpcoachError(f"unknown strategy '{strategy_id}': use one of {', '.join(known)}")
    path = mine_path()
    existing = path.exists()
    try:
        # the path goes in a YAML comment: nothing in it may break the file
        base = read_text(path) if existing else HEADER.format(path=strip(str(path)).replace("\n", " "))
        doc = parse(base, str(path))
        to_struct(doc, Pack)
    except PackError as exc:
        raise HelpcoachError(f"{exc}; nothing was added: fix {path} first (helpcoach packs validate {path})") from exc
    phrase_id = _next_id(doc.data, set(library.phrases))
    phrase = {"id": phrase_id, "text": clean}
    new_text, expected = _insert(base, doc, strategy_id, phrase)
    _check(new_text, expected, path, disabled)
    write_atomic(path, new_text)
    return phrase_id, path


def _next_id(data: dict[str, Any], taken: set[str]) -> str:
    """mine-N with N one past the highest used in mine.yaml or any loaded pack."""
    for strategy in data.get("strategies") or []:
        taken |= {str(p.get("id")) for p in strategy.get("phrases") or [] if isinstance(p, dict)}
    for entry in data.get("extend") or []:
        taken |= {str(p.get("id")) for p in entry.get("phrases") or [] if isinstance(p, dict)}
    numbers = [int(m.group(1)) for m in map(_ID.match, taken) if m]
    return f"{MINE_ID}-{max(numbers, default=0) + 1}"


def _item_indent(lines: list[str], mark: tuple[int, int] | None) -> int | None:
    """The column of the dash of a block sequence item, or None when the item is not in block style."""
    if mark is None:
        return None
    line, col = mark
    found = re.fullmatch(r"( *)-\s+", lines[line - 1][: col - 1])
    return len(found.group(1)) if found else None


def _insert_at(doc: Document, lines: list[str], after: Where) -> int:
    """The 0-based line index just past the item at `after`, before any trailing blank or comment lines."""
    start = doc.marks[after][0]
    following = [line for where, (line, _) in doc.marks.items() if line > start and where[: len(after)] != after]
    end = min(following, default=len(lines) + 1)  # 1-based line that starts the next thing
    while end - 1 > start and (not lines[end - 2].strip() or lines[end - 2].lstrip().startswith("#")):
        end -= 1
    return end - 1


def _phrase_lines(indent: int, phrase: dict[str, str], nl: str) -> list[str]:
    pad = " " * indent
    return [f"{pad}- id: {phrase['id']}{nl}", f"{pad}  text: {json.dumps(phrase['text'], ensure_ascii=False)}{nl}"]


def _entry_lines(indent: int, strategy_id: str, phrase: dict[str, str], nl: str) -> list[str]:
    pad = " " * indent
    return [f"{pad}- strategy: {strategy_id}{nl}", f"{pad}  phrases:{nl}", *_phrase_lines(indent + 4, phrase, nl)]


def _insert(base: str, doc: Document, strategy_id: str, phrase: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """The new file text and the data it must parse to."""
    nl = "\r\n" if "\r\n" in base else "\n"
    if base and not base.endswith("\n"):
        base += nl
    lines = base.splitlines(keepends=True)
    expected = copy.deepcopy(doc.data)
    entry = {"strategy": strategy_id, "phrases": [phrase]}
    if "extend" not in doc.data:
        expected["extend"] = [entry]
        return base + nl + f"extend:{nl}" + "".join(_entry_lines(2, strategy_id, phrase, nl)), expected
    extend = doc.data["extend"]
    if isinstance(extend, list) and extend:
        for i, item in enumerate(extend):
            phrases = item.get("phrases") if isinstance(item, dict) else None
            if item.get("strategy") == strategy_id and isinstance(phrases, list) and phrases:
                last: Where = ("extend", i, "phrases", len(phrases) - 1)
                indent = _item_indent(lines, doc.marks.get(last))
                if indent is not None:
                    expected["extend"][i]["phrases"].append(phrase)
                    at = _insert_at(doc, lines, last)
                    return "".join([*lines[:at], *_phrase_lines(indent, phrase, nl), *lines[at:]]), expected
        last = ("extend", len(extend) - 1)
        indent = _item_indent(lines, doc.marks.get(last))
        if indent is not None:
            expected["extend"].append(entry)
            at = _insert_at(doc, lines, last)
            return "".join([*lines[:at], *_entry_lines(indent, strategy_id, phrase, nl), *lines[at:]]), expected
    raise HelpcoachError(
        f"cannot add to {doc.source} safely: its `extend:` is not a plain block list; "
        "add the phrase by hand (the file was not changed)"
    )


def _check(new_text: str, expected: dict[str, Any], path: Path, disabled: Iterable[str]) -> None:
    """Refuse unless the new text means exactly what was intended and loads as every pack does."""
    try:
        doc = parse(new_text, str(path))
        if doc.data != expected:
            raise HelpcoachError(
                f"cannot add to {path} safely because of its layout; add the phrase by hand (the file was not changed)"
            )
        mine = LoadedPack(to_struct(doc, Pack), path, False, doc)
        library = _library_up_to(path, disabled)
        problems = check_against(library, mine)
        if problems:
            raise PackError(problems)
    except PackError as exc:
        messages = "; ".join(p.message for p in exc.problems)
        raise HelpcoachError(f"cannot add that phrase: {messages} (nothing was written to {path})") from exc


def _library_up_to(path: Path, disabled: Iterable[str]) -> Library:
    """The library as loading builds it just before mine.yaml (packs that fail on their own are skipped, as at load)."""
    off = set(disabled)
    library = Library()
    bundled = [(p, True) for p, is_bundled in pack_files() if is_bundled]
    user = sorted({p for p, is_bundled in pack_files() if not is_bundled} | {path})
    for file, is_bundled in [*bundled, *[(p, False) for p in user]]:
        if file == path:
            break
        try:
            loaded = read_pack(file, is_bundled)
            if not (is_bundled and loaded.pack.id in off):
                library.add(loaded)
        except PackError:
            continue  # broken on its own; load_library skips it the same way
    return library
