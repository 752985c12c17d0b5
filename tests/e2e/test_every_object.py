"""One stack declaring every Flex object, driven through the real CLI against the emulator:
up, no-change preview and refresh, per-object edits (in place or replace), out-of-band drift,
and what destroy leaves behind."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject

pytestmark = pytest.mark.e2e

PROGRAM = """
import pulumi
import pulumi_flex as flex

c = pulumi.Config()
flow = flex.FlexFlow(
    "flow",
    friendly_name=c.require("flowName"),
    chat_service_sid="IS" + "1" * 32,
    channel_type="web",
    integration_type="external",
    integration={"url": "https://hooks.example.com/flex", "retry_count": 2},
)
channel = flex.WebChannel(
    "web-channel",
    flex_flow_sid=flow.sid,
    identity=c.require("identity"),
    customer_friendly_name="Customer",
    chat_friendly_name="Chat",
    pre_engagement_data={"question": "hello"},
    chat_status=c.get("chatStatus"),
)
plugin = flex.Plugin("plugin", unique_name="plugin-e2e", friendly_name=c.require("pluginName"))
version = flex.PluginVersion(
    "version", plugin_sid=plugin.sid, version=c.require("version"),
    plugin_url="https://assets.example.com/plugin-e2e/" + c.require("version") + "/bundle.js",
)
configuration = flex.PluginConfiguration(
    "configuration", name="e2e " + c.require("version"),
    plugins=[{"plugin_version": version.sid, "phase": 3}],
)
release = flex.PluginRelease("release", configuration_sid=configuration.sid)
category = flex.QuestionnaireCategory("category", name=c.require("categoryName"))
question = flex.QuestionnaireQuestion(
    "question", category_sid=category.category_sid, question=c.require("question"),
    answer_set_id=c.require("answerSetId"), allow_na=True,
)
questionnaire = flex.Questionnaire(
    "questionnaire", name="Quality review", description=c.require("reviewDescription"),
    active=True, question_sids=[question.question_sid],
)
configuration_singleton = flex.Configuration(
    "flex-config", ui_language=c.require("uiLanguage"), ui_attributes={"theme": {"isLight": True}},
)
for name, value in {
    "flow": flow.sid, "channel": channel.sid, "plugin": plugin.sid, "version": version.sid,
    "configuration": configuration.sid, "release": release.sid, "category": category.category_sid,
    "question": question.question_sid, "questionnaire": questionnaire.questionnaire_sid,
}.items():
    pulumi.export(name, value)
"""

SETTINGS = {
    "flowName": "Web flow",
    "identity": "visitor-1",
    "pluginName": "E2E plugin",
    "version": "1.0.0",
    "categoryName": "Greeting",
    "question": "Did the agent greet the customer?",
    "reviewDescription": "Weekly review",
    "uiLanguage": "en-US",
}

PS = "/v1/PluginService"
QM = "/v1/Insights/QualityManagement"


def get(http: httpx.Client, path: str, **params: Any) -> Any:
    response = http.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def configure(stack: PulumiProject, **values: str) -> None:
    for key, value in values.items():
        stack.config(key, value)


def resource_ids(stack: PulumiProject) -> dict[str, str]:
    return {
        r["urn"].rsplit("::", 1)[1]: r["id"] for r in stack.export()["deployment"]["resources"] if "id" in r
    }


def test_every_object_lifecycle(project: ProjectFactory, flex: EmulatorProcess) -> None:
    http = flex.client()
    default_language = get(http, "/v1/Configuration")["ui_language"]
    answer_set_id = get(http, f"{QM}/Settings/AnswerSets")["answer_sets"][0]["id"]
    stack = project(PROGRAM)
    configure(stack, answerSetId=answer_set_id, **SETTINGS)

    # --- up, then nothing to do -----------------------------------------------------------
    stack.up()
    out = stack.outputs()
    assert get(http, f"/v1/FlexFlows/{out['flow']}")["friendly_name"] == "Web flow"
    assert get(http, f"/v1/WebChannels/{out['channel']}")["flex_flow_sid"] == out["flow"]
    assert get(http, f"{PS}/Releases/Active")["configuration_sid"] == out["configuration"]
    [configured] = get(http, f"{PS}/Configurations/{out['configuration']}/Plugins")["plugins"]
    assert configured["plugin_version_sid"] == out["version"]
    [review] = get(http, f"{QM}/Questionnaires")["questionnaires"]
    assert [q["question_sid"] for q in review["questions"]] == [out["question"]]
    assert get(http, "/v1/Configuration")["ui_language"] == "en-US"

    before = flex.stats()["total"]
    stack.preview("--expect-no-changes")
    assert flex.stats()["total"] == before  # preview makes no API calls
    stack.refresh("--expect-no-changes")
    stack.preview("--expect-no-changes")

    # --- edits: in place where the API allows, replacement where it does not --------------
    ids = resource_ids(stack)
    configure(
        stack,
        flowName="Web flow v2",  # in place
        identity="visitor-2",  # WebChannel create-only: replace
        pluginName="E2E plugin v2",  # in place
        version="1.1.0",  # version and configuration immutable: replace; release moves in place
        categoryName="Greetings",
        question="Did the agent greet the customer by name?",
        reviewDescription="Daily review",
        uiLanguage="fr-FR",
    )
    stack.up()
    after = resource_ids(stack)
    same = ["flow", "plugin", "release", "category", "question", "questionnaire", "flex-config"]
    assert {k: after[k] for k in same} == {k: ids[k] for k in same}
    assert all(after[k] != ids[k] for k in ("web-channel", "version", "configuration"))
    out = stack.outputs()
    assert get(http, f"{PS}/Releases/Active")["configuration_sid"] == out["configuration"]
    assert get(http, f"{PS}/Plugins/{out['plugin']}/Versions/{ids['version']}")["archived"] is True
    assert get(http, f"{PS}/Configurations/{ids['configuration']}")["archived"] is True
    assert http.get(f"/v1/WebChannels/{ids['web-channel']}").status_code == 404
    [review] = get(http, f"{QM}/Questionnaires")["questionnaires"]
    assert review["description"] == "Daily review"
    assert review["questions"][0]["question"] == "Did the agent greet the customer by name?"
    assert get(http, "/v1/Configuration")["ui_language"] == "fr-FR"
    stack.config("chatStatus", "inactive")  # closing the chat is an in-place update
    stack.up()
    assert resource_ids(stack)["web-channel"] == after["web-channel"]
    stack.preview("--expect-no-changes")

    # --- out-of-band drift: refresh sees it, up reverts it ---------------------------------
    assert http.post(f"{QM}/Categories/{out['category']}", data={"Name": "Renamed"}).status_code == 200
    assert http.delete(f"{QM}/Questionnaires/{out['questionnaire']}").status_code == 204
    assert http.post(
        "/v1/Configuration", json={"account_sid": flex.account_sid, "ui_language": "de"}
    ).is_success
    other = http.post(f"{PS}/Configurations", data={"Name": "someone else's"}).json()
    assert http.post(f"{PS}/Releases", data={"ConfigurationId": other["sid"]}).status_code == 201
    assert http.post(f"/v1/FlexFlows/{out['flow']}", data={"Integration.RetryCount": "0"}).status_code == 200
    stack.refresh()
    assert stack.preview("--expect-no-changes", check=False).returncode != 0
    stack.up()
    stack.preview("--expect-no-changes")
    [category] = get(http, f"{QM}/Categories")["categories"]
    assert category["name"] == "Greetings"
    [review] = get(http, f"{QM}/Questionnaires")["questionnaires"]
    assert review["questionnaire_sid"] != out["questionnaire"]  # recreated
    assert get(http, "/v1/Configuration")["ui_language"] == "fr-FR"
    assert get(http, f"{PS}/Releases/Active")["configuration_sid"] == out["configuration"]
    assert get(http, f"/v1/FlexFlows/{out['flow']}")["integration"]["retry_count"] == 2

    # --- destroy: archived, deleted, restored ---------------------------------------------
    out = stack.outputs()
    stack.destroy()
    assert http.get(f"/v1/FlexFlows/{out['flow']}").status_code == 404
    assert http.get(f"/v1/WebChannels/{out['channel']}").status_code == 404
    assert get(http, f"{PS}/Plugins/{out['plugin']}")["archived"] is True
    assert get(http, f"{PS}/Plugins/{out['plugin']}/Versions/{out['version']}")["archived"] is True
    assert get(http, f"{PS}/Configurations/{out['configuration']}")["archived"] is True
    # No release was active before the stack's first release, so destroy released an empty one.
    active = get(http, f"{PS}/Releases/Active")
    assert (
        get(http, f"{PS}/Configurations/{active['configuration_sid']}")["name"] == "pulumi-flex: no plugins"
    )
    assert get(http, f"{PS}/Configurations/{active['configuration_sid']}/Plugins")["plugins"] == []
    assert get(http, f"{QM}/Questionnaires", IncludeInactive="true")["questionnaires"] == []
    assert get(http, f"{QM}/Questions")["questions"] == []
    assert get(http, f"{QM}/Categories")["categories"] == []
    restored = get(http, "/v1/Configuration")
    assert restored["ui_language"] == default_language


def test_two_configurations_fail_preview(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(
        """
import pulumi_flex as flex
flex.Configuration("a", ui_language="en-US")
flex.Configuration("b", call_recording_enabled=True)
"""
    )
    result = stack.preview(check=False)
    assert result.returncode != 0
    assert "already declares a Configuration for" in result.stdout + result.stderr
    assert flex.stats()["total"] == 0


def test_archiving_what_the_active_release_uses_explains_the_fix(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    http = flex.client()
    stack = project(
        """
import pulumi
import pulumi_flex as flex
plugin = flex.Plugin("p", unique_name="plugin-held")
version = flex.PluginVersion("v", plugin_sid=plugin.sid, version="1.0.0", plugin_url="https://x.example/b.js")
config = flex.PluginConfiguration("c", name="held", plugins=[{"plugin_version": version.sid}])
pulumi.export("configuration", config.sid)
"""
    )
    stack.up()
    held = stack.outputs()["configuration"]
    # Someone releases the stack's configuration by hand; Twilio then refuses to archive it.
    assert http.post(f"{PS}/Releases", data={"ConfigurationId": held}).status_code == 201
    result = stack.run("destroy", "--yes", "--skip-preview", check=False)
    assert result.returncode != 0
    assert "release a configuration without it" in result.stdout
    assert len(stack.resources(":PluginConfiguration")) == 1  # nothing was lost from state
    empty = http.post(f"{PS}/Configurations", data={"Name": "empty"}).json()
    assert http.post(f"{PS}/Releases", data={"ConfigurationId": empty["sid"]}).status_code == 201
    stack.destroy()
    assert get(http, f"{PS}/Configurations/{held}")["archived"] is True


def test_refresh_lists_categories_and_questions_once(project: ProjectFactory, flex: EmulatorProcess) -> None:
    http = flex.client()
    answer_set_id = get(http, f"{QM}/Settings/AnswerSets")["answer_sets"][0]["id"]
    stack = project(
        f"""
import pulumi_flex as flex
categories = [flex.QuestionnaireCategory(f"c{{i}}", name=f"category {{i}}") for i in range(12)]
for i in range(24):
    flex.QuestionnaireQuestion(
        f"q{{i}}", category_sid=categories[i % 12].category_sid, question=f"question {{i}}?",
        answer_set_id={answer_set_id!r}, allow_na=False,
    )
"""
    )
    stack.up()
    before = Counter(flex.stats()["requests"])
    stack.refresh("--expect-no-changes")
    calls = Counter(flex.stats()["requests"]) - before
    assert calls == {f"GET {QM}/Categories": 1, f"GET {QM}/Questions": 1}, calls
    stack.destroy()


def test_out_of_band_changes_to_every_kind_converge(project: ProjectFactory, flex: EmulatorProcess) -> None:
    http = flex.client()
    answer_set_id = get(http, f"{QM}/Settings/AnswerSets")["answer_sets"][0]["id"]
    stack = project(PROGRAM)
    configure(stack, answerSetId=answer_set_id, **SETTINGS)
    stack.up()
    out = stack.outputs()
    # A console user edits or deletes one object of each kind that allows it.
    assert http.delete(f"/v1/WebChannels/{out['channel']}").status_code == 204
    assert http.post(f"/v1/FlexFlows/{out['flow']}", data={"FriendlyName": "console"}).status_code == 200
    assert http.post(f"{PS}/Plugins/{out['plugin']}", data={"FriendlyName": "console"}).status_code == 200
    edited_question = {"Question": "console?", "AllowNa": "false"}
    assert http.post(f"{QM}/Questions/{out['question']}", data=edited_question).status_code == 200
    assert http.post(f"{QM}/Categories/{out['category']}", data={"Name": "console"}).status_code == 200
    edited_review = {"Active": "false", "Description": "console"}
    assert http.post(f"{QM}/Questionnaires/{out['questionnaire']}", data=edited_review).status_code == 200
    account = {"account_sid": flex.account_sid, "ui_attributes": {"theme": {"isLight": False}}}
    assert http.post("/v1/Configuration", json=account).status_code == 200

    stack.refresh()
    assert stack.preview("--expect-no-changes", check=False).returncode != 0
    stack.up()
    stack.preview("--expect-no-changes")
    assert get(http, f"/v1/FlexFlows/{out['flow']}")["friendly_name"] == SETTINGS["flowName"]
    assert get(http, f"{PS}/Plugins/{out['plugin']}")["friendly_name"] == SETTINGS["pluginName"]
    [question] = get(http, f"{QM}/Questions")["questions"]
    assert (question["question"], question["allow_na"]) == (SETTINGS["question"], True)
    assert get(http, f"{QM}/Categories")["categories"][0]["name"] == SETTINGS["categoryName"]
    review = get(http, f"{QM}/Questionnaires/{out['questionnaire']}")
    assert (review["active"], review["description"]) == (True, SETTINGS["reviewDescription"])
    assert get(http, "/v1/Configuration")["ui_attributes"] == {"theme": {"isLight": True}}
    [channel] = get(http, "/v1/WebChannels")["flex_chat_channels"]
    assert channel["sid"] != out["channel"]  # recreated
    assert stack.outputs()["channel"] == channel["sid"]
    stack.destroy()
