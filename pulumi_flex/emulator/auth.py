"""HTTP Basic auth as Twilio does it: ``AccountSid:AuthToken`` or ``ApiKeySid:ApiKeySecret``.

With several accounts the request acts for whichever account the pair belongs to. Both pairs of every account
are compared with ``hmac.compare_digest`` and no early exit, so timing reveals neither which username exists
nor which account matched (only, as with any registry, how many accounts there are).
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Iterable

from pulumi_flex.emulator.accounts import Accounts, Credentials
from pulumi_flex.emulator.wire import CODE_AUTHENTICATION, TwilioError

_CHALLENGE = {"WWW-Authenticate": 'Basic realm="Twilio API"'}


def _no_credentials() -> TwilioError:
    return TwilioError(
        401, CODE_AUTHENTICATION, "Authentication Error - No credentials provided", headers=_CHALLENGE
    )


def _invalid() -> TwilioError:
    return TwilioError(
        401,
        CODE_AUTHENTICATION,
        "Authentication Error - invalid username",
        detail="Your AccountSid or AuthToken was incorrect.",
        headers=_CHALLENGE,
    )


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def authenticate(authorization: str | None, accounts: Accounts | Credentials) -> str:
    """Return the account SID the request acts for, or raise a Twilio 401."""
    if not authorization:
        raise _no_credentials()
    scheme, _, encoded = authorization.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        raise _no_credentials()
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):  # ValueError: non-ASCII text (header bytes arrive as latin-1)
        raise _invalid() from None
    username, sep, password = decoded.partition(":")
    if not sep:
        raise _invalid()
    candidates = (accounts,) if isinstance(accounts, Credentials) else accounts.all()
    account_sid = _match(username, password, candidates)
    if account_sid is None:
        raise _invalid()
    return account_sid


def _match(username: str, password: str, candidates: Iterable[Credentials]) -> str | None:
    """The account whose SID/token or API key/secret pair is ``username:password``, if any.

    No early exit: both pairs of every account are compared every time (an account without an API key
    compares against a placeholder that can never match).
    """
    found: str | None = None
    for credentials in candidates:
        has_key = credentials.api_key is not None and credentials.api_secret is not None
        key = credentials.api_key or ""
        secret = credentials.api_secret or ""
        as_account = _same(username, credentials.account_sid) & _same(password, credentials.auth_token)
        as_key = _same(username, key) & _same(password, secret) & has_key
        if (as_account | as_key) and found is None:
            found = credentials.account_sid
    return found
