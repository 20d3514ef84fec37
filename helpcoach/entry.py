"""The one exit point: runs the app and turns every error into one line and an exit code."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run helpcoach; return 0 ok, 1 error, 2 usage, 130 interrupted."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from helpcoach import __version__

        print(f"helpcoach {__version__}")
        return 0
    debug = os.environ.get("HELPCOACH_DEBUG") == "1"
    from typer import Abort
    from typer._click import exceptions as click_errors

    from helpcoach.errors import HelpcoachError

    try:
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
    except (KeyboardInterrupt, Abort):
        _say("helpcoach: interrupted: nothing was saved.")
        return 130
    except BrokenPipeError:
        # The reader went away (`helpcoach ... | head`): quiet exit, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
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
    sys.stderr.write(line.replace("\n", " ").strip() + "\n")


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
