"""Interactions over real HTTP: interactions, their channel, participants, invites and JSON transfers."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from tests.emulator.samples import DATE, assert_twilio_error
from tests.support.emulator import EmulatorProcess

KD_SID = re.compile(r"^KD[0-9a-f]{32}$")
UO_SID = re.compile(r"^UO[0-9a-f]{32}$")
MISSING_KD = "KD" + "f" * 32
MISSING_UO = "UO" + "f" * 32
WORKSPACE = "WS" + "0123456789abcdef" * 2
WORKFLOW = "WW" + "0123456789abcdef" * 2
WORKER = "WK" + "0123456789abcdef" * 2
CONTEXT = "HQ" + "0123456789abcdef" * 2
CHANNEL_TYPES = ["voice", "sms", "email", "web", "whatsapp", "chat", "messenger", "gbm"]
ROUTING = {"properties": {"workspace_sid": WORKSPACE, "workflow_sid": WORKFLOW, "attributes": {"vip": True}}}


def create_interaction(
    http: httpx.Client, channel: dict[str, Any] | None = None, **form: str
) -> dict[str, Any]:
    spec = channel if channel is not None else {"type": "sms", "initiated_by": "customer"}
    response = http.post("/v1/Interactions", data={"Channel": json.dumps(spec), **form})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def channel_path(interaction: dict[str, Any]) -> str:
    return f"/v1/Interactions/{interaction['sid']}/Channels/{interaction['channel']['sid']}"


def add_participant(http: httpx.Client, interaction: dict[str, Any], **form: str) -> dict[str, Any]:
    data = {
        "Type": "agent",
        "MediaProperties": json.dumps({"type": "sms", "address": "+15555550100"}),
        **form,
    }
    response = http.post(f"{channel_path(interaction)}/Participants", data=data)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# ------------------------------------------------------------------------------------------ interactions


def test_create_answers_200_with_the_interaction_shape(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.post(
            "/v1/Interactions",
            data={
                "Channel": json.dumps({"type": "email", "initiated_by": "customer", "properties": {"x": 1}}),
                "Routing": json.dumps(ROUTING),
                "InteractionContextSid": CONTEXT,
                "WebhookTtid": "flex_interactionwebhook_01",
            },
        )
    assert response.status_code == 200
    body = response.json()
    # No account_sid and no dates, unlike most Flex resources.
    assert set(body) == {
        "sid",
        "channel",
        "routing",
        "interaction_context_sid",
        "webhook_ttid",
        "url",
        "links",
    }
    assert KD_SID.match(body["sid"])
    assert set(body["channel"]) == {"type", "sid"}
    assert body["channel"]["type"] == "email" and UO_SID.match(body["channel"]["sid"])
    assert body["interaction_context_sid"] == CONTEXT
    assert body["webhook_ttid"] == "flex_interactionwebhook_01"
    url = f"{flex.base_url}/v1/Interactions/{body['sid']}"
    assert body["url"] == url
    assert body["links"] == {"channels": f"{url}/Channels"}
    routing = body["routing"]
    assert routing["reservation"] is None
    properties = routing["properties"]
    assert (properties["workspace_sid"], properties["workflow_sid"]) == (WORKSPACE, WORKFLOW)
    assert re.match(r"^WT[0-9a-f]{32}$", properties["sid"])
    assert properties["account_sid"] == flex.account_sid
    assert properties["assignment_status"] == "pending"
    assert json.loads(properties["attributes"]) == {"vip": True}  # task attributes are JSON text


def test_routing_and_optional_fields_are_null_when_not_given(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        body = create_interaction(http)
        fetched = http.get(f"/v1/Interactions/{body['sid']}")
    assert (body["routing"], body["interaction_context_sid"], body["webhook_ttid"]) == (None, None, None)
    assert fetched.status_code == 200 and fetched.json() == body


@pytest.mark.parametrize("channel_type", CHANNEL_TYPES)
def test_every_channel_type_opens_a_channel_of_that_type(flex: EmulatorProcess, channel_type: str) -> None:
    with flex.client() as http:
        interaction = create_interaction(http, {"type": channel_type})
        channels = http.get(f"/v1/Interactions/{interaction['sid']}/Channels").json()
    assert [c["type"] for c in channels["channels"]] == [channel_type]
    assert channels["channels"][0]["sid"] == interaction["channel"]["sid"]


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[]",
        '"sms"',
        json.dumps({"initiated_by": "customer"}),
        json.dumps({"type": "facebook"}),  # in the seed's enum, not in Twilio's
        json.dumps({"type": "SMS"}),
        json.dumps({"type": "sms", "properties": "x"}),
        json.dumps({"type": "sms", "initiated_by": 3}),
    ],
)
def test_channel_must_be_a_json_object_with_a_known_type(flex: EmulatorProcess, raw: str) -> None:
    with flex.client() as http:
        response = http.post("/v1/Interactions", data={"Channel": raw})
    assert "Channel" in assert_twilio_error(response, 400, 20001)["message"]


@pytest.mark.parametrize(
    ("form", "parameter"),
    [
        ({}, "Missing required parameter Channel in the post body"),
        ({"Channel": ""}, "Missing required parameter Channel in the post body"),
        ({"Channel": '{"type":"sms"}', "Routing": "{"}, "Routing"),
        ({"Channel": '{"type":"sms"}', "Routing": "[1]"}, "Routing"),
        ({"Channel": '{"type":"sms"}', "Routing": '{"properties": 1}'}, "Routing"),
        ({"Channel": '{"type":"sms"}', "InteractionContextSid": "HQ1"}, "InteractionContextSid"),
    ],
)
def test_create_validation(flex: EmulatorProcess, form: dict[str, str], parameter: str) -> None:
    with flex.client() as http:
        response = http.post("/v1/Interactions", data=form)
    assert parameter in assert_twilio_error(response, 400, 20001)["message"]


def test_a_json_body_is_a_415(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.post("/v1/Interactions", json={"channel": {"type": "sms"}})
    assert_twilio_error(response, 415, 20415)


def test_update_sets_only_the_webhook_ttid(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http, Routing=json.dumps(ROUTING))
        path = f"/v1/Interactions/{interaction['sid']}"
        updated = http.post(path, data={"WebhookTtid": "flex_interactionwebhook_02", "Routing": "{}"})
        cleared = http.post(path, data={"WebhookTtid": ""})
    assert updated.status_code == 200
    assert updated.json() == {**interaction, "webhook_ttid": "flex_interactionwebhook_02"}
    assert cleared.json()["webhook_ttid"] is None


def test_no_list_and_no_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        listed = http.get("/v1/Interactions")
        deleted = http.delete(f"/v1/Interactions/{interaction['sid']}")
        still = http.get(f"/v1/Interactions/{interaction['sid']}")
    assert_twilio_error(listed, 405, 20004)
    assert listed.headers["allow"] == "POST"
    assert_twilio_error(deleted, 405, 20004)
    assert still.status_code == 200


@pytest.mark.parametrize("sid", [MISSING_KD, "KD123", "UO" + "0" * 32])
def test_unknown_interaction_is_404_everywhere(flex: EmulatorProcess, sid: str) -> None:
    with flex.client() as http:
        responses = [
            http.get(f"/v1/Interactions/{sid}"),
            http.post(f"/v1/Interactions/{sid}", data={"WebhookTtid": "x"}),
            http.get(f"/v1/Interactions/{sid}/Channels"),
            http.get(f"/v1/Interactions/{sid}/Channels/{MISSING_UO}"),
            http.get(f"/v1/Interactions/{sid}/Channels/{MISSING_UO}/Participants"),
        ]
    for response in responses:
        body = assert_twilio_error(response, 404, 20404)
        assert body["message"].startswith(f"The requested resource /Interactions/{sid}")


# ---------------------------------------------------------------------------------------------- channels


def test_channel_fetch_and_list(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http, {"type": "chat", "initiated_by": "customer"})
        fetched = http.get(channel_path(interaction))
        listed = http.get(f"/v1/Interactions/{interaction['sid']}/Channels").json()
    assert fetched.status_code == 200
    channel = fetched.json()
    url = f"{flex.base_url}{channel_path(interaction)}"
    assert channel == {
        "sid": interaction["channel"]["sid"],
        "interaction_sid": interaction["sid"],
        "type": "chat",
        "status": "active",
        "error_code": None,
        "error_message": None,
        "url": url,
        "links": {
            "participants": f"{url}/Participants",
            "invites": f"{url}/Invites",
            "transfers": f"{url}/Transfers",
        },
    }
    assert listed["channels"] == [channel]
    assert listed["meta"]["key"] == "channels"
    assert listed["meta"]["url"] == (
        f"{flex.base_url}/v1/Interactions/{interaction['sid']}/Channels?PageSize=50&Page=0"
    )


def test_agent_initiated_channel_starts_in_setup(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http, {"type": "sms", "initiated_by": "agent"})
        channel = http.get(channel_path(interaction)).json()
    assert channel["status"] == "setup"


def test_a_channel_belongs_to_its_interaction(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        first = create_interaction(http)
        second = create_interaction(http)
        crossed = http.get(f"/v1/Interactions/{second['sid']}/Channels/{first['channel']['sid']}")
        crossed_participants = http.get(
            f"/v1/Interactions/{second['sid']}/Channels/{first['channel']['sid']}/Participants"
        )
        listed = http.get(f"/v1/Interactions/{second['sid']}/Channels").json()["channels"]
    assert_twilio_error(crossed, 404, 20404)
    assert_twilio_error(crossed_participants, 404, 20404)
    assert [c["sid"] for c in listed] == [second["channel"]["sid"]]


def test_channel_update_status_rules(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        path = channel_path(interaction)
        no_status = http.post(path, data={})
        wrapup = http.post(path, data={"Status": "wrapup"})
        inactive_no_routing = http.post(path, data={"Status": "inactive"})
        bad_routing = http.post(path, data={"Status": "inactive", "Routing": '{"status": "wrapping"}'})
        inactive = http.post(path, data={"Status": "inactive", "Routing": '{"status": "closed"}'})
        closed = http.post(path, data={"Status": "closed"})
        closed_again = http.post(path, data={"Status": "closed"})
        reopened = http.post(path, data={"Status": "inactive", "Routing": '{"status": "closed"}'})
        final = http.get(path).json()
    assert assert_twilio_error(no_status, 400, 20001)["message"] == (
        "Missing required parameter Status in the post body"
    )
    assert "Status" in assert_twilio_error(wrapup, 400, 20001)["message"]
    assert assert_twilio_error(inactive_no_routing, 400, 20001)["message"] == (
        "Missing required parameter Routing in the post body"
    )
    assert "Routing" in assert_twilio_error(bad_routing, 400, 20001)["message"]
    assert inactive.status_code == 200 and inactive.json()["status"] == "inactive"
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert closed_again.status_code == 200
    assert_twilio_error(reopened, 400, 45008)
    assert final["status"] == "closed"


def test_channels_have_no_create_or_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        create = http.post(f"/v1/Interactions/{interaction['sid']}/Channels", data={"Type": "sms"})
        delete = http.delete(channel_path(interaction))
    assert_twilio_error(create, 405, 20004)
    assert_twilio_error(delete, 405, 20004)


# ------------------------------------------------------------------------------- participants and invites


def test_participant_create_list_and_update(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        base = f"{channel_path(interaction)}/Participants"
        response = http.post(
            base,
            data={
                "Type": "customer",
                "MediaProperties": json.dumps({"level": "to", "address": "ada@example.com", "type": "email"}),
                "RoutingProperties": json.dumps({"worker_sid": WORKER}),
            },
        )
        participant = response.json()
        listed = http.get(base).json()
        wrapup = http.post(f"{base}/{participant['sid']}", data={"Status": "wrapup"})
        closed = http.post(f"{base}/{participant['sid']}", data={"Status": "closed"})
        back = http.post(f"{base}/{participant['sid']}", data={"Status": "wrapup"})
        fetch = http.get(f"{base}/{participant['sid']}")
    assert response.status_code == 200  # not 201
    assert re.match(r"^UT[0-9a-f]{32}$", participant["sid"])
    assert participant == {
        "sid": participant["sid"],
        "channel_sid": interaction["channel"]["sid"],
        "interaction_sid": interaction["sid"],
        "type": "customer",
        "routing_properties": {"worker_sid": WORKER},
        "url": f"{flex.base_url}{base}/{participant['sid']}",
    }
    assert listed["participants"] == [participant] and listed["meta"]["key"] == "participants"
    assert wrapup.status_code == 200 and wrapup.json() == participant
    assert closed.status_code == 200
    assert_twilio_error(back, 400, 45008)
    assert_twilio_error(fetch, 405, 20004)


@pytest.mark.parametrize(
    ("form", "parameter"),
    [
        ({"MediaProperties": "{}"}, "Missing required parameter Type in the post body"),
        ({"Type": "agent"}, "Missing required parameter MediaProperties in the post body"),
        ({"Type": "bot", "MediaProperties": "{}"}, "Type"),
        ({"Type": "agent", "MediaProperties": "{x}"}, "MediaProperties"),
        ({"Type": "agent", "MediaProperties": "{}", "RoutingProperties": "[]"}, "RoutingProperties"),
    ],
)
def test_participant_validation(flex: EmulatorProcess, form: dict[str, str], parameter: str) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        response = http.post(f"{channel_path(interaction)}/Participants", data=form)
    assert parameter in assert_twilio_error(response, 400, 20001)["message"]


def test_participant_update_validation(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        participant = add_participant(http, interaction)
        base = f"{channel_path(interaction)}/Participants"
        missing = http.post(f"{base}/{participant['sid']}", data={})
        bad = http.post(f"{base}/{participant['sid']}", data={"Status": "active"})
        unknown = http.post(f"{base}/UT{'f' * 32}", data={"Status": "closed"})
    assert "Status" in assert_twilio_error(missing, 400, 20001)["message"]
    assert "Status" in assert_twilio_error(bad, 400, 20001)["message"]
    assert_twilio_error(unknown, 404, 20404)


def test_invites_create_and_list(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        base = f"{channel_path(interaction)}/Invites"
        response = http.post(base, data={"Routing": json.dumps(ROUTING)})
        missing = http.post(base, data={})
        bad = http.post(base, data={"Routing": "nope"})
        listed = http.get(base).json()
    assert response.status_code == 200
    invite = response.json()
    assert set(invite) == {"sid", "channel_sid", "interaction_sid", "routing", "url"}
    assert re.match(r"^KG[0-9a-f]{32}$", invite["sid"])
    assert (invite["channel_sid"], invite["interaction_sid"]) == (
        interaction["channel"]["sid"],
        interaction["sid"],
    )
    assert invite["routing"]["properties"]["workflow_sid"] == WORKFLOW
    assert re.match(r"^WT[0-9a-f]{32}$", invite["routing"]["properties"]["sid"])
    assert invite["url"] == f"{flex.base_url}{base}/{invite['sid']}"
    assert assert_twilio_error(missing, 400, 20001)["message"] == (
        "Missing required parameter Routing in the post body"
    )
    assert "Routing" in assert_twilio_error(bad, 400, 20001)["message"]
    assert listed["invites"] == [invite] and listed["meta"]["key"] == "invites"


def test_interaction_flow_create_channel_participant_invite_close(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http, Routing=json.dumps(ROUTING))
        channels = http.get(interaction["links"]["channels"]).json()["channels"]
        channel = channels[0]
        customer = add_participant(http, interaction, Type="customer")
        invite = http.post(channel["links"]["invites"], data={"Routing": json.dumps(ROUTING)})
        agent = add_participant(http, interaction, Type="agent")
        closed = http.post(channel["url"], data={"Status": "closed"})
        late_participant = http.post(
            channel["links"]["participants"], data={"Type": "agent", "MediaProperties": "{}"}
        )
        late_invite = http.post(channel["links"]["invites"], data={"Routing": "{}"})
        participants = http.get(channel["links"]["participants"]).json()["participants"]
        final = http.get(interaction["url"]).json()
    assert len(channels) == 1 and channel["status"] == "active"
    assert invite.status_code == 200
    assert closed.json()["status"] == "closed"
    assert_twilio_error(late_participant, 400, 45008)
    assert_twilio_error(late_invite, 400, 45008)
    assert [p["sid"] for p in participants] == [customer["sid"], agent["sid"]]
    assert final == interaction
    requests = flex.stats()["requests"]
    assert requests["POST /v1/Interactions"] == 1
    assert requests["POST /v1/Interactions/{InteractionSid}/Channels/{ChannelSid}/Participants"] == 3
    assert requests["POST /v1/Interactions/{InteractionSid}/Channels/{ChannelSid}/Invites"] == 2
    assert requests["POST /v1/Interactions/{InteractionSid}/Channels/{Sid}"] == 1


# --------------------------------------------------------------------------------------------- transfers


def test_transfer_create_fetch_update_with_json_bodies(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        agent = add_participant(http, interaction)
        base = f"{channel_path(interaction)}/Transfers"
        created = http.post(base, json={"type": "warm", "from": agent["sid"], "to": WORKER})
        transfer = created.json()
        fetched = http.get(f"{base}/{transfer['sid']}")
        note = "KQ" + "1" * 32
        updated = http.post(f"{base}/{transfer['sid']}", json={"status": "completed", "note_sid": note})
        reopened = http.post(f"{base}/{transfer['sid']}", json={"status": "active"})
        same = http.post(f"{base}/{transfer['sid']}", json={"status": "completed"})
    assert created.status_code == 201
    assert re.match(r"^UX[0-9a-f]{32}$", transfer["sid"])
    assert transfer == {
        "sid": transfer["sid"],
        "account_sid": flex.account_sid,
        "instance_sid": transfer["instance_sid"],
        "interaction_sid": interaction["sid"],
        "channel_sid": interaction["channel"]["sid"],
        "execution_sid": transfer["execution_sid"],
        "type": "warm",
        "status": "active",
        "from": agent["sid"],
        "to": WORKER,
        "note_sid": None,
        "summary_sid": None,
        "url": f"{flex.base_url}{base}/{transfer['sid']}",
        "date_created": transfer["date_created"],
        "date_updated": transfer["date_updated"],
    }
    assert re.match(r"^GO[0-9a-f]{32}$", transfer["instance_sid"])
    assert re.match(r"^QW[0-9a-f]{32}$", transfer["execution_sid"])
    assert DATE.match(transfer["date_created"])
    assert fetched.status_code == 200 and fetched.json() == transfer
    assert updated.status_code == 200
    assert (updated.json()["status"], updated.json()["note_sid"]) == ("completed", note)
    assert_twilio_error(reopened, 400, 45008)
    assert same.status_code == 200


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({}, "Missing required parameter type in the post body"),
        ({"type": "cold", "to": WORKER}, "Missing required parameter from in the post body"),
        ({"type": "cold", "from": "@participant"}, "Missing required parameter to in the post body"),
        ({"type": "hot", "from": "@participant", "to": WORKER}, "type"),
        ({"type": "cold", "from": "UT" + "f" * 32, "to": WORKER}, "from"),
        ({"type": "cold", "from": "WK" + "f" * 32, "to": WORKER}, "from"),
        ({"type": "cold", "from": "@participant", "to": 7}, "to"),
        ({"type": "cold", "from": "@participant", "to": WORKER, "note_sid": "KQ1"}, "note_sid"),
    ],
)
def test_transfer_validation(flex: EmulatorProcess, body: dict[str, Any], parameter: str) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        agent = add_participant(http, interaction)
        sent = {key: (agent["sid"] if value == "@participant" else value) for key, value in body.items()}
        response = http.post(f"{channel_path(interaction)}/Transfers", json=sent)
    assert parameter in assert_twilio_error(response, 400, 20001)["message"]


def test_transfer_body_encoding(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        interaction = create_interaction(http)
        agent = add_participant(http, interaction)
        base = f"{channel_path(interaction)}/Transfers"
        as_form = http.post(base, data={"type": "cold", "from": agent["sid"], "to": WORKER})
        not_object = http.post(base, json=["cold"])
        malformed = http.post(base, content=b"{", headers={"Content-Type": "application/json"})
        listed = http.get(base)
        unknown = http.get(f"{base}/UX{'f' * 32}")
    assert_twilio_error(as_form, 415, 20415)
    assert_twilio_error(not_object, 400, 20001)
    assert_twilio_error(malformed, 400, 20001)
    assert_twilio_error(listed, 405, 20004)  # there is no transfer list
    assert_twilio_error(unknown, 404, 20404)


def test_no_transfer_from_a_participant_of_another_channel_or_on_a_closed_channel(
    flex: EmulatorProcess,
) -> None:
    with flex.client() as http:
        first = create_interaction(http)
        second = create_interaction(http)
        stranger = add_participant(http, first)
        local = add_participant(http, second)
        crossed = http.post(
            f"{channel_path(second)}/Transfers", json={"type": "cold", "from": stranger["sid"], "to": WORKER}
        )
        http.post(channel_path(second), data={"Status": "closed"})
        closed = http.post(
            f"{channel_path(second)}/Transfers", json={"type": "cold", "from": local["sid"], "to": WORKER}
        )
    assert "from" in assert_twilio_error(crossed, 400, 20001)["message"]
    assert_twilio_error(closed, 400, 45008)


# ------------------------------------------------------------------------------------- official client


class TransferBody:
    """What twilio-python expects for a JSON body: an object with ``to_dict``."""

    def __init__(self, **values: Any) -> None:
        self.values = values

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)


def test_official_client_round_trip(flex: EmulatorProcess) -> None:
    client = Client(flex.account_sid, flex.auth_token)
    client.flex_api.base_url = flex.base_url
    interactions = client.flex_api.v1.interaction
    created = interactions.create(
        channel={"type": "whatsapp", "initiated_by": "api", "properties": {"type": "whatsapp"}},
        routing=ROUTING,
    )
    assert created.sid is not None and KD_SID.match(created.sid)
    assert created.channel["type"] == "whatsapp"
    assert created.routing["properties"]["workflow_sid"] == WORKFLOW
    assert interactions(created.sid).fetch().links == {"channels": f"{created.url}/Channels"}
    assert interactions(created.sid).update(webhook_ttid="flex_interactionwebhook_9").webhook_ttid == (
        "flex_interactionwebhook_9"
    )

    channels = interactions(created.sid).channels.list()
    assert [(c.sid, c.type, c.status) for c in channels] == [(created.channel["sid"], "whatsapp", "active")]
    channel = interactions(created.sid).channels(created.channel["sid"])
    participant = channel.participants.create(
        type="agent", media_properties={"type": "whatsapp"}, routing_properties={"worker_sid": WORKER}
    )
    assert participant.type == "agent" and participant.routing_properties == {"worker_sid": WORKER}
    assert [p.sid for p in channel.participants.list()] == [participant.sid]
    invite = channel.invites.create(routing=ROUTING)
    assert invite.sid is not None and invite.sid.startswith("KG")
    assert [i.sid for i in channel.invites.list()] == [invite.sid]

    transfer = channel.transfers.create(
        body=TransferBody(type="cold", to=WORKER, **{"from": participant.sid})
    )
    assert transfer.sid is not None and transfer.status == "active"
    assert transfer.date_created is not None
    done = channel.transfers(transfer.sid).update(body=TransferBody(status="completed"))
    assert done.status == "completed"
    assert channel.transfers(transfer.sid).fetch().status == "completed"

    assert channel.participants(participant.sid).update(status="closed").sid == participant.sid
    closed = channel.update(status="inactive", routing={"status": "closed"})
    assert closed.status == "inactive"
    with pytest.raises(TwilioRestException) as info:
        channel.update(status="wrapup")
    assert (info.value.status, info.value.code) == (400, 20001)
