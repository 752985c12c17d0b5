"""pulumi_flex: manage Twilio Flex with Pulumi.

Resources (``FlexFlow``…) and the client (``FlexClient``) are imported on first use, so the
provider process, which imports this package to unpickle providers, pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .client import (
        FlexApiError,
        FlexClient,
        FlexConfigurationError,
        FlexCredentials,
        FlexError,
    )
    from .resources import (
        Configuration,
        ConfigurationArgs,
        FlexAccount,
        FlexFlow,
        FlexFlowArgs,
        FlexFlowIntegrationArgs,
        Plugin,
        PluginArgs,
        PluginConfiguration,
        PluginConfigurationArgs,
        PluginConfigurationPluginArgs,
        PluginRelease,
        PluginReleaseArgs,
        PluginVersion,
        PluginVersionArgs,
        Questionnaire,
        QuestionnaireArgs,
        QuestionnaireCategory,
        QuestionnaireCategoryArgs,
        QuestionnaireQuestion,
        QuestionnaireQuestionArgs,
        WebChannel,
        WebChannelArgs,
    )

# The client's exports; every other name in __all__ (but __version__) is a resource.
_CLIENT_EXPORTS = frozenset(
    {"FlexApiError", "FlexClient", "FlexConfigurationError", "FlexCredentials", "FlexError"}
)

__all__ = [
    "Configuration",
    "ConfigurationArgs",
    "FlexAccount",
    "FlexApiError",
    "FlexClient",
    "FlexConfigurationError",
    "FlexCredentials",
    "FlexError",
    "FlexFlow",
    "FlexFlowArgs",
    "FlexFlowIntegrationArgs",
    "Plugin",
    "PluginArgs",
    "PluginConfiguration",
    "PluginConfigurationArgs",
    "PluginConfigurationPluginArgs",
    "PluginRelease",
    "PluginReleaseArgs",
    "PluginVersion",
    "PluginVersionArgs",
    "Questionnaire",
    "QuestionnaireArgs",
    "QuestionnaireCategory",
    "QuestionnaireCategoryArgs",
    "QuestionnaireQuestion",
    "QuestionnaireQuestionArgs",
    "WebChannel",
    "WebChannelArgs",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'pulumi_flex' has no attribute {name!r}")
    module = "client" if name in _CLIENT_EXPORTS else "resources"
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
