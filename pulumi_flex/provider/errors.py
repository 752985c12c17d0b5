"""What the user reads when a provider call fails: a few lines that name the object, Twilio's
code and message, and what to do, with no chained exceptions and no frames from the retry
library or the client.

Pulumi's Python host prints every provider exception with ``traceback.format_exc()``, so the
provider raises a fresh exception ``from None`` at its entry: the block then holds only the
host's frames, the entry's, and this message.
"""

from __future__ import annotations

from ..client.errors import FlexAmbiguousError, FlexApiError, FlexDeadlineError, FlexError, FlexTransportError
from ..specs import ResourceSpec

CREDENTIALS_HINT = (
    "Check the credentials: flex:accountSid with flex:authToken (or flex:apiKey and flex:apiSecret) "
    "in the stack config, else TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and "
    "TWILIO_API_SECRET). `pulumi refresh` and `pulumi destroy` use the settings saved by the last "
    "update: after fixing them, run `pulumi up` or `pulumi refresh --run-program` first."
)
RECOVER_HINT = (
    "Run `pulumi-flex recover` in this project before the next `pulumi up`: it adopts what the API "
    "made into the stack (or removes it), so nothing is created twice."
)
UNREACHABLE_HINT = "Check flex:baseUrl / FLEX_BASE_URL (or flex:region and flex:edge) and the network."


class FlexProviderError(FlexError):
    """A provider call failed; the message is complete and says what to do."""


def hint_for(exc: FlexError, spec: ResourceSpec) -> str:
    """What the user can do about ``exc`` on an object of ``spec``'s kind, or nothing."""
    if isinstance(exc, FlexAmbiguousError):
        return RECOVER_HINT
    if isinstance(exc, FlexApiError):
        if exc.status == 401 or exc.code == 20003:
            return CREDENTIALS_HINT
        if exc.status == 409 and spec.delete_mode == "archive":
            taken = ", ".join(f.name for f in spec.fields if f.create_only and f.required) or "its name"
            return (
                f"Twilio keeps the {taken} of an archived {spec.name} taken for good (`pulumi destroy` "
                f"archives, and archiving is permanent): choose a new {taken}."
            )
    if isinstance(exc, FlexTransportError) and not exc.sent:
        return UNREACHABLE_HINT
    if isinstance(exc, FlexDeadlineError) and "cannot reach" in str(exc):
        return UNREACHABLE_HINT
    return ""


def details_of(exc: FlexError, most: int = 5) -> str:
    """The itemised errors some APIs add to their error body (Studio lists each problem of a flow
    definition), shortened to what the user needs: where, and what."""
    details = exc.details if isinstance(exc, FlexApiError) else None
    errors = details.get("errors") if isinstance(details, dict) else None
    if not isinstance(errors, list) or not errors:
        return ""
    lines = []
    for error in errors[:most]:
        if isinstance(error, dict):
            where = error.get("property_path") or error.get("path") or ""
            lines.append(
                f"\n  - {where}: {error.get('message', error)}"
                if where
                else f"\n  - {error.get('message', error)}"
            )
    more = len(errors) - most
    return "".join(lines) + (f"\n  - and {more} more" if more > 0 else "")


def explain(exc: FlexError, spec: ResourceSpec, action: str) -> FlexProviderError:
    """A short, complete error for a failed ``action`` (create, read…) on a ``spec`` object."""
    if isinstance(exc, FlexProviderError):
        return exc
    hint = hint_for(exc, spec)
    message = f"{action} {spec.name} failed: {exc}" + details_of(exc)
    return FlexProviderError(f"{message}\n{hint}" if hint else message)
