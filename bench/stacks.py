"""The Pulumi programs the benchmark runs, each with a twin on the no-op provider (the engine floor).

Every program reads ``bench:count`` (how many objects) and ``bench:rev`` (a suffix on the first FlexFlow's
name, or the first TaskQueue's in the contact center, so that setting it updates exactly one object). The
twin declares the same resources, with the same inputs and the same dependencies, as
:class:`noop_provider.Noop` resources.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


# A contact center (the shape of examples/contact-center): a TaskRouter workspace with 3 activities, 2 task
# channels, `size` queues and 2 workflows (one routes each skill to its queue, one overflows to the last
# queue); `size` published Studio flows, each sending messages to Flex through a workflow on a channel; and
# `size` Conversations address configurations, each starting one of the flows. 8 + 3 x size objects; `rev`
# renames the first queue.
CONTACT_CENTER_BODY = """
size = c.require_int("size")
workspace = Workspace(
    "workspace", friendly_name="Bench contact center", multi_task_enabled=True, prioritize_queue_order="FIFO"
)
activities = [
    Activity(f"activity-{k}", workspace_sid=workspace.sid, friendly_name=f"Bench {name}", available=up)
    for k, (name, up) in enumerate([("available", True), ("break", False), ("offline", False)])
]
channels = [
    TaskChannel(
        f"channel-{k}", workspace_sid=workspace.sid, friendly_name=f"Bench channel {k}", unique_name=f"ch{k}"
    )
    for k in range(2)
]
queues = [
    TaskQueue(
        f"queue-{k}",
        workspace_sid=workspace.sid,
        friendly_name=f"Bench queue {k}" + (f" rev {rev}" if k == 0 else ""),
        target_workers=f'routing.skills HAS "skill-{k}"',
        max_reserved_workers=1,
        task_order="FIFO",
    )
    for k in range(size)
]
workflows = [
    Workflow(
        "workflow-skills",
        workspace_sid=workspace.sid,
        friendly_name="Bench route by skill",
        task_reservation_timeout=120,
        configuration={
            "task_routing": {
                "filters": [
                    {
                        "filter_friendly_name": f"skill-{k}",
                        "expression": f'skill == "skill-{k}"',
                        "targets": [{"queue": queue.sid, "timeout": 300}],
                    }
                    for k, queue in enumerate(queues)
                ],
                "default_filter": {"queue": queues[0].sid},
            }
        },
    ),
    Workflow(
        "workflow-overflow",
        workspace_sid=workspace.sid,
        friendly_name="Bench overflow",
        configuration={"task_routing": {"filters": [], "default_filter": {"queue": queues[-1].sid}}},
    ),
]
flows = [
    StudioFlow(
        f"studio-{k}",
        friendly_name=f"Bench messaging flow {k}",
        status="published",
        commit_message="bench",
        definition={
            "description": f"Messages for skill-{k} go to an agent",
            "initial_state": "Trigger",
            "flags": {"allow_concurrent_calls": True},
            "states": [
                {
                    "name": "Trigger",
                    "type": "trigger",
                    "transitions": [{"event": "incomingConversationMessage", "next": "SendToAgent"}],
                    "properties": {},
                },
                {
                    "name": "SendToAgent",
                    "type": "send-to-flex",
                    "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue"}],
                    "properties": {
                        "workflow": workflows[k % 2].sid,
                        "channel": channels[k % 2].sid,
                        "attributes": '{"skill": "skill-%d"}' % k,
                    },
                },
            ],
        },
    )
    for k in range(size)
]
for k in range(size):
    AddressConfiguration(
        f"address-{k}",
        type="sms",
        address=f"+1555010{k:04d}",
        friendly_name=f"Bench inbound SMS {k}",
        auto_creation={
            "enabled": True, "type": "studio", "studio_flow_sid": flows[k].sid, "studio_retry_count": 1
        },
    )
"""
CONTACT_CENTER_TYPES = (
    "Workspace",
    "Activity",
    "TaskChannel",
    "TaskQueue",
    "Workflow",
    "StudioFlow",
    "AddressConfiguration",
)
# The body names each type; ours binds the names to pulumi_flex's resources, the twin all to Noop.
CONTACT_CENTER = (
    FLEX_HEADER + "".join(f"{t} = flex.{t}\n" for t in CONTACT_CENTER_TYPES) + CONTACT_CENTER_BODY
)
NOOP_CONTACT_CENTER = (
    NOOP_HEADER + "".join(f"{t} = Noop\n" for t in CONTACT_CENTER_TYPES) + CONTACT_CENTER_BODY
)
CONTACT_CENTER_FIXED = 8  # the workspace, 3 activities, 2 channels, 2 workflows
CONTACT_CENTER_SIZE = 10  # queues, Studio flows and address configurations each


@dataclass(frozen=True)
class Stack:
    """A benchmark stack: ``program`` on pulumi_flex, ``noop_program`` its engine-floor twin."""

    name: str  # "flows", "mixed" or "contact-center"
    objects: int
    program: str
    noop_program: str
    config: dict[str, str] = field(default_factory=dict)  # more `bench:*` settings

    @property
    def key(self) -> str:
        return f"{self.name}-{self.objects}"


def flows(count: int) -> Stack:
    return Stack("flows", count, FLOWS, NOOP_FLOWS)


def mixed() -> Stack:
    return Stack("mixed", MIXED_OBJECTS, MIXED, NOOP_MIXED)


def contact_center(size: int = CONTACT_CENTER_SIZE) -> Stack:
    """A contact center with ``size`` queues, Studio flows and address configurations."""
    objects = CONTACT_CENTER_FIXED + 3 * size
    return Stack("contact-center", objects, CONTACT_CENTER, NOOP_CONTACT_CENTER, {"bench:size": str(size)})
