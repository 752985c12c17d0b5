"""A preview promises exactly what `up` does: an in-place change of a parent previews no
replacement of its dependents, and a real replacement still previews theirs."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.e2e.conftest import ProjectFactory
from tests.e2e.test_every_object import get
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject

pytestmark = pytest.mark.e2e

PROGRAM = """
import pulumi
import pulumi_flex as flex

c = pulumi.Config()
flow = flex.FlexFlow(
    "flow", friendly_name=c.require("flowName"), chat_service_sid="IS" + "1" * 32, channel_type="web",
)
channel = flex.WebChannel(
    "channel", flex_flow_sid=flow.sid, identity="visitor", customer_friendly_name="Customer",
    chat_friendly_name="Chat",
)
plugin = flex.Plugin("plugin", unique_name=c.require("pluginName"), description=c.require("description"))
version = flex.PluginVersion(
    "version", plugin_sid=plugin.sid, version="1.0.0", plugin_url="https://assets.example.com/p/bundle.js",
)
configuration = flex.PluginConfiguration(
    "configuration", name="preview", plugins=[{"plugin_version": version.sid, "phase": 3}],
)
release = flex.PluginRelease("release", configuration_sid=configuration.sid)
category = flex.QuestionnaireCategory("category", name=c.require("categoryName"))
question = flex.QuestionnaireQuestion(
    "question", category_sid=category.category_sid, question=c.require("question"),
    answer_set_id=c.require("answerSetId"), allow_na=True,
)
questionnaire = flex.Questionnaire("questionnaire", name="Review", question_sids=[question.question_sid])
"""


def planned(stack: PulumiProject) -> Counter[str]:
    """Operations the preview promises, by kind (``update``, ``replace``, ``create``, ``same``…)."""
    result = stack.preview("--json")
    steps = json.loads(result.stdout).get("steps", [])
    return Counter(step["op"] for step in steps if not step["urn"].endswith("pulumi:pulumi:Stack"))


def test_in_place_changes_preview_no_replacement_of_dependents(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    answer_set = get(flex.client(), "/v1/Insights/QualityManagement/Settings/AnswerSets")["answer_sets"][0]
    stack = project(PROGRAM)
    for key, value in {
        "flowName": "Web",
        "pluginName": "preview-plugin",
        "description": "first",
        "categoryName": "Greeting",
        "question": "Did the agent greet?",
        "answerSetId": answer_set["id"],
    }.items():
        stack.config(key, value)
    stack.up()

    # Each parent changes in place: the plugin, the flow, the category and the question.
    stack.config("description", "second")
    stack.config("flowName", "Web (renamed)")
    stack.config("categoryName", "Greeting (renamed)")
    stack.config("question", "Did the agent greet the customer?")
    ops = planned(stack)
    assert ops["replace"] == 0 and ops["create-replacement"] == 0, ops
    assert ops["update"] == 4, ops
    up = stack.up()
    assert "4 updated" in up.stdout, up.stdout
    stack.preview("--expect-no-changes")

    # A real replacement (a new unique name) still previews its dependents' replacement.
    stack.config("pluginName", "preview-plugin-2")
    ops = planned(stack)
    assert ops["replace"] == 3, ops  # the plugin, its version and the configuration that holds it
    assert ops["update"] == 1, ops  # the release points at the new configuration, in place
