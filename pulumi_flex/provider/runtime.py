"""Process-wide state of the provider process: the stack's flex settings and shared clients.

The engine pickles providers into state, so they carry nothing environment-specific. Settings
arrive through ``configure()`` (the whole stack config, secrets decrypted) and clients are
built lazily, once per set of credentials, under a lock: the dynamic provider host serves up
to four calls at once on threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..client import FlexClient, FlexCredentials
from ..client.credentials import SETTINGS

_lock = threading.Lock()
_config: dict[str, str | None] = {}
_clients: dict[FlexCredentials, FlexClient] = {}


def configure(lookup: Callable[[str], object]) -> None:
    """Keep the ``flex:*`` stack settings (``lookup`` is ``pulumi.dynamic.Config.get``)."""
    values = {}
    for _, key, _ in SETTINGS:
        value = lookup(key)
        values[key] = None if value is None else str(value)
    with _lock:
        _config.update(values)


def credentials() -> FlexCredentials:
    """Stack config first, then the environment; raises a message that says what to set."""
    with _lock:
        config = dict(_config)
    return FlexCredentials.resolve(config)


def client(account: FlexCredentials | None = None) -> FlexClient:
    """The shared client for ``account`` (default: the stack's credentials)."""
    creds = account or credentials()
    with _lock:
        found = _clients.get(creds)
        if found is None:
            found = _clients[creds] = FlexClient(creds)
        return found
