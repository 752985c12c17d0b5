"""One program, two Flex accounts: dev through the stack's credentials (flex:accountSid,
flex:authToken), prod through a per-resource `account`.

    pulumi config set prodAccountSid AC...
    pulumi config set --secret prodAuthToken ...

The prod token is a Pulumi secret: it is stored encrypted in state (refresh and destroy need it)
and never shown in plaintext. Both accounts get the same web-chat flow; each gets its own UI
language in its Flex configuration.
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()
chat_service_sid = config.get("chatServiceSid") or "IS" + "0" * 31 + "1"
prod = flex.FlexAccount(
    account_sid=config.require("prodAccountSid"),
    auth_token=config.require_secret("prodAuthToken"),
)

for stage, account in (("dev", None), ("prod", prod)):
    flow = flex.FlexFlow(
        f"web-chat-{stage}",
        friendly_name=f"Web chat ({stage})",
        chat_service_sid=chat_service_sid,
        channel_type="web",
        integration_type="external",
        integration={"url": f"https://{stage}.example.com/flex/webhook"},
        account=account,
    )
    flex.Configuration(
        f"flex-config-{stage}", ui_language="en-US" if stage == "prod" else "en-GB", account=account
    )
    pulumi.export(f"{stage}_flow_sid", flow.sid)
    pulumi.export(f"{stage}_account_sid", flow.account_sid)
