"""The ``pulumi-flex`` command.

Subcommands register their options here and import their implementation only when run, so
``import pulumi_flex.cli`` stays cheap and the emulator's extra dependencies stay optional.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pulumi_flex import __version__
from pulumi_flex.discover import command as discover_command
from pulumi_flex.emulator import server as emulator_server
from pulumi_flex.recover import command as recover_command

EXIT_MISSING_EXTRA = 2


def _run_emulator(args: argparse.Namespace) -> int:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        print(
            "pulumi-flex emulator needs Starlette and uvicorn: install pulumi-flex[emulator]",
            file=sys.stderr,
        )
        return EXIT_MISSING_EXTRA
    return emulator_server.run(args)


def build_parser() -> argparse.ArgumentParser:
    """The ``pulumi-flex`` argument parser: its commands, each with its handler."""
    parser = argparse.ArgumentParser(prog="pulumi-flex", description="Manage Twilio Flex with Pulumi.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    emulator = commands.add_parser(
        "emulator",
        help="run a local, wire-faithful Flex API",
        description="Run a local, wire-faithful Twilio Flex API on loopback, with state kept in SQLite.",
    )
    emulator_server.add_arguments(emulator)
    emulator.set_defaults(handler=_run_emulator)

    discover = commands.add_parser(
        "discover",
        help="write a Pulumi program that adopts every object of an existing account",
        description="List every Flex object of an account and write a Pulumi Python program that declares "
        "each one with its current values and adopt_sid. Credentials come from TWILIO_* and FLEX_BASE_URL, "
        "or the flags.",
    )
    discover_command.add_arguments(discover)
    discover.set_defaults(handler=discover_command.run)

    recover = commands.add_parser(
        "recover",
        help="after an interrupted `pulumi up`, adopt or delete what its creates made",
        description="Run in the Pulumi project directory after a killed or failed `pulumi up`. Finds the "
        "objects that creates may have made while the stack does not hold them (pending operations, "
        "ambiguous failures), shows what it will do, then adopts each into the stack's state or deletes "
        "it, so the next `pulumi up` converges with nothing created twice.",
    )
    recover_command.add_arguments(recover)
    recover.set_defaults(handler=recover_command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``pulumi-flex`` command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
