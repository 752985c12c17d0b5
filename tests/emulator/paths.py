"""Which object a path parameter names, for every service the emulator serves: Flex's paths (delegated to
``tests.support.flex_paths``) and the TaskRouter, Studio and Conversations paths, with or without their
service prefix (``/taskrouter/v1/…`` in the emulator's route templates, ``/v1/…`` in Twilio's specs)."""

from __future__ import annotations

import re

from tests.support import flex_paths

SERVICE_PREFIXES = ("/taskrouter", "/studio", "/conversations")

# kind -> SID prefix, for the services beside Flex
SERVICE_SID_PREFIXES = {
    "workspace": "WS",
    "activity": "WA",
    "task_channel": "TC",
    "task_queue": "WQ",
    "workflow": "WW",
    "studio_flow": "FW",
    "address_configuration": "IG",
}
PREFIXES = {**flex_paths.PREFIXES, **SERVICE_SID_PREFIXES}

# the collection segment before a parameter -> kind
_SEGMENT_KINDS = {
    "Workspaces": "workspace",
    "Activities": "activity",
    "TaskChannels": "task_channel",
    "TaskQueues": "task_queue",
    "Workflows": "workflow",
    "Flows": "studio_flow",
    "Addresses": "address_configuration",
}
_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
# a path of another service: its prefix in the emulator, or a path only that service's spec has
_SERVICE_PATH = re.compile(
    r"^(/(taskrouter|studio|conversations))?/v\d+/(Workspaces|Flows|Configuration/Addresses)"
)


def is_service_path(template: str) -> bool:
    """Whether ``template`` is a TaskRouter, Studio or Conversations path (not Flex's)."""
    return bool(_SERVICE_PATH.match(template))


def param_kinds(template: str) -> dict[str, str]:
    """``{param: kind}`` for each path parameter of ``template`` (a Studio ``{Revision}`` is ``revision``)."""
    if not is_service_path(template):
        return flex_paths.param_kinds(template)
    segments = template.strip("/").split("/")
    kinds: dict[str, str] = {}
    for index, segment in enumerate(segments):
        match = _PARAM.fullmatch(segment)
        if match is None:
            continue
        collection = segments[index - 1]
        kinds[match.group(1)] = "revision" if collection == "Revisions" else _SEGMENT_KINDS[collection]
    return kinds


def well_formed(kind: str, fill: str = "0") -> str:
    """A well-formed value of ``kind`` (a revision number for a revision)."""
    if kind == "revision":
        return "1"
    return PREFIXES[kind] + fill * 32


def fill_template(template: str, values: dict[str, str] | None = None, fill: str = "0") -> str:
    """``template`` with each parameter replaced by ``values[kind]`` or a well-formed value of its kind."""
    kinds = param_kinds(template)
    chosen = values or {}

    def substitute(match: re.Match[str]) -> str:
        kind = kinds[match.group(1)]
        return chosen.get(kind) or well_formed(kind, fill)

    return _PARAM.sub(substitute, template)
