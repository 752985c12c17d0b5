"""Credentials the emulator accepts, and the documented default test account.

The defaults are public test values, not secrets: they let ``pulumi-flex emulator`` start with no set-up
and let tests and examples share one account. Any of them can be overridden by a flag or by the usual Twilio
environment variables. The auth token and API secret are never printed or logged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000000"
DEFAULT_AUTH_TOKEN = "e3f1a7c5d9b2468ae3f1a7c5d9b2468a"
DEFAULT_API_KEY = "SK00000000000000000000000000000000"
DEFAULT_API_SECRET = "emulator-api-secret-5b7c9d1e"

ENV_ACCOUNT_SID = "TWILIO_ACCOUNT_SID"
ENV_AUTH_TOKEN = "TWILIO_AUTH_TOKEN"
ENV_API_KEY = "TWILIO_API_KEY"
ENV_API_SECRET = "TWILIO_API_SECRET"


@dataclass(frozen=True)
class Credentials:
    """One emulated account: Basic auth with ``account_sid:auth_token`` or ``api_key:api_secret``."""

    account_sid: str
    auth_token: str
    api_key: str
    api_secret: str

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return f"Credentials(account_sid={self.account_sid!r}, api_key={self.api_key!r})"


def resolve_credentials(
    *,
    account_sid: str | None = None,
    auth_token: str | None = None,
    api_key: str | None = None,
    api_secret: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Credentials:
    """Flags win over the environment, which wins over the default test account."""
    env = os.environ if environ is None else environ
    return Credentials(
        account_sid=account_sid or env.get(ENV_ACCOUNT_SID) or DEFAULT_ACCOUNT_SID,
        auth_token=auth_token or env.get(ENV_AUTH_TOKEN) or DEFAULT_AUTH_TOKEN,
        api_key=api_key or env.get(ENV_API_KEY) or DEFAULT_API_KEY,
        api_secret=api_secret or env.get(ENV_API_SECRET) or DEFAULT_API_SECRET,
    )
