"""The app is built for the command at hand: the root --help lists everything, options stay cheap to parse."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpcoach.cli.app import COMMANDS


def test_root_help_lists_every_command(run):
    code, out, _ = run("--help")
    assert code == 0
    listed = {line.split()[1] for line in out.splitlines() if line.startswith("│ ") and len(line.split()) > 1}
    assert set(COMMANDS) <= listed


@pytest.mark.parametrize("args", [["history", "--limit", "5"], ["stats", "--weeks", "3"], ["now", "--quick", "--json"]])
def test_plain_options_do_not_import_pydantic(args, isolated):
    code = (
        "import sys, io, contextlib; from helpcoach.entry import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): rc = main({args!r})\n"
        "print(rc, 'pydantic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert done.stdout.split() == ["0", "False"], done.stderr


@pytest.mark.parametrize("value", ["abc", "+-5", "1.5", ""])
def test_a_bad_number_is_a_usage_error(run, value):
    code, out, err = run("history", "--limit", value)
    assert code == 2
    assert out == ""
    assert "--limit" in err and len(err.strip().splitlines()) == 1


def test_a_number_and_an_unset_option_parse(run):
    code, out, err = run("history", "--limit", " 3 ", "--json")
    assert code == 0, err
    assert out.strip() == "[]"
