"""``pulumi-flex emulator``: command-line options and the uvicorn runner.

Only the standard library is imported at module level, so the CLI can register these options without
loading Starlette, uvicorn or pydantic. The ready line is printed once the listening socket is really
accepting, which is what tests and scripts wait for.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uvicorn

    from pulumi_flex.emulator.accounts import Credentials

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
READY_PREFIX = "pulumi-flex emulator ready on "


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the ``emulator`` options: address, data directory, accounts, log level and faults."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=8080, help="port to bind; 0 picks a free one (default: %(default)s)"
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="directory for the SQLite state; kept across restarts (default: a fresh temporary directory)",
    )
    parser.add_argument("--account-sid", default=None, help="account SID (env TWILIO_ACCOUNT_SID)")
    parser.add_argument("--auth-token", default=None, help="auth token (env TWILIO_AUTH_TOKEN)")
    parser.add_argument("--api-key", default=None, help="API key SID (env TWILIO_API_KEY)")
    parser.add_argument("--api-secret", default=None, help="API key secret (env TWILIO_API_SECRET)")
    parser.add_argument(
        "--extra-account",
        type=_extra_account,
        action="append",
        default=None,
        metavar="SID:TOKEN[:SK...:SECRET]",
        help="serve another account too, optionally with an API key (repeatable). Visible in the process "
        "list; POST /_emulator/accounts adds accounts without that",
    )
    parser.add_argument(
        "--empty-accounts",
        action="store_true",
        help="start every account empty, without the workspace, queue, workflow and Studio flows Flex "
        "provisions in a new account (also the default for accounts added at run time)",
    )
    parser.add_argument("--log-level", default="warning", choices=LOG_LEVELS, help="(default: %(default)s)")
    parser.add_argument(
        "--body-timeout",
        type=_positive_seconds,
        default=10.0,
        metavar="SECONDS",
        help="time a request body may take to arrive, else a 408 (default: %(default)s)",
    )
    faults = parser.add_argument_group(
        "fault injection", "start with faults on; POST /_emulator/faults changes them at run time"
    )
    faults.add_argument("--fault-429", type=_probability, default=0.0, metavar="P", help="429 probability")
    faults.add_argument("--fault-500", type=_probability, default=0.0, metavar="P", help="500 probability")
    faults.add_argument(
        "--fault-lost",
        type=_probability,
        default=0.0,
        metavar="P",
        help="probability that a processed request's response is replaced by a 500",
    )
    faults.add_argument(
        "--latency-ms", type=_non_negative, default=0, metavar="N", help="delay added to every API request"
    )
    faults.add_argument(
        "--response-delay-ms",
        type=_non_negative,
        default=0,
        metavar="N",
        help="hold every API response N ms after the request was processed and committed",
    )
    faults.add_argument("--fault-seed", type=_non_negative, default=None, metavar="S", help="RNG seed")
    faults.add_argument(
        "--retry-after", type=_non_negative, default=None, metavar="SECONDS", help="Retry-After on a 429"
    )


def _extra_account(raw: str) -> Credentials:
    from pulumi_flex.emulator.accounts import parse_extra_account
    from pulumi_flex.emulator.validation import InvalidInput

    try:
        return parse_extra_account(raw)
    except InvalidInput as exc:  # the message names the field, never the value (it holds a secret)
        raise argparse.ArgumentTypeError(f"invalid {exc.param}: {exc.reason or 'is required'}") from None


def _probability(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a probability, got {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a probability between 0 and 1, got {raw!r}")
    return value


def _positive_seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {raw!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"expected seconds between 0 and 3600, got {raw!r}")
    return value


def _non_negative(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {raw!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {raw!r}")
    return value


def fault_settings(args: argparse.Namespace) -> dict[str, object]:
    """The fault flags as a ``POST /_emulator/faults`` body."""
    return {
        "429": args.fault_429,
        "500": args.fault_500,
        "lost": args.fault_lost,
        "latency_ms": args.latency_ms,
        "response_delay_ms": args.response_delay_ms,
        "seed": args.fault_seed,
        "retry_after": args.retry_after,
    }


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind and listen before uvicorn starts, so ``--port 0`` yields a real port to announce."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def base_url(sock: socket.socket) -> str:
    """The URL clients use for the bound socket, e.g. ``http://127.0.0.1:8080`` (IPv6 bracketed)."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def ready_line(
    url: str, credentials: Credentials, data_dir: Path, temporary: bool, *, shown: tuple[str, ...] = ()
) -> str:
    """The line printed once the emulator accepts requests, naming its URL, account and data dir, and the
    public test credentials in ``shown`` (``"auth_token"``, ``"api_key"``): never one the user supplied."""
    parts = [f"account {credentials.account_sid}"]
    if "auth_token" in shown:
        parts.append(f"auth token {credentials.auth_token}")
    if "api_key" in shown:
        parts.append(f"API key {credentials.api_key} secret {credentials.api_secret}")
    parts.append(f"temporary data dir {data_dir}" if temporary else f"data dir {data_dir}")
    return f"{READY_PREFIX}{url} ({', '.join(parts)})"


def default_credentials_in_use(args: argparse.Namespace, credentials: Credentials) -> tuple[str, ...]:
    """Which of the documented test credentials serve the primary account, none of them given by a flag or
    the environment: ``"auth_token"`` and/or ``"api_key"`` (the key and its secret)."""
    from pulumi_flex.emulator.accounts import (
        DEFAULT_API_KEY,
        DEFAULT_API_SECRET,
        DEFAULT_AUTH_TOKEN,
        ENV_API_KEY,
        ENV_API_SECRET,
        ENV_AUTH_TOKEN,
    )

    def given(flag: str | None, env: str) -> bool:
        return bool(flag or os.environ.get(env))

    shown: list[str] = []
    if not given(args.auth_token, ENV_AUTH_TOKEN) and credentials.auth_token == DEFAULT_AUTH_TOKEN:
        shown.append("auth_token")
    key_given = given(args.api_key, ENV_API_KEY) or given(args.api_secret, ENV_API_SECRET)
    defaults = (credentials.api_key, credentials.api_secret) == (DEFAULT_API_KEY, DEFAULT_API_SECRET)
    if not key_given and defaults:
        shown.append("api_key")
    return tuple(shown)


def run(args: argparse.Namespace) -> int:
    """Serve until SIGTERM or SIGINT; return the process exit code."""
    import uvicorn

    from pulumi_flex.emulator.accounts import AccountConflict, Accounts, resolve_credentials
    from pulumi_flex.emulator.app import create_app
    from pulumi_flex.emulator.dispatch import BodyLimits
    from pulumi_flex.emulator.faults import Faults, FaultSettings
    from pulumi_flex.emulator.stats import Stats
    from pulumi_flex.emulator.store import Store
    from pulumi_flex.emulator.wire import TwilioError

    logging.basicConfig(
        level=args.log_level.upper() if args.log_level != "trace" else "DEBUG",
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    credentials = resolve_credentials(
        account_sid=args.account_sid,
        auth_token=args.auth_token,
        api_key=args.api_key,
        api_secret=args.api_secret,
    )
    try:
        faults = Faults(FaultSettings.from_json(fault_settings(args)))
    except TwilioError as exc:  # e.g. probabilities adding up to more than 1
        print(f"pulumi-flex emulator: {exc.message}", file=sys.stderr)
        return 2
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        print(f"pulumi-flex emulator: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    temporary = args.data_dir is None
    data_dir = (
        Path(tempfile.mkdtemp(prefix="pulumi-flex-emulator-"))
        if temporary
        else Path(args.data_dir).expanduser().resolve()
    )
    store = Store(data_dir)
    try:
        try:
            accounts = Accounts(credentials, args.extra_account or (), store=store, empty=args.empty_accounts)
        except AccountConflict as exc:  # e.g. an --extra-account repeating the primary account
            print(f"pulumi-flex emulator: --extra-account: {exc}", file=sys.stderr)
            return 2
        logging.getLogger("pulumi_flex.emulator").info(
            "serving accounts %s", ", ".join(c.account_sid for c in accounts.all())
        )
        config = uvicorn.Config(
            create_app(accounts, store, Stats(), faults, BodyLimits(timeout=args.body_timeout)),
            http=_twilio_h11_protocol(),
            log_level=args.log_level,
            lifespan="off",
            server_header=False,
            timeout_graceful_shutdown=5,
            # Let oversized headers (up to 1 MiB) reach the app, so they get a Twilio-format answer.
            h11_max_incomplete_event_size=1024 * 1024,
        )
        shown = default_credentials_in_use(args, credentials)
        line = ready_line(base_url(sock), credentials, data_dir, temporary, shown=shown)
        server = _ready_server(config, on_ready=lambda: print(line, flush=True))
        _stop_on_signals(server)
        server.run(sockets=[sock])
        return 0 if server.started else 1
    finally:
        store.close()
        sock.close()
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)


def _stop_on_signals(server: uvicorn.Server) -> None:
    """Make SIGTERM/SIGINT a clean stop (exit 0).

    uvicorn installs its own handlers while serving, then restores the previous ones and re-raises the signal
    it caught. With these handlers in place that re-raise is harmless, and a signal that arrives before
    uvicorn takes over still stops the server instead of killing the process mid-write.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        server.should_exit = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def _ready_server(config: uvicorn.Config, on_ready: Callable[[], None]) -> uvicorn.Server:
    import uvicorn

    class ReadyServer(uvicorn.Server):
        """Calls ``on_ready`` right after the listening socket starts accepting."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and not self.should_exit:
                on_ready()

    return ReadyServer(config)


def _twilio_h11_protocol() -> type[asyncio.Protocol]:
    """uvicorn's HTTP/1.1 protocol, answering a request it cannot parse (a bad ``Content-Length``, a bad
    chunk, a request line that is not HTTP, oversized headers) in Twilio's error format, not plain text."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    from pulumi_flex.emulator.wire import malformed_request

    class TwilioH11Protocol(H11Protocol):
        def send_400_response(self, msg: str) -> None:
            """Answer 400 / 20400 as JSON (uvicorn answers plain text) and close the connection."""
            error = malformed_request()
            body = json.dumps(error.body(), separators=(",", ":")).encode("utf-8")
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"connection", b"close"),
            ]
            response = h11.Response(status_code=400, headers=headers, reason=b"Bad Request")
            try:
                for event in (response, h11.Data(data=body), h11.EndOfMessage()):
                    output = self.conn.send(event)
                    if output:
                        self.transport.write(output)
            except h11.LocalProtocolError:
                pass  # a response had already begun: closing the connection is all that is left
            self.transport.close()

    return TwilioH11Protocol
