"""The accounts the emulator serves: the primary account, extra ones, and the documented default test account.

The defaults are public test values, not secrets: they let ``pulumi-flex emulator`` start with no set-up
and let tests and examples share one account. Any of them can be overridden by a flag or by the usual Twilio
environment variables. Extra accounts (so one emulator can stand in for, say, a dev and a prod account) come
from ``--extra-account`` or ``POST /_emulator/accounts``; those added at run time are kept in the SQLite store
so they survive a restart. Auth tokens and API secrets are never printed or logged.

Only the standard library is imported at module level: the CLI imports this module to build its options.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pulumi_flex.emulator.store import Store

DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000000"
DEFAULT_AUTH_TOKEN = "e3f1a7c5d9b2468ae3f1a7c5d9b2468a"
DEFAULT_API_KEY = "SK00000000000000000000000000000000"
DEFAULT_API_SECRET = "emulator-api-secret-5b7c9d1e"

ENV_ACCOUNT_SID = "TWILIO_ACCOUNT_SID"
ENV_AUTH_TOKEN = "TWILIO_AUTH_TOKEN"
ENV_API_KEY = "TWILIO_API_KEY"
ENV_API_SECRET = "TWILIO_API_SECRET"

ACCOUNT_SID = re.compile(r"^AC[0-9a-fA-F]{32}$")
API_KEY_SID = re.compile(r"^SK[0-9a-fA-F]{32}$")
MAX_SECRET_LENGTH = 256
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

log = logging.getLogger("pulumi_flex.emulator")


@dataclass(frozen=True)
class Credentials:
    """One emulated account: Basic auth with ``account_sid:auth_token`` or ``api_key:api_secret`` (if set)."""

    account_sid: str
    auth_token: str
    api_key: str | None = None
    api_secret: str | None = None

    def __post_init__(self) -> None:
        if (self.api_key is None) != (self.api_secret is None):
            raise ValueError("an API key needs both its SID and its secret")

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
    """The primary account. Flags win over the environment, which wins over the default test account."""
    env = os.environ if environ is None else environ
    sid = account_sid or env.get(ENV_ACCOUNT_SID) or DEFAULT_ACCOUNT_SID
    key = api_key or env.get(ENV_API_KEY)
    secret = api_secret or env.get(ENV_API_SECRET)
    if key is None and sid == DEFAULT_ACCOUNT_SID:  # the documented test key belongs to the test account only
        key, secret = DEFAULT_API_KEY, secret or DEFAULT_API_SECRET
    return Credentials(
        account_sid=sid,
        auth_token=auth_token or env.get(ENV_AUTH_TOKEN) or DEFAULT_AUTH_TOKEN,
        api_key=key,
        api_secret=secret if key is not None else None,
    )


# ------------------------------------------------------------------------------------------ extra accounts


class InvalidAccount(ValueError):
    """An extra account's field is missing or malformed. The message names the field, never its value."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class AccountConflict(ValueError):
    """An extra account clashes with one already served (its SID or its API key SID). Names SIDs only."""


def _check_secret(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidAccount(field, "expected a string")
    if not value:
        raise InvalidAccount(field, "must not be empty")
    if len(value) > MAX_SECRET_LENGTH:
        raise InvalidAccount(field, f"must be at most {MAX_SECRET_LENGTH} characters")
    if _CONTROL.search(value):
        raise InvalidAccount(field, "must not contain control characters")
    return value


def extra_account(
    account_sid: object, auth_token: object, api_key: object = None, api_secret: object = None
) -> Credentials:
    """Validated credentials of an extra account; :class:`InvalidAccount` (naming the field) otherwise.

    Error messages quote neither the token nor the secret, and not the SIDs either (a SID field may hold a
    secret pasted in the wrong place).
    """
    if account_sid is None or account_sid == "":
        raise InvalidAccount("account_sid", "is required")
    if not isinstance(account_sid, str) or not ACCOUNT_SID.match(account_sid):
        raise InvalidAccount("account_sid", f"expected a SID matching {ACCOUNT_SID.pattern}")
    if auth_token is None:
        raise InvalidAccount("auth_token", "is required")
    token = _check_secret("auth_token", auth_token)
    if api_key is None and api_secret is None:
        return Credentials(account_sid, token)
    if api_key is None or api_key == "":
        raise InvalidAccount("api_key", "is required with api_secret")
    if not isinstance(api_key, str) or not API_KEY_SID.match(api_key):
        raise InvalidAccount("api_key", f"expected a SID matching {API_KEY_SID.pattern}")
    if api_secret is None:
        raise InvalidAccount("api_secret", "is required with api_key")
    return Credentials(account_sid, token, api_key, _check_secret("api_secret", api_secret))


def parse_extra_account(raw: str) -> Credentials:
    """``SID:TOKEN`` or ``SID:TOKEN:APIKEYSID:APISECRET`` (the token cannot contain ``:``, the secret can)."""
    parts = raw.split(":", 3)
    if len(parts) == 2:
        return extra_account(parts[0], parts[1])
    if len(parts) == 4:
        return extra_account(*parts)
    raise InvalidAccount(
        "value", "expected ACCOUNT_SID:AUTH_TOKEN or ACCOUNT_SID:AUTH_TOKEN:API_KEY:API_SECRET"
    )


class Accounts:
    """Every account the emulator serves, and which of them were added at run time.

    *Fixed* accounts come from the command line (the primary account and ``--extra-account``); they cannot be
    changed at run time. *Added* accounts come from :meth:`add`; with a store they are persisted, loaded again
    on start, and kept by a reset (which clears objects only). An account SID and an API key SID each belong
    to one account. A stored account that clashes with a fixed one is skipped (the command line wins).

    Reads take a snapshot tuple, so authentication never waits for a writer.
    """

    def __init__(
        self, primary: Credentials, extra: Iterable[Credentials] = (), *, store: Store | None = None
    ) -> None:
        self._store = store
        self._lock = threading.Lock()
        fixed: list[Credentials] = []
        for credentials in (primary, *extra):
            self._check_free(credentials, fixed)
            fixed.append(credentials)
        self._fixed = tuple(fixed)
        self._added: tuple[Credentials, ...] = ()
        if store is not None:
            self._added = self._load(store)

    def __repr__(self) -> str:
        return f"Accounts({', '.join(c.account_sid for c in self.all())})"

    @property
    def primary(self) -> Credentials:
        """The primary account: from the flags, else the environment, else the default test account."""
        return self._fixed[0]

    def all(self) -> tuple[Credentials, ...]:
        """Fixed accounts in command-line order, then added ones in the order they were first added."""
        return self._fixed + self._added

    def add(self, credentials: Credentials) -> bool:
        """Add (True) or replace (False) a run-time account; :class:`AccountConflict` if it clashes."""
        with self._lock:
            if any(c.account_sid == credentials.account_sid for c in self._fixed):
                raise AccountConflict(
                    f"Account {credentials.account_sid} is configured on the command line and cannot be "
                    "changed at run time"
                )
            others = [c for c in self.all() if c.account_sid != credentials.account_sid]
            self._check_free(credentials, others)
            if self._store is not None:
                new = credentials
                self._store.save_account(new.account_sid, new.auth_token, new.api_key, new.api_secret)
            created = all(c.account_sid != credentials.account_sid for c in self._added)
            if created:
                self._added = (*self._added, credentials)
            else:
                self._added = tuple(
                    credentials if c.account_sid == credentials.account_sid else c for c in self._added
                )
        log.info("%s account %s", "added" if created else "replaced", credentials.account_sid)
        return created

    @staticmethod
    def _check_free(credentials: Credentials, others: Iterable[Credentials]) -> None:
        for other in others:
            if other.account_sid == credentials.account_sid:
                raise AccountConflict(f"Account {credentials.account_sid} is already served")
            if credentials.api_key is not None and credentials.api_key == other.api_key:
                raise AccountConflict(
                    f"API key {credentials.api_key} already belongs to account {other.account_sid}"
                )

    def _load(self, store: Store) -> tuple[Credentials, ...]:
        loaded: list[Credentials] = []
        for account_sid, auth_token, api_key, api_secret in store.load_accounts():
            try:
                credentials = extra_account(account_sid, auth_token, api_key, api_secret)
                self._check_free(credentials, self._fixed + tuple(loaded))
            except InvalidAccount as exc:
                log.warning("skipping a stored account with an invalid %s", exc.field)
                continue
            except AccountConflict as exc:
                log.warning("skipping stored account %s: %s (the command line wins)", account_sid, exc)
                continue
            loaded.append(credentials)
        return tuple(loaded)
