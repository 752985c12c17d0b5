"""The accounts the emulator serves: the primary account, extra ones, and the documented default test account.

The defaults are public test values, not secrets: they let ``pulumi-flex emulator`` start with no set-up
and let tests and examples share one account. Any of them can be overridden by a flag or by the usual Twilio
environment variables. Extra accounts (so one emulator can stand in for, say, a dev and a prod account) come
from ``--extra-account`` or ``POST /_emulator/accounts``; those added at run time are kept in the SQLite store
so they survive a restart. Auth tokens and API secrets are never printed or logged.

Each account starts the way Flex provisions a real one (see ``provisioning``) unless it is *empty*: every
account with ``--empty-accounts``, or one added with ``"empty": true``.

The CLI's option parsing imports this module only when ``--extra-account`` is given.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Annotated, Self

from pydantic import ConfigDict, model_validator

from pulumi_flex.emulator.validation import (
    CLEARABLE,
    InvalidInput,
    JsonModel,
    checker,
    missing,
    sid,
    validate,
)

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

MAX_SECRET_LENGTH = 256
ACCOUNT_FIELDS = ("account_sid", "auth_token", "api_key", "api_secret")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

log = logging.getLogger("pulumi_flex.emulator")


@dataclass(frozen=True)
class Credentials:
    """One emulated account: Basic auth with ``account_sid:auth_token`` or ``api_key:api_secret`` (if set).
    ``empty``: the account starts without the objects Flex provisions."""

    account_sid: str
    auth_token: str
    api_key: str | None = None
    api_secret: str | None = None
    empty: bool = False

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


class AccountConflict(ValueError):
    """An extra account clashes with one already served (its SID or its API key SID). Names SIDs only."""


def _secret_reason(value: str) -> str | None:
    if not value:
        return "must not be empty"
    if len(value) > MAX_SECRET_LENGTH:
        return f"must be at most {MAX_SECRET_LENGTH} characters"
    if _CONTROL.search(value):
        return "must not contain control characters"
    return None


# Messages quote neither tokens nor secrets, and not the SIDs either (a SID field may hold a secret pasted in
# the wrong place): SIDs are checked with echo=False.
Secret = Annotated[str, checker(_secret_reason)]


class AccountFields(JsonModel):
    """An extra account: ``account_sid`` and ``auth_token`` are required; ``api_key`` comes with
    ``api_secret`` or not at all; ``empty`` (a boolean) starts it without Flex's provisioned objects. Unknown
    fields are refused."""

    model_config = ConfigDict(extra="forbid")

    account_sid: Annotated[str, sid("AC", echo=False)]
    auth_token: Secret | None = None  # null is missing, "" is invalid (checked below)
    api_key: Annotated[str | None, sid("SK", echo=False), CLEARABLE] = None
    api_secret: Secret | None = None
    empty: bool | None = None  # None: the emulator's default (--empty-accounts)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.auth_token is None:
            raise missing("auth_token")
        if self.api_key is None and self.api_secret is not None:
            raise missing("api_key")
        if self.api_key is not None and self.api_secret is None:
            raise missing("api_secret")
        return self


def extra_account(fields: object, *, empty: bool = False) -> Credentials:
    """Validated credentials of an extra account (a mapping of :class:`AccountFields`); a Twilio-format
    :class:`~pulumi_flex.emulator.validation.InvalidInput` naming the field otherwise. ``empty`` is the
    default for an account whose fields do not say."""
    account = validate(AccountFields, fields)
    assert account.auth_token is not None
    return Credentials(
        account.account_sid,
        account.auth_token,
        account.api_key,
        account.api_secret,
        empty=empty if account.empty is None else account.empty,
    )


def parse_extra_account(raw: str) -> Credentials:
    """``SID:TOKEN`` or ``SID:TOKEN:APIKEYSID:APISECRET`` (the token cannot contain ``:``, the secret can)."""
    parts = raw.split(":", 3)
    if len(parts) not in (2, 4):
        reason = "expected ACCOUNT_SID:AUTH_TOKEN or ACCOUNT_SID:AUTH_TOKEN:API_KEY:API_SECRET"
        raise InvalidInput("value", reason, f"Invalid parameter value: {reason}")
    return extra_account(dict(zip(ACCOUNT_FIELDS, parts, strict=False)))


class Accounts:
    """Every account the emulator serves, and which of them were added at run time.

    *Fixed* accounts come from the command line (the primary account and ``--extra-account``); they cannot be
    changed at run time. *Added* accounts come from :meth:`add`; with a store they are persisted, loaded again
    on start, and kept by a reset (which clears objects only). An account SID and an API key SID each belong
    to one account. A stored account that clashes with a fixed one is skipped (the command line wins).
    ``empty`` makes every fixed account empty (``--empty-accounts``), and is the default for added ones.

    Reads take a snapshot tuple, so authentication never waits for a writer.
    """

    def __init__(
        self,
        primary: Credentials,
        extra: Iterable[Credentials] = (),
        *,
        store: Store | None = None,
        empty: bool = False,
    ) -> None:
        self._store = store
        self._lock = threading.Lock()
        self.empty = empty
        fixed: list[Credentials] = []
        for credentials in (primary, *extra):
            self._check_free(credentials, fixed)
            fixed.append(replace(credentials, empty=True) if empty else credentials)
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
                self._store.save_account(
                    new.account_sid, new.auth_token, new.api_key, new.api_secret, empty=new.empty
                )
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
        for row, empty in store.load_accounts_with_flags():
            account_sid = row[0]
            try:
                credentials = extra_account(dict(zip(ACCOUNT_FIELDS, row, strict=True)), empty=empty)
                self._check_free(credentials, self._fixed + tuple(loaded))
            except InvalidInput as exc:
                log.warning("skipping a stored account with an invalid %s", exc.param)
                continue
            except AccountConflict as exc:
                log.warning("skipping stored account %s: %s (the command line wins)", account_sid, exc)
                continue
            loaded.append(credentials)
        return tuple(loaded)
