"""Process-wide state of the provider process: the stack's flex settings and shared clients.

The engine pickles providers into state, so they carry nothing environment-specific. Settings
arrive through ``configure()`` (the whole stack config, secrets decrypted) and clients are
built lazily, once per set of credentials, under a lock: the dynamic provider host serves up
to four calls at once on threads.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from ..client.credentials import SETTINGS, FlexCredentials
from ..client.errors import FlexConfigurationError
from . import host
from .listings import Listings

if TYPE_CHECKING:  # httpx and tenacity load with the first client, not at provider start-up
    import httpx

    from ..client.flex_client import FlexClient
    from ..client.retry import RetryPolicy

_lock = threading.Lock()
listings = Listings()  # reads of objects without fetch-by-SID share one listing per refresh
_config: dict[str, str | None] = {}
_clients: dict[FlexCredentials, FlexClient] = {}
_transport: httpx.BaseTransport | None = None  # None: the network


RETRY_DEADLINE = ("flex:retryDeadline", "FLEX_RETRY_DEADLINE")
ENDPOINT_KEYS = frozenset({"flex:region", "flex:edge", "flex:baseUrl"})


def configure(lookup: Callable[[str], object]) -> None:
    """Keep the ``flex:*`` stack settings (``lookup`` is ``pulumi.dynamic.Config.get``), and let
    the provider host serve ``flex:maxConcurrency`` calls at once (see ``host``)."""
    values = {}
    for key in [key for _, key, _ in SETTINGS] + [RETRY_DEADLINE[0], host.CONFIG_KEY]:
        value = lookup(key)
        values[key] = None if value is None else str(value)
    with _lock:
        _config.update(values)
        show_client_warnings()
    host.widen(values[host.CONFIG_KEY])


def show_client_warnings() -> None:
    """Send the client's warnings (long retries) to stderr, which the engine shows with the output."""
    logger = logging.getLogger("pulumi_flex.client")
    if not any(getattr(h, "pulumi_flex", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("note: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.pulumi_flex = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def retry_policy() -> RetryPolicy:
    """``flex:retryDeadline`` / ``FLEX_RETRY_DEADLINE``: seconds one request may take, retries included."""
    from ..client.retry import RetryPolicy

    with _lock:
        raw = _config.get(RETRY_DEADLINE[0]) or os.environ.get(RETRY_DEADLINE[1])
    if not raw:
        return RetryPolicy()
    try:
        deadline = float(raw)
    except ValueError:
        raise FlexConfigurationError(f"flex:retryDeadline must be a number of seconds, got {raw!r}") from None
    if deadline <= 0:
        raise FlexConfigurationError(f"flex:retryDeadline must be positive, got {raw!r}")
    return RetryPolicy(deadline=deadline)


# The ``account`` input of the resource whose call is in progress on this thread, if it has one.
_account: ContextVar[Mapping[str, Any] | None] = ContextVar("pulumi_flex_account", default=None)


@contextmanager
def account_of(props: Mapping[str, Any]) -> Iterator[None]:
    """Run a provider call with its resource's ``account`` input (a multi-account stack)."""
    account = props.get("account")
    token = _account.set(account if isinstance(account, Mapping) else None)
    try:
        yield
    finally:
        _account.reset(token)


def credentials() -> FlexCredentials:
    """The call's own account if its resource has one, else stack config, then the environment;
    raises a message that says what to set. Endpoint settings the account omits (base URL,
    region, edge) come from the stack."""
    with _lock:
        config = dict(_config)
    account = _account.get()
    if account:
        stack = {k: v for k, v in config.items() if k in ENDPOINT_KEYS}
        for name, key, _ in SETTINGS:
            if account.get(name):
                stack[key] = str(account[name])
        # Never mix in the stack's or the environment's token: only endpoint settings fall back.
        environ = {
            var: os.environ[var] for _, key, var in SETTINGS if key in ENDPOINT_KEYS and var in os.environ
        }
        return FlexCredentials.resolve(stack, environ=environ)
    return FlexCredentials.resolve(config)


def stack_identity() -> dict[str, str | None]:
    """The stack's own account and endpoint (``account_sid``, ``base_url``, ``region``, ``edge``)
    from its config, then the environment; None where neither sets one. Needs no credential."""
    with _lock:
        config = dict(_config)
    return {
        name: config.get(key) or os.environ.get(var) or None
        for name, key, var in SETTINGS
        if name in ("account_sid", "base_url", "region", "edge")
    }


def client(account: FlexCredentials | None = None) -> FlexClient:
    """The shared client for ``account`` (default: the call's account or the stack's)."""
    from ..client.flex_client import FlexClient

    creds = account or credentials()
    policy = retry_policy()
    with _lock:
        found = _clients.get(creds)
        if found is None:
            found = _clients[creds] = FlexClient(
                creds, retry=policy, transport=_transport, concurrency=host.applied()
            )
        return found


def use_transport(transport: httpx.BaseTransport | None) -> None:
    """Send every client's requests through ``transport`` (None: the network), e.g. an app
    mounted in process for tests. Drops the shared clients, and the listings keyed by them."""
    global _transport, listings
    with _lock:
        _transport = transport
        _clients.clear()
        listings = Listings()
