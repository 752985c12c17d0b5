"""Conversations address configurations under ``/conversations/v1/Configuration/Addresses`` over real HTTP:
create, fetch by SID or address, update merging ``AutoCreation.*``, delete, the auto-creation rules, one
configuration per address, the ``Type`` filter and paging at most 50 a page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from tests.emulator.samples import DATE, assert_twilio_error
from tests.support.emulator import EmulatorProcess

ADDRESSES = "/conversations/v1/Configuration/Addresses"
FLOW = "FW" + "0123456789abcdef" * 2
SERVICE = "IS" + "0123456789abcdef" * 2


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    body: dict[str, Any] = response.json()
    return body


def post_pairs(http: httpx.Client, path: str, pairs: list[tuple[str, str]]) -> httpx.Response:
    """A form POST with repeated keys."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return http.post(path, content=urlencode(pairs), headers=headers)


def test_create_fetch_update_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = ok(
            post_pairs(
                http,
                ADDRESSES,
                [
                    ("Type", "sms"),
                    ("Address", "+15555550100"),
                    ("FriendlyName", "Support line"),
                    ("AddressCountry", "US"),
                    ("AutoCreation.Enabled", "true"),
                    ("AutoCreation.Type", "webhook"),
                    ("AutoCreation.ConversationServiceSid", SERVICE),
                    ("AutoCreation.WebhookUrl", "https://hooks.example.com/in"),
                    ("AutoCreation.WebhookMethod", "post"),
                    ("AutoCreation.WebhookFilters", "onMessageAdded"),
                    ("AutoCreation.WebhookFilters", "onParticipantAdded"),
                ],
            ),
            201,
        )
        sid = created["sid"]
        assert sid.startswith("IG") and DATE.match(created["date_created"])
        assert (
            created["type"],
            created["address"],
            created["friendly_name"],
            created["address_country"],
        ) == (
            "sms",
            "+15555550100",
            "Support line",
            "US",
        )
        assert created["auto_creation"] == {
            "enabled": True,
            "type": "webhook",
            "conversation_service_sid": SERVICE,
            "webhook_url": "https://hooks.example.com/in",
            "webhook_method": "POST",
            "webhook_filters": ["onMessageAdded", "onParticipantAdded"],
        }
        assert created["url"] == f"{flex.base_url}{ADDRESSES}/{sid}"
        assert ok(http.get(f"{ADDRESSES}/{sid}")) == created
        assert ok(http.get(f"{ADDRESSES}/+15555550100")) == created  # by address

        # An update merges the AutoCreation.* sent; an empty value removes one; Type/Address are create-only.
        updated = ok(
            http.post(
                f"{ADDRESSES}/{sid}",
                data={
                    "AutoCreation.Type": "studio",
                    "AutoCreation.StudioFlowSid": FLOW,
                    "AutoCreation.StudioRetryCount": "3",
                    "AutoCreation.WebhookUrl": "",
                    "AutoCreation.WebhookFilters": "",
                    "Type": "whatsapp",
                    "Address": "+15555550999",
                },
            )
        )
        assert updated["auto_creation"] == {
            "enabled": True,
            "type": "studio",
            "conversation_service_sid": SERVICE,
            "webhook_method": "POST",
            "studio_flow_sid": FLOW,
            "studio_retry_count": 3,
        }
        assert (updated["type"], updated["address"], updated["friendly_name"]) == (
            "sms",
            "+15555550100",
            "Support line",
        )
        renamed = ok(
            http.post(
                f"{ADDRESSES}/+15555550100", data={"FriendlyName": "Renamed", "AutoCreation.Enabled": "false"}
            )
        )
        assert renamed["friendly_name"] == "Renamed" and renamed["auto_creation"]["enabled"] is False
        assert http.delete(f"{ADDRESSES}/+15555550100").status_code == 204
        assert_twilio_error(http.get(f"{ADDRESSES}/{sid}"), 404, 20404)
        assert_twilio_error(http.delete(f"{ADDRESSES}/{sid}"), 404, 20404)


def test_minimal_create_and_default_type(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = ok(http.post(ADDRESSES, data={"Type": "whatsapp", "Address": "whatsapp:+15555550101"}), 201)
        assert created["auto_creation"] == {"enabled": False, "type": None}
        assert created["friendly_name"] is created["address_country"] is None
        assert ok(http.get(f"{ADDRESSES}/whatsapp:+15555550101"))["sid"] == created["sid"]
        with_default = ok(
            http.post(ADDRESSES, data={"Type": "chat", "Address": "chat-1", "AutoCreation.Type": "default"}),
            201,
        )
        assert with_default["auto_creation"] == {"enabled": False, "type": "default"}


@pytest.mark.parametrize(
    ("form", "parameter"),
    [
        ({"Address": "+15555550102"}, "Type"),
        ({"Type": "sms"}, "Address"),
        ({"Type": "sms", "Address": ""}, "Address"),
        ({"Type": "fax", "Address": "+15555550102"}, "Type"),
        ({"Type": "sms", "Address": "+15555550102", "FriendlyName": "x" * 257}, "FriendlyName"),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.Type": "studio"},
            "AutoCreation.StudioFlowSid",
        ),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.Type": "webhook"},
            "AutoCreation.WebhookUrl",
        ),
        ({"Type": "sms", "Address": "+15555550102", "AutoCreation.Type": "zapier"}, "AutoCreation.Type"),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.StudioFlowSid": "FO1"},
            "AutoCreation.StudioFlowSid",
        ),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.StudioRetryCount": "4"},
            "AutoCreation.StudioRetryCount",
        ),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.WebhookUrl": "nope"},
            "AutoCreation.WebhookUrl",
        ),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.WebhookMethod": "PUT"},
            "AutoCreation.WebhookMethod",
        ),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.WebhookFilters": "onX"},
            "AutoCreation.WebhookFilters",
        ),
        ({"Type": "sms", "Address": "+15555550102", "AutoCreation.Enabled": "on"}, "AutoCreation.Enabled"),
        (
            {"Type": "sms", "Address": "+15555550102", "AutoCreation.ConversationServiceSid": "IS1"},
            "AutoCreation.ConversationServiceSid",
        ),
    ],
)
def test_create_validation_names_the_parameter(
    flex: EmulatorProcess, form: dict[str, str], parameter: str
) -> None:
    with flex.client() as http:
        body = assert_twilio_error(http.post(ADDRESSES, data=form), 400, 20001)
        assert parameter in body["message"]
        assert ok(http.get(ADDRESSES))["address_configurations"] == []


def test_an_update_must_leave_the_auto_creation_rules_holding(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        sid = ok(
            http.post(
                ADDRESSES,
                data={
                    "Type": "sms",
                    "Address": "+15555550103",
                    "AutoCreation.Type": "studio",
                    "AutoCreation.StudioFlowSid": FLOW,
                },
            ),
            201,
        )["sid"]
        body = assert_twilio_error(
            http.post(f"{ADDRESSES}/{sid}", data={"AutoCreation.StudioFlowSid": ""}), 400, 20001
        )
        assert "AutoCreation.StudioFlowSid" in body["message"]
        body = assert_twilio_error(
            http.post(f"{ADDRESSES}/{sid}", data={"AutoCreation.Type": "webhook"}), 400, 20001
        )
        assert "AutoCreation.WebhookUrl" in body["message"]
        assert ok(http.get(f"{ADDRESSES}/{sid}"))["auto_creation"]["studio_flow_sid"] == FLOW  # unchanged
        cleared = ok(
            http.post(f"{ADDRESSES}/{sid}", data={"AutoCreation.Type": "", "AutoCreation.StudioFlowSid": ""})
        )
        assert cleared["auto_creation"] == {"enabled": False, "type": None}


def test_one_configuration_per_address(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        first = ok(http.post(ADDRESSES, data={"Type": "sms", "Address": "+15555550104"}), 201)
        body = assert_twilio_error(
            http.post(ADDRESSES, data={"Type": "whatsapp", "Address": "+15555550104"}), 409, 20409
        )
        assert first["sid"] in body["message"]
        assert http.delete(f"{ADDRESSES}/{first['sid']}").status_code == 204
        ok(http.post(ADDRESSES, data={"Type": "sms", "Address": "+15555550104"}), 201)


def test_type_filter_and_paging_at_most_fifty(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        for i in range(3):
            ok(http.post(ADDRESSES, data={"Type": "sms", "Address": f"+1555555020{i}"}), 201)
        ok(http.post(ADDRESSES, data={"Type": "whatsapp", "Address": "whatsapp:+15555550300"}), 201)
        page = ok(http.get(ADDRESSES, params={"Type": "sms", "PageSize": 2}))
        assert page["meta"]["key"] == "address_configurations"
        assert [a["address"] for a in page["address_configurations"]] == ["+15555550200", "+15555550201"]
        next_url = page["meta"]["next_page_url"]
        assert next_url.startswith(f"{flex.base_url}{ADDRESSES}?Type=sms&PageSize=2&Page=1&PageToken=PA")
        assert [a["address"] for a in ok(http.get(next_url))["address_configurations"]] == ["+15555550202"]
        assert len(ok(http.get(ADDRESSES, params={"Type": "whatsapp"}))["address_configurations"]) == 1
        assert ok(http.get(ADDRESSES, params={"PageSize": 50}))["meta"]["page_size"] == 50
        body = assert_twilio_error(http.get(ADDRESSES, params={"PageSize": 51}), 400, 20001)
        assert "PageSize" in body["message"] and "50" in body["message"]
    requests = flex.stats()["requests"]
    assert requests["POST /conversations/v1/Configuration/Addresses"] == 4
    assert requests["GET /conversations/v1/Configuration/Addresses"] == 5


def test_faults_and_accounts(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flex.set_faults({"500": 1.0})
        assert http.get(ADDRESSES).status_code == 500
        flex.set_faults()
        sid = ok(http.post(ADDRESSES, data={"Type": "sms", "Address": "+15555550105"}), 201)["sid"]
    other = ("AC" + "9" * 32, "other-token-" + "9" * 20)
    flex.add_account(*other)
    with flex.client(auth=other) as http:
        assert_twilio_error(http.get(f"{ADDRESSES}/{sid}"), 404, 20404)
        assert_twilio_error(http.get(f"{ADDRESSES}/+15555550105"), 404, 20404)
        # Addresses are unique per account.
        ok(http.post(ADDRESSES, data={"Type": "sms", "Address": "+15555550105"}), 201)
    with httpx.Client(base_url=flex.base_url, trust_env=False) as anonymous:
        assert_twilio_error(anonymous.get(ADDRESSES), 401, 20003)
