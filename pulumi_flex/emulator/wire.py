"""Twilio's wire format: form parameters and JSON in, JSON and Twilio-style errors out.

What a request carries (form parameters, JSON bodies, SIDs) and everything a handler needs to answer (JSON
responses, dates, errors) lives here, so models stay free of HTTP. ``validation`` checks the parameters.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

if TYPE_CHECKING:  # imported where used: parsing and validation work without Starlette (the CLI's options)
    from starlette.responses import Response

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # the only format twilio-python parses into a datetime
MORE_INFO = "https://www.twilio.com/docs/errors/{code}"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
MAX_FIELDS = 1000  # bounds parsing cost of hostile bodies

# Twilio error codes used by the emulator.
CODE_INVALID_PARAMETER = 20001
CODE_AUTHENTICATION = 20003
CODE_METHOD_NOT_ALLOWED = 20004
CODE_NOT_FOUND = 20404
CODE_UNSUPPORTED_MEDIA_TYPE = 20415  # no documented code exists; keeps the 20xxx + status convention
# Likewise undocumented, likewise 20xxx + status: a request the server cannot read.
CODE_MALFORMED_REQUEST = 20400
CODE_REQUEST_TIMEOUT = 20408
CODE_PAYLOAD_TOO_LARGE = 20413
CODE_INTERNAL = 20500
CODE_CONFLICT = 20409  # likewise undocumented: a duplicate the service refuses (the emulator's choice)
# A Flex code from Twilio's error dictionary; its HTTP status is undocumented (the emulator answers 400).
CODE_FLEX_UNPROCESSABLE = 45008  # "Unprocessable Request": the current state forbids the change

JsonObject = dict[str, Any]


class TwilioError(Exception):
    """An error answered as Twilio's legacy JSON body ``{code, message, more_info, status}``."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        detail: str | None = None,
        headers: Mapping[str, str] | None = None,
        details: JsonObject | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.details = details
        self.headers = dict(headers or {})

    def body(self) -> JsonObject:
        """The error body: ``code``, ``message``, ``more_info`` (the code's docs URL), ``status``,
        and ``detail`` and ``details`` (Studio's itemised errors) when set."""
        body: JsonObject = {
            "code": self.code,
            "message": self.message,
            "more_info": MORE_INFO.format(code=self.code),
            "status": self.status,
        }
        if self.detail is not None:
            body["detail"] = self.detail
        if self.details is not None:
            body["details"] = self.details
        return body

    def response(self) -> Response:
        """The error as a JSON response with its status and headers (``Allow`` on a 405)."""
        return json_response(self.body(), status=self.status, headers=self.headers)


def missing_parameter(name: str) -> TwilioError:
    """400 / 20001 for a required parameter the request omits."""
    return TwilioError(400, CODE_INVALID_PARAMETER, f"Missing required parameter {name} in the post body")


def invalid_parameter(name: str, reason: str) -> TwilioError:
    """400 / 20001 for a parameter whose value is wrong; ``reason`` says why."""
    return TwilioError(400, CODE_INVALID_PARAMETER, f"Invalid parameter {name}: {reason}")


def not_found(path: str) -> TwilioError:
    """Twilio quotes the resource path without its version prefix: ``/Examples/XX…``. A path under another
    service's prefix (``/taskrouter/v1/…``) is quoted without the prefix too, as that service's host would."""
    resource = re.sub(r"^(?:/(?:taskrouter|studio|conversations))?/v\d+(?=/)", "", path)
    return TwilioError(404, CODE_NOT_FOUND, f"The requested resource {resource} was not found")


def method_not_allowed(method: str, allowed: Iterable[str]) -> TwilioError:
    """405 / 20004, with the ``Allow`` header listing the methods the route takes."""
    allow = ", ".join(sorted(allowed))
    return TwilioError(
        405, CODE_METHOD_NOT_ALLOWED, f"Method not allowed: {method}", headers={"Allow": allow}
    )


def unsupported_media_type(content_type: str, expected: str = FORM_CONTENT_TYPE) -> TwilioError:
    """415 for a body that is not ``expected`` (default: form-encoded)."""
    return TwilioError(
        415,
        CODE_UNSUPPORTED_MEDIA_TYPE,
        "The server does not support the media type transmitted in the request.",
        detail=f"Expected {expected}, got {content_type or 'none'}",
    )


def malformed_request() -> TwilioError:
    """400 / 20400 for HTTP the server cannot parse (a bad ``Content-Length``, a bad chunk, …); the
    connection closes after it."""
    return TwilioError(400, CODE_MALFORMED_REQUEST, "Malformed HTTP request", headers={"Connection": "close"})


def payload_too_large(limit: int) -> TwilioError:
    """413 / 20413 for a body over ``limit`` bytes; the connection closes (the rest is never read)."""
    return TwilioError(
        413,
        CODE_PAYLOAD_TOO_LARGE,
        f"The request body is larger than the limit of {limit} bytes",
        headers={"Connection": "close"},
    )


def request_timeout(seconds: float) -> TwilioError:
    """408 / 20408 for a body that did not arrive in ``seconds``; the connection closes."""
    return TwilioError(
        408,
        CODE_REQUEST_TIMEOUT,
        f"The request body did not arrive within {seconds:g} seconds",
        headers={"Connection": "close"},
    )


def conflict(message: str) -> TwilioError:
    """409 / 20409: the object would duplicate one that must be unique (a unique name, an address)."""
    return TwilioError(409, CODE_CONFLICT, message)


def in_use(message: str) -> TwilioError:
    """400 / 20001 for a delete (or change) the object's use by others forbids, outside Flex (where 45008 is
    the code): the message says what uses it."""
    return TwilioError(400, CODE_INVALID_PARAMETER, message)


def unprocessable(message: str) -> TwilioError:
    """400 / 45008: the request is well-formed but the object's current state forbids it."""
    return TwilioError(400, CODE_FLEX_UNPROCESSABLE, message)


def internal_error() -> TwilioError:
    """500 / 20500: what an unexpected exception (or an injected fault) answers."""
    return TwilioError(500, CODE_INTERNAL, "Internal Server Error")


# --------------------------------------------------------------------------------------------- requests


class Form:
    """Ordered multi-valued parameters from a query string or a url-encoded body.

    ``+`` decodes to a space and repeated keys keep every value, as Twilio clients send arrays that way.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._pairs: list[tuple[str, str]] = list(pairs)

    @classmethod
    def parse(cls, raw: str | bytes) -> Form:
        """Parse url-encoded text (at most ``MAX_FIELDS`` fields); malformed input is a 400."""
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            pairs = parse_qsl(text, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS)
        except (UnicodeDecodeError, ValueError) as exc:
            raise TwilioError(400, CODE_INVALID_PARAMETER, f"Malformed form parameters: {exc}") from exc
        return cls(pairs)

    def get(self, name: str) -> str | None:
        """The first value of ``name``, or None when absent."""
        for key, value in self._pairs:
            if key == name:
                return value
        return None

    def get_all(self, name: str) -> list[str]:
        """Every value of ``name``, in order (a repeated key is an array)."""
        return [value for key, value in self._pairs if key == name]

    def __contains__(self, name: object) -> bool:
        return any(key == name for key, _ in self._pairs)

    def names(self) -> list[str]:
        """The distinct parameter names, in first-seen order."""
        return list(dict.fromkeys(key for key, _ in self._pairs))


def media_type(content_type: str | None) -> str:
    """The lower-cased media type of a ``Content-Type`` header, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def parse_body(body: bytes, content_type: str | None) -> Form:
    """Parse a form body. An empty body is accepted whatever its type (clients omit it with no params)."""
    if not body.strip():
        return Form()
    kind = media_type(content_type)
    if kind not in ("", FORM_CONTENT_TYPE):
        raise unsupported_media_type(kind)
    return Form.parse(body)


def sid_pattern(prefix: str) -> re.Pattern[str]:
    """A pattern for SIDs with ``prefix``: the prefix and 32 hex digits."""
    return re.compile(rf"^{prefix}[0-9a-fA-F]{{32}}$")


def parse_json_text(text: str | bytes) -> Any:
    """Decode JSON strictly: NaN and infinities are not JSON, and neither is a string holding a lone UTF-16
    surrogate (``"\\ud800"``), which could never be answered as UTF-8. Raises ValueError (or RecursionError
    for nesting too deep) with the reason."""
    value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("a string holds a lone UTF-16 surrogate, which is not valid Unicode") from None
    return value


def decode_json_body(body: bytes) -> Any:
    """The JSON value of a request body (None when it is blank), or a Twilio-format 400, never a 500."""
    if not body.strip():
        return None
    try:
        return parse_json_text(body)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise TwilioError(400, CODE_INVALID_PARAMETER, f"The request body is malformed JSON: {exc}") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(raw: str) -> float:
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError(f"number {raw[:40]} is out of range")
    return value


def json_name(value: object) -> str:
    """What kind of JSON value ``value`` is, for messages ("a string", "an array"): never the value itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# -------------------------------------------------------------------------------------------- responses


def utcnow() -> datetime:
    """The current UTC time to the second, as Twilio's dates have no fractions."""
    return datetime.now(UTC).replace(microsecond=0)


def format_date(moment: datetime) -> str:
    """A date as Twilio renders it: ISO 8601 in UTC, ``2024-01-31T12:00:00Z``."""
    return moment.astimezone(UTC).strftime(DATE_FORMAT)


def json_response(body: object, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A compact UTF-8 JSON response."""
    from starlette.responses import Response

    content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return Response(content, status_code=status, headers=dict(headers or {}), media_type="application/json")


def empty_response(status: int = 204) -> Response:
    """A response with no body: 204 by default, as Twilio answers a delete."""
    from starlette.responses import Response

    return Response(b"", status_code=status)
