"""`packs new` then `packs validate` in a real terminal, at 80 and 40 columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.tmux import joined, squash


@pytest.mark.parametrize("width", [80, 40])
def test_new_then_validate(terminal, isolated: dict[str, Path], width: int) -> None:
    target = isolated["config"] / "packs" / "grandma-phrases.yaml"
    new = terminal().start("packs", "new", "grandma-phrases", width=width)
    assert new.wait_exit() == 0
    assert joined(f"Wrote {target}") in joined(new.output())
    assert target.is_file()
    assert "id: grandma-phrases" in target.read_text(encoding="utf-8")

    check = terminal().start("packs", "validate", str(target), width=width)
    assert check.wait_exit() == 0, check.output()
    assert "All valid: 1 file checked." in squash(check.output())


def test_new_refuses_to_overwrite(terminal, isolated: dict[str, Path]) -> None:
    first = terminal().start("packs", "new", "mine")
    assert first.wait_exit() == 0
    target = isolated["config"] / "packs" / "mine.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    before = target.read_bytes()

    again = terminal().start("packs", "new", "mine")
    assert again.wait_exit() == 1
    assert "already exists" in squash(again.output())
    assert target.read_bytes() == before


def test_validate_reports_the_line_of_a_broken_pack(terminal, isolated: dict[str, Path]) -> None:
    broken = isolated["config"] / "packs" / "broken.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: broken\nname: Broken\nstrategies:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    check = terminal().start("packs", "validate", str(broken), width=40)
    assert check.wait_exit() == 1
    assert f"{broken}:" in joined(check.output())
    assert "All valid" not in check.output()
