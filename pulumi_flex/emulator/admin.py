"""The emulator's own API under ``/_emulator/`` (not Twilio's): health, stats, reset, faults and accounts.

* ``GET /_emulator/health``: ``{"status": "ok"}``.
* ``GET /_emulator/stats``: request counts by method and route template.
* ``GET /_emulator/stats/concurrency``: ``{"max_concurrent": n}``, the most API requests in flight at
  once since the last reset (how much concurrency the clients used).
* ``POST /_emulator/stats/reset``: zeroes the request counts only (objects, accounts and fault counters stay)
  and answers the zeroed stats, so a harness can measure one operation without deleting its objects.
* ``POST /_emulator/reset``: empties the store, zeroes the stats and the fault counters, and provisions Flex's
  default objects again in every account that is not empty (see ``provisioning``). It keeps the fault
  settings (and restarts a seeded fault sequence), so a harness can reset between cases in a faulty mode. It
  keeps the accounts too (a reset clears every account's objects, not who may log in).
* ``GET /_emulator/faults``: ``{"settings": {...}, "injected": {"429": n, "500": n, "lost": n}}``.
* ``POST /_emulator/faults``: a JSON object of fault settings (see ``faults``); ``{}`` turns faults off.
* ``GET /_emulator/accounts``: ``{"accounts": [{"account_sid": "AC…", "api_key": "SK…" | null}, …]}``, the
  primary account first. SIDs only: tokens and secrets are never returned.
* ``POST /_emulator/accounts``: ``{"account_sid", "auth_token", "api_key"?, "api_secret"?, "empty"?}`` adds
  an account (201) or replaces the credentials of one added earlier (200); the answer is
  ``{"account_sid", "api_key", "empty"}``. A new account starts provisioned like a fresh Flex account unless
  ``empty`` is true (default: ``--empty-accounts``); an account that is not empty and was not provisioned
  since the last reset is provisioned now.
  Bad fields are a 400/20001 naming the field (never quoting it); an account from the command line, or an API
  key SID another account has, is a 409. Added accounts are stored, so they survive a restart.

It needs no credentials, so :class:`LoopbackOnly` (one middleware for every admin route) lets loopback clients
in and answers others 403; health is open to anyone. It is never subject to injected faults. Handlers raise
:class:`~pulumi_flex.emulator.wire.TwilioError`, which the app answers in Twilio's format.
"""

from __future__ import annotations

import ipaddress

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from pulumi_flex.emulator.accounts import AccountConflict, Accounts, Credentials, extra_account
from pulumi_flex.emulator.dispatch import ADMIN_PREFIX, BodyLimits, read_body
from pulumi_flex.emulator.faults import Faults, FaultSettings
from pulumi_flex.emulator.provisioning import provision, provision_accounts
from pulumi_flex.emulator.stats import Stats
from pulumi_flex.emulator.store import Store
from pulumi_flex.emulator.wire import CODE_CONFLICT, TwilioError, decode_json_body, json_response

OPEN_PATHS = frozenset({"/_emulator/health"})


def _is_loopback(client: tuple[str, int] | None) -> bool:
    host = client[0] if client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


class LoopbackOnly:
    """ASGI middleware: a request for an admin path (but health) from a non-loopback client is a 403."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 403 for a guarded admin path asked from elsewhere; pass everything else on."""
        path = scope.get("path", "")
        if (
            scope["type"] == "http"
            and path.startswith(ADMIN_PREFIX)
            and path not in OPEN_PATHS
            and not _is_loopback(scope.get("client"))
        ):
            error = TwilioError(403, 20403, "The emulator admin API is only available from loopback")
            await error.response()(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _account_view(credentials: Credentials) -> dict[str, str | bool | None]:
    return {
        "account_sid": credentials.account_sid,
        "api_key": credentials.api_key,
        "empty": credentials.empty,
    }


def admin_routes(
    store: Store,
    stats: Stats,
    faults: Faults | None = None,
    accounts: Accounts | None = None,
    limits: BodyLimits | None = None,
) -> list[Route]:
    """The admin routes; the accounts routes only with ``accounts``. Bodies obey ``limits`` as API ones do."""
    faults = faults if faults is not None else Faults()
    body_limits = limits if limits is not None else BodyLimits()

    async def health(request: Request) -> Response:
        return json_response({"status": "ok"})

    async def get_stats(request: Request) -> Response:
        return json_response(stats.snapshot())

    async def get_concurrency(request: Request) -> Response:
        return json_response(stats.peak())

    async def reset_stats(request: Request) -> Response:
        stats.reset()  # request counts only: objects, accounts and fault counters stay
        return json_response(stats.snapshot())

    async def reset(request: Request) -> Response:
        store.clear()
        if accounts is not None:
            provision_accounts(store, accounts.all())
        stats.reset()
        faults.reset()  # counters only: the settings survive a reset
        return json_response({"status": "ok"})

    async def get_faults(request: Request) -> Response:
        return json_response(faults.snapshot())

    async def set_faults(request: Request) -> Response:
        faults.configure(FaultSettings.from_json(decode_json_body(await read_body(request, body_limits))))
        return json_response(faults.snapshot())

    routes = [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/stats", get_stats, methods=["GET"]),
        Route("/_emulator/stats/reset", reset_stats, methods=["POST"]),
        Route("/_emulator/stats/concurrency", get_concurrency, methods=["GET"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/_emulator/faults", get_faults, methods=["GET"]),
        Route("/_emulator/faults", set_faults, methods=["POST"]),
    ]
    if accounts is None:
        return routes
    registry = accounts

    async def list_accounts(request: Request) -> Response:
        return json_response({"accounts": [_account_view(c) for c in registry.all()]})

    async def add_account(request: Request) -> Response:
        body = decode_json_body(await read_body(request, body_limits))
        credentials = extra_account(body, empty=registry.empty)
        try:
            created = registry.add(credentials)
        except AccountConflict as exc:
            raise TwilioError(409, CODE_CONFLICT, str(exc)) from None
        if not credentials.empty:
            provision(store, credentials.account_sid)
        return json_response(_account_view(credentials), status=201 if created else 200)

    routes += [
        Route("/_emulator/accounts", list_accounts, methods=["GET"]),
        Route("/_emulator/accounts", add_account, methods=["POST"]),
    ]
    return routes
