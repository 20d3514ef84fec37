"""Typer command and group classes that keep plain options cheap to parse.

Recent Typer versions build a Pydantic TypeAdapter for each option the first
time a value passes through it, importing Pydantic (about 70-100 ms) even for
a flag left at its default. A parent in a hurry feels that, so these classes
pass text, flags, whole numbers, lists of text and unset optional values
straight through and hand anything else (a path given, a bad number) to
Typer's own coercion and its error messages. On Typer versions without that
machinery they change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from typer.core import TyperCommand, TyperGroup

try:
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # older Typer: click parses the types itself, nothing to skip
    RuntimeParam = None  # type: ignore[assignment,misc]

_LEAN: tuple[Any, ...] = (str, bool, int, list[str], Path)


def _base(annotation: Any) -> tuple[Any, bool]:
    """(X, True) for `X | None`, else (annotation, False)."""
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Lean(RuntimeParam):
        """Text stays text and flags stay flags; anything else goes to Typer's coercion."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            base, optional = _base(self.annotation)
            if value is None and optional:
                return None
            if base in (str, bool) and isinstance(value, base):
                return value
            if base is int and isinstance(value, int) and not isinstance(value, bool):
                return value
            if base is int and isinstance(value, str):
                try:
                    return int(value)
                except ValueError:
                    pass  # Typer's coercion below words the error
            if base == list[str] and isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
                return list(value)
            # Anything else (a Path given, a bad number) goes through Typer's own coercion and its errors.
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def _make_lean(params: list[Any]) -> None:
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            descriptor is not None
            and _base(descriptor.annotation)[0] in _LEAN
            and descriptor.file_annotation is None
            and getattr(param, "_runtime_param", None) is None
        ):
            param._runtime_param = _Lean(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)


class LeanCommand(TyperCommand):
    """A TyperCommand whose text and flag options skip Typer's Pydantic coercion."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _make_lean(self.get_params(ctx))
        return super().parse_args(ctx, args)


class LeanGroup(TyperGroup):
    """A TyperGroup whose options, and those of every command under it, skip Typer's Pydantic coercion."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _make_lean(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _make_lean(command.get_params(ctx))
        return command
