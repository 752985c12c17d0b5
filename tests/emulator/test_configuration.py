"""The account's Flex Configuration singleton over real HTTP: the provisioned default, JSON-only updates with
whole-key replacement, account checks, errors, persistence and Twilio's official client."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.emulator.samples import DATE, assert_twilio_error
from tests.emulator.test_twilio_client import twilio_client
from tests.support.emulator import EmulatorProcess

PATH = "/v1/Configuration"
OTHER_ACCOUNT = "AC" + "9" * 32
# Every response field of Twilio's published schema (the spec copy the fuzz tests use).
_SPEC = yaml.safe_load((Path(__file__).parents[1] / "fuzz" / "twilio_flex_v1.yaml").read_text())
FIELDS = set(_SPEC["components"]["schemas"]["flex.v1.configuration"]["properties"])
UNSUPPORTED = "The server does not support the media type transmitted in the request."


def fetch(http: httpx.Client, **params: str) -> dict[str, Any]:
    response = http.get(PATH, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def update(http: httpx.Client, flex: EmulatorProcess, **changes: Any) -> dict[str, Any]:
    response = http.post(PATH, json={"account_sid": flex.account_sid, **changes})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_default_is_a_provisioned_account(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.get(PATH)
        again = fetch(http, UiVersion="~2.13")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == FIELDS
    assert list(body)[:3] == ["account_sid", "date_created", "date_updated"]  # the schema's order
    assert body["account_sid"] == flex.account_sid
    assert body["url"] == f"{flex.base_url}{PATH}"
    assert DATE.match(body["date_created"]) and body["date_updated"] == body["date_created"]
    assert (body["status"], body["ui_language"], body["ui_version"]) == ("ok", "en", "~2.13")
    assert (body["integrations"], body["public_attributes"], body["ui_attributes"]) == ([], {}, {})
    assert body["plugin_service_enabled"] is True and body["call_recording_enabled"] is False
    assert isinstance(body["taskrouter_skills"], list)
    assert {"name": "default", "availability": True, "capacity": 1} in body["taskrouter_worker_channels"][
        "agent"
    ]
    for field, prefix in [
        ("taskrouter_workspace_sid", "WS"),
        ("taskrouter_target_workflow_sid", "WW"),
        ("taskrouter_target_taskqueue_sid", "WQ"),
        ("taskrouter_offline_activity_sid", "WA"),
        ("messaging_service_instance_sid", "MG"),
        ("chat_service_instance_sid", "IS"),
        ("flex_service_instance_sid", "IS"),
        ("flex_instance_sid", "GO"),
    ]:
        assert re.match(rf"^{prefix}[0-9a-f]{{32}}$", body[field]), field
    assert body["taskrouter_taskqueues"] == [
        {"sid": body["taskrouter_target_taskqueue_sid"], "targettable": True}
    ]
    assert again == body  # stable, and UiVersion is accepted


def test_each_sent_key_replaces_the_stored_value_whole(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        before = update(http, flex, ui_attributes={"theme": {"name": "Dark", "mode": "x"}, "logo": "a.png"})
        assert before["ui_attributes"] == {"theme": {"name": "Dark", "mode": "x"}, "logo": "a.png"}

        after = update(http, flex, ui_attributes={"theme": {"name": "Light"}})
        assert after["ui_attributes"] == {
            "theme": {"name": "Light"}
        }  # no deep merge: "logo" and "mode" are gone
        untouched = {k: v for k, v in after.items() if k not in ("ui_attributes", "date_updated")}
        assert untouched == {k: v for k, v in before.items() if k not in ("ui_attributes", "date_updated")}

        skills = [{"name": "sales", "multivalue": False, "minimum": 0, "maximum": 0}]
        changed = update(http, flex, call_recording_enabled=True, taskrouter_skills=skills, crm_type="custom")
        assert (changed["call_recording_enabled"], changed["taskrouter_skills"]) == (True, skills)
        assert changed["ui_attributes"] == {"theme": {"name": "Light"}}
        cleared = update(http, flex, crm_type=None, public_attributes=None)
        assert (cleared["crm_type"], cleared["public_attributes"]) == (None, None)
        assert fetch(http) == cleared


def test_server_managed_and_unknown_keys_are_ignored(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        original = fetch(http)
        # Posting back a fetched configuration with one change is the documented way to update.
        posted = {
            **original,
            "status": "inprogress",
            "url": "https://elsewhere",
            "date_created": "2000-01-01T00:00:00Z",
        }
        posted |= {"flex_instance_sid": "GO" + "1" * 32, "made_up_key": {"x": 1}, "ui_language": "fr"}
        response = http.post(PATH, json=posted)
        assert response.status_code == 200, response.text
        body = response.json()
    assert body["ui_language"] == "fr"
    assert "made_up_key" not in body
    for key in ("status", "url", "date_created", "flex_instance_sid"):
        assert body[key] == original[key], key


def test_date_updated_moves_on_update(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = fetch(http)["date_created"]
        time.sleep(1.05)  # dates have whole-second precision
        body = update(http, flex, ui_language="de")
    assert body["date_created"] == created
    assert body["date_updated"] > created and DATE.match(body["date_updated"])


def test_form_and_other_non_json_bodies_are_415(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        before = fetch(http)
        form = http.post(PATH, data={"account_sid": flex.account_sid, "ui_language": "fr"})
        assert assert_twilio_error(form, 415, 20415)["message"] == UNSUPPORTED
        empty_form = http.post(PATH, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert_twilio_error(empty_form, 415, 20415)
        text = http.post(PATH, content=b'{"ui_language": "fr"}', headers={"Content-Type": "text/plain"})
        assert_twilio_error(text, 415, 20415)
        assert fetch(http) == before


def test_account_sid_is_required_and_must_be_the_callers(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        missing = http.post(PATH, json={"ui_language": "fr"})
        assert assert_twilio_error(missing, 400, 20001)["message"] == "Missing required parameter account_sid"
        assert_twilio_error(http.post(PATH), 400, 20001)  # no body at all
        assert_twilio_error(http.post(PATH, json={"account_sid": 42}), 400, 20001)
        other = http.post(PATH, json={"account_sid": OTHER_ACCOUNT, "ui_language": "fr"})
        assert OTHER_ACCOUNT in assert_twilio_error(other, 403, 20403)["message"]
        assert fetch(http)["ui_language"] == "en"


def test_malformed_and_non_object_bodies_are_400(flex: EmulatorProcess) -> None:
    json_type = {"Content-Type": "application/json"}
    with flex.client() as http:
        for raw in [b'{"account_sid": ', b"\xff\xfe", b'{"account_sid": NaN}', b"[" * 100_000]:
            assert_twilio_error(http.post(PATH, content=raw, headers=json_type), 400, 20001)
        for value in ([flex.account_sid], "text", 7, True):
            response = http.post(PATH, content=json.dumps(value).encode(), headers=json_type)
            assert "JSON object" in assert_twilio_error(response, 400, 20001)["message"]


def test_values_must_have_the_keys_json_type(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        for key, value in [
            ("ui_attributes", "not an object"),
            ("call_recording_enabled", "yes"),
            ("taskrouter_skills", {"name": "sales"}),
            ("integrations", ["not an object"]),
            ("chat_service_instance_sid", "IS123"),
            ("serverless_service_sids", ["ZS1"]),
            ("ui_version", 2),
        ]:
            response = http.post(PATH, json={"account_sid": flex.account_sid, key: value})
            assert key in assert_twilio_error(response, 400, 20001)["message"]
        assert fetch(http)["ui_attributes"] == {}


def test_other_methods_are_405_and_stats_count_the_singleton(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        assert_twilio_error(http.delete(PATH), 405, 20004)
        assert_twilio_error(http.put(PATH, json={}), 405, 20004)
        fetch(http)
        update(http, flex, ui_language="es")
    requests = flex.stats()["requests"]
    assert (requests["GET /v1/Configuration"], requests["POST /v1/Configuration"]) == (1, 1)


def test_reset_restores_the_default(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        default = fetch(http)
        update(http, flex, ui_language="fr", integrations=[{"name": "crm", "type": "http", "active": True}])
        flex.reset()
        restored = fetch(http)
    assert restored["ui_language"] == "en" and restored["integrations"] == []
    # Service SIDs are stable per account, so a reset gives the same ones.
    assert restored["taskrouter_workspace_sid"] == default["taskrouter_workspace_sid"]


def test_configuration_survives_a_restart(tmp_path: Path) -> None:
    with EmulatorProcess(tmp_path / "data") as emulator:
        with emulator.client() as http:
            saved = update(
                http, emulator, ui_attributes={"colorTheme": {"baseName": "FlexDark"}}, crm_enabled=True
            )
        emulator.restart()
        with emulator.client() as http:
            fetched = fetch(http)
        url = f"{emulator.base_url}{PATH}"
    assert (
        fetched["ui_attributes"] == {"colorTheme": {"baseName": "FlexDark"}}
        and fetched["crm_enabled"] is True
    )
    assert fetched["date_updated"] == saved["date_updated"]
    assert fetched["url"] == url  # rendered for the new process's port


class UpdateBody:
    """twilio-python 9.x sends ``body.to_dict()`` as JSON for ``configuration().update(body)``; a bare dict
    has no ``to_dict`` and is rejected by the client itself, so callers pass an object like this."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def to_dict(self) -> dict[str, Any]:
        return self.values


def test_official_client_fetches_and_updates(flex: EmulatorProcess) -> None:
    configuration = twilio_client(flex).flex_api.v1.configuration()
    fetched = configuration.fetch()
    assert (fetched.account_sid, fetched.status, fetched.ui_language) == (flex.account_sid, "ok", "en")
    assert fetched.url == f"{flex.base_url}{PATH}"
    assert configuration.fetch(ui_version="~2.13").ui_version == "~2.13"

    body = UpdateBody(
        {
            "account_sid": flex.account_sid,
            "ui_attributes": {"logLevel": "debug"},
            "call_recording_enabled": True,
        }
    )
    updated = configuration.update(body)
    assert updated.ui_attributes == {"logLevel": "debug"} and updated.call_recording_enabled is True
    assert configuration.fetch().ui_attributes == {"logLevel": "debug"}
    with pytest.raises(AttributeError):
        configuration.update({"account_sid": flex.account_sid})
