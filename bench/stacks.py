"""The Pulumi programs the benchmark runs, each with a twin on the no-op provider (the engine floor).

Every program reads ``bench:count`` (how many objects) and ``bench:rev`` (a suffix on the first FlexFlow's
name, so that setting it updates exactly one object). The twin declares the same resources, with the same
inputs and the same dependencies, as :class:`noop_provider.Noop` resources.
"""

from __future__ import annotations

from dataclasses import dataclass

FLEX_HEADER = """\
import pulumi
import pulumi_flex as flex

c = pulumi.Config("bench")
count = c.require_int("count")
rev = c.get("rev") or "0"
"""

NOOP_HEADER = """\
import pulumi
from noop_provider import Noop

c = pulumi.Config("bench")
count = c.require_int("count")
rev = c.get("rev") or "0"
"""

FLOW_INPUTS = """\
        friendly_name=f"bench flow {i}" + (f" rev {rev}" if i == 0 else ""),
        chat_service_sid="IS" + "1" * 32,
        channel_type="sms",
        integration_type="external",
        integration={"url": f"https://hooks.example.com/bench/{i}", "retry_count": 1},
        enabled=True,
"""

FLOWS = (
    FLEX_HEADER
    + f"""
for i in range(count):
    flex.FlexFlow(
        f"flow-{{i}}",
{FLOW_INPUTS}    )
"""
)

NOOP_FLOWS = (
    NOOP_HEADER
    + f"""
for i in range(count):
    Noop(
        f"flow-{{i}}",
{FLOW_INPUTS}    )
"""
)

# Every type, wired as a real set-up is: a channel on the flow, a plugin released through its version and
# configuration, a questionnaire of three questions in three categories (so that refresh shows whether
# categories and questions are listed once, not once per object), and the account's configuration.
# `count` is unused (always 14 objects); `rev` renames the flow.
MIXED = (
    FLEX_HEADER
    + """
i = 0
answer_set = c.require("answerSet")
flow = flex.FlexFlow(
    "flow",
"""
    + FLOW_INPUTS.replace("        ", "    ")
    + """)
channel = flex.WebChannel(
    "web-channel", flex_flow_sid=flow.sid, identity="visitor-1",
    customer_friendly_name="Customer", chat_friendly_name="Chat", pre_engagement_data={"q": "hello"},
)
plugin = flex.Plugin("plugin", unique_name="bench-plugin", friendly_name="Bench plugin")
version = flex.PluginVersion(
    "version", plugin_sid=plugin.sid, version="1.0.0",
    plugin_url="https://assets.example.com/bench/1.0.0/bundle.js",
)
configuration = flex.PluginConfiguration(
    "configuration", name="bench 1.0.0", plugins=[{"plugin_version": version.sid, "phase": 3}],
)
flex.PluginRelease("release", configuration_sid=configuration.sid)
categories = [flex.QuestionnaireCategory(f"category-{k}", name=f"Bench category {k}") for k in range(3)]
questions = [
    flex.QuestionnaireQuestion(
        f"question-{k}", category_sid=categories[k].category_sid, question=f"Bench question {k}?",
        answer_set_id=answer_set, allow_na=True,
    )
    for k in range(3)
]
flex.Questionnaire(
    "questionnaire", name="Bench review", description="Weekly", active=True,
    question_sids=[q.question_sid for q in questions],
)
flex.Configuration("flex-config", ui_language="en-GB", ui_attributes={"theme": {"isLight": True}})
"""
)

NOOP_MIXED = (
    NOOP_HEADER
    + """
i = 0
answer_set = c.require("answerSet")
flow = Noop(
    "flow",
"""
    + FLOW_INPUTS.replace("        ", "    ")
    + """)
channel = Noop(
    "web-channel", flex_flow_sid=flow.sid, identity="visitor-1",
    customer_friendly_name="Customer", chat_friendly_name="Chat", pre_engagement_data={"q": "hello"},
)
plugin = Noop("plugin", unique_name="bench-plugin", friendly_name="Bench plugin")
version = Noop(
    "version", plugin_sid=plugin.sid, version="1.0.0",
    plugin_url="https://assets.example.com/bench/1.0.0/bundle.js",
)
configuration = Noop(
    "configuration", name="bench 1.0.0", plugins=[{"plugin_version": version.sid, "phase": 3}],
)
Noop("release", configuration_sid=configuration.sid)
categories = [Noop(f"category-{k}", name=f"Bench category {k}") for k in range(3)]
questions = [
    Noop(
        f"question-{k}", category_sid=categories[k].sid, question=f"Bench question {k}?",
        answer_set_id=answer_set, allow_na=True,
    )
    for k in range(3)
]
Noop(
    "questionnaire", name="Bench review", description="Weekly", active=True,
    question_sids=[q.sid for q in questions],
)
Noop("flex-config", ui_language="en-GB", ui_attributes={"theme": {"isLight": True}})
"""
)

MIXED_OBJECTS = 14
MIXED_TYPES = (
    "FlexFlow",
    "WebChannel",
    "Plugin",
    "PluginVersion",
    "PluginConfiguration",
    "PluginRelease",
    "QuestionnaireCategory",
    "QuestionnaireQuestion",
    "Questionnaire",
    "Configuration",
)


@dataclass(frozen=True)
class Stack:
    """A benchmark stack: ``program`` on pulumi_flex, ``noop_program`` its engine-floor twin."""

    name: str  # "flows" or "mixed"
    objects: int
    program: str
    noop_program: str

    @property
    def key(self) -> str:
        return f"{self.name}-{self.objects}"


def flows(count: int) -> Stack:
    return Stack("flows", count, FLOWS, NOOP_FLOWS)


def mixed() -> Stack:
    return Stack("mixed", MIXED_OBJECTS, MIXED, NOOP_MIXED)
