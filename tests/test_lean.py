"""cli/lean.py leans on Typer's private `typer._coercion`: these fail the moment that API moves."""

from __future__ import annotations

import dataclasses
import inspect
import re
from importlib.metadata import version
from pathlib import Path

import typer._coercion as coercion

from helpcoach.cli import lean

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_the_private_api_lean_uses_is_there() -> None:
    assert lean.RuntimeParam is coercion.RuntimeParam
    fields = {f.name for f in dataclasses.fields(coercion.RuntimeParam)}
    assert {"parameter_info", "annotation"} <= fields
    assert "_coerce_value" in coercion.RuntimeParam.__abstractmethods__
    assert list(inspect.signature(coercion.build_runtime_param).parameters) == ["descriptor"]
    assert list(inspect.signature(coercion.RuntimeParam._coerce_value).parameters) == ["self", "value", "param", "ctx"]


def test_the_installed_typer_is_inside_the_range_pyproject_pins() -> None:
    pinned = re.search(r'"typer>=([\d.]+),<([\d.]+)"', PYPROJECT.read_text(encoding="utf-8"))
    assert pinned, "pyproject.toml pins typer with a lower and an upper bound"
    low, high = (tuple(int(p) for p in v.split(".")) for v in pinned.groups())
    installed = tuple(int(p) for p in version("typer").split(".")[:2])
    assert low[:2] <= installed < high[:2]


def test_a_list_of_words_stays_a_list_of_words() -> None:
    class Info:
        pass

    param = lean._Lean(parameter_info=Info(), annotation=list[str])  # type: ignore[arg-type]
    assert param._coerce_value(("he", "hit"), param=None, ctx=None) == ["he", "hit"]
