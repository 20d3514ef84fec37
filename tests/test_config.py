"""config.yaml: optional, validated like a pack, never a reason to stop helping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcoach import paths
from helpcoach.config import load_config, load_config_or_default
from helpcoach.errors import PackError
from helpcoach.packs.schema import Config
from tests.helpers import write


def config_file(isolated: dict[str, Path], text: str) -> Path:
    return write(isolated["config"] / "config.yaml", text)


def test_missing_config_dir_is_fine(isolated: dict[str, Path], run) -> None:
    assert not isolated["config"].exists()
    assert load_config() == Config()
    assert load_config_or_default() == (Config(), None)
    code, out, err = run("packs", "list", "--json")
    assert (code, err) == (0, "")
    assert [row["id"] for row in json.loads(out)] == ["core", "older"]
    assert not isolated["config"].exists(), "reading must not create the config dir"


def test_paths_follow_the_environment(isolated: dict[str, Path]) -> None:
    assert paths.config_file() == isolated["config"] / "config.yaml"
    assert paths.user_packs_dir() == isolated["config"] / "packs"
    assert paths.db_file().parent == isolated["data"]


@pytest.mark.parametrize("text", ["", "\n\n", "# just a comment\n", "  # indented comment\n\n# another\n", "{}\n"])
def test_empty_config_is_the_defaults(isolated: dict[str, Path], text: str) -> None:
    config_file(isolated, text)
    assert load_config() == Config()


def test_full_config(isolated: dict[str, Path]) -> None:
    config_file(
        isolated,
        "child: Sam\ndisable: [core]\nremind: false\nlog_moments: no\nplain: true\n"
        "contacts:\n  - name: Dr. Lee\n    how: 555-0100\n",
    )
    config = load_config()
    assert (config.child, config.disable, config.remind, config.log_moments, config.plain) == (
        "Sam",
        ["core"],
        False,
        False,
        True,
    )
    assert [(c.name, c.how) for c in config.contacts] == [("Dr. Lee", "555-0100")]


def test_unknown_key_has_line_and_suggestion(isolated: dict[str, Path]) -> None:
    path = config_file(isolated, "child: Sam\nreminde: false\n")
    with pytest.raises(PackError) as caught:
        load_config()
    (problem,) = caught.value.problems
    assert str(problem) == f"{path}:2:1: reminde: unknown key 'reminde': did you mean 'remind'?"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("contacts:\n  - name: Gran\n", 2, "contacts[0]: missing required key 'how'"),
        ("contacts: Gran\n", 1, "contacts: expected a list, got a string"),
        ("contacts:\n  - name: Gran\n    how: call\n    when: evenings\n", 4, "unknown key 'when'"),
        ("contacts:\n  - name: ''\n    how: call\n", 2, "contacts[0].name: must not be empty"),
        ("contacts:\n  - name: Gran\n    how: 5550100\n", 3, "contacts[0].how: expected a string, got a whole number"),
    ],
)
def test_contacts_are_validated(isolated: dict[str, Path], text: str, line: int, message: str) -> None:
    config_file(isolated, text)
    with pytest.raises(PackError) as caught:
        load_config()
    assert any(p.line == line and message in p.message for p in caught.value.problems), str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("child: no\n", "child: expected a string, got a boolean: quote it"),
        ("disable: core\n", "disable: expected a list, got a string"),
        ("disable: [Core Pack]\n", "disable[0]: 'Core Pack' must use only lowercase"),
        ("remind: sometimes\n", "remind: expected a boolean, got a string"),
        ("- child: Sam\n", "the top level is a list"),
        ("child: &a Sam\n", "anchors (&name) are not allowed"),
    ],
)
def test_bad_config_values(isolated: dict[str, Path], text: str, message: str) -> None:
    config_file(isolated, text)
    with pytest.raises(PackError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        load_config()


def test_broken_config_warns_once_and_uses_defaults(isolated: dict[str, Path], run) -> None:
    path = config_file(isolated, "disable: [core]\nchlid: Sam\n")
    code, out, err = run("packs", "list", "--json")
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == ["core", "older"], "a broken config is ignored whole"
    assert err.splitlines() == [
        f"helpcoach: warning: config ignored: {path}:2:1: chlid: unknown key 'chlid': did you mean 'child'?"
    ]


def test_not_utf8_config(isolated: dict[str, Path]) -> None:
    path = isolated["config"] / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"child: Zo\xeb\n")
    config, error = load_config_or_default()
    assert config == Config()
    assert error is not None and error.problems[0].line == 1 and "not UTF-8" in str(error)
