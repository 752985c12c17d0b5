"""Credentials and endpoint settings: one immutable value, resolved from config then env.

Precedence (docs/architecture.md): a per-resource account, then stack config (``flex:*``), then the
environment (``TWILIO_*``, ``FLEX_BASE_URL``). Each key falls back independently.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .endpoint import resolve_base_url, service_root
from .errors import FlexConfigurationError

_ACCOUNT_SID = re.compile(r"^AC[0-9a-fA-F]{32}$")
_API_KEY_SID = re.compile(r"^SK[0-9a-fA-F]{32}$")

# (setting, stack config key, environment variable)
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("account_sid", "flex:accountSid", "TWILIO_ACCOUNT_SID"),
    ("auth_token", "flex:authToken", "TWILIO_AUTH_TOKEN"),
    ("api_key", "flex:apiKey", "TWILIO_API_KEY"),
    ("api_secret", "flex:apiSecret", "TWILIO_API_SECRET"),
    ("region", "flex:region", "TWILIO_REGION"),
    ("edge", "flex:edge", "TWILIO_EDGE"),
    ("base_url", "flex:baseUrl", "FLEX_BASE_URL"),
)


@dataclass(frozen=True)
class FlexCredentials:
    """Who to authenticate as and where the API is. Secrets are hidden from ``repr``."""

    account_sid: str
    auth_token: str | None = field(default=None, repr=False)
    api_key: str | None = None
    api_secret: str | None = field(default=None, repr=False)
    region: str | None = None
    edge: str | None = None
    base_url: str | None = None

    def __post_init__(self) -> None:
        if not _ACCOUNT_SID.match(self.account_sid):
            raise FlexConfigurationError(
                "flex:accountSid / TWILIO_ACCOUNT_SID must be an account SID: 'AC' followed by 32 hex digits"
            )
        if self.api_key is not None and not _API_KEY_SID.match(self.api_key):
            raise FlexConfigurationError(
                "flex:apiKey / TWILIO_API_KEY must be an API key SID: 'SK' followed by 32 hex digits"
            )
        if self.api_key and not self.api_secret:
            raise FlexConfigurationError(
                "an API key is set but its secret is not: run "
                "`pulumi config set --secret flex:apiSecret ...` or set TWILIO_API_SECRET"
            )
        if not self.api_key and not self.auth_token:
            raise FlexConfigurationError(
                "no Twilio credential: run `pulumi config set --secret flex:authToken ...` "
                "(or flex:apiKey with flex:apiSecret), or set TWILIO_AUTH_TOKEN "
                "(or TWILIO_API_KEY with TWILIO_API_SECRET)"
            )

    @property
    def basic_auth(self) -> tuple[str, str]:
        """The Basic-auth pair; an API key takes precedence over the account's auth token."""
        if self.api_key and self.api_secret:
            return self.api_key, self.api_secret
        assert self.auth_token is not None  # guaranteed by __post_init__
        return self.account_sid, self.auth_token

    @property
    def api_root(self) -> str:
        """The API root these settings address: ``base_url``, or Twilio's host for region and edge."""
        return resolve_base_url(self.base_url, self.region, self.edge)

    def service_root(self, service: str) -> str:
        """The root URL of another Twilio service (``taskrouter``…) for these settings."""
        return service_root(service, self.api_root, explicit=bool(self.base_url))

    @classmethod
    def resolve(
        cls,
        config: Mapping[str, str | None] | Callable[[str], str | None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> FlexCredentials:
        """Build credentials from stack config (``flex:*`` keys), falling back to the environment."""
        env = os.environ if environ is None else environ
        lookup = config.get if isinstance(config, Mapping) else config
        values: dict[str, str | None] = {}
        for name, config_key, env_var in SETTINGS:
            value = lookup(config_key) if lookup else None
            values[name] = value or env.get(env_var) or None
        account_sid = values.pop("account_sid")
        if not account_sid:
            raise FlexConfigurationError(
                "no Twilio account: run `pulumi config set flex:accountSid AC...` or set TWILIO_ACCOUNT_SID"
            )
        return cls(account_sid=account_sid, **values)
