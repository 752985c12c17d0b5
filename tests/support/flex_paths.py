"""Which Flex object a path parameter names, so tests can put well-formed (or real) SIDs into route templates.

The emulator's route templates and the spec's paths name parameters ``Sid``, ``PluginSid``, ``ChannelSid`` and
so on; the collection segment right before a parameter says what it identifies.
"""

from __future__ import annotations

import re

# kind -> SID prefix
PREFIXES = {
    "flex_flow": "FO",
    "web_channel": "CH",
    "channel": "CH",
    "plugin": "FP",
    "plugin_version": "FV",
    "plugin_configuration": "FJ",
    "plugin_release": "FK",
    "category": "FY",
    "question": "GE",
    "questionnaire": "GM",
    "interaction": "KD",
    "interaction_channel": "UO",
    "invite": "KG",
    "participant": "UT",
    "transfer": "UX",
}

_SEGMENT_KINDS = {
    "FlexFlows": "flex_flow",
    "WebChannels": "web_channel",
    "Versions": "plugin_version",
    "Releases": "plugin_release",
    "Categories": "category",
    "Questions": "question",
    "Questionnaires": "questionnaire",
    "Interactions": "interaction",
    "Invites": "invite",
    "Participants": "participant",
    "Transfers": "transfer",
}
_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


def param_kinds(template: str) -> dict[str, str]:
    """``{param: kind}`` for each path parameter of ``template``; KeyError for a segment nobody mapped."""
    segments = template.strip("/").split("/")
    kinds: dict[str, str] = {}
    for index, segment in enumerate(segments):
        match = _PARAM.fullmatch(segment)
        if match is None:
            continue
        collection = segments[index - 1]
        if collection == "Channels":
            kind = "interaction_channel" if "/Interactions/" in template else "channel"
        elif collection == "Plugins":
            kind = "plugin"
        elif collection == "Configurations":
            kind = "plugin_configuration"
        else:
            kind = _SEGMENT_KINDS[collection]
        kinds[match.group(1)] = kind
    return kinds


def well_formed_sid(kind: str, fill: str = "0") -> str:
    return PREFIXES[kind] + fill * 32


def fill_template(template: str, values: dict[str, str] | None = None, fill: str = "0") -> str:
    """``template`` with each parameter replaced by ``values[kind]`` or a well-formed SID of its kind."""
    kinds = param_kinds(template)
    chosen = values or {}

    def substitute(match: re.Match[str]) -> str:
        kind = kinds[match.group(1)]
        return chosen.get(kind) or well_formed_sid(kind, fill)

    return _PARAM.sub(substitute, template)
