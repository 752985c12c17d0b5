"""Sample request bodies and assertions shared by the emulator tests."""

from __future__ import annotations

import re
from typing import Any

import httpx

CHAT_SERVICE_SID = "IS" + "0123456789abcdef" * 2
FLOW_SID = "FW" + "0123456789abcdef" * 2
WORKSPACE_SID = "WS" + "0123456789abcdef" * 2
WORKFLOW_SID = "WW" + "0123456789abcdef" * 2
MISSING_FO_SID = "FO" + "f" * 32

FO_SID = re.compile(r"^FO[0-9a-f]{32}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
REQUEST_ID = re.compile(r"^RQ[0-9a-f]{32}$")


def flow_form(**overrides: str) -> dict[str, str]:
    """A valid FlexFlow create body (studio integration); overrides use wire names, e.g. ChannelType."""
    form = {
        "FriendlyName": "support flow",
        "ChatServiceSid": CHAT_SERVICE_SID,
        "ChannelType": "sms",
        "IntegrationType": "studio",
        "Integration.FlowSid": FLOW_SID,
    }
    form.update(overrides)
    return form


def create_flow(client: httpx.Client, **overrides: str) -> dict[str, Any]:
    response = client.post("/v1/FlexFlows", data=flow_form(**overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def assert_twilio_error(response: httpx.Response, status: int, code: int) -> dict[str, Any]:
    """Twilio's legacy error body, with JSON content type, and return it for further checks."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{code}"
    assert isinstance(body["message"], str) and body["message"]
    return body
