"""Typed methods for Flex runtime objects that are not resources: Interactions, with their
channels, invites, participants and transfers. Chat Channels use the generic ``Collection``
(``client.channels``) and the account's Configuration the generic ``Singleton``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .flex_client import FlexClient, Record

InteractionChannelStatus = Literal["closed", "inactive"]
ParticipantType = Literal["agent", "customer", "supervisor", "external", "unknown"]


def _json(value: Mapping[str, Any] | str) -> str:
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def _form(**values: Any) -> list[tuple[str, str]]:
    return [(key, str(value)) for key, value in values.items() if value is not None]


class Interactions:
    """``/v1/Interactions``: create, fetch and update interactions and act on their channels."""

    def __init__(self, client: FlexClient) -> None:
        self.client = client

    def _post(self, path: str, **form: Any) -> Record:
        record = self.client.request("POST", path, form=_form(**form))
        assert record is not None
        return record

    def _get(self, path: str) -> Record:
        record = self.client.request("GET", path)
        assert record is not None
        return record

    def create(
        self,
        channel: Mapping[str, Any] | str,
        routing: Mapping[str, Any] | str | None = None,
        *,
        interaction_context_sid: str | None = None,
        webhook_ttid: str | None = None,
    ) -> Record:
        """Create an interaction and its one channel (``channel``: ``type``, ``initiated_by``,
        ``properties``); ``routing`` creates its TaskRouter task. Mappings are sent as JSON text."""
        return self._post(
            "/v1/Interactions",
            Channel=_json(channel),
            Routing=None if routing is None else _json(routing),
            InteractionContextSid=interaction_context_sid,
            WebhookTtid=webhook_ttid,
        )

    def fetch(self, sid: str) -> Record:
        """The interaction ``sid`` (``KD…``)."""
        return self._get(f"/v1/Interactions/{sid}")

    def update(self, sid: str, *, webhook_ttid: str) -> Record:
        """Set the interaction's ``webhook_ttid``, the only field an update takes."""
        return self._post(f"/v1/Interactions/{sid}", WebhookTtid=webhook_ttid)

    def channels(self, interaction_sid: str) -> Iterator[Record]:
        """Every channel (``UO…``) of the interaction."""
        return self.client.paginate(f"/v1/Interactions/{interaction_sid}/Channels", "channels")

    def fetch_channel(self, interaction_sid: str, channel_sid: str) -> Record:
        """One channel (``UO…``) of the interaction."""
        return self._get(f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}")

    def update_channel(
        self,
        interaction_sid: str,
        channel_sid: str,
        status: InteractionChannelStatus,
        routing: Mapping[str, Any] | str | None = None,
    ) -> Record:
        """Set a channel ``closed`` or ``inactive``; ``inactive`` needs ``routing``, which closes its task."""
        return self._post(
            f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}",
            Status=status,
            Routing=None if routing is None else _json(routing),
        )

    def invite(self, interaction_sid: str, channel_sid: str, routing: Mapping[str, Any] | str) -> Record:
        """Invite to the channel: ``routing`` describes the TaskRouter task to create."""
        path = f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}/Invites"
        return self._post(path, Routing=_json(routing))

    def invites(self, interaction_sid: str, channel_sid: str) -> Iterator[Record]:
        """Every invite (``KG…``) of the channel."""
        path = f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}/Invites"
        return self.client.paginate(path, "invites")

    def add_participant(
        self,
        interaction_sid: str,
        channel_sid: str,
        type: ParticipantType,
        media_properties: Mapping[str, Any] | str,
        routing_properties: Mapping[str, Any] | str | None = None,
    ) -> Record:
        """Add a participant of ``type`` to the channel; ``media_properties`` say how it is reached."""
        return self._post(
            f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}/Participants",
            Type=type,
            MediaProperties=_json(media_properties),
            RoutingProperties=None if routing_properties is None else _json(routing_properties),
        )

    def participants(self, interaction_sid: str, channel_sid: str) -> Iterator[Record]:
        """Every participant (``UT…``) of the channel."""
        path = f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}/Participants"
        return self.client.paginate(path, "participants")

    def update_participant(
        self,
        interaction_sid: str,
        channel_sid: str,
        participant_sid: str,
        status: Literal["closed", "wrapup"],
    ) -> Record:
        """Move a participant to ``closed`` or ``wrapup``; a closed one cannot go back."""
        path = f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}/Participants/{participant_sid}"
        return self._post(path, Status=status)

    def transfer(self, interaction_sid: str, channel_sid: str, body: Mapping[str, Any]) -> Record:
        """Transfers take JSON bodies, unlike the rest of the Interactions API."""
        path = f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}/Transfers"
        record = self.client.request("POST", path, json=dict(body))
        assert record is not None
        return record

    def fetch_transfer(self, interaction_sid: str, channel_sid: str, transfer_sid: str) -> Record:
        """One transfer (``UX…``) of the channel."""
        return self._get(
            f"/v1/Interactions/{interaction_sid}/Channels/{channel_sid}/Transfers/{transfer_sid}"
        )
