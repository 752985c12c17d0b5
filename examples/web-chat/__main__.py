"""A web chat: a Flex Flow for the web channel and a WebChannel on it.

The channel's create inputs are immutable (a change replaces the channel); set the config key
`closeChat` to true to close the chat in place (`chat_status="inactive"`).
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()
chat_service_sid = config.get("chatServiceSid") or "IS" + "0" * 31 + "1"
studio_flow_sid = config.get("studioFlowSid") or "FW" + "0" * 31 + "1"

flow = flex.FlexFlow(
    "web-flow",
    friendly_name="Website chat",
    chat_service_sid=chat_service_sid,
    channel_type="web",
    integration_type="studio",
    integration={"flow_sid": studio_flow_sid},
    enabled=True,
)

channel = flex.WebChannel(
    "support-chat",
    flex_flow_sid=flow.sid,
    identity="visitor-42",
    customer_friendly_name="Website visitor",
    chat_friendly_name="Support chat",
    pre_engagement_data={"friendlyName": "Website visitor", "question": "Where is my order?"},
    chat_status="inactive" if config.get_bool("closeChat") else None,
)

pulumi.export("flex_flow_sid", flow.sid)
pulumi.export("web_channel_sid", channel.sid)
