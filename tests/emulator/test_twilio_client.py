"""Twilio's official Python client works against the emulator with only the host changed."""

from __future__ import annotations

from datetime import datetime

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from tests.emulator.samples import CHAT_SERVICE_SID, FLOW_SID, MISSING_FO_SID
from tests.support.emulator import EmulatorProcess


def twilio_client(flex: EmulatorProcess, *, api_key: bool = False) -> Client:
    if api_key:
        client = Client(flex.api_key, flex.api_secret, flex.account_sid)
    else:
        client = Client(flex.account_sid, flex.auth_token)
    client.flex_api.base_url = flex.base_url  # the only change: every flex-api URL derives from it
    return client


def test_official_client_crud_round_trip(flex: EmulatorProcess) -> None:
    client = twilio_client(flex)
    flows = client.flex_api.v1.flex_flow
    created = flows.create(
        friendly_name="support flow",
        chat_service_sid=CHAT_SERVICE_SID,
        channel_type="sms",
        integration_type="studio",
        integration_flow_sid=FLOW_SID,
        integration_retry_count=1,
        enabled=True,
    )
    assert created.sid is not None and created.sid.startswith("FO")
    assert created.account_sid == flex.account_sid
    assert isinstance(created.date_created, datetime)  # our date format is the one it parses
    assert created.integration == {"flow_sid": FLOW_SID, "retry_count": 1}
    assert created.enabled is True

    fetched = flows(created.sid).fetch()
    assert fetched.friendly_name == "support flow"
    assert fetched.url == f"{flex.base_url}/v1/FlexFlows/{created.sid}"

    updated = flows(created.sid).update(friendly_name="renamed", long_lived=True)
    assert (updated.friendly_name, updated.long_lived) == ("renamed", True)
    assert updated.integration == {"flow_sid": FLOW_SID, "retry_count": 1}

    assert [flow.sid for flow in flows.list(friendly_name="renamed")] == [created.sid]
    assert flows(created.sid).delete() is True
    with pytest.raises(TwilioRestException) as info:
        flows(created.sid).fetch()
    assert (info.value.status, info.value.code) == (404, 20404)


def test_official_client_pages_through_next_page_url(flex: EmulatorProcess) -> None:
    client = twilio_client(flex)
    flows = client.flex_api.v1.flex_flow
    for i in range(5):
        flows.create(friendly_name=f"flow {i}", chat_service_sid=CHAT_SERVICE_SID, channel_type="web")
    listed = flows.list(page_size=2)
    assert [flow.friendly_name for flow in listed] == [f"flow {i}" for i in range(5)]
    assert flex.stats()["requests"]["GET /v1/FlexFlows"] == 3


def test_official_client_with_api_key_and_errors(flex: EmulatorProcess) -> None:
    client = twilio_client(flex, api_key=True)
    flows = client.flex_api.v1.flex_flow
    with pytest.raises(TwilioRestException) as missing:
        flows(MISSING_FO_SID).fetch()
    assert (missing.value.status, missing.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as invalid:
        flows.create(friendly_name="x", chat_service_sid="IS1", channel_type="sms")
    assert (invalid.value.status, invalid.value.code) == (400, 20001)
    assert "ChatServiceSid" in invalid.value.msg
    assert flows.create(friendly_name="x", chat_service_sid=CHAT_SERVICE_SID, channel_type="sms").sid
