"""Specs: one declaration per Flex object (fields, wire names, validation, endpoints)."""

from .base import FieldSpec, ResourceSpec, SpecModel
from .channel import CHANNEL
from .configuration import CONFIGURATION
from .flex_flow import FLEX_FLOW
from .plugin import PLUGIN
from .plugin_configuration import PLUGIN_CONFIGURATION
from .plugin_release import PLUGIN_RELEASE
from .plugin_version import PLUGIN_VERSION
from .questionnaire import QUESTIONNAIRE
from .questionnaire_category import QUESTIONNAIRE_CATEGORY
from .questionnaire_question import QUESTIONNAIRE_QUESTION
from .web_channel import WEB_CHANNEL

# The objects managed as Pulumi resources (Channel is a runtime object the client serves).
RESOURCE_SPECS = (
    FLEX_FLOW,
    WEB_CHANNEL,
    PLUGIN,
    PLUGIN_VERSION,
    PLUGIN_CONFIGURATION,
    PLUGIN_RELEASE,
    QUESTIONNAIRE_CATEGORY,
    QUESTIONNAIRE_QUESTION,
    QUESTIONNAIRE,
    CONFIGURATION,
)

__all__ = [
    "CHANNEL",
    "CONFIGURATION",
    "FLEX_FLOW",
    "PLUGIN",
    "PLUGIN_CONFIGURATION",
    "PLUGIN_RELEASE",
    "PLUGIN_VERSION",
    "QUESTIONNAIRE",
    "QUESTIONNAIRE_CATEGORY",
    "QUESTIONNAIRE_QUESTION",
    "RESOURCE_SPECS",
    "WEB_CHANNEL",
    "FieldSpec",
    "ResourceSpec",
    "SpecModel",
]
