"""Twilio's wire format: form parameters in, JSON and Twilio-style errors out.

Everything a model needs to read a request (typed parameter parsers that fail with a Twilio-format 400) and
everything a handler needs to answer (JSON responses, dates, errors) lives here, so models stay free of HTTP.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

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
CODE_INTERNAL = 20500
# Flex codes from Twilio's error dictionary; their HTTP statuses are undocumented (the emulator answers 400).
CODE_FLEX_UNPROCESSABLE = 45008  # "Unprocessable Request": the current state forbids the change
CODE_FLEX_FLOW_NOT_FOUND = 45205  # "Requested Flex Flow is not found"

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
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = dict(headers or {})

    def body(self) -> JsonObject:
        """The error body: ``code``, ``message``, ``more_info`` (the code's docs URL), ``status``,
        and ``detail`` when set."""
        body: JsonObject = {
            "code": self.code,
            "message": self.message,
            "more_info": MORE_INFO.format(code=self.code),
            "status": self.status,
        }
        if self.detail is not None:
            body["detail"] = self.detail
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
    """Twilio quotes the resource path without its version prefix: ``/FlexFlows/FO…``."""
    resource = re.sub(r"^/v\d+(?=/)", "", path)
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


# A parser turns the raw text of parameter ``name`` into a typed value or raises a 400 naming it.
Parser = Callable[[str, str], Any]


def text(name: str, raw: str) -> str:
    """Any text, kept as sent (empty included)."""
    return raw


def non_empty_text(name: str, raw: str) -> str:
    """Text that must not be empty."""
    if raw == "":
        raise invalid_parameter(name, "must not be empty")
    return raw


def boolean(name: str, raw: str) -> bool:
    """``true`` or ``false``, any case, as Twilio accepts them."""
    lowered = raw.strip().lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    raise invalid_parameter(name, f"expected true or false, got {_show(raw)}")


_INT = re.compile(r"^[+-]?\d{1,18}$")


def integer(minimum: int | None = None, maximum: int | None = None) -> Parser:
    """A parser for a decimal integer within ``minimum``..``maximum`` (inclusive; None: unbounded)."""

    def parse(name: str, raw: str) -> int:
        if not _INT.match(raw.strip()):
            raise invalid_parameter(name, f"expected an integer, got {_show(raw)}")
        value = int(raw.strip())
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise invalid_parameter(
                name, f"must be between {_bound(minimum)} and {_bound(maximum)}, got {value}"
            )
        return value

    return parse


def enum(choices: Sequence[str]) -> Parser:
    """A parser that accepts exactly one of ``choices`` (case-sensitive)."""

    def parse(name: str, raw: str) -> str:
        if raw not in choices:
            raise invalid_parameter(name, f"{_show(raw)} is not one of {', '.join(choices)}")
        return raw

    return parse


def sid_pattern(prefix: str) -> re.Pattern[str]:
    """A pattern for SIDs with ``prefix``: the prefix and 32 hex digits."""
    return re.compile(rf"^{prefix}[0-9a-fA-F]{{32}}$")


def sid(prefix: str) -> Parser:
    """A parser for a SID with ``prefix``, such as ``sid("FO")`` for a Flex Flow."""
    pattern = sid_pattern(prefix)

    def parse(name: str, raw: str) -> str:
        if not pattern.match(raw):
            raise invalid_parameter(name, f"expected a SID matching {pattern.pattern}, got {_show(raw)}")
        return raw

    return parse


def url(name: str, raw: str) -> str:
    """An absolute http(s) URL."""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid_parameter(name, f"expected an absolute http(s) URL, got {_show(raw)}")
    return raw


def _reject_json_constant(token: str) -> Any:
    raise ValueError(f"{token} is not valid JSON")


def _decode_json(name: str, raw: str) -> Any:
    try:
        return json.loads(raw, parse_constant=_reject_json_constant)
    except (ValueError, RecursionError) as exc:
        raise invalid_parameter(name, f"expected a JSON string, got {_show(raw)} ({exc})") from None


def json_text(name: str, raw: str) -> str:
    """A JSON-valued form field (``PreEngagementData``): must decode, and is kept as the text sent."""
    _decode_json(name, raw)
    return raw


def json_object(name: str, raw: str) -> JsonObject:
    """A JSON-object-valued form field (Interactions ``Channel``, ``Routing``), decoded."""
    value = _decode_json(name, raw)
    if not isinstance(value, dict):
        raise invalid_parameter(name, f"expected a JSON object, got {_show(raw)}")
    return value


@dataclass(frozen=True)
class Param:
    """One form parameter: its wire name, the document field it sets, and its parser.

    ``clearable`` parameters take an empty value to mean "unset" (None): clients cannot send null, and
    Twilio's own tooling sends an empty string to clear an optional field.
    """

    wire: str
    field: str
    parse: Parser = text
    clearable: bool = False


def parse_params(form: Form, params: Iterable[Param]) -> JsonObject:
    """Typed values of the declared parameters that are present; unknown parameters are ignored."""
    values: JsonObject = {}
    for param in params:
        raw = form.get(param.wire)
        if raw is None:
            continue
        values[param.field] = None if (raw == "" and param.clearable) else param.parse(param.wire, raw)
    return values


def _show(raw: str) -> str:
    return repr(raw if len(raw) <= 60 else raw[:57] + "...")


def _bound(value: int | None) -> str:
    return "unbounded" if value is None else str(value)


# -------------------------------------------------------------------------------------------- responses


def utcnow() -> datetime:
    """The current UTC time to the second, as Twilio's dates have no fractions."""
    return datetime.now(UTC).replace(microsecond=0)


def format_date(moment: datetime) -> str:
    """A date as Twilio renders it: ISO 8601 in UTC, ``2024-01-31T12:00:00Z``."""
    return moment.astimezone(UTC).strftime(DATE_FORMAT)


def json_response(body: object, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A compact UTF-8 JSON response."""
    content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return Response(content, status_code=status, headers=dict(headers or {}), media_type="application/json")


def empty_response(status: int = 204) -> Response:
    """A response with no body: 204 by default, as Twilio answers a delete."""
    return Response(b"", status_code=status)
