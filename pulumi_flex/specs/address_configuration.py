"""AddressConfiguration (``IG``): how messages to an address (a number, a WhatsApp sender…)
start Conversations: through a Studio flow, a webhook or the default service.

``type``, ``address`` and ``address_country`` cannot change after create; an update takes
``friendly_name`` and ``auto_creation`` (docs/twilio-api-notes.md §12.4). Listings page 50 at a
time at most.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from .base import CreateOnly, Discovery, Ref, ResourceSpec, SpecModel, http_url, sid

AddressType = Literal["sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat"]


class AddressConfigurationAutoCreation(SpecModel):
    """``auto_creation``: studio needs ``studio_flow_sid``; webhook needs ``webhook_url``."""

    enabled: Annotated[bool | None, Field(description="Whether new messages start a conversation.")] = None
    type: Annotated[
        Literal["webhook", "studio", "default"] | None,
        Field(description="What handles a new conversation: webhook, studio or default."),
    ] = None
    conversation_service_sid: Annotated[
        str | None,
        sid("IS", "Conversation Service"),
        Field(description="The conversation service (``IS…``) of new conversations."),
    ] = None
    studio_flow_sid: Annotated[
        str | None,
        sid("FW", "Studio Flow"),
        Ref("StudioFlow"),
        Field(description="The Studio flow (``FW…``) that handles new conversations (studio)."),
    ] = None
    studio_retry_count: Annotated[
        int | None, Field(ge=0, le=3, description="How many times to retry the Studio flow, 0 to 3.")
    ] = None
    webhook_url: Annotated[
        str | None, AfterValidator(http_url), Field(description="The webhook told about new conversations.")
    ] = None
    webhook_method: Annotated[
        Literal["GET", "POST"] | None, Field(description="The webhook's HTTP method.")
    ] = None
    webhook_filters: Annotated[
        list[str] | None, Field(description="The events sent to the webhook, e.g. ``onMessageAdded``.")
    ] = None


class AddressConfigurationInputs(SpecModel):
    """The inputs of an address configuration."""

    type: Annotated[AddressType, CreateOnly(), Field(description="The kind of address: sms, whatsapp…")]
    address: Annotated[
        str, Field(min_length=1, description="The address, e.g. a phone number in E.164."), CreateOnly()
    ]
    friendly_name: Annotated[str | None, Field(description="A name for the configuration.")] = None
    auto_creation: Annotated[
        AddressConfigurationAutoCreation | None, Field(description="How new conversations start.")
    ] = None
    address_country: Annotated[
        str | None,
        CreateOnly(),
        Field(description="The address's country (ISO 3166-1 alpha-2), e.g. ``US``."),
    ] = None


_NEEDS = {"studio": ("studio_flow_sid",), "webhook": ("webhook_url",)}


def auto_creation_matches_type(inputs: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Each ``auto_creation.type`` needs its own fields."""
    auto = inputs.get("auto_creation")
    if not isinstance(auto, Mapping):
        return
    kind = auto.get("type")
    for name in _NEEDS.get(kind, ()) if isinstance(kind, str) else ():
        if auto.get(name) is None:
            yield (
                f"auto_creation.{name}",
                f"is required when auto_creation.type is {kind!r}: set auto_creation.{name}",
            )


ADDRESS_CONFIGURATION = ResourceSpec(
    name="AddressConfiguration",
    client_attr="address_configurations",
    service="conversations",
    doc="""A Conversations address configuration (``IG…``): how messages to an address start
    conversations, usually through a Studio flow that sends them to Flex.

    ``friendly_name`` and ``auto_creation`` update in place; a new ``type``, ``address`` or
    ``address_country`` replaces it. Destroy deletes it.""",
    inputs=AddressConfigurationInputs,
    collection_path="/v1/Configuration/Addresses",
    list_key="address_configurations",
    sid_prefix="IG",
    sid_description="Address Configuration",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    rules=(auto_creation_matches_type,),
    page_size=50,
    discovery=Discovery(
        section="Conversations", hint=lambda _ctx, r: f"{r.get('type', '')} {r.get('address', '')}"
    ),
)
