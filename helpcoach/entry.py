"""The one exit point: runs the app and turns every error into one line and an exit code."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run helpcoach; return 0 ok, 1 error, 2 usage, 130 interrupted (Ctrl-C, SIGTERM or SIGHUP)."""
    from helpcoach import process

    process.guard_streams()
    args = sys.argv[1:] if argv is None else argv
    args, refused = _clean_args(args)
    if refused:
        _say(f"helpcoach: {refused}")
        return 2
    if args in (["--version"], ["-V"]):
        from helpcoach import __version__

        print(f"helpcoach {__version__}")
        return 0
    debug = os.environ.get("HELPCOACH_DEBUG") == "1"
    from typer import Abort
    from typer._click import exceptions as click_errors

    from helpcoach.errors import HelpcoachError

    try:
        with process.signals_unwind():
            from helpcoach.cli.app import build_app

            result = build_app(args)(args=args, prog_name="helpcoach", standalone_mode=False)
            code = result if isinstance(result, int) else 0
            if code == 0:
                from helpcoach.cli.reminder import after_command

                after_command(args)
        return code
    except HelpcoachError as exc:
        if debug:
            raise
        _say(f"helpcoach: {'error: ' if exc.exit_code == 1 else ''}{exc}")
        return exc.exit_code
    except click_errors.NoArgsIsHelpError:
        return 0  # the help was shown, which is what a bare `helpcoach` asks for
    except click_errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "helpcoach"
        _say(f"{command}: {exc.format_message()} (see '{command} --help')")
        return 2
    except click_errors.ClickException as exc:
        _say(f"helpcoach: error: {exc.format_message()}")
        return exc.exit_code
    except (KeyboardInterrupt, Abort, process.Terminated) as exc:
        process.restore_terminal()
        stopped = f"stopped by {exc}" if isinstance(exc, process.Terminated) else "interrupted"
        _say(f"helpcoach: {stopped}: nothing was saved.")
        return 130
    except BrokenPipeError:
        # The reader went away (`helpcoach ... | head`): quiet exit, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        if debug:
            raise
        if isinstance(sys.stdout, process.ClosedStream):
            _say("helpcoach: error: standard output is closed, so there is nowhere to print: redirect it to a file")
            return 1
        _say(f"helpcoach: unexpected error: OSError: {exc} (run again with HELPCOACH_DEBUG=1 for details)")
        return 1
    except Exception as exc:
        if debug:
            raise
        sqlite3 = sys.modules.get("sqlite3")  # loaded only if a command opened the log
        if sqlite3 is not None and isinstance(exc, sqlite3.DatabaseError):
            from helpcoach.store.db import damaged

            _say(f"helpcoach: error: {damaged(exc)}")
            return 1
        _say(f"helpcoach: unexpected error: {type(exc).__name__}: {exc} (run again with HELPCOACH_DEBUG=1 for details)")
        return 1


def _say(line: str) -> None:
    """One line on stderr, with no forbidden character (these lines bypass Rich); nothing when stderr is closed."""
    from helpcoach.safe_text import strip

    if sys.stderr is None:
        return
    try:
        sys.stderr.write(strip(" ".join(line.split())) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _clean_args(args: list[str]) -> tuple[list[str], str | None]:
    """The arguments, with UTF-8 the locale could not decode repaired; or the refusal of the first bad one.

    An option value or argument with a control character, a bidi control or an
    invisible format character is refused (exit 2), naming the option and the
    position, never echoing the value.
    """
    from helpcoach.safe_text import refusal

    cleaned: list[str] = []
    for number, arg in enumerate(args):
        if any("\udc80" <= char <= "\udcff" for char in arg):  # bytes the locale could not decode (LC_ALL=C)
            try:
                arg = arg.encode(sys.getfilesystemencoding(), "surrogateescape").decode("utf-8")
            except UnicodeError:
                pass  # not UTF-8 either: refused just below
        problem = refusal(arg)
        if problem:
            name, equals, value = arg.partition("=")
            if arg.startswith("--") and equals:
                return cleaned, f"the value of {name} {refusal(value) or problem}"
            before = args[number - 1] if number else ""
            if before.startswith("-") and _takes_value(args[: number - 1], before):
                return cleaned, f"the value of {before} {problem}"
            return cleaned, f"argument {number + 1} {problem}"
        cleaned.append(arg)
    return cleaned, None


def _takes_value(words: list[str], option: str) -> bool:
    """Whether `option` of the command named by `words` takes a value (only asked on the way to a refusal)."""
    try:
        import typer

        from helpcoach.cli.app import build_app

        command = typer.main.get_command(build_app(words))
        for word in words:
            sub = getattr(command, "commands", {}).get(word)
            command = sub if sub is not None else command
        found = next((p for p in command.params if option in getattr(p, "opts", ())), None)
        return found is not None and not getattr(found, "is_flag", False)
    except (ImportError, AttributeError, LookupError, TypeError, ValueError, RuntimeError):  # a courtesy: else "argument N"
        return False


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
