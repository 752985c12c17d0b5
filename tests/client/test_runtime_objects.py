"""FlexClient's typed methods for objects that are not resources: chat Channels, Interactions,
the Flex Configuration and answer sets, and archive in the Plugin Service, over real HTTP."""

from __future__ import annotations

import pytest

from pulumi_flex.client import FlexApiError, FlexClient, FlexCredentials
from tests.support.emulator import EmulatorProcess

IS = "IS" + "3" * 32


def client_for(flex: EmulatorProcess) -> FlexClient:
    return FlexClient(
        FlexCredentials(account_sid=flex.account_sid, auth_token=flex.auth_token, base_url=flex.base_url)
    )


def test_chat_channel_create_fetch_list_delete(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        flow = client.flex_flows.create({"friendly_name": "f", "chat_service_sid": IS, "channel_type": "web"})
        channel = client.channels.create(
            {
                "flex_flow_sid": flow["sid"],
                "identity": "customer-1",
                "chat_user_friendly_name": "Ann",
                "chat_friendly_name": "Chat with Ann",
                "task_attributes": {"priority": 1},
                "long_lived": False,
            }
        )
        assert channel["flex_flow_sid"] == flow["sid"]
        assert channel["user_sid"].startswith("US")
        assert client.channels.fetch(channel["sid"])["sid"] == channel["sid"]
        assert [c["sid"] for c in client.channels.list()] == [channel["sid"]]
        client.channels.delete(channel["sid"])
        with pytest.raises(FlexApiError) as info:
            client.channels.fetch(channel["sid"])
        assert info.value.status == 404


def test_interaction_flow(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        interaction = client.interactions.create(
            {"type": "sms", "initiated_by": "customer", "properties": {"type": "sms"}},
            {"properties": {"workspace_sid": "WS" + "1" * 32, "workflow_sid": "WW" + "2" * 32}},
        )
        assert interaction["sid"].startswith("KD")
        [channel] = client.interactions.channels(interaction["sid"])
        participant = client.interactions.add_participant(
            interaction["sid"], channel["sid"], "agent", {"identity": "agent-1"}
        )
        assert participant["sid"].startswith("UT")
        assert len(list(client.interactions.participants(interaction["sid"], channel["sid"]))) == 1
        invite = client.interactions.invite(
            interaction["sid"], channel["sid"], {"properties": {"priority": 1}}
        )
        assert invite["sid"].startswith("KG")
        closed = client.interactions.update_channel(interaction["sid"], channel["sid"], "closed")
        assert closed["status"] == "closed"
        assert client.interactions.fetch(interaction["sid"])["sid"] == interaction["sid"]


def test_configuration_update_replaces_keys_whole(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        before = client.configuration.fetch()
        client.configuration.update({"ui_attributes": {"a": 1}})
        after = client.configuration.update({"ui_attributes": {"b": 2}, "ui_language": "fr"})
        assert after["ui_attributes"] == {"b": 2}  # replaced, not merged
        assert after["ui_language"] == "fr"
        assert after["taskrouter_workspace_sid"] == before["taskrouter_workspace_sid"]


def test_plugin_archive_and_nested_versions(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        plugin = client.plugins.create({"unique_name": "client-plugin"})
        scope = {"plugin_sid": plugin["sid"]}
        version = client.plugin_versions.create(
            {**scope, "version": "1.0.0", "plugin_url": "https://x.example/a.js"}
        )
        assert client.plugin_versions.fetch(version["sid"], scope)["version"] == "1.0.0"
        assert [v["sid"] for v in client.plugin_versions.list(scope)] == [version["sid"]]
        assert client.plugins.archive(plugin["sid"])["archived"] is True
        with pytest.raises(FlexApiError) as info:
            client.plugins.archive(plugin["sid"])
        assert info.value.status == 400


def test_answer_sets_and_list_read_objects(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        answer_set = client.answer_sets()["answer_sets"][0]["id"]
        category = client.questionnaire_categories.create({"name": "Opening"})
        question = client.questionnaire_questions.create(
            {
                "category_sid": category["category_sid"],
                "question": "Hi?",
                "answer_set_id": answer_set,
                "allow_na": True,
            }
        )
        # No fetch by SID exists: fetch lists and picks.
        found = client.questionnaire_questions.fetch(question["question_sid"])
        assert found["category"]["category_sid"] == category["category_sid"]
        with pytest.raises(FlexApiError) as info:
            client.questionnaire_categories.fetch("FY" + "0" * 32)
        assert info.value.is_not_found
