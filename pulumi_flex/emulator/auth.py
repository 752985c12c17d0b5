"""HTTP Basic auth as Twilio does it: ``AccountSid:AuthToken`` or ``ApiKeySid:ApiKeySecret``."""

from __future__ import annotations

import base64
import binascii
import hmac

from pulumi_flex.emulator.accounts import Credentials
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


def authenticate(authorization: str | None, credentials: Credentials) -> str:
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
    # Compare both pairs every time so timing does not reveal which username exists.
    as_account = _same(username, credentials.account_sid) & _same(password, credentials.auth_token)
    as_key = _same(username, credentials.api_key) & _same(password, credentials.api_secret)
    if as_account or as_key:
        return credentials.account_sid
    raise _invalid()
