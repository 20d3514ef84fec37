"""Export the log (JSON, CSV, Markdown) and import an export, merging by id.

JSON is lossless: export, import into an empty log, export again gives the same
document. Import validates the whole file before it writes anything, then adds
every new entry in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from helpcoach.errors import HelpcoachError
from helpcoach.markdown import inline
from helpcoach.safe_text import escape_json, refusal, strip, unix_newlines
from helpcoach.store.checkins import checkin_columns
from helpcoach.store.children import find_child, name_key, name_problem
from helpcoach.store.db import insert_row, new_id, stamp, transaction
from helpcoach.store.exchange_format import (
    FORMAT,
    VERSION,
    CheckinRecord,
    FavoriteRecord,
    Header,
    LogDocument,
    MomentRecord,
    PracticeRecord,
    Record,
    is_uuid,
    parse_stamp,
)
from helpcoach.store.history import entry_filter
from helpcoach.store.import_file import decode_json, line_col
from helpcoach.times import SPAN, in_span

KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "moment": ("state", "reason", "strategy_id", "phrase_id", "words", "outcome", "outcome_at", "followed_up"),
    "checkin": ("rating", "wins", "helped", "hard", "child_said", "focus", "note"),
    "practice": ("scenario_id", "mode", "answer", "rating", "box", "due_at"),
    "favorite": ("phrase_id",),
}
TABLES = {"moment": "moments", "checkin": "checkins", "practice": "practice", "favorite": "favorites"}
OUTCOME_COLUMN = {"helped": "helped", "little": "little", "not": "not_helped"}


@dataclass
class ImportResult:
    """How many entries were new, how many were already in the log, and the ids the log holds differently."""

    added: int
    skipped: int
    conflicts: list[str] = field(default_factory=list)


def export_document(conn: sqlite3.Connection, child_id: str | None = None, since: str | None = None) -> dict[str, Any]:
    """The log (or one child's part of it, from `since` on) as a versioned JSON-ready document."""
    child_rows = conn.execute("SELECT * FROM children ORDER BY created_at, id").fetchall()
    children = [
        {"id": r["id"], "created_at": r["created_at"], "name": r["name"], "age": r["age"], "default": bool(r["is_default"])}
        for r in child_rows
        if child_id is None or r["id"] == child_id
    ]
    entries: list[dict[str, Any]] = []
    for kind, table in TABLES.items():
        where, args = entry_filter(child_id, since, table="t")
        sql = f"SELECT t.*, c.name AS child_name FROM {table} AS t LEFT JOIN children AS c ON c.id = t.child_id WHERE {where}"
        for row in conn.execute(sql, args):
            entry: dict[str, Any] = {"kind": kind, "id": row["id"], "created_at": row["created_at"], "child": row["child_name"]}
            for name in KIND_FIELDS[kind]:
                entry[name] = row[name]
            if kind == "moment":
                entry["followed_up"] = bool(entry["followed_up"])
            if kind == "checkin":
                entry["wins"] = json.loads(entry["wins"])
            entries.append(entry)
    entries.sort(key=lambda e: (e["created_at"], e["id"]))
    return {"format": FORMAT, "version": VERSION, "children": children, "entries": entries}


def to_json(document: dict[str, Any]) -> str:
    """The document as indented JSON text: lossless, with any forbidden character as a \\u escape, never raw."""
    return escape_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula (OWASP)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: no forbidden character, and a leading formula mark quoted with '."""
    if not isinstance(value, str):
        return value
    value = strip(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(document: dict[str, Any]) -> str:
    """One row per entry: the shared columns, then every kind's fields (lists as JSON); formulas made inert."""
    columns = ["id", "kind", "created_at", "child"]
    for names in KIND_FIELDS.values():
        columns += [n for n in names if n not in columns]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for entry in document["entries"]:
        row = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in entry.items()}
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


Namer = Callable[[str, str], str]  # (kind of id, id) -> words a parent reads


def to_markdown(document: dict[str, Any], name: Namer = lambda kind, key: key) -> str:
    """The log as a journal: one heading per day, one line per entry, newest day last.

    `name` turns ids into words (strategy titles, phrase texts, scenario texts); without it the ids stay.
    Every piece of text is folded onto its line and escaped (helpcoach.markdown), so none can forge an entry.
    """
    lines = ["# helpcoach journal", ""]
    day = ""
    for entry in document["entries"]:
        if entry["created_at"][:10] != day:
            day = entry["created_at"][:10]
            lines += ["", f"## {inline(day)}", ""]
        who = f" ({inline(entry['child'])})" if entry["child"] else ""
        line = _journal_line(entry, lambda kind, key: inline(name(kind, key)))
        lines.append(f"- {inline(entry['created_at'][11:16])} UTC{who}: {line}")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def _journal_line(entry: dict[str, Any], name: Namer) -> str:
    """One entry in words; `name` gives escaped words, and every text of the entry is escaped here."""
    kind = entry["kind"]
    if kind == "moment":
        reason = f" ({name('reason', entry['reason']).lower()})" if entry["reason"] else ""
        words = {"helped": "; it helped", "little": "; it helped a little", "not": "; it did not help"}
        outcome = words.get(entry["outcome"] or "", "")
        state = name("state", entry["state"]).lower()
        said = f", saying \u201c{name('phrase', entry['phrase_id'])}\u201d"
        return f"tough moment, {state}{reason}: {name('strategy', entry['strategy_id'])}{said}{outcome}"
    if kind == "checkin":
        parts = [f"check-in, the week felt {int(entry['rating'])}/5"]
        parts += [f"win: {inline(w)}" for w in entry["wins"]]
        for field_name, label in (("helped", "helped"), ("hard", "hard"), ("child_said", "child said"), ("note", "note")):
            if entry[field_name]:
                parts.append(f"{label}: {inline(entry[field_name])}")
        if entry["focus"]:
            parts.append(f"focus: {name('strategy', entry['focus'])}")
        return "; ".join(parts)
    if kind == "practice":
        wrote = f"; I said \u201c{inline(entry['answer'])}\u201d" if entry.get("answer") else ""
        return f"practice: {name('scenario', entry['scenario_id'])} ({inline(entry['rating'])}){wrote}"
    return f"favourite phrase \u201c{name('phrase', entry['phrase_id'])}\u201d"


def read_document(raw: bytes, source: str) -> LogDocument:
    """Parse and validate a whole export; HelpcoachError names the entry number (or line and column) and the problem."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise HelpcoachError(
            f"{source}:{line_col(raw, exc.start)}: not UTF-8 text (byte 0x{raw[exc.start]:02x}): "
            "save it as UTF-8; the log is unchanged"
        ) from exc
    try:
        header = decode_json(text, Header, source)
    except msgspec.ValidationError as exc:
        raise HelpcoachError(f"{source} is not a helpcoach export ({exc}); the log is unchanged") from exc
    if header.format != FORMAT:
        raise HelpcoachError(f'{source} is not a helpcoach export (no "format": "{FORMAT}"); the log is unchanged')
    if header.version != VERSION:
        raise HelpcoachError(
            f"{source} has format version {header.version!r}; this helpcoach reads version {VERSION}: "
            "upgrade helpcoach; the log is unchanged"
        )
    try:
        document: LogDocument = decode_json(text, LogDocument, source)
    except msgspec.ValidationError as exc:
        raise HelpcoachError(f"{source}: {_locate(str(exc))}; nothing was imported") from exc
    _check_text(document, source)  # first, so no later message quotes a hostile text
    _check(document, source)
    return document


def _locate(message: str) -> str:
    """msgspec's '... - at `$.entries[4].rating`' as 'entry 5: ... (rating)'."""
    text, _, where = message.partition(" - at `")
    where = where.rstrip("`")
    for prefix, word in (("$.entries[", "entry"), ("$.children[", "child")):
        if where.startswith(prefix):
            index, _, rest = where[len(prefix) :].partition("]")
            field = rest.lstrip(".")
            return f"{word} {int(index) + 1}: {text}" + (f" ({field})" if field else "")
    return f"{text} (at {where})" if where else text


def _check(document: LogDocument, source: str) -> None:
    names = {name_key(c.name) for c in document.children}
    seen: set[str] = set()

    def fail(where: str, problem: str) -> HelpcoachError:
        return HelpcoachError(f"{source}: {where}: {problem}; nothing was imported")

    for number, child in enumerate(document.children, 1):
        if not is_uuid(child.id):
            raise fail(f"child {number}", f"id '{child.id}' is not a UUID")
        problem = name_problem(child.name)
        if problem:
            raise fail(f"child {number}", f"the name '{child.name}' {problem}")
        created = parse_stamp(child.created_at)
        if created is None:
            raise fail(f"child {number}", f"created_at '{child.created_at}' is not an ISO 8601 time with its UTC offset")
        if not in_span(created):
            raise fail(f"child {number}", f"created_at '{child.created_at}' is outside {SPAN}")
    for number, entry in enumerate(document.entries, 1):
        if not is_uuid(entry.id):
            raise fail(f"entry {number}", f"id '{entry.id}' is not a UUID")
        if entry.id.lower() in seen:
            raise fail(f"entry {number}", f"id {entry.id} appears twice in the file")
        seen.add(entry.id.lower())
        times = [("created_at", entry.created_at)]
        if isinstance(entry, MomentRecord) and entry.outcome_at is not None:
            times.append(("outcome_at", entry.outcome_at))
        if isinstance(entry, PracticeRecord):
            times.append(("due_at", entry.due_at))
        for name, value in times:
            parsed = parse_stamp(value)
            if parsed is None:
                raise fail(f"entry {number}", f"{name} '{value}' is not an ISO 8601 time with its UTC offset")
            if not in_span(parsed):
                raise fail(f"entry {number}", f"{name} '{value}' is outside {SPAN}")
        if entry.child is not None and name_key(entry.child) not in names:
            raise fail(f"entry {number}", f"child '{entry.child}' is not in the file's children list")


_TEXT_FIELDS = ("words", "helped", "hard", "child_said", "note", "answer")


def _check_text(document: LogDocument, source: str) -> None:
    """Refuse control characters, bidi controls and invisible characters in any text; CRLF becomes LF."""

    def clean(value: str, where: str) -> str:
        value = unix_newlines(value)
        problem = refusal(value)
        if problem:
            raise HelpcoachError(f"{source}: {where} {problem}; nothing was imported")
        return value

    for number, child in enumerate(document.children, 1):
        child.name = clean(child.name, f"child {number}: name")
    for number, entry in enumerate(document.entries, 1):
        if entry.child is not None:
            entry.child = clean(entry.child, f"entry {number}: child")
        for name in _TEXT_FIELDS:
            value = getattr(entry, name, None)
            if isinstance(value, str):
                setattr(entry, name, clean(value, f"entry {number}: {name}"))
        if isinstance(entry, CheckinRecord):
            entry.wins = [clean(win, f"entry {number}: win {i}") for i, win in enumerate(entry.wins, 1)]


def _norm(text: str | None) -> str | None:
    parsed = parse_stamp(text) if text is not None else None
    return stamp(parsed) if parsed is not None else text


def import_document(conn: sqlite3.Connection, document: LogDocument) -> ImportResult:
    """Merge a validated export into the log in one transaction.

    Entries already present are skipped; an id the log holds with other content is a conflict:
    the log's version is kept and the id reported.
    """
    added = skipped = 0
    conflicts: list[str] = []
    with transaction(conn):
        child_ids = _merge_children(conn, document)
        for entry in document.entries:
            child_id = child_ids.get(name_key(entry.child)) if entry.child else None
            inserted, same = _insert(conn, entry, child_id)
            if inserted:
                added += 1
                if isinstance(entry, MomentRecord) and entry.outcome in OUTCOME_COLUMN:
                    column = OUTCOME_COLUMN[entry.outcome]
                    conn.execute(
                        f"INSERT INTO phrase_outcomes (child_id, phrase_id, {column}) VALUES (?, ?, 1) "
                        f"ON CONFLICT (child_id, phrase_id) DO UPDATE SET {column} = {column} + 1",
                        (child_id or "", entry.phrase_id),
                    )
            elif same:
                skipped += 1
            else:
                conflicts.append(entry.id.lower())
    return ImportResult(added, skipped, conflicts)


def _merge_children(conn: sqlite3.Connection, document: LogDocument) -> dict[str, str]:
    """Children matched by name; new ones keep their id when it is free."""
    ids: dict[str, str] = {}
    has_default = conn.execute("SELECT 1 FROM children WHERE is_default = 1").fetchone() is not None
    for child in document.children:
        known = find_child(conn, child.name)
        row: tuple[str] | None = (known.id,) if known is not None and known.id is not None else None
        if row is None:
            taken = conn.execute("SELECT 1 FROM children WHERE id = ?", (child.id.lower(),)).fetchone()
            child_id = new_id() if taken else child.id.lower()
            make_default = child.default and not has_default
            has_default = has_default or make_default
            conn.execute(
                "INSERT INTO children (id, created_at, name, age, is_default) VALUES (?, ?, ?, ?, ?)",
                (child_id, _norm(child.created_at), " ".join(child.name.split()), child.age, int(make_default)),
            )
            row = (child_id,)
        ids[name_key(child.name)] = row[0]
    return ids


def _insert(conn: sqlite3.Connection, entry: Record, child_id: str | None) -> tuple[bool, bool]:
    """(added, the same as the log's) for one entry; ids are stored in lower case, as helpcoach writes them."""
    shared: dict[str, object] = {"id": entry.id.lower(), "created_at": _norm(entry.created_at), "child_id": child_id}
    own: dict[str, object]
    if isinstance(entry, MomentRecord):
        table, own = (
            "moments",
            {
                "state": entry.state,
                "reason": entry.reason,
                "strategy_id": entry.strategy_id,
                "phrase_id": entry.phrase_id,
                "words": entry.words,
                "outcome": entry.outcome,
                "outcome_at": _norm(entry.outcome_at),
                "followed_up": int(entry.followed_up),
            },
        )
    elif isinstance(entry, CheckinRecord):
        table, own = "checkins", checkin_columns(entry)
    elif isinstance(entry, PracticeRecord):
        table, own = (
            "practice",
            {
                "scenario_id": entry.scenario_id,
                "mode": entry.mode,
                "answer": entry.answer,
                "rating": entry.rating,
                "box": entry.box,
                "due_at": _norm(entry.due_at),
            },
        )
    else:
        assert isinstance(entry, FavoriteRecord)
        table, own = "favorites", {"phrase_id": entry.phrase_id}
    row = {**shared, **own}
    if insert_row(conn, table, row, or_ignore=True):
        return True, True
    columns = ", ".join(row)
    held = conn.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (row["id"],)).fetchone()
    return False, held is not None and tuple(held) == tuple(row.values())
