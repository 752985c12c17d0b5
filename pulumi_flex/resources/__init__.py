"""The typed Pulumi resources, one module per Flex object."""

from .base import CommonArgs, FlexAccount, FlexResource
from .configuration import Configuration, ConfigurationArgs
from .flex_flow import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs
from .plugin import Plugin, PluginArgs
from .plugin_configuration import PluginConfiguration, PluginConfigurationArgs, PluginConfigurationPluginArgs
from .plugin_release import PluginRelease, PluginReleaseArgs
from .plugin_version import PluginVersion, PluginVersionArgs
from .questionnaire import Questionnaire, QuestionnaireArgs
from .questionnaire_category import QuestionnaireCategory, QuestionnaireCategoryArgs
from .questionnaire_question import QuestionnaireQuestion, QuestionnaireQuestionArgs
from .web_channel import WebChannel, WebChannelArgs

__all__ = [
    "CommonArgs",
    "Configuration",
    "ConfigurationArgs",
    "FlexAccount",
    "FlexFlow",
    "FlexFlowArgs",
    "FlexFlowIntegrationArgs",
    "FlexResource",
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
]
