"""The request pipeline every Twilio API endpoint shares.

count → authenticate → draw an injected fault (see ``faults``) → read the body (at most ``max_body_bytes``,
within ``body_timeout`` seconds: a 413 or 408 otherwise) → add latency → answer an injected 429/500, or pick
the method's handler (405 otherwise), parse query and body, run the handler and map :class:`TwilioError` to
Twilio's error body → hold the response (``response_delay_ms``) → add Twilio's response headers.

The body is read before any injected latency, so a request that arrived whole is processed even if its client
gives up while it waits. Bad input never becomes a 500; only a genuine bug (or an injected fault) does, and a
bug is logged with its traceback. A client that disconnects before its body arrived is logged as such
(``ClientDisconnect`` is answered by the app), not as a bug.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass, replace

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pulumi_flex.emulator.accounts import Accounts, Credentials
from pulumi_flex.emulator.auth import authenticate
from pulumi_flex.emulator.endpoints import Call, Endpoint
from pulumi_flex.emulator.faults import Faults, injected_server_error, too_many_requests
from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.stats import UNMATCHED, Stats
from pulumi_flex.emulator.wire import (
    Form,
    TwilioError,
    decode_json_body,
    internal_error,
    media_type,
    method_not_allowed,
    not_found,
    parse_body,
    payload_too_large,
    request_timeout,
    unsupported_media_type,
)

log = logging.getLogger("pulumi_flex.emulator")

# Routes accept every method so that a wrong one gets Twilio's 405 body, counted like any other request.
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
BODY_METHODS = ("POST", "PUT", "PATCH")
ADMIN_PREFIX = "/_emulator/"
MAX_BODY_BYTES = 1024 * 1024  # 1 MiB: far above any Flex body
DISCARD_BYTES = 8 * 1024 * 1024  # how much of an oversized body is still read, and thrown away
BODY_TIMEOUT = 10.0  # seconds for the whole body to arrive


@dataclass(frozen=True)
class BodyLimits:
    """How much body a request may carry (``max_bytes``), how much more of an oversized one is read and
    thrown away before the 413 (``discard_bytes``), and how long a body may take to arrive (``timeout``)."""

    max_bytes: int = MAX_BODY_BYTES
    discard_bytes: int = DISCARD_BYTES
    timeout: float = BODY_TIMEOUT


async def read_body(request: Request, limits: BodyLimits) -> bytes:
    """The request body; a 413 if it exceeds ``limits.max_bytes``, a 408 if it has not arrived within
    ``limits.timeout`` seconds. Starlette's ``ClientDisconnect`` propagates.

    Bytes are counted as they arrive, so a missing or lying ``Content-Length`` changes nothing. Clients send
    their whole body before they read the answer, and closing a socket with unread data resets the
    connection, losing the answer. So an oversized body is read on (and thrown away) up to
    ``limits.discard_bytes`` more before the 413. The 413 comes at once, unread, when the client waits for
    it (``Expect: 100-continue``) or announces more than that (a flood: then the connection is cut).
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        waits = request.headers.get("expect", "").lower() == "100-continue"
        if waits or int(declared) > limits.max_bytes + limits.discard_bytes:
            raise payload_too_large(limits.max_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(limits.timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limits.max_bytes + limits.discard_bytes:
                    break
                if size <= limits.max_bytes:
                    chunks.append(chunk)
    except TimeoutError:
        raise request_timeout(limits.timeout) from None
    if size > limits.max_bytes:
        raise payload_too_large(limits.max_bytes)
    return b"".join(chunks)


class Dispatcher:
    """Runs every Twilio API request through the pipeline this module describes, for one set of accounts."""

    def __init__(
        self,
        accounts: Accounts | Credentials,
        stats: Stats,
        faults: Faults | None = None,
        limits: BodyLimits | None = None,
    ) -> None:
        self.accounts = accounts if isinstance(accounts, Accounts) else Accounts(accounts)
        self.stats = stats
        self.faults = faults if faults is not None else Faults()
        self.limits = limits if limits is not None else BodyLimits()
        self._in_flight = 0  # touched only on the event loop thread

    def route(self, endpoint: Endpoint) -> Route:
        """A Starlette route for ``endpoint`` that takes every method, so a wrong one gets Twilio's 405."""

        async def serve(request: Request) -> Response:
            return await self._serve(request, endpoint)

        return Route(endpoint.template, serve, methods=ALL_METHODS, name=endpoint.template)

    async def unmatched(self, request: Request, exc: Exception) -> Response:
        """Starlette's 404 (no route) and 405 handler: Twilio's 404 body for any unknown path."""
        if request.url.path.startswith(ADMIN_PREFIX):
            if isinstance(exc, HTTPException) and exc.status_code == 405:
                allowed = (exc.headers or {}).get("Allow", "").split(", ")
                return method_not_allowed(request.method, allowed).response()
            return not_found(request.url.path).response()
        self.stats.record(request.method, UNMATCHED)
        started = time.perf_counter()
        return self._decorate(not_found(request.url.path).response(), started, concurrent=self._in_flight + 1)

    async def _serve(self, request: Request, endpoint: Endpoint) -> Response:
        started = time.perf_counter()
        self.stats.record(request.method, endpoint.template)
        self._in_flight += 1
        concurrent = self._in_flight
        self.stats.concurrent(concurrent)
        try:
            response = await self._respond(request, endpoint)
        finally:
            self._in_flight -= 1
        return self._decorate(response, started, concurrent)

    async def _respond(self, request: Request, endpoint: Endpoint) -> Response:
        try:
            account_sid = authenticate(request.headers.get("authorization"), self.accounts)
        except TwilioError as error:
            return error.response()
        # Drawn right after authentication, before any await, so faults follow request-arrival order.
        fault, settings = self.faults.draw()
        try:
            body = await read_body(request, self.limits) if request.method in BODY_METHODS else b""
        except TwilioError as error:  # 413 or 408: nothing was processed, no fault applies
            return error.response()
        if settings.latency_ms:
            await asyncio.sleep(settings.latency_ms / 1000)
        if fault is not None:
            self.faults.record(fault)
        if fault == "429":
            response = too_many_requests(settings.retry_after).response()
        elif fault == "500":
            response = injected_server_error().response()
        else:
            response = await self._handle(request, endpoint, account_sid, body)
            if fault == "lost":  # processed and committed, but the client never learns the outcome
                response = injected_server_error().response()
        if settings.response_delay_ms:
            await asyncio.sleep(settings.response_delay_ms / 1000)
        return response

    async def _handle(self, request: Request, endpoint: Endpoint, account_sid: str, body: bytes) -> Response:
        try:
            handler = endpoint.handlers.get(request.method)
            if handler is None:
                raise method_not_allowed(request.method, endpoint.handlers)
            call = self._call(request, endpoint, account_sid, body)
            return await run_in_threadpool(handler, call)
        except TwilioError as error:
            return error.response()
        except Exception:
            log.exception("bug while serving %s %s", request.method, request.url.path)
            return internal_error().response()

    def _call(self, request: Request, endpoint: Endpoint, account_sid: str, body: bytes) -> Call:
        base_url = f"{request.url.scheme}://{request.url.netloc}"
        call = Call(
            method=request.method,
            path=request.url.path,
            path_params=dict(request.path_params),
            ctx=Context(account_sid=account_sid, base_url=base_url),
            query=Form.parse(request.url.query),
        )
        if request.method not in BODY_METHODS:
            return call
        content_type = request.headers.get("content-type")
        if endpoint.encoding == "json":
            return replace(call, json=_parse_json(body, content_type))
        return replace(call, form=parse_body(body, content_type))

    @staticmethod
    def _decorate(response: Response, started: float, concurrent: int) -> Response:
        response.headers["Twilio-Request-Id"] = "RQ" + uuid.uuid4().hex
        response.headers["Twilio-Concurrent-Requests"] = str(concurrent)
        response.headers["Twilio-Request-Duration"] = f"{time.perf_counter() - started:.3f}"
        return response


def _parse_json(body: bytes, content_type: str | None) -> object:
    """The decoded body of a JSON endpoint; None when it is empty.

    Any declared type other than JSON is a 415, even with an empty body (a form POST with no fields is still
    a form POST). What is not JSON (NaN, nesting too deep, a lone surrogate) is a 400, never a 500.
    """
    kind = media_type(content_type)
    if kind not in ("", "application/json") or (kind == "" and body.strip()):
        raise unsupported_media_type(kind, expected="application/json")
    return decode_json_body(body)
