"""The consumer stack: Flex objects wired to the platform through `pulumi.StackReference`.

    pulumi config set platformStack organization/flex-platform/dev

With a DIY backend (file, PostgreSQL…) stack names are `organization/<project>/<stack>`.
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()
platform = pulumi.StackReference(config.get("platformStack") or "organization/flex-platform/dev")

flow = flex.FlexFlow(
    "support-chat",
    friendly_name="Support chat",
    chat_service_sid=platform.require_output("chat_service_sid"),
    channel_type="web",
    integration_type="external",
    integration={"url": platform.require_output("webhook_url"), "retry_count": 2},
    enabled=True,
)
channel = flex.WebChannel(
    "website-chat",
    flex_flow_sid=flow.sid,
    identity="website",
    customer_friendly_name="Website visitor",
    chat_friendly_name="Support chat",
)

pulumi.export("flex_flow_sid", flow.sid)
pulumi.export("web_channel_sid", channel.sid)
