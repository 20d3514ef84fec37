"""The layers, read from the source: what each package may import, and where imports sit.

The rules (README, "Architecture"): cli -> flows -> coach, ui, store; coach is pure, so it imports
nothing from ui, store, cli or flows. Imports of helpcoach's own modules go at the top of a module.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "helpcoach"
ABOVE_THE_COACH = ("helpcoach.ui", "helpcoach.store", "helpcoach.cli", "helpcoach.flows")

# The coach's imports from above it that exist today: the three flows still live in coach/.
# Each is one xfail(strict) case below; when the flows move to helpcoach/flows/, these XPASS, which
# fails the run until the pair is deleted from this list. Nothing may be added to it but an import in
# code that moves with the flows (hurry.ask_hurried_state is part of the now flow).
# After the move: empty this list and delete the xfail test below it (the test above it then
# enforces everything); when at most ten function-level imports are left, delete the
# @UNTIL_THE_MOVE line of test_at_most_ten_function_level_imports_of_our_own_modules.
KNOWN_VIOLATIONS = [
    ("helpcoach.coach.checkin_flow", "helpcoach.store.checkins"),
    ("helpcoach.coach.checkin_flow", "helpcoach.ui.prompts"),
    ("helpcoach.coach.hurry", "helpcoach.ui.prompts"),  # ask_hurried_state, part of the now flow: moves with it
    ("helpcoach.coach.now_flow", "helpcoach.store.checkins"),
    ("helpcoach.coach.now_flow", "helpcoach.store.children"),
    ("helpcoach.coach.now_flow", "helpcoach.store.favorites"),
    ("helpcoach.coach.now_flow", "helpcoach.store.moments"),
    ("helpcoach.coach.now_flow", "helpcoach.ui.prompts"),
    ("helpcoach.coach.practice_flow", "helpcoach.ui.practice_view"),
    ("helpcoach.coach.practice_flow", "helpcoach.ui.prompts"),
]
UNTIL_THE_MOVE = pytest.mark.xfail(strict=True, reason="until the flows move")

# The target for imports of helpcoach's own modules inside function bodies (issue 18, part 2).
MOST_FUNCTION_LEVEL_IMPORTS = 10


@dataclass(frozen=True)
class Import:
    """One import of a helpcoach module: who imports what, at which line, and whether inside a function."""

    importer: str
    imported: str
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (PACKAGE.parent / relative).with_suffix(".py").is_file() or (PACKAGE.parent / relative / "__init__.py").is_file()


def targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> list[str]:
    """The helpcoach modules an import statement loads (`from a import b` is a.b when b is a module)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = importer.split(".")
        if node.level:
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        names = [f"{module}.{a.name}" if is_module(f"{module}.{a.name}") else module for a in node.names]
    return sorted({n for n in names if n == "helpcoach" or n.startswith("helpcoach.")})


def imports_of(path: Path) -> list[Import]:
    """Every import of a helpcoach module in one file."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def imports_in(source: str, importer: str, is_package: bool = False) -> list[Import]:
    """Every import of a helpcoach module in one module's source."""
    tree = ast.parse(source)
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                for imported in targets(child, importer, is_package):
                    found.append(Import(importer, imported, child.lineno, in_function))
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(tree, False)
    return found


def all_imports() -> list[Import]:
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in imports_of(path)]


def under(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def coach_violations() -> set[tuple[str, str]]:
    """(importer, imported) for every coach module importing from a layer above the coach."""
    return {
        (imp.importer, imp.imported)
        for imp in all_imports()
        if under(imp.importer, ("helpcoach.coach",)) and under(imp.imported, ABOVE_THE_COACH)
    }


READER_SAMPLE = """\
import os
import helpcoach.paths
from helpcoach import errors
from helpcoach.errors import PackError
from . import triage


def later():
    from helpcoach.store.moments import add_moment
    if True:
        import helpcoach.ui.prompts


class Holder:
    def method(self):
        from ..ui import console
"""


def test_the_reader_sees_every_kind_of_import_and_where_it_sits() -> None:
    found = {(i.imported, i.line, i.in_function) for i in imports_in(READER_SAMPLE, "helpcoach.coach.sample")}
    assert found == {
        ("helpcoach.paths", 2, False),
        ("helpcoach.errors", 3, False),  # `from package import module` is the module
        ("helpcoach.errors", 4, False),  # `from module import name` is the module
        ("helpcoach.coach.triage", 5, False),
        ("helpcoach.store.moments", 9, True),
        ("helpcoach.ui.prompts", 11, True),
        ("helpcoach.ui.console", 16, True),
    }


def test_the_coach_imports_nothing_new_from_above_it() -> None:
    """No coach module imports ui, store, cli or flows, apart from the listed ones that are leaving."""
    assert coach_violations() - set(KNOWN_VIOLATIONS) == set()


@UNTIL_THE_MOVE
@pytest.mark.parametrize(("importer", "imported"), KNOWN_VIOLATIONS)
def test_the_coach_imports_nothing_from_above_it(importer: str, imported: str) -> None:
    assert (importer, imported) not in coach_violations()


def test_the_two_health_modules_do_not_import_each_other() -> None:
    """`Finding` lives in helpcoach.finding, so the checkup and the log's checks form no circle."""
    store_side = {i.imported for i in imports_of(PACKAGE / "store" / "health.py")}
    assert "helpcoach.health" not in store_side
    assert "helpcoach.finding" in store_side


def test_no_circle_among_top_level_imports() -> None:
    """Following only module-top imports, no helpcoach module reaches itself again."""
    graph: dict[str, set[str]] = {}
    for imp in all_imports():
        if not imp.in_function and imp.imported != imp.importer:
            graph.setdefault(imp.importer, set()).add(imp.imported)
    for start in graph:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            name = todo.pop()
            assert name != start, f"{start} imports itself through its top-level imports"
            if name not in seen:
                seen.add(name)
                todo.extend(graph.get(name, ()))


def test_function_level_imports_are_counted() -> None:
    """The count below is of real function-level imports (a sanity check on the reader, not a target)."""
    inner = [i for i in all_imports() if i.in_function]
    assert inner, "the reader finds the function-level imports that exist today"
    assert all(i.importer.startswith("helpcoach") for i in inner)


@UNTIL_THE_MOVE
def test_at_most_ten_function_level_imports_of_our_own_modules() -> None:
    """Imports of helpcoach's own modules go at the top; laziness only at the edges that load a heavy library."""
    statements = {(i.importer, i.line) for i in all_imports() if i.in_function}
    listing = "\n".join(f"{m}:{line}" for m, line in sorted(statements))
    assert len(statements) <= MOST_FUNCTION_LEVEL_IMPORTS, f"{len(statements)} function-level imports:\n{listing}"
