"""Input validation: every parameter the emulator reads is a field of a pydantic model, checked by
:func:`validate`.

* :class:`FormModel` reads Twilio's form parameters (a body or a query string). Each field's wire name is its
  PascalCase alias (``friendly_name`` reads ``FriendlyName``; set ``Field(alias=…)`` for names like
  ``Integration.Url``). A list field takes every value of a repeated key, any other field the first value.
* :class:`JsonModel` reads a decoded JSON body with its keys as they are.
* Types are strict (a JSON ``1`` is not a string, ``"true"`` not a boolean); form booleans and integers are
  parsed from their text by :data:`FORM_BOOL` and :func:`form_int`. Unknown parameters are ignored unless a
  model sets ``extra="forbid"``.
* Blanks, before any field is checked (form clients cannot send null): a required field sent empty or null
  is missing, and a field marked :data:`CLEARABLE` sent empty is None ("unset").
* A failure is a Twilio-format 400 / 20001 (:class:`InvalidInput`) about the first problem, naming the
  parameter: a missing parameter comes first, then the others in field order. A ``subject`` on the model
  ("fault settings") words messages as "Invalid fault settings: …".

Field validators are plain functions that raise ``ValueError`` with the reason; the common ones are here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Annotated, Any, ClassVar, Final, TypeVar, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic.alias_generators import to_pascal
from pydantic_core import ErrorDetails, PydanticCustomError

from pulumi_flex.emulator.wire import (
    CODE_INVALID_PARAMETER,
    Form,
    TwilioError,
    json_name,
    parse_json_text,
    sid_pattern,
)

M = TypeVar("M", bound="Input")


class _Clearable:
    def __repr__(self) -> str:
        return "CLEARABLE"


CLEARABLE: Final = _Clearable()
"""Field metadata: an empty value means None ("unset"), as Twilio's tools send ``""`` to clear a field."""


class Input(BaseModel):
    """What form and JSON models share: strict types, unknown keys ignored, the rules for blanks."""

    model_config = ConfigDict(strict=True, extra="ignore")
    subject: ClassVar[str | None] = None  # e.g. "fault settings": messages read "Invalid fault settings: …"
    missing_suffix: ClassVar[str] = " in the post body"  # "Missing required parameter X in the post body"

    @model_validator(mode="before")
    @classmethod
    def _blanks(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        cleaned = dict(data)
        for name, field in cls.model_fields.items():
            key = field.alias or name
            if key in cleaned and (cleaned[key] is None or cleaned[key] == ""):
                if field.is_required():
                    del cleaned[key]  # reported as missing
                elif CLEARABLE in field.metadata:
                    cleaned[key] = None
        return cleaned


class FormModel(Input):
    """Form parameters, named by the PascalCase alias of each field."""

    model_config = ConfigDict(alias_generator=to_pascal)


class JsonModel(Input):
    """A JSON object, keys as they are."""


class InvalidInput(TwilioError):
    """400 / 20001 about one parameter: ``reason`` is None when it is missing."""

    def __init__(self, param: str, reason: str | None, message: str) -> None:
        super().__init__(400, CODE_INVALID_PARAMETER, message)
        self.param = param
        self.reason = reason


def validate(model: type[M], data: object) -> M:
    """``data`` (a :class:`Form`, or a decoded JSON value) checked by ``model``: the model, or
    :class:`InvalidInput`."""
    if isinstance(data, Form):
        data = _form_values(model, data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(model, exc) from None


def missing(param: str) -> PydanticCustomError:
    """For a check across fields (a model validator): ``param`` is missing, reported like any missing one."""
    return PydanticCustomError("missing", "Field required", {"param": param})


def invalid_input(model: type[Input], exc: ValidationError) -> InvalidInput:
    """The one mapping from pydantic's errors to Twilio's: the first problem, naming its parameter."""
    errors = exc.errors(include_url=False)
    error = next((e for e in errors if e["type"] == "missing" and len(e["loc"]) <= 1), errors[0])
    loc = error["loc"]
    param = _name(loc[0]) if loc else str(error.get("ctx", {}).get("param", ""))
    if error["type"] == "missing" and len(loc) <= 1:
        return InvalidInput(param, None, f"Missing required parameter {param}{model.missing_suffix}")
    # Deeper locations (an entry of a list, a key of an object) prefix the reason: "entry 2: phase: …".
    path = [f"entry {part + 1}" if isinstance(part, int) else _name(part) for part in loc[1:]]
    if error["type"] == "missing":
        reason = ": ".join([*path[:-1], f"{path[-1]} is required"])
    else:
        reason = ": ".join([*path, _reason(model, error, at_root=not loc)])
    if model.subject is not None:
        message = f"Invalid {model.subject}: {param + ': ' if param else ''}{reason}"
    elif param:
        message = f"Invalid parameter {param}: {reason}"
    else:
        message = reason[:1].upper() + reason[1:]
    return InvalidInput(param, reason, message)


# Pydantic's own checks, in the emulator's words; ``{…}`` are filled from the error's context.
_REASONS = {
    "string_type": "expected a string",
    "bool_type": "expected a boolean",
    "int_type": "expected an integer",
    "float_type": "expected a number",
    "dict_type": "expected a JSON object",
    "model_type": "expected a JSON object",
    "list_type": "expected an array",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
}
_TYPE_ERRORS = {"string_type", "bool_type", "int_type", "float_type", "dict_type", "model_type", "list_type"}


def _reason(model: type[Input], error: ErrorDetails, *, at_root: bool) -> str:
    kind, context = error["type"], error.get("ctx", {})
    if kind == "value_error":
        return str(context["error"])
    if kind == "extra_forbidden":
        expected = ", ".join(field.alias or name for name, field in model.model_fields.items())
        return f"unknown parameter; expected {expected}"
    if at_root and kind == "model_type":
        return f"the request body must be a JSON object, got {json_name(error['input'])}"
    template = _REASONS.get(kind)
    if template is None:
        return error["msg"]
    reason = template.format(**context)
    # The kind of value sent, never the value itself (it may be a secret pasted in the wrong field).
    return f"{reason}, got {json_name(error['input'])}" if kind in _TYPE_ERRORS else reason


def _name(part: str | int) -> str:
    text = str(part)
    return text if len(text) <= 40 else text[:39] + "…"


def _form_values(model: type[Input], form: Form) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in form:
            values[key] = form.get_all(key) if _is_list(field.annotation) else form.get(key)
    return values


def _is_list(annotation: object) -> bool:
    return get_origin(annotation) is list or any(get_origin(arg) is list for arg in get_args(annotation))


# ------------------------------------------------------------------------------------------ validators
# Each takes the value (None passes: an optional field left unset) and returns it, or raises ValueError.


def show(raw: str) -> str:
    """``raw`` quoted for a message, shortened."""
    return repr(raw if len(raw) <= 60 else raw[:57] + "...")


def _non_empty(value: str | None) -> str | None:
    if value == "":
        raise ValueError("must not be empty")
    return value


NON_EMPTY: Final = AfterValidator(_non_empty)
"""Text that must not be empty."""


def _form_bool(value: object) -> object:
    if not isinstance(value, str):
        return value
    lowered = value.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    raise ValueError(f"expected true or false, got {show(value)}")


FORM_BOOL: Final = BeforeValidator(_form_bool)
"""``true`` or ``false`` in any case, as Twilio accepts them."""


def _truthy(value: object) -> object:
    if not isinstance(value, str):
        return value
    return value.strip().lower() in ("true", "1", "yes")


TRUTHY: Final = BeforeValidator(_truthy)
"""TaskRouter's lenient booleans (``Available``): ``true``, ``1`` or ``yes`` is true, any other text false."""

_INT = re.compile(r"^[+-]?\d{1,18}$")


def form_int(minimum: int | None = None, maximum: int | None = None) -> BeforeValidator:
    """A decimal integer from ``minimum`` to ``maximum`` (inclusive; None: unbounded)."""

    def parse(value: object) -> object:
        if not isinstance(value, str):
            return value
        if not _INT.match(value.strip()):
            raise ValueError(f"expected an integer, got {show(value)}")
        number = int(value.strip())
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            low = "unbounded" if minimum is None else minimum
            high = "unbounded" if maximum is None else maximum
            raise ValueError(f"must be between {low} and {high}, got {number}")
        return number

    return BeforeValidator(parse)


def checker(check: Callable[[str], str | None]) -> AfterValidator:
    """An after-validator from ``check``, which returns the reason a (non-None) value is wrong, or None."""

    def validate(value: str | None) -> str | None:
        if value is not None:
            reason = check(value)
            if reason is not None:
                raise ValueError(reason)
        return value

    return AfterValidator(validate)


def one_of(choices: Sequence[str]) -> AfterValidator:
    """Exactly one of ``choices`` (case-sensitive)."""
    listed = ", ".join(choices)
    return checker(lambda value: None if value in choices else f"{show(value)} is not one of {listed}")


def sid(prefix: str, *, echo: bool = True) -> AfterValidator:
    """A SID with ``prefix``, e.g. ``sid("XX")``; ``echo=False`` keeps the value out of the message."""
    pattern = sid_pattern(prefix)

    def reason(value: str) -> str | None:
        if pattern.match(value):
            return None
        return f"expected a SID matching {pattern.pattern}" + (f", got {show(value)}" if echo else "")

    return checker(reason)


def _url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    return f"expected an absolute http(s) URL, got {show(value)}"


URL: Final = checker(_url)
"""An absolute http(s) URL."""


def _json_text_reason(value: str) -> str | None:
    try:
        parse_json_text(value)
    except (ValueError, RecursionError) as exc:
        return f"expected a JSON string, got {show(value)} ({exc})"
    return None


JSON_TEXT: Final = checker(_json_text_reason)
"""Text that must be JSON (any value), kept as the text sent: ``PreEngagementData``."""


def _decode(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return parse_json_text(value)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"expected a JSON string, got {show(value)} ({exc})") from None


JSON_VALUE: Final = BeforeValidator(_decode)
"""Text decoded as JSON, then checked by the field's type (see ``JsonObjectText``)."""


def max_length(limit: int) -> AfterValidator:
    """Text of at most ``limit`` characters."""
    return checker(
        lambda value: None if len(value) <= limit else f"must be at most {limit} characters, got {len(value)}"
    )


# Common field types.
FormBool = Annotated[bool, FORM_BOOL]
Url = Annotated[str, URL]
JsonText = Annotated[str, JSON_TEXT]
JsonObjectText = Annotated[dict[str, Any], JSON_VALUE]
