"""Flex Interactions (``/v1/Interactions``, SID ``KD``) and their channels (``UO``), invites (``KG``),
participants (``UT``) and transfers (``UX``): state and rules.

Source: docs/twilio-api-notes.md §8 and ``flex.v1.interaction*`` in Twilio's OpenAPI (not the seed document,
which gets the encoding, the status codes and the channel types wrong; §10 items 24-28).

* ``POST /v1/Interactions`` is form-encoded: ``Channel`` (required JSON text ``{"type", "initiated_by",
  "properties"}``), ``Routing`` (JSON text), ``InteractionContextSid`` (``HQ…``), ``WebhookTtid``; it answers
  **200**. It opens the interaction's one channel, of the channel's type. There is no list and no delete; an
  update sets only ``WebhookTtid``. An interaction has no ``account_sid`` and no dates.
* Channels are listed (key ``channels``), fetched, and updated with a required ``Status`` (``closed`` or
  ``inactive``) and ``Routing`` JSON (required for ``inactive``).
* Invites (list, create with required ``Routing`` JSON; **200**) and participants (list, create with ``Type``
  and ``MediaProperties`` JSON, optional ``RoutingProperties`` JSON, **200**; update with ``Status``
  ``closed|wrapup``) hang off a channel.
* Transfers take **JSON bodies**: create (**201**), fetch and update; there is no list.

Decisions where the reference is silent:

* A new channel is ``setup`` when the agent initiated the interaction (an outbound contact still being
  established) and ``active`` otherwise.
* Routing is echoed as sent, plus what creating its TaskRouter task adds, as in Twilio's examples:
  ``reservation: null`` and, under ``properties``, the task ``sid`` (``WT…``), ``account_sid``,
  ``assignment_status: "pending"`` and epoch ``date_created``/``date_updated``; ``attributes`` given as an
  object come back as JSON text, as TaskRouter stores them.
* A closed channel stays closed: setting it ``inactive`` again, or adding invites, participants or transfers
  to it, is a 400 with Flex code 45008. A closed participant cannot go back to ``wrapup`` (same error).
  Repeating the current terminal status is an idempotent 200.
* A participant's ``status`` is kept but not rendered (Twilio's participant schema has no status field).
* Transfer bodies: ``type`` (``warm|cold|external``), ``from`` (a participant ``UT…`` of the channel) and
  ``to`` (a non-empty string: worker, queue or address) are required; ``note_sid``/``summary_sid``
  (``KQ…``) are optional. A transfer starts ``active``; an update may set ``status``
  (``active|completed|failed``), ``note_sid`` and ``summary_sid``, and a completed or failed transfer cannot
  change status.
  ``instance_sid`` is the account's Flex instance (a ``GO…`` derived from the account SID) and
  ``execution_sid`` a fresh ``QW…``.
* Unknown or malformed parent SIDs in the path are 404s quoting the parent's path.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from collections.abc import Mapping
from typing import Annotated, Self

from pydantic import AfterValidator, Field

from pulumi_flex.emulator.models.base import Collection, Context, Operation, new_sid, now
from pulumi_flex.emulator.store import Doc, Store
from pulumi_flex.emulator.validation import (
    CLEARABLE,
    NON_EMPTY,
    FormModel,
    JsonModel,
    JsonObjectText,
    one_of,
    sid,
    validate,
)
from pulumi_flex.emulator.wire import (
    Form,
    JsonObject,
    invalid_parameter,
    missing_parameter,
    not_found,
    sid_pattern,
    unprocessable,
)

INTERACTIONS_PATH = "/v1/Interactions"
CHANNELS_PATH = INTERACTIONS_PATH + "/{InteractionSid}/Channels"
CHANNEL_PATH = CHANNELS_PATH + "/{ChannelSid}"

INTERACTION_KIND = "interaction"
CHANNEL_KIND = "interaction_channel"
INVITE_KIND = "interaction_channel_invite"
PARTICIPANT_KIND = "interaction_channel_participant"
TRANSFER_KIND = "interaction_transfer"

CHANNEL_TYPES = ("voice", "sms", "email", "web", "whatsapp", "chat", "messenger", "gbm")
CHANNEL_UPDATE_STATUSES = ("closed", "inactive")
PARTICIPANT_TYPES = ("agent", "customer", "supervisor", "external", "unknown")
PARTICIPANT_UPDATE_STATUSES = ("closed", "wrapup")
TRANSFER_TYPES = ("warm", "cold", "external")
TRANSFER_STATUSES = ("active", "completed", "failed")

INTERACTION_SID = sid_pattern("KD")
CHANNEL_SID = sid_pattern("UO")

INTERACTION_OPERATIONS: frozenset[Operation] = frozenset({"create", "fetch", "update"})
CHANNEL_OPERATIONS: frozenset[Operation] = frozenset({"list", "fetch", "update"})
INVITE_OPERATIONS: frozenset[Operation] = frozenset({"list", "create"})
PARTICIPANT_OPERATIONS: frozenset[Operation] = frozenset({"list", "create", "update"})
TRANSFER_OPERATIONS: frozenset[Operation] = frozenset({"create", "fetch", "update"})


# ------------------------------------------------------------------------------------------- JSON values


def _channel_spec(channel: JsonObject | None) -> JsonObject | None:
    if channel is None:
        return None
    channel_type = channel.get("type")
    if channel_type is None:
        raise ValueError(f'"type" is required, one of {", ".join(CHANNEL_TYPES)}')
    if channel_type not in CHANNEL_TYPES:
        raise ValueError(f'"type" {channel_type!r} is not one of {", ".join(CHANNEL_TYPES)}')
    if "initiated_by" in channel and not isinstance(channel["initiated_by"], str):
        raise ValueError('"initiated_by" must be a string')
    return _routing_spec(channel)


def _routing_spec(routing: JsonObject | None) -> JsonObject | None:
    if routing is not None and "properties" in routing and not isinstance(routing["properties"], dict):
        raise ValueError('"properties" must be a JSON object')
    return routing


CHANNEL_SPEC = AfterValidator(_channel_spec)
"""The ``Channel`` JSON object: a known ``type``; ``properties`` an object when present."""
ROUTING_SPEC = AfterValidator(_routing_spec)
"""A ``Routing`` JSON object: its ``properties``, when present, an object."""


def with_task(routing: JsonObject, ctx: Context) -> JsonObject:
    """Routing as Twilio echoes it once the TaskRouter task exists (see the module notes)."""
    echoed = copy.deepcopy(routing)
    properties = echoed.get("properties")
    if properties is None:
        return echoed
    if isinstance(properties.get("attributes"), dict | list):
        properties["attributes"] = json.dumps(properties["attributes"], separators=(",", ":"))
    epoch = int(time.time())
    properties.update(
        sid=new_sid("WT"),
        account_sid=ctx.account_sid,
        assignment_status="pending",
        date_created=epoch,
        date_updated=epoch,
    )
    return {"reservation": None, **echoed}


def flex_instance_sid(account_sid: str) -> str:
    """The account's Flex instance (``GO…``), stable per account."""
    return "GO" + hashlib.sha256(account_sid.encode("utf-8")).hexdigest()[:32]


# ---------------------------------------------------------------------------------------------- look-ups


def interaction_path(raw: str) -> str:
    """The path of interaction ``raw``, as a 404 quotes it."""
    return f"{INTERACTIONS_PATH}/{raw}"


def require_interaction(store: Store, raw: str, ctx: Context) -> Doc:
    """The caller's interaction ``raw``; a 404 when malformed or unknown."""
    doc = store.get(INTERACTION_KIND, ctx.account_sid, raw) if INTERACTION_SID.match(raw) else None
    if doc is None:
        raise not_found(interaction_path(raw))
    return doc


def require_channel(store: Store, interaction_raw: str, channel_raw: str, ctx: Context) -> Doc:
    """Channel ``channel_raw`` of interaction ``interaction_raw``; a 404 naming the path otherwise."""
    interaction = require_interaction(store, interaction_raw, ctx)
    doc = store.get(CHANNEL_KIND, ctx.account_sid, channel_raw) if CHANNEL_SID.match(channel_raw) else None
    if doc is None or doc.get("interaction_sid") != interaction["sid"]:
        raise not_found(f"{interaction_path(interaction_raw)}/Channels/{channel_raw}")
    return doc


# ------------------------------------------------------------------------------------------ interactions


class InteractionUpdate(FormModel):
    """An update: only ``WebhookTtid``."""

    webhook_ttid: Annotated[str | None, CLEARABLE] = None


class NewInteraction(InteractionUpdate):
    """A create: ``Channel`` is required."""

    channel: Annotated[JsonObjectText, CHANNEL_SPEC]
    routing: Annotated[JsonObjectText | None, ROUTING_SPEC, CLEARABLE] = None
    interaction_context_sid: Annotated[str | None, sid("HQ"), CLEARABLE] = None


class Interactions(Collection):
    """``/v1/Interactions`` (``KD``): create (200), fetch, and update ``WebhookTtid``; no list, no delete."""

    kind = INTERACTION_KIND
    sid_prefix = "KD"
    list_path = INTERACTIONS_PATH
    list_key = "interactions"  # unused: there is no list
    operations = INTERACTION_OPERATIONS
    create_status = 200

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``Channel`` is required; ``Routing`` gets its TaskRouter task; a channel SID is reserved."""
        fields = validate(NewInteraction, form).model_dump()
        if fields["routing"] is not None:
            fields["routing"] = with_task(fields["routing"], ctx)
        fields["channel_sid"] = new_sid("UO")
        return fields

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """Store the interaction and open its channel: ``setup`` if an agent initiated it, else ``active``."""
        doc = self.insert(self.new_fields(form, ctx), ctx)
        channel = doc["channel"]
        stamp = now()
        self.store.insert(
            CHANNEL_KIND,
            ctx.account_sid,
            doc["channel_sid"],
            {
                "sid": doc["channel_sid"],
                "account_sid": ctx.account_sid,
                "interaction_sid": doc["sid"],
                "type": channel["type"],
                "status": "setup" if channel.get("initiated_by") == "agent" else "active",
                "error_code": None,
                "error_message": None,
                "routing": None,
                "date_created": stamp,
                "date_updated": stamp,
            },
            parent=doc["sid"],
        )
        return self.render(doc, ctx)

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """Only ``WebhookTtid`` can change."""
        return validate(InteractionUpdate, form).model_dump(exclude_unset=True)

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """An interaction: its channel's type and SID, routing, context, ``url`` and ``links``."""
        url = self.instance_url(doc["sid"], ctx)
        return {
            "sid": doc["sid"],
            "channel": {"type": doc["channel"]["type"], "sid": doc["channel_sid"]},
            "routing": doc.get("routing"),
            "interaction_context_sid": doc.get("interaction_context_sid"),
            "webhook_ttid": doc.get("webhook_ttid"),
            "url": url,
            "links": {"channels": f"{url}/Channels"},
        }


# -------------------------------------------------------------------------------------- channels


class ChannelUpdate(FormModel):
    """A status change: ``Status``, and ``Routing`` to close the channel's task."""

    status: Annotated[str, one_of(CHANNEL_UPDATE_STATUSES)]
    routing: Annotated[JsonObjectText | None, ROUTING_SPEC, CLEARABLE] = None


class InteractionChannels(Collection):
    """``…/Interactions/{InteractionSid}/Channels`` (``UO``): list, fetch, and status updates."""

    kind = CHANNEL_KIND
    sid_prefix = "UO"
    list_path = CHANNELS_PATH
    list_key = "channels"
    parent_param = "InteractionSid"
    operations = CHANNEL_OPERATIONS

    def resolve_parent(self, raw: str, ctx: Context) -> str:
        """The interaction named in the path; a 404 if the caller has none such."""
        return str(require_interaction(self.store, raw, ctx)["sid"])

    def require(self, sid: str, ctx: Context) -> Doc:
        """The channel, which must belong to the interaction in the path; else a 404."""
        doc = super().require(sid, ctx)
        if doc.get("interaction_sid") != self.parent:
            raise not_found(self.instance_path(sid))
        return doc

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``Status`` (``closed`` or ``inactive``, which needs ``Routing``); a closed channel stays closed."""
        params = validate(ChannelUpdate, form)
        status, routing = params.status, params.routing
        if status == "inactive" and routing is None:
            raise missing_parameter("Routing")
        if routing is not None and routing.get("status", "closed") != "closed":
            raise invalid_parameter("Routing", '"status" can only be "closed"')
        if doc.get("status") == "closed" and status != "closed":
            raise unprocessable(f"Channel {doc['sid']} is closed and cannot become {status}")
        return {"status": status, "routing": routing}

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A channel: type, status, error fields, ``url`` and ``links`` to its sub-resources."""
        url = self.instance_url(doc["sid"], ctx)
        return {
            "sid": doc["sid"],
            "interaction_sid": doc["interaction_sid"],
            "type": doc.get("type"),
            "status": doc.get("status"),
            "error_code": doc.get("error_code"),
            "error_message": doc.get("error_message"),
            "url": url,
            "links": {
                "participants": f"{url}/Participants",
                "invites": f"{url}/Invites",
                "transfers": f"{url}/Transfers",
            },
        }


class ChannelScoped(Collection):
    """A family under ``/v1/Interactions/{InteractionSid}/Channels/{ChannelSid}``: bound to both parents."""

    parent_param = "ChannelSid"

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.interaction_sid = ""
        self.channel: Doc = {}

    def bind(self, path_params: Mapping[str, str], ctx: Context) -> Self:
        """A copy bound to the interaction and channel in the path; a 404 if either is unknown."""
        bound = copy.copy(self)
        channel = require_channel(self.store, path_params["InteractionSid"], path_params["ChannelSid"], ctx)
        bound.channel = channel
        bound.interaction_sid = channel["interaction_sid"]
        bound.parent = channel["sid"]
        return bound

    @property
    def path(self) -> str:
        """The list path with both parent SIDs filled in."""
        return self.list_path.replace("{InteractionSid}", self.interaction_sid).replace(
            "{ChannelSid}", self.parent
        )

    def require(self, sid: str, ctx: Context) -> Doc:
        """The object, which must belong to the channel in the path; else a 404."""
        doc = super().require(sid, ctx)
        if doc.get("channel_sid") != self.parent:
            raise not_found(self.instance_path(sid))
        return doc

    def require_open_channel(self, what: str) -> None:
        """400 / 45008 when the channel is closed: no ``what`` can be added to it."""
        if self.channel.get("status") == "closed":
            raise unprocessable(f"Channel {self.parent} is closed; no {what} can be added to it")

    def scope(self) -> Doc:
        """The parent fields every object of the family stores."""
        return {"interaction_sid": self.interaction_sid, "channel_sid": self.parent}


# ------------------------------------------------------------------------------------- invites


class NewInvite(FormModel):
    """A create: ``Routing`` is required."""

    routing: Annotated[JsonObjectText, ROUTING_SPEC]


class Invites(ChannelScoped):
    """``…/Channels/{ChannelSid}/Invites`` (``KG``): list and create (200)."""

    kind = INVITE_KIND
    sid_prefix = "KG"
    list_path = CHANNEL_PATH + "/Invites"
    list_key = "invites"
    operations = INVITE_OPERATIONS
    create_status = 200

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``Routing`` is required and gets its TaskRouter task; the channel must be open."""
        routing = validate(NewInvite, form).routing
        self.require_open_channel("invites")
        return {**self.scope(), "routing": with_task(routing, ctx)}

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """An invite: its parents, the routing with its task, and ``url``."""
        return {
            "sid": doc["sid"],
            "channel_sid": doc["channel_sid"],
            "interaction_sid": doc["interaction_sid"],
            "routing": doc.get("routing"),
            "url": self.instance_url(doc["sid"], ctx),
        }


# --------------------------------------------------------------------------------- participants


class NewParticipant(FormModel):
    """A create: ``Type`` and ``MediaProperties`` are required."""

    type: Annotated[str, one_of(PARTICIPANT_TYPES)]
    media_properties: JsonObjectText
    routing_properties: Annotated[JsonObjectText | None, CLEARABLE] = None


class ParticipantUpdate(FormModel):
    """A status change: ``Status`` is required."""

    status: Annotated[str, one_of(PARTICIPANT_UPDATE_STATUSES)]


class Participants(ChannelScoped):
    """``…/Channels/{ChannelSid}/Participants`` (``UT``): list, create (200), and status updates."""

    kind = PARTICIPANT_KIND
    sid_prefix = "UT"
    list_path = CHANNEL_PATH + "/Participants"
    list_key = "participants"
    operations = PARTICIPANT_OPERATIONS
    create_status = 200

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``Type`` and ``MediaProperties`` are required; the channel must be open."""
        fields = validate(NewParticipant, form).model_dump()
        self.require_open_channel("participants")
        return {**self.scope(), **fields, "status": "active"}

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``Status`` ``closed`` or ``wrapup``; a closed participant cannot go back to ``wrapup``."""
        status = validate(ParticipantUpdate, form).status
        if doc.get("status") == "closed" and status != "closed":
            raise unprocessable(f"Participant {doc['sid']} is closed and cannot go to {status}")
        return {"status": status}

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A participant: parents, type, routing properties and ``url`` (no status, as in Twilio)."""
        return {
            "sid": doc["sid"],
            "channel_sid": doc["channel_sid"],
            "interaction_sid": doc["interaction_sid"],
            "type": doc.get("type"),
            "routing_properties": doc.get("routing_properties"),
            "url": self.instance_url(doc["sid"], ctx),
        }


# ------------------------------------------------------------------------------------ transfers


class TransferUpdate(JsonModel):
    """A JSON update: ``status``, ``note_sid`` and ``summary_sid``, each optional (null or "": unchanged)."""

    status: Annotated[str | None, one_of(TRANSFER_STATUSES), CLEARABLE] = None
    note_sid: Annotated[str | None, sid("KQ"), CLEARABLE] = None
    summary_sid: Annotated[str | None, sid("KQ"), CLEARABLE] = None


class NewTransfer(JsonModel):
    """A JSON create: ``type``, ``from`` (a participant ``UT…``) and ``to`` are required."""

    type: Annotated[str, one_of(TRANSFER_TYPES)]
    source: Annotated[str, sid("UT")] = Field(alias="from")
    to: Annotated[str, NON_EMPTY]
    note_sid: Annotated[str | None, sid("KQ"), CLEARABLE] = None
    summary_sid: Annotated[str | None, sid("KQ"), CLEARABLE] = None


class Transfers(ChannelScoped):
    """``…/Channels/{ChannelSid}/Transfers`` (``UX``): JSON bodies; create (201), fetch and update."""

    kind = TRANSFER_KIND
    sid_prefix = "UX"
    list_path = CHANNEL_PATH + "/Transfers"
    list_key = "transfers"  # unused: there is no list
    operations = TRANSFER_OPERATIONS
    encoding = "json"

    # JSON family: ``form`` is the decoded JSON body (see Collection.new_fields).
    def new_fields(self, form: object, ctx: Context) -> Doc:
        """Require ``type``, ``from`` (a participant of the channel) and ``to``; the channel must be open."""
        params = validate(NewTransfer, {} if form is None else form)
        participant = self.store.get(PARTICIPANT_KIND, ctx.account_sid, params.source)
        if participant is None or participant.get("channel_sid") != self.parent:
            raise invalid_parameter("from", f"participant {params.source} is not in channel {self.parent}")
        self.require_open_channel("transfers")
        return {
            **self.scope(),
            "instance_sid": flex_instance_sid(ctx.account_sid),
            "execution_sid": new_sid("QW"),
            "type": params.type,
            "status": "active",
            "from": params.source,
            "to": params.to,
            "note_sid": params.note_sid,
            "summary_sid": params.summary_sid,
        }

    def changed_fields(self, doc: Doc, form: object, ctx: Context) -> Doc:
        """``status``, ``note_sid``, ``summary_sid``; a completed or failed transfer keeps its status."""
        changes = validate(TransferUpdate, {} if form is None else form).model_dump(exclude_none=True)
        status = changes.get("status")
        if status is not None and doc.get("status") != "active" and status != doc.get("status"):
            raise unprocessable(f"Transfer {doc['sid']} is {doc.get('status')} and cannot become {status}")
        return changes

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A transfer: parents, instance and execution SIDs, type, status, from/to, notes and dates."""
        return {
            "sid": doc["sid"],
            "account_sid": doc["account_sid"],
            "instance_sid": doc.get("instance_sid"),
            "interaction_sid": doc["interaction_sid"],
            "channel_sid": doc["channel_sid"],
            "execution_sid": doc.get("execution_sid"),
            "type": doc.get("type"),
            "status": doc.get("status"),
            "from": doc.get("from"),
            "to": doc.get("to"),
            "note_sid": doc.get("note_sid"),
            "summary_sid": doc.get("summary_sid"),
            "url": self.instance_url(doc["sid"], ctx),
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
        }
