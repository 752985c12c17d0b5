"""The emulator's own API under ``/_emulator/`` (not Twilio's): health, request stats and reset.

It needs no credentials, so it answers loopback clients only. New controls (``POST /_emulator/faults`` for
injected errors and latency) belong here as more routes over the same shared state.
"""

from __future__ import annotations

import ipaddress

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pulumi_flex.emulator.stats import Stats
from pulumi_flex.emulator.store import Store
from pulumi_flex.emulator.wire import TwilioError, json_response


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _loopback_only(request: Request) -> None:
    if not _is_loopback(request):
        raise TwilioError(403, 20403, "The emulator admin API is only available from loopback")


def admin_routes(store: Store, stats: Stats) -> list[Route]:
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
        return json_response({"status": "ok"})

    return [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/stats", get_stats, methods=["GET"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
    ]
