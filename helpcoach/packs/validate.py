"""Turn a parsed Document into a schema struct, with compiler-style problems.

msgspec stops at the first problem, so on failure each item of each list of
structs is checked on its own: one run reports a problem per broken item.
"""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any, TypeVar

import msgspec

from helpcoach.errors import PackError, Problem
from helpcoach.packs.document import Document, Where

T = TypeVar("T", bound=msgspec.Struct)

_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "float": "a number",
    "bool": "a boolean",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def to_struct(doc: Document, kind: type[T]) -> T:
    """Validate `doc.data` as `kind`, raising PackError with every problem found."""
    try:
        return msgspec.convert(doc.data, kind, strict=True)
    except msgspec.ValidationError as exc:
        problems = problems_in(doc, doc.data, kind, ())
        if not problems:  # the walk missed it: report msgspec's own finding
            problems = [_problem(doc, kind, (), exc)]
        raise PackError(sorted(problems, key=lambda p: (p.line, p.col))) from exc


def problems_in(doc: Document, value: Any, kind: Any, where: Where) -> list[Problem]:
    """Every problem of `value` against `kind`, walking structs and lists field by field."""
    struct = _struct_type(kind)
    if struct is not None and isinstance(value, dict):
        hints = typing.get_type_hints(struct, include_extras=True)
        known = list(struct.__struct_fields__)
        problems = []
        for key, item in value.items():
            if key in hints:
                problems += problems_in(doc, item, hints[key], (*where, key))
            else:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f": did you mean '{close[0]}'?" if close else f": known keys are {', '.join(known)}"
                problems.append(doc.problem((*where, key), f"{dotted((*where, key))}: unknown key '{key}'{hint}"))
        for info in msgspec.structs.fields(struct):
            if info.required and info.encode_name not in value:
                label = dotted(where) or "top level"
                problems.append(doc.problem(where, f"{label}: missing required key '{info.encode_name}'"))
        return problems
    item_type = _list_item_type(kind)
    if item_type is not None and isinstance(value, list):
        return [p for i, item in enumerate(value) for p in problems_in(doc, item, item_type, (*where, i))]
    try:
        msgspec.convert(value, kind, strict=True)
    except msgspec.ValidationError as exc:
        return [_problem(doc, kind, where, exc)]
    return []


def _strip(kind: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    if typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if len(args) == 1 and typing.get_origin(kind) is not list:
        kind = _strip(args[0])
    return kind


def _struct_type(kind: Any) -> type[msgspec.Struct] | None:
    kind = _strip(kind)
    return kind if isinstance(kind, type) and issubclass(kind, msgspec.Struct) else None


def _list_item_type(kind: Any) -> Any:
    kind = _strip(kind)
    return typing.get_args(kind)[0] if typing.get_origin(kind) is list else None


def _parse_path(text: str | None) -> Where:
    if not text:
        return ()
    return tuple(m.group(1) if m.group(1) else int(m.group(2)) for m in _STEP.finditer(text))


def dotted(where: Where) -> str:
    """('strategies', 2, 'text') -> 'strategies[2].text'."""
    out = ""
    for step in where:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _value_at(data: Any, where: Where) -> Any:
    for step in where:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _problem(doc: Document, kind: type, prefix: Where, exc: msgspec.ValidationError) -> Problem:
    match = _AT.match(str(exc))
    assert match is not None  # the pattern matches any text
    raw, inner = match.group("msg"), _parse_path(match.group("path"))
    where = (*prefix, *inner)
    value = _value_at(doc.data, where)
    if m := re.match(r"Object missing required field `(.*)`", raw):
        return doc.problem(where, f"{dotted(where) or 'top level'}: missing required key '{m.group(1)}'")
    message = _explain(raw, value, kind, doc.written.get(where))
    return doc.problem(where, f"{dotted(where) or 'top level'}: {message}")


_PATTERN_WORDS = {
    "id": "must use only lowercase letters, digits and dashes, starting with a letter or digit",
    "^[A-Za-z]{2}$": "must be a two-letter country code, like GB or US",
    "^[0-9]{2,8}$": "must be the number's digits only, quoted, like '112'",
    "^[a-z]{2}(-[A-Za-z0-9]+)?$": "must be a language code, like en or es",
}


def _explain(raw: str, value: Any, kind: Any, written: str | None = None) -> str:
    if m := re.match(r"Expected `([^`]*)`, got `(\w+)`", raw):
        want = " or ".join(_NAMES.get(t.strip(), t.strip()) for t in m.group(1).split("|") if t.strip() != "null")
        got = m.group(2)
        message = f"expected {want}, got {_NAMES.get(got, got)}"
        if want == "a string" and got in ("bool", "int", "float"):
            message += f': quote it ("{written or _yaml_word(value)}")'
        return message
    if m := re.search(r"matching regex '(.*)'", raw):
        return f"'{value}' {_PATTERN_WORDS.get(m.group(1), _PATTERN_WORDS['id'])}"
    if m := re.match(r"Expected `str` of length >= 1", raw):
        return "must not be empty"
    if m := re.match(r"Expected `str` of length <= (\d+)", raw):
        return f"is too long (at most {m.group(1)} characters)"
    if m := re.match(r"Invalid enum value (.*)", raw):
        choices = ", ".join(str(c) for c in typing.get_args(_strip(kind)))
        return f"{m.group(1)} is not allowed here: use one of {choices}"
    if m := re.match(r"Expected `(\w+)` (>=|<=) (-?\d+)", raw):
        return f"must be {'at least' if m.group(2) == '>=' else 'at most'} {m.group(3)} (got {value})"
    return raw[:1].lower() + raw[1:]


def _yaml_word(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
