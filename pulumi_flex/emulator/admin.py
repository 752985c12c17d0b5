"""The emulator's own API under ``/_emulator/`` (not Twilio's): health, request stats, reset and faults.

* ``GET /_emulator/health``: ``{"status": "ok"}``.
* ``GET /_emulator/stats``: request counts by method and route template.
* ``POST /_emulator/reset``: empties the store, zeroes the stats and the fault counters. It keeps the fault
  settings (and restarts a seeded fault sequence), so a harness can reset between cases in a faulty mode.
* ``GET /_emulator/faults``: ``{"settings": {...}, "injected": {"429": n, "500": n, "lost": n}}``.
* ``POST /_emulator/faults``: a JSON object of fault settings (see ``faults``); ``{}`` turns faults off.

It needs no credentials, so it answers loopback clients only; it is never subject to injected faults.
"""

from __future__ import annotations

import ipaddress
import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pulumi_flex.emulator.faults import Faults, FaultSettings
from pulumi_flex.emulator.stats import Stats
from pulumi_flex.emulator.store import Store
from pulumi_flex.emulator.wire import CODE_INVALID_PARAMETER, TwilioError, json_response


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _loopback_only(request: Request) -> None:
    if not _is_loopback(request):
        raise TwilioError(403, 20403, "The emulator admin API is only available from loopback")


def admin_routes(store: Store, stats: Stats, faults: Faults | None = None) -> list[Route]:
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
            body = await request.body()
            try:
                decoded = json.loads(body) if body.strip() else None
            except (ValueError, RecursionError) as exc:
                raise TwilioError(
                    400, CODE_INVALID_PARAMETER, f"Invalid fault settings: malformed JSON ({exc})"
                ) from None
            faults.configure(FaultSettings.from_json(decoded))
        except TwilioError as error:
            return error.response()
        return json_response(faults.snapshot())

    return [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/stats", get_stats, methods=["GET"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/_emulator/faults", get_faults, methods=["GET"]),
        Route("/_emulator/faults", set_faults, methods=["POST"]),
    ]
