"""The producer stack: the cloud platform around Flex, which other stacks consume.

In a real set-up this stack owns the webhook service, the Studio flows and the chat service;
here it only publishes their identifiers as stack outputs.
"""

import pulumi

config = pulumi.Config()
pulumi.export("chat_service_sid", config.get("chatServiceSid") or "IS" + "a" * 32)
pulumi.export("webhook_url", config.get("webhookUrl") or "https://api.example.com/flex/webhook")
pulumi.export("support_queue", "support")
