"""The emulator's own API under ``/_emulator/`` (not Twilio's): health, stats, reset, faults and accounts.

* ``GET /_emulator/health``: ``{"status": "ok"}``.
* ``GET /_emulator/stats``: request counts by method and route template.
* ``POST /_emulator/reset``: empties the store, zeroes the stats and the fault counters. It keeps the fault
  settings (and restarts a seeded fault sequence), so a harness can reset between cases in a faulty mode. It
  keeps the accounts too (a reset clears every account's objects, not who may log in).
* ``GET /_emulator/faults``: ``{"settings": {...}, "injected": {"429": n, "500": n, "lost": n}}``.
* ``POST /_emulator/faults``: a JSON object of fault settings (see ``faults``); ``{}`` turns faults off.
* ``GET /_emulator/accounts``: ``{"accounts": [{"account_sid": "AC…", "api_key": "SK…" | null}, …]}``, the
  primary account first. SIDs only: tokens and secrets are never returned.
* ``POST /_emulator/accounts``: ``{"account_sid", "auth_token", "api_key"?, "api_secret"?}`` adds an account
  (201) or replaces the credentials of one added earlier (200); the answer is ``{"account_sid", "api_key"}``.
  Bad fields are a 400/20001 naming the field (never quoting it); an account from the command line, or an API
  key SID another account has, is a 409. Added accounts are stored, so they survive a restart.

It needs no credentials, so it answers loopback clients only; it is never subject to injected faults.
"""

from __future__ import annotations

import ipaddress
import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pulumi_flex.emulator.accounts import (
    AccountConflict,
    Accounts,
    Credentials,
    InvalidAccount,
    extra_account,
)
from pulumi_flex.emulator.faults import Faults, FaultSettings
from pulumi_flex.emulator.stats import Stats
from pulumi_flex.emulator.store import Store
from pulumi_flex.emulator.wire import (
    CODE_INVALID_PARAMETER,
    TwilioError,
    invalid_parameter,
    json_response,
    missing_parameter,
)

CODE_CONFLICT = 20409  # no documented code exists; keeps the 20xxx + status convention
ACCOUNT_FIELDS = ("account_sid", "auth_token", "api_key", "api_secret")


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _loopback_only(request: Request) -> None:
    if not _is_loopback(request):
        raise TwilioError(403, 20403, "The emulator admin API is only available from loopback")


def _json_body(raw: bytes, what: str) -> object:
    try:
        return json.loads(raw) if raw.strip() else None
    except (ValueError, RecursionError) as exc:
        raise TwilioError(400, CODE_INVALID_PARAMETER, f"Invalid {what}: malformed JSON ({exc})") from None


def _account_view(credentials: Credentials) -> dict[str, str | None]:
    return {"account_sid": credentials.account_sid, "api_key": credentials.api_key}


def parse_account(body: object) -> Credentials:
    """The credentials in a ``POST /_emulator/accounts`` body, or a Twilio-format 400 naming the field."""
    if not isinstance(body, dict):
        raise TwilioError(400, CODE_INVALID_PARAMETER, "Invalid account: the body must be a JSON object")
    unknown = sorted(str(key)[:40] for key in body if key not in ACCOUNT_FIELDS)
    if unknown:
        raise invalid_parameter(unknown[0], f"unknown field; expected {', '.join(ACCOUNT_FIELDS)}")
    try:
        return extra_account(*(body.get(field) for field in ACCOUNT_FIELDS))
    except InvalidAccount as exc:
        if exc.reason.startswith("is required"):
            raise missing_parameter(exc.field) from None
        raise invalid_parameter(exc.field, exc.reason) from None


def admin_routes(
    store: Store, stats: Stats, faults: Faults | None = None, accounts: Accounts | None = None
) -> list[Route]:
    """The admin routes; the accounts routes only with ``accounts``."""
    faults = faults if faults is not None else Faults()

    async def health(request: Request) -> Response:
        return json_response({"status": "ok"})

    async def get_stats(request: Request) -> Response:
        try:
            _loopback_only(request)
        except TwilioError as error:
            return error.response()
        return json_response(stats.snapshot())

    async def reset(request: Request) -> Response:
        try:
            _loopback_only(request)
        except TwilioError as error:
            return error.response()
        store.clear()
        stats.reset()
        faults.reset()  # counters only: the settings survive a reset
        return json_response({"status": "ok"})

    async def get_faults(request: Request) -> Response:
        try:
            _loopback_only(request)
        except TwilioError as error:
            return error.response()
        return json_response(faults.snapshot())

    async def set_faults(request: Request) -> Response:
        try:
            _loopback_only(request)
            decoded = _json_body(await request.body(), "fault settings")
            faults.configure(FaultSettings.from_json(decoded))
        except TwilioError as error:
            return error.response()
        return json_response(faults.snapshot())

    routes = [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/stats", get_stats, methods=["GET"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/_emulator/faults", get_faults, methods=["GET"]),
        Route("/_emulator/faults", set_faults, methods=["POST"]),
    ]
    if accounts is None:
        return routes
    registry = accounts

    async def list_accounts(request: Request) -> Response:
        try:
            _loopback_only(request)
        except TwilioError as error:
            return error.response()
        return json_response({"accounts": [_account_view(c) for c in registry.all()]})

    async def add_account(request: Request) -> Response:
        try:
            _loopback_only(request)
            credentials = parse_account(_json_body(await request.body(), "account"))
            try:
                created = registry.add(credentials)
            except AccountConflict as exc:
                raise TwilioError(409, CODE_CONFLICT, str(exc)) from None
        except TwilioError as error:
            return error.response()
        return json_response(_account_view(credentials), status=201 if created else 200)

    routes += [
        Route("/_emulator/accounts", list_accounts, methods=["GET"]),
        Route("/_emulator/accounts", add_account, methods=["POST"]),
    ]
    return routes
