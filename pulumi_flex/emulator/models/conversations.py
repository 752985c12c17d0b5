"""Conversations address configurations (``conversations.twilio.com/v1/Configuration/Addresses``, served
under ``/conversations/v1``; SID ``IG``): state and rules. Source: Twilio's OpenAPI for Conversations v1
(``conversations.v1.configuration_address``) and docs/twilio-api-notes.md §12.4.

* Create: ``Type`` (``sms``, ``whatsapp``, ``messenger``, ``gbm``, ``email``, ``rcs``, ``apple``, ``chat``)
  and ``Address`` are required; ``FriendlyName`` (at most 256 characters), ``AddressCountry`` and the
  ``AutoCreation.*`` settings are optional: ``Enabled`` (default false), ``Type`` (``webhook``, ``studio``,
  ``default``), ``ConversationServiceSid`` (``IS…``), ``WebhookUrl``, ``WebhookMethod`` (``get``/``post``,
  any case; returned upper-case as in Twilio's examples), ``WebhookFilters`` (repeated; each one of
  Twilio's documented events), ``StudioFlowSid`` (``FW…``) and ``StudioRetryCount`` (0 to 3).
* Update: ``FriendlyName`` and ``AutoCreation.*`` only. Each sub-setting sent replaces the stored one and an
  empty value removes it (a single empty ``WebhookFilters`` removes the filters); the rest stays.
* ``auto_creation`` is rendered as a nested snake_case object: ``enabled`` and ``type`` always, the other
  settings when set.
* After a create or an update, ``AutoCreation.Type=studio`` needs ``StudioFlowSid`` and ``webhook`` needs
  ``WebhookUrl``: a 400 naming the missing parameter otherwise.
* ``{Sid}`` is the configuration's SID or its address. ``PageSize`` is at most 50 here, as the spec says
  (more is a 400); the list filter is ``Type``.

Where Twilio's documentation is silent, the emulator decides: a second configuration for an address that
already has one is a **409** with code **20409**; ``StudioFlowSid`` and ``ConversationServiceSid`` are
checked for their form, not for existence.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from pulumi_flex.emulator.models.base import CONVERSATIONS_V1, Collection, Context
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import (
    CLEARABLE,
    NON_EMPTY,
    URL,
    FormBool,
    FormModel,
    form_int,
    max_length,
    one_of,
    sid,
    validate,
)
from pulumi_flex.emulator.wire import Form, JsonObject, conflict, missing_parameter, not_found, sid_pattern

KIND = "conversations_address_configuration"
ADDRESSES_PATH = CONVERSATIONS_V1 + "/Configuration/Addresses"
ADDRESS_TYPES = ("sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat")
AUTO_CREATION_TYPES = ("webhook", "studio", "default")
WEBHOOK_METHODS = ("GET", "POST")
WEBHOOK_FILTERS = (
    "onMessageAdded",
    "onMessageUpdated",
    "onMessageRemoved",
    "onConversationUpdated",
    "onConversationStateUpdated",
    "onConversationRemoved",
    "onParticipantAdded",
    "onParticipantUpdated",
    "onParticipantRemoved",
    "onDeliveryUpdated",
)
MAX_PAGE_SIZE = 50
FRIENDLY_NAME_MAX = 256
ADDRESS_SID = sid_pattern("IG")
# The auto_creation settings in rendering order, with their wire names.
AUTO_CREATION = (
    ("enabled", "AutoCreation.Enabled"),
    ("type", "AutoCreation.Type"),
    ("conversation_service_sid", "AutoCreation.ConversationServiceSid"),
    ("webhook_url", "AutoCreation.WebhookUrl"),
    ("webhook_method", "AutoCreation.WebhookMethod"),
    ("webhook_filters", "AutoCreation.WebhookFilters"),
    ("studio_flow_sid", "AutoCreation.StudioFlowSid"),
    ("studio_retry_count", "AutoCreation.StudioRetryCount"),
)
REQUIRED_BY_TYPE = {"studio": "studio_flow_sid", "webhook": "webhook_url"}
WIRE_NAMES = dict(AUTO_CREATION)

WRITE_LOCK = threading.Lock()  # one configuration per address: check and insert together


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _filters(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    kept = [value for value in values if value != ""]
    for value in kept:
        if value not in WEBHOOK_FILTERS:
            raise ValueError(f"{value[:60]!r} is not one of {', '.join(WEBHOOK_FILTERS)}")
    return kept


class AutoCreationParams(FormModel):
    """An update: ``FriendlyName`` and the ``AutoCreation.*`` settings, all optional."""

    friendly_name: Annotated[str | None, max_length(FRIENDLY_NAME_MAX), CLEARABLE] = None
    enabled: FormBool | None = Field(None, alias="AutoCreation.Enabled")
    type: Annotated[str | None, one_of(AUTO_CREATION_TYPES), CLEARABLE] = Field(
        None, alias="AutoCreation.Type"
    )
    conversation_service_sid: Annotated[str | None, sid("IS"), CLEARABLE] = Field(
        None, alias="AutoCreation.ConversationServiceSid"
    )
    webhook_url: Annotated[str | None, URL, CLEARABLE] = Field(None, alias="AutoCreation.WebhookUrl")
    webhook_method: Annotated[str | None, BeforeValidator(_upper), one_of(WEBHOOK_METHODS), CLEARABLE] = (
        Field(None, alias="AutoCreation.WebhookMethod")
    )
    webhook_filters: Annotated[list[str] | None, AfterValidator(_filters)] = Field(
        None, alias="AutoCreation.WebhookFilters"
    )
    studio_flow_sid: Annotated[str | None, sid("FW"), CLEARABLE] = Field(
        None, alias="AutoCreation.StudioFlowSid"
    )
    studio_retry_count: Annotated[int | None, form_int(0, 3), CLEARABLE] = Field(
        None, alias="AutoCreation.StudioRetryCount"
    )


class NewAddressConfiguration(AutoCreationParams):
    """A create: ``Type`` and ``Address`` are required."""

    address_type: Annotated[str, one_of(ADDRESS_TYPES)] = Field(alias="Type")
    address: Annotated[str, NON_EMPTY]
    address_country: Annotated[str | None, CLEARABLE] = None


class AddressFilter(FormModel):
    """The list filter: ``Type``, an exact match."""

    type: Annotated[str | None, CLEARABLE] = None


def merge_auto_creation(current: dict[str, Any], params: AutoCreationParams) -> dict[str, Any]:
    """The stored settings with those sent applied: a value replaces, an empty value removes."""
    merged = dict(current)
    for field in params.model_fields_set & set(WIRE_NAMES):
        value = getattr(params, field)
        if value is None or value == []:
            merged.pop(field, None)
        else:
            merged[field] = value
    return merged


def check_auto_creation(auto_creation: dict[str, Any]) -> None:
    """``studio`` needs a flow and ``webhook`` a URL: a 400 naming the missing parameter otherwise."""
    needed = REQUIRED_BY_TYPE.get(auto_creation.get("type") or "")
    if needed is not None and auto_creation.get(needed) is None:
        raise missing_parameter(WIRE_NAMES[needed])


class AddressConfigurations(Collection):
    """``/conversations/v1/Configuration/Addresses`` (``IG``): one per address, named by SID or address."""

    kind = KIND
    sid_prefix = "IG"
    list_path = ADDRESSES_PATH
    list_key = "address_configurations"
    filters = AddressFilter
    max_page_size = MAX_PAGE_SIZE

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """Create under the lock, so two configurations of one address cannot both pass the check."""
        with WRITE_LOCK:
            return super().create(form, ctx)

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """The parameters; the auto-creation rules must hold and the address must be free (409)."""
        params = validate(NewAddressConfiguration, form)
        auto_creation = merge_auto_creation({"enabled": False}, params)
        auto_creation.setdefault("enabled", False)
        check_auto_creation(auto_creation)
        taken = self.store.first(self.kind, ctx.account_sid, where={"address": params.address})
        if taken is not None:
            raise conflict(f"Address {params.address[:60]!r} already has a configuration: {taken['sid']}")
        return {
            "type": params.address_type,
            "address": params.address,
            "friendly_name": params.friendly_name,
            "address_country": params.address_country,
            "auto_creation": auto_creation,
        }

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``FriendlyName`` and ``AutoCreation.*`` merged into the stored settings, then checked."""
        params = validate(AutoCreationParams, form)
        auto_creation = merge_auto_creation(doc.get("auto_creation") or {}, params)
        auto_creation.setdefault("enabled", False)
        check_auto_creation(auto_creation)
        changes: Doc = {"auto_creation": auto_creation}
        if "friendly_name" in params.model_fields_set:
            changes["friendly_name"] = params.friendly_name
        return changes

    def require(self, sid: str, ctx: Context) -> Doc:
        """The configuration named by SID or by address, or a 404."""
        doc = self.store.get(self.kind, ctx.account_sid, sid) if ADDRESS_SID.match(sid) else None
        if doc is None:
            doc = self.store.first(self.kind, ctx.account_sid, where={"address": sid})
        if doc is None:
            raise not_found(self.instance_path(sid))
        return doc

    def delete(self, sid: str, ctx: Context) -> None:
        """Delete the configuration named by SID or by address."""
        doc = self.require(sid, ctx)
        if not self.store.delete(self.kind, ctx.account_sid, doc["sid"]):
            raise not_found(self.instance_path(sid))

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A configuration with ``auto_creation`` as a nested object."""
        stored = doc.get("auto_creation") or {}
        auto_creation: JsonObject = {"enabled": stored.get("enabled", False), "type": stored.get("type")}
        for field, _ in AUTO_CREATION[2:]:
            if stored.get(field) is not None:
                auto_creation[field] = stored[field]
        return {
            "account_sid": doc["account_sid"],
            "sid": doc["sid"],
            "address": doc["address"],
            "type": doc["type"],
            "friendly_name": doc.get("friendly_name"),
            "address_country": doc.get("address_country"),
            "auto_creation": auto_creation,
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "url": self.instance_url(doc["sid"], ctx),
        }
