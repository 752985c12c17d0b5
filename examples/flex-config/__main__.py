"""Manage part of the account's Flex configuration.

Only the keys declared here are managed; the rest of the configuration is left alone.
JSON-valued keys are replaced whole by the API, so declare the full value you want.
`pulumi destroy` writes back the values these keys had before the stack managed them.
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()

flex_config = flex.Configuration(
    "flex-configuration",
    ui_language=config.get("uiLanguage") or "en-US",
    call_recording_enabled=True,
    ui_attributes={
        "theme": {"isLight": True, "tokens": {"backgroundColors": {"colorBackgroundPrimary": "#0263e0"}}},
        "logLevel": "info",
    },
    taskrouter_skills=[
        {"name": "billing", "multivalue": False},
        {"name": "language", "multivalue": True},
    ],
    public_attributes={"support_email": "help@example.com"},
)

pulumi.export("status", flex_config.status)
pulumi.export("ui_language", flex_config.ui_language)
pulumi.export("taskrouter_workspace_sid", flex_config.taskrouter_workspace_sid)
