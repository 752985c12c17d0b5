"""Edges of the generic provider: errors that must surface (never read as "gone" or "done"),
fields created with a follow-up update, fields the API needs on every update."""

from __future__ import annotations

import pytest

from pulumi_flex.client.errors import FlexError
from pulumi_flex.resources.flex_flow import FlexFlowProvider
from pulumi_flex.resources.plugin import PluginProvider
from pulumi_flex.resources.plugin_release import PluginReleaseProvider
from pulumi_flex.resources.questionnaire import QuestionnaireProvider
from pulumi_flex.resources.questionnaire_category import QuestionnaireCategoryProvider
from pulumi_flex.resources.web_channel import WebChannelProvider
from pulumi_flex.resources.workspace import WorkspaceProvider
from pulumi_flex.specs.workspace import FLEX_WORKSPACE_NAME
from tests.inprocess.conftest import Emulator
from tests.inprocess.samples import (
    PLUGINS,
    QM,
    WORKSPACES,
    active_configuration,
    new_category,
    new_configuration,
    new_flow,
    new_plugin,
    new_question,
    new_version,
    release,
)

FLOW = {
    "friendly_name": "support",
    "chat_service_sid": "IS" + "1" * 32,
    "channel_type": "sms",
    "integration_type": "external",
    "integration": {"url": "https://hooks.example.com/flex"},
}


def test_an_auth_error_on_refresh_is_an_error_not_a_deleted_object(flex: Emulator) -> None:
    provider = FlexFlowProvider()
    created = provider.create(FLOW)
    assert created.outs is not None
    flex.configure(authToken="rotated-elsewhere")
    for read in (
        lambda: provider.read(str(created.id), created.outs or {}),
        lambda: QuestionnaireCategoryProvider().read("FY" + "0" * 32, {}),
        lambda: PluginReleaseProvider().read("FK" + "0" * 32, {}),
        lambda: provider.create({**FLOW, "adopt_sid": str(created.id)}),
        lambda: PluginReleaseProvider().create(
            {"configuration_sid": "FJ" + "0" * 32, "adopt_sid": "FK" + "0" * 32}
        ),
    ):
        with pytest.raises(FlexError, match=r"\(HTTP 401\)"):
            read()


def test_archiving_a_plugin_of_the_active_release_says_what_to_do(flex: Emulator) -> None:
    provider = PluginProvider()
    created = provider.create({"unique_name": "in-use"})
    assert created.outs is not None
    release(flex, new_configuration(flex, "live", [new_version(flex, str(created.id))]))
    with pytest.raises(
        FlexError, match=r"cannot archive this Plugin: .* first release a configuration without it"
    ):
        provider.delete(str(created.id), created.outs)
    assert flex.call("GET", f"{PLUGINS}/{created.id}")["archived"] is False


def test_deleting_a_category_still_in_use_is_an_error(flex: Emulator) -> None:
    provider = QuestionnaireCategoryProvider()
    created = provider.create({"name": "used"})
    assert created.outs is not None
    new_question(flex, str(created.id))
    with pytest.raises(FlexError, match=r"\(HTTP 400\)"):
        provider.delete(str(created.id), created.outs)
    body = flex.call("GET", f"{QM}/Categories")
    assert [c["category_sid"] for c in body["categories"]] == [created.id]


def test_update_only_inputs_are_sent_right_after_create(flex: Emulator) -> None:
    flow = new_flow(flex)
    inputs = {
        "flex_flow_sid": flow,
        "identity": "visitor",
        "customer_friendly_name": "Ada",
        "chat_friendly_name": "Chat",
        "chat_status": "inactive",
    }
    flex.reset_counts()
    created = WebChannelProvider().create(inputs)
    assert created.outs is not None and created.outs["chat_status"] == "inactive"
    requests = flex.requests()
    assert (requests["POST /v1/WebChannels"], requests["POST /v1/WebChannels/{Sid}"]) == (1, 1)


def test_fields_the_api_needs_on_every_update_are_sent_from_state(flex: Emulator) -> None:
    provider = QuestionnaireProvider()
    question = new_question(flex, new_category(flex))
    created = provider.create({"name": "Quality", "question_sids": [question]})  # `active` left to the API
    assert created.outs is not None and created.outs["active"] is True
    # Twilio requires Active on every update: it comes from state, not from the program.
    updated = provider.update(str(created.id), created.outs, {"name": "Renamed", "question_sids": [question]})
    assert updated.outs is not None
    assert (updated.outs["name"], updated.outs["active"]) == ("Renamed", True)


def test_an_empty_list_empties_it_on_update(flex: Emulator) -> None:
    provider = QuestionnaireProvider()
    question = new_question(flex, new_category(flex))
    created = provider.create({"name": "Quality", "active": True, "question_sids": [question]})
    assert created.outs is not None
    updated = provider.update(
        str(created.id), created.outs, {"name": "Quality", "active": True, "question_sids": []}
    )
    assert updated.outs is not None and updated.outs["question_sids"] == []
    assert flex.call("GET", f"{QM}/Questionnaires/{created.id}")["questions"] == []


def test_destroy_when_the_previous_configuration_no_longer_exists(flex: Emulator) -> None:
    configuration = new_configuration(flex, "ours", [new_version(flex, new_plugin(flex))])
    provider = PluginReleaseProvider()
    created = provider.create({"configuration_sid": configuration})
    assert created.outs is not None
    state = {
        **created.outs,
        "previous_configuration_sid": "FJ" + "0" * 32,
    }  # e.g. from another account's life
    provider.delete(str(created.id), state)
    assert active_configuration(flex) not in (None, configuration)


def test_destroy_leaves_flex_s_own_workspace(flex: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    provided = flex.call("GET", WORKSPACES)["workspaces"]
    flex_workspace = next(w for w in provided if w["friendly_name"] == FLEX_WORKSPACE_NAME)
    provider = WorkspaceProvider()
    adopted = provider.create({"friendly_name": FLEX_WORKSPACE_NAME, "adopt_sid": flex_workspace["sid"]})
    assert adopted.outs is not None
    flex.reset_counts()
    provider.delete(str(adopted.id), adopted.outs)
    assert flex.writes() == 0
    assert flex.call("GET", f"{WORKSPACES}/{adopted.id}")["friendly_name"] == FLEX_WORKSPACE_NAME
    assert "left 'Flex Task Assignment' in place" in capsys.readouterr().err
