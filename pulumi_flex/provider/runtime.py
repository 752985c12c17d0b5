"""Process-wide state of the provider process: the stack's flex settings and shared clients.

The engine pickles providers into state, so they carry nothing environment-specific. Settings
arrive through ``configure()`` (the whole stack config, secrets decrypted) and clients are
built lazily, once per set of credentials, under a lock: the dynamic provider host serves up
to four calls at once on threads.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..client.credentials import SETTINGS, FlexCredentials
from ..client.errors import FlexConfigurationError
from .listings import Listings

if TYPE_CHECKING:  # httpx and tenacity load with the first client, not at provider start-up
    from ..client.flex_client import FlexClient
    from ..client.retry import RetryPolicy

_lock = threading.Lock()
listings = Listings()  # reads of objects without fetch-by-SID share one listing per refresh
_config: dict[str, str | None] = {}
_clients: dict[FlexCredentials, FlexClient] = {}


RETRY_DEADLINE = ("flex:retryDeadline", "FLEX_RETRY_DEADLINE")


def configure(lookup: Callable[[str], object]) -> None:
    """Keep the ``flex:*`` stack settings (``lookup`` is ``pulumi.dynamic.Config.get``)."""
    values = {}
    for key in [key for _, key, _ in SETTINGS] + [RETRY_DEADLINE[0]]:
        value = lookup(key)
        values[key] = None if value is None else str(value)
    with _lock:
        _config.update(values)


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


def credentials() -> FlexCredentials:
    """Stack config first, then the environment; raises a message that says what to set."""
    with _lock:
        config = dict(_config)
    return FlexCredentials.resolve(config)


def client(account: FlexCredentials | None = None) -> FlexClient:
    """The shared client for ``account`` (default: the stack's credentials)."""
    from ..client.flex_client import FlexClient

    creds = account or credentials()
    policy = retry_policy()
    with _lock:
        found = _clients.get(creds)
        if found is None:
            found = _clients[creds] = FlexClient(creds, retry=policy)
        return found
