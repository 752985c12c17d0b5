"""The ``discover`` subcommand: options, progress, and errors that say what to fix."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Protocol

EXIT_USAGE = 2
EXIT_API = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the ``discover`` options; each credential flag defaults to its environment variable."""
    parser.add_argument("--out", required=True, type=Path, help="directory for the generated Pulumi project")
    parser.add_argument("--project-name", default="flex-discovered", help="the Pulumi project name")
    parser.add_argument("--account-sid", help="default: TWILIO_ACCOUNT_SID")
    parser.add_argument(
        "--auth-token", help="default: TWILIO_AUTH_TOKEN (prefer the env var: argv is visible)"
    )
    parser.add_argument("--api-key", help="default: TWILIO_API_KEY")
    parser.add_argument("--api-secret", help="default: TWILIO_API_SECRET")
    parser.add_argument("--region", help="default: TWILIO_REGION")
    parser.add_argument("--edge", help="default: TWILIO_EDGE")
    parser.add_argument("--base-url", help="default: FLEX_BASE_URL, else Twilio's API")
    parser.add_argument("--deadline", type=float, default=30.0, help="seconds per request, retries included")
    parser.add_argument("--force", action="store_true", help="overwrite files in --out")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Read the account and write the project to ``--out``; returns 0, 1 (API error) or 2 (usage)."""
    from ..client import FlexClient, FlexCredentials
    from ..client.errors import FlexApiError, FlexConfigurationError, FlexError
    from ..client.retry import RetryPolicy
    from .codegen import project_files, render_program
    from .inventory import read_inventory

    flags = {
        "flex:accountSid": args.account_sid,
        "flex:authToken": args.auth_token,
        "flex:apiKey": args.api_key,
        "flex:apiSecret": args.api_secret,
        "flex:region": args.region,
        "flex:edge": args.edge,
        "flex:baseUrl": args.base_url,
    }
    out: Path = args.out
    if out.exists() and any(out.iterdir()) and not args.force:
        print(
            f"pulumi-flex discover: {out} is not empty; choose another --out or pass --force", file=sys.stderr
        )
        return EXIT_USAGE
    try:
        credentials = FlexCredentials.resolve(flags)
        api_root = credentials.api_root  # validates --base-url / FLEX_BASE_URL
    except FlexConfigurationError as exc:
        print(
            f"pulumi-flex discover: {exc}.\nFor discover: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or "
            "TWILIO_API_KEY with TWILIO_API_SECRET), or pass --account-sid with --auth-token (or --api-key "
            "with --api-secret); FLEX_BASE_URL or --base-url points at another API, such as the emulator.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    started = time.monotonic()
    bar = _progress_bar(disabled=args.no_progress)
    try:
        policy = RetryPolicy(deadline=args.deadline, hint="pass --deadline to change it")
        with FlexClient(credentials, retry=policy) as client:

            def progress(what: str, count: int) -> None:
                bar.set_description_str(f"reading {what}")
                bar.update(count)

            inventory = read_inventory(client, progress)
    except FlexApiError as exc:
        bar.close()
        hint = " (check the credentials)" if exc.status in (401, 403) else ""
        print(f"pulumi-flex discover: the Flex API refused a request{hint}: {exc}", file=sys.stderr)
        return EXIT_API
    except FlexError as exc:
        bar.close()
        print(f"pulumi-flex discover: cannot read the account at {api_root}: {exc}", file=sys.stderr)
        return EXIT_API
    bar.close()
    out.mkdir(parents=True, exist_ok=True)
    program = render_program(inventory, credentials.account_sid)
    for name, text in project_files(program, args.project_name).items():
        (out / name).write_text(text)
    elapsed = time.monotonic() - started
    print(f"discovered {inventory.size} objects in {elapsed:.1f}s; wrote {out / '__main__.py'}")
    print(f"next: cd {out}; pulumi stack init; pulumi config set flex:accountSid {credentials.account_sid}")
    print("      (and flex:authToken as a secret, or TWILIO_AUTH_TOKEN); then pulumi up")
    return 0


class ProgressBar(Protocol):
    """The part of ``tqdm`` the command uses, so the bar is typed without importing tqdm early."""

    def set_description_str(self, desc: str | None = None, refresh: bool = True) -> None:
        """Show what is being read."""

    def update(self, n: float | None = 1) -> bool | None:
        """Count ``n`` more objects read."""

    def close(self) -> None:
        """Finish the bar."""


def _progress_bar(*, disabled: bool) -> ProgressBar:
    from tqdm import tqdm

    # disable=None: no bar when stderr is not a terminal (CI logs), unless asked for none at all.
    bar: ProgressBar = tqdm(
        unit=" objects", file=sys.stderr, dynamic_ncols=True, disable=True if disabled else None
    )
    return bar
