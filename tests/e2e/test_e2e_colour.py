"""NO_COLOR: no output holds an ANSI colour code, in a real terminal (capture-pane -e keeps the escapes)
and in subprocess runs of every non-interactive command with colour forced on."""

from __future__ import annotations

import pytest

from tests.cli_commands import INTERACTIVE, Command, leaves, names, sample_argv, seed_child
from tests.e2e.tmux import COLOUR

LEAVES = leaves()
SCREENS = [["packs", "list"], ["doctor"], ["support"], ["now", "--quick"], ["stats"], ["phrases"], ["history"], ["--help"]]


def runner(cli):
    def run(*args: str) -> tuple[int, str, str]:
        done = cli(*args)
        return done.returncode, done.stdout, done.stderr

    return run


def test_control_colour_shows_when_no_color_is_unset(terminal, cli) -> None:
    forced = cli("doctor", env={"FORCE_COLOR": "1"}, unset=("NO_COLOR",))
    assert COLOUR.search(forced.stdout + forced.stderr), "control: with colour forced on, doctor is in colour"
    term = terminal().start("doctor", unset=("NO_COLOR",))
    term.wait_exit()
    assert COLOUR.search(term.screen(escapes=True)), "control: capture-pane -e keeps colour codes"


@pytest.mark.parametrize("argv", SCREENS, ids=[" ".join(a) for a in SCREENS])
@pytest.mark.parametrize("width", [80, 40])
def test_no_colour_on_a_real_terminal(terminal, cli, argv: list[str], width: int) -> None:
    seed_child(runner(cli))
    term = terminal().start(*argv, width=width)
    assert term.wait_exit() == 0, term.output()
    screen = term.screen(escapes=True)
    assert not COLOUR.search(screen), f"colour code in `helpcoach {' '.join(argv)}` with NO_COLOR=1: {COLOUR.findall(screen)}"
    assert term.output().strip(), "something was shown"


@pytest.mark.parametrize(
    ("argv", "question"),
    [(["now"], "What is happening?"), (["checkin"], "How did the week feel?"), (["phrases", "practice"], "What would you say?")],
    ids=["now", "checkin", "practice"],
)
def test_no_colour_in_the_prompts(terminal, argv: list[str], question: str) -> None:
    term = terminal().start(*argv)
    term.wait_for(lambda screen: f"? {question}" in screen)
    screen = term.screen(escapes=True)
    term.send("C-c")
    assert term.wait_exit() == 130
    assert not COLOUR.search(screen), f"colour code in the `{' '.join(argv)}` prompt with NO_COLOR=1: {COLOUR.findall(screen)}"


@pytest.mark.parametrize(
    "command", [c for c in LEAVES if c.name not in INTERACTIVE], ids=names([c for c in LEAVES if c.name not in INTERACTIVE])
)
def test_no_colour_from_any_command_even_when_forced(cli, tmp_path, command: Command) -> None:
    run = runner(cli)
    seed_child(run)
    done = cli(*sample_argv(command, run, tmp_path), env={"FORCE_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert not COLOUR.search(done.stdout + done.stderr), f"colour code from `helpcoach {command.name}` with NO_COLOR=1"


def test_interactive_commands_without_a_terminal_say_so_in_one_line(cli) -> None:
    for argv in (["checkin"], ["phrases", "practice"]):
        done = cli(*argv, env={"FORCE_COLOR": "1"})
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1 and "terminal" in done.stderr
        assert not COLOUR.search(done.stderr)
