"""Typed errors raised by the Flex client and the providers.

Messages never contain credentials: the auth token and API secret are not part of any
request line or URL, and nothing here formats them.
"""

from __future__ import annotations

from typing import Any


class FlexError(Exception):
    """Base class of every pulumi_flex error."""


class FlexConfigurationError(FlexError):
    """Credentials or endpoint settings are missing or invalid; the message says what to set."""


class FlexTransportError(FlexError):
    """The Flex API could not be reached (connection refused, DNS, timeout).

    ``sent`` is False when the request certainly never left (the connection was refused).
    """

    def __init__(self, message: str, *, sent: bool = True) -> None:
        self.sent = sent
        super().__init__(message)


class FlexApiError(FlexError):
    """An error response from the Flex API, in Twilio's format.

    Attributes mirror Twilio's body: ``status`` (HTTP status), ``code`` (Twilio error code),
    ``message`` and ``more_info`` (the docs URL for the code).
    """

    def __init__(
        self,
        *,
        status: int,
        code: int | None,
        message: str,
        more_info: str | None,
        method: str,
        path: str,
        details: Any = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.more_info = more_info
        self.method = method
        self.path = path
        self.details = details
        self.retry_after = retry_after
        super().__init__(str(self))

    def __str__(self) -> str:
        code = f"Twilio error {self.code}" if self.code is not None else "Flex API error"
        text = f"{code} (HTTP {self.status}) on {self.method} {self.path}: {self.message}"
        if self.more_info:
            text += f" [{self.more_info}]"
        return text

    @property
    def is_not_found(self) -> bool:
        """Whether Twilio answered 404: the object does not exist."""
        return self.status == 404


class FlexAmbiguousError(FlexError):
    """A non-idempotent request may or may not have taken effect (5xx, or no response)."""

    def __init__(self, method: str, path: str, cause: Exception) -> None:
        self.method = method
        self.path = path
        self.cause = cause
        super().__init__(f"{method} {path}: the outcome is unknown, so the object may exist ({cause})")


class FlexDeadlineError(FlexError):
    """Retries ran out of time; the message says how many attempts, how long, and the last error."""
