"""Typer command and group classes that keep plain options cheap to parse.

Recent Typer versions build a Pydantic TypeAdapter for each option the first
time a value passes through it, importing Pydantic (about 70-100 ms) even for
a flag left at its default. `now --quick` has a speed budget and every option
it and the root group take is plain text or a flag, so these classes pass
`str`, `list[str]` and `bool` values straight through and hand anything else
to Typer's own coercion. On Typer versions without that machinery they change
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from typer.core import TyperCommand, TyperGroup

try:
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # older Typer: click parses the types itself, nothing to skip
    RuntimeParam = None  # type: ignore[assignment,misc]

_LEAN: tuple[Any, ...] = (str, bool, list[str])


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Lean(RuntimeParam):
        """Text stays text and flags stay flags; anything else goes to Typer's coercion."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is str and isinstance(value, str):
                return value
            if self.annotation is bool and isinstance(value, bool):
                return value
            if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
                return list(value)
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def _make_lean(params: list[Any]) -> None:
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            descriptor is not None
            and descriptor.annotation in _LEAN
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
    """A TyperGroup whose text and flag options skip Typer's Pydantic coercion."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _make_lean(self.get_params(ctx))
        return super().parse_args(ctx, args)
