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

_EXPORTS = {
    "Configuration": "resources",
    "ConfigurationArgs": "resources",
    "FlexAccount": "resources",
    "FlexFlow": "resources",
    "FlexFlowArgs": "resources",
    "FlexFlowIntegrationArgs": "resources",
    "Plugin": "resources",
    "PluginArgs": "resources",
    "PluginConfiguration": "resources",
    "PluginConfigurationArgs": "resources",
    "PluginConfigurationPluginArgs": "resources",
    "PluginRelease": "resources",
    "PluginReleaseArgs": "resources",
    "PluginVersion": "resources",
    "PluginVersionArgs": "resources",
    "Questionnaire": "resources",
    "QuestionnaireArgs": "resources",
    "QuestionnaireCategory": "resources",
    "QuestionnaireCategoryArgs": "resources",
    "QuestionnaireQuestion": "resources",
    "QuestionnaireQuestionArgs": "resources",
    "WebChannel": "resources",
    "WebChannelArgs": "resources",
    "FlexApiError": "client",
    "FlexClient": "client",
    "FlexConfigurationError": "client",
    "FlexCredentials": "client",
    "FlexError": "client",
}

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
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_flex' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
