"""Quickstart: one Flex Flow that hands web chats to a Studio Flow.

Run from the repo root with `make demo`, or point it at your own account (see the README).
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()
# A Chat Service and a Studio Flow of your account; these defaults are placeholders for the emulator.
chat_service_sid = config.get("chatServiceSid") or "IS" + "0" * 31 + "1"
studio_flow_sid = config.get("studioFlowSid") or "FW" + "0" * 31 + "1"

flow = flex.FlexFlow(
    "web-chat",
    friendly_name="Web chat to Studio",
    chat_service_sid=chat_service_sid,
    channel_type="web",
    integration_type="studio",
    integration={"flow_sid": studio_flow_sid, "retry_count": 1},
    enabled=True,
    janitor_enabled=True,
)

pulumi.export("flex_flow_sid", flow.sid)
pulumi.export("flex_flow_url", flow.url)
pulumi.export("integration", flow.integration)
