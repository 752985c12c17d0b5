"""A synchronous httpx transport that serves each request from an ASGI app in this process.

``httpx.ASGITransport`` is async only, and ``FlexClient`` is sync. ``ASGIAppTransport`` runs the
app on an event loop in a background thread (an anyio blocking portal) and hands it every request
of any number of sync clients: the real app and the real client, no socket and no server process.
Calls from several threads are safe (the portal serialises them onto its loop, where the app
serves them concurrently, as uvicorn would).

Use it as a context manager; the portal stops when the ``with`` block ends. Clients that close
(``httpx.Client.close`` closes its transport) leave it running for the others sharing it.
"""

from __future__ import annotations

from contextlib import ExitStack
from types import TracebackType
from typing import Any

import anyio.from_thread
import httpx

BASE_URL = "http://emulator.test"  # the app builds absolute URLs (``url``, paging) from the request's


class ASGIAppTransport(httpx.BaseTransport):
    """Sync httpx transport onto an ASGI ``app`` running in a background event loop."""

    def __init__(self, app: Any, *, client: tuple[str, int] = ("127.0.0.1", 50000)) -> None:
        self._asgi = httpx.ASGITransport(app=app, client=client)
        self._stack = ExitStack()
        self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # the sync body stream becomes bytes, which the async transport can send too
        return self._portal.call(self._handle, request)

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        response = await self._asgi.handle_async_request(request)
        try:
            # Raw bytes: the sync client decodes any Content-Encoding itself, from the headers.
            body = b"".join([chunk async for chunk in response.aiter_raw()])
        finally:
            await response.aclose()
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(body),
            extensions=response.extensions,
        )

    def close(self) -> None:
        """Nothing: the transport is shared, and stops when its ``with`` block ends."""

    def __enter__(self) -> ASGIAppTransport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc: BaseException | None = None,
        tb: TracebackType | None = None,
    ) -> None:
        self._stack.close()
