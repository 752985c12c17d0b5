"""A Flex contact center as code, in the shape of Twilio's professional-services template:

- a TaskRouter workspace with its activities, a messaging task channel, a queue per skill and a
  routing workflow that sends each skill to its queue;
- a published Studio messaging flow that sends every conversation to Flex through that workflow;
- a Conversations address configuration that starts the flow for messages to a number;
- a plugin release and a QA questionnaire, next to the routing they belong with.

Set `flex:*` credentials (or TWILIO_*), then `pulumi up`. Config keys: `address` (the number
messages arrive at, default +15555550100) and `skills` (comma-separated, default sales,support).
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()
address = config.get("address") or "+15555550100"
skills = [s.strip() for s in (config.get("skills") or "sales,support").split(",") if s.strip()]

# --- TaskRouter ---------------------------------------------------------------------------------
workspace = flex.Workspace(
    "contact-center",
    friendly_name="Contact center",
    multi_task_enabled=True,
    prioritize_queue_order="FIFO",
)
available = flex.Activity("available", workspace_sid=workspace.sid, friendly_name="Available", available=True)
offline = flex.Activity("offline", workspace_sid=workspace.sid, friendly_name="Offline", available=False)
# A new workspace comes with the built-in channels (default, voice, chat, sms, video, email);
# this one is the stack's own, for messaging that reaches Flex through Conversations.
messaging_channel = flex.TaskChannel(
    "messaging", workspace_sid=workspace.sid, friendly_name="Messaging", unique_name="messaging"
)

queues = {
    skill: flex.TaskQueue(
        f"queue-{skill}",
        workspace_sid=workspace.sid,
        friendly_name=skill.title(),
        target_workers=f'routing.skills HAS "{skill}"',
        max_reserved_workers=1,
        task_order="FIFO",
    )
    for skill in skills
}
everyone = flex.TaskQueue(
    "queue-everyone", workspace_sid=workspace.sid, friendly_name="Everyone", target_workers="1==1"
)

routing = flex.Workflow(
    "routing",
    workspace_sid=workspace.sid,
    friendly_name="Route by skill",
    task_reservation_timeout=120,
    configuration={
        "task_routing": {
            "filters": [
                {
                    "filter_friendly_name": skill,
                    "expression": f'skill == "{skill}"',
                    "targets": [{"queue": queue.sid, "timeout": 300}],
                }
                for skill, queue in queues.items()
            ],
            "default_filter": {"queue": everyone.sid},
        }
    },
)

# --- Studio: messages go to Flex through the routing workflow -----------------------------------
messaging = flex.StudioFlow(
    "messaging",
    friendly_name="Messaging flow",
    status="published",
    commit_message="Managed by pulumi-flex",
    definition={
        "description": "Incoming messages go to an agent",
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
                    "workflow": routing.sid,
                    "channel": messaging_channel.sid,
                    "attributes": '{"skill": "{{trigger.conversation.Body}}"}',
                },
            },
        ],
    },
)

inbound = flex.AddressConfiguration(
    "sms-inbound",
    type="sms",
    address=address,
    friendly_name="Inbound SMS to Flex",
    auto_creation={
        "enabled": True,
        "type": "studio",
        "studio_flow_sid": messaging.sid,
        "studio_retry_count": 1,
    },
)

# --- Flex UI plugin and quality management -----------------------------------------------------
plugin = flex.Plugin("agent-tools", unique_name="plugin-contact-center-tools", friendly_name="Agent tools")
plugin_version = flex.PluginVersion(
    "agent-tools-1",
    plugin_sid=plugin.sid,
    version="1.0.0",
    plugin_url="https://assets.example.com/plugins/contact-center-tools/1.0.0/bundle.js",
)
plugins = flex.PluginConfiguration(
    "plugins", name="contact-center 1.0.0", plugins=[{"plugin_version": plugin_version.sid, "phase": 3}]
)
release = flex.PluginRelease("release", configuration_sid=plugins.sid)

quality = flex.QuestionnaireCategory("quality", name="Quality")
greeted = flex.QuestionnaireQuestion(
    "greeted",
    category_sid=quality.category_sid,
    question="Did the agent greet the customer?",
    answer_set_id=config.get("yesNoAnswerSet") or "a6a8a54f-5305-4aec-b92c-a6e429932f58",
    allow_na=False,
)
review = flex.Questionnaire(
    "review", name="Messaging review", active=True, question_sids=[greeted.question_sid]
)

pulumi.export("workspace_sid", workspace.sid)
pulumi.export("queue_sids", {skill: queue.sid for skill, queue in queues.items()})
pulumi.export("workflow_sid", routing.sid)
pulumi.export("studio_flow_sid", messaging.sid)
pulumi.export("studio_webhook_url", messaging.webhook_url)
pulumi.export("address_configuration_sid", inbound.sid)
pulumi.export("release_sid", release.sid)
