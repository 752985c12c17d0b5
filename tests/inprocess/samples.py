"""One row per resource provider: valid inputs (with their prerequisites made out of band), an
invalid input, an in-place change, a change that replaces, and how to edit, remove and look at the
object behind the provider's back. The lifecycle tests are written once against this table."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_flex.provider.dynamic import SpecProvider
from pulumi_flex.resources.activity import ActivityProvider
from pulumi_flex.resources.address_configuration import AddressConfigurationProvider
from pulumi_flex.resources.configuration import ConfigurationProvider
from pulumi_flex.resources.flex_flow import FlexFlowProvider
from pulumi_flex.resources.plugin import PluginProvider
from pulumi_flex.resources.plugin_configuration import PluginConfigurationProvider
from pulumi_flex.resources.plugin_release import PluginReleaseProvider
from pulumi_flex.resources.plugin_version import PluginVersionProvider
from pulumi_flex.resources.questionnaire import QuestionnaireProvider
from pulumi_flex.resources.questionnaire_category import QuestionnaireCategoryProvider
from pulumi_flex.resources.questionnaire_question import QuestionnaireQuestionProvider
from pulumi_flex.resources.studio_flow import StudioFlowProvider
from pulumi_flex.resources.task_channel import TaskChannelProvider
from pulumi_flex.resources.task_queue import TaskQueueProvider
from pulumi_flex.resources.web_channel import WebChannelProvider
from pulumi_flex.resources.workflow import WorkflowProvider
from pulumi_flex.resources.workspace import WorkspaceProvider
from pulumi_flex.specs.base import ResourceSpec
from tests.inprocess.conftest import PRIMARY, SECOND, Emulator

Props = dict[str, Any]
Record = dict[str, Any]

CHAT_SERVICE = "IS" + "1" * 32
STUDIO_FLOW = "FW" + "2" * 32
YES_NO = "a6a8a54f-5305-4aec-b92c-a6e429932f58"  # an answer set id the emulator (and Twilio) serves
QM = "/v1/Insights/QualityManagement"
PLUGINS = "/v1/PluginService/Plugins"
CONFIGURATIONS = "/v1/PluginService/Configurations"
RELEASES = "/v1/PluginService/Releases"
WORKSPACES = "/taskrouter/v1/Workspaces"  # other services sit under a prefix of an explicit base URL
STUDIO_FLOWS = "/studio/v2/Flows"
ADDRESSES = "/conversations/v1/Configuration/Addresses"
# Another account for the same object: a move replaces the resource.
MOVED = {"account": {"account_sid": SECOND.account_sid, "auth_token": SECOND.auth_token}}


def unknown() -> Any:
    """A value not known until the engine applies: what ``check`` and ``diff`` see at preview."""
    return Unknown()  # type: ignore[no-untyped-call]


# --- prerequisites, made out of band through the API -------------------------------------------------


def new_flow(env: Emulator, name: str = "web flow") -> str:
    form = {
        "FriendlyName": name,
        "ChatServiceSid": CHAT_SERVICE,
        "ChannelType": "web",
        "IntegrationType": "studio",
        "Integration.FlowSid": STUDIO_FLOW,
    }
    return str(env.call("POST", "/v1/FlexFlows", data=form)["sid"])


def new_plugin(env: Emulator, name: str = "plugin-base") -> str:
    return str(env.call("POST", PLUGINS, data={"UniqueName": name})["sid"])


def new_version(env: Emulator, plugin: str, version: str = "1.0.0") -> str:
    form = {"Version": version, "PluginUrl": f"https://assets.example.com/{version}/plugin.js"}
    return str(env.call("POST", f"{PLUGINS}/{plugin}/Versions", data=form)["sid"])


def new_configuration(env: Emulator, name: str, versions: list[str] | None = None) -> str:
    entries = [json.dumps({"plugin_version": v, "phase": 3}) for v in versions or []]
    return str(env.call("POST", CONFIGURATIONS, data={"Name": name, "Plugins": entries})["sid"])


def release(env: Emulator, configuration: str) -> str:
    return str(env.call("POST", RELEASES, data={"ConfigurationId": configuration})["sid"])


def active_configuration(env: Emulator) -> str | None:
    with env.api() as http:
        response = http.get(f"{RELEASES}/Active")
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    return str(response.json()["configuration_sid"])


def new_category(env: Emulator, name: str = "Greeting") -> str:
    return str(env.call("POST", f"{QM}/Categories", data={"Name": name})["category_sid"])


def new_question(env: Emulator, category: str, text: str = "Did the agent greet?") -> str:
    form = {"CategorySid": category, "Question": text, "AnswerSetId": YES_NO, "AllowNa": "false"}
    return str(env.call("POST", f"{QM}/Questions", data=form)["question_sid"])


def new_workspace(env: Emulator, name: str = "Sales") -> str:
    return str(env.call("POST", WORKSPACES, data={"FriendlyName": name})["sid"])


def new_queue(env: Emulator, workspace: str, name: str = "Everyone") -> str:
    return str(env.call("POST", f"{WORKSPACES}/{workspace}/TaskQueues", data={"FriendlyName": name})["sid"])


def api_path(spec: ResourceSpec, path: str) -> str:
    """``path`` (a spec's, e.g. ``/v1/Workspaces``) as the app serves it under the spec's service."""
    return path if spec.service == "flex" else f"/{spec.service}{path}"


def listed(env: Emulator, path: str, key: str, id_field: str, sid: str) -> Record | None:
    body = env.call("GET", path, params={"PageSize": 1000})
    return next((r for r in body[key] if r[id_field] == sid), None)


def fetched(env: Emulator, path: str) -> Record | None:
    with env.api() as http:
        response = http.get(path)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    body: Record = response.json()
    return body


# --- the table -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Made:
    """Valid inputs, plus changes that depend on what was made (``None``: the object has none)."""

    inputs: Props
    in_place: Props | None = None  # updates in place
    replace: Props | None = None  # a create-only change: replaces (defaults to another account)


@dataclass(frozen=True)
class Sample:
    provider: type[SpecProvider]
    make: Callable[[Emulator], Made]
    invalid: tuple[str, Any]  # (input, value): check names the input
    # The object as the API returns it (None: gone or archived), from the resource ID and inputs.
    look: Callable[[Emulator, str, Props], Record | None]
    # Out-of-band change: returns (output, value the next read must show).
    edit: Callable[[Emulator, str, Props], tuple[str, Any]] | None = None
    # Out-of-band delete or archive.
    remove: Callable[[Emulator, str, Props], None] | None = None
    updatable: bool = True  # ``make`` gives an in-place change
    create_only: bool = False  # ``make`` gives a create-only change (else a move replaces)

    @property
    def name(self) -> str:
        return self.provider.spec.name

    def replacement(self, made: Made) -> tuple[Props, list[str]]:
        """A change that replaces and the names ``diff`` must give: a create-only input if the
        object has one, else a move to another account."""
        if made.replace is not None:
            return made.replace, sorted(made.replace)
        return MOVED, ["account"]


def _flex_flow(env: Emulator) -> Made:
    return Made(
        inputs={
            "friendly_name": "support",
            "chat_service_sid": CHAT_SERVICE,
            "channel_type": "web",
            "integration_type": "studio",
            "integration": {"flow_sid": STUDIO_FLOW, "retry_count": 1.0},
            "enabled": True,
        },
        in_place={
            "friendly_name": "support (renamed)",
            "enabled": False,
            "integration": {"flow_sid": STUDIO_FLOW, "retry_count": 3.0},
        },
    )


def _edit_flex_flow(env: Emulator, sid: str, props: Props) -> tuple[str, Any]:
    env.call("POST", f"/v1/FlexFlows/{sid}", data={"FriendlyName": "edited in the console"})
    return "friendly_name", "edited in the console"


def _web_channel(env: Emulator) -> Made:
    flow, other = new_flow(env, "first"), new_flow(env, "second")
    return Made(
        inputs={
            "flex_flow_sid": flow,
            "identity": "visitor-1",
            "customer_friendly_name": "Ada",
            "chat_friendly_name": "Chat with Ada",
            "pre_engagement_data": {"topic": "billing", "priority": 2.0},
        },
        in_place={"post_engagement_data": '{"survey": "done"}', "chat_status": "inactive"},
        replace={"flex_flow_sid": other},
    )


def _plugin(env: Emulator) -> Made:
    return Made(
        inputs={"unique_name": "plugin-sample", "friendly_name": "Sample", "description": "a plugin"},
        in_place={"friendly_name": "Sample (renamed)", "description": "changed"},
        replace={"unique_name": "plugin-other"},
    )


def _edit_plugin(env: Emulator, sid: str, props: Props) -> tuple[str, Any]:
    env.call("POST", f"{PLUGINS}/{sid}", data={"FriendlyName": "edited in the console"})
    return "friendly_name", "edited in the console"


def _archive(path: Callable[[str, Props], str]) -> Callable[[Emulator, str, Props], None]:
    def archive(env: Emulator, sid: str, props: Props) -> None:
        env.call("POST", path(sid, props) + "/Archive")

    return archive


def _plugin_version(env: Emulator) -> Made:
    plugin = new_plugin(env)
    return Made(
        inputs={
            "plugin_sid": plugin,
            "version": "2.0.0",
            "plugin_url": "https://assets.example.com/2.0.0/plugin.js",
            "changelog": "first",
            "private": True,
            "cli_version": "6.0.0",
        },
        replace={"version": "2.0.1"},
    )


def _plugin_configuration(env: Emulator) -> Made:
    version = new_version(env, new_plugin(env))
    return Made(
        inputs={"name": "config-one", "description": "one plugin", "plugins": [{"plugin_version": version}]},
        replace={"name": "config-two"},
    )


def _plugin_release(env: Emulator) -> Made:
    version = new_version(env, new_plugin(env))
    first = new_configuration(env, "first", [version])
    second = new_configuration(env, "second", [version])
    return Made(inputs={"configuration_sid": first}, in_place={"configuration_sid": second})


def _look_release(env: Emulator, id_: str, props: Props) -> Record | None:
    """The release, while it is the active one (a release is never deleted: it is superseded)."""
    active = fetched(env, f"{RELEASES}/Active")
    return (
        active if active is not None and active["configuration_sid"] == props["configuration_sid"] else None
    )


def _edit_release(env: Emulator, id_: str, props: Props) -> tuple[str, Any]:
    other = new_configuration(env, "released elsewhere")
    release(env, other)
    return "configuration_sid", other


def _category(env: Emulator) -> Made:
    return Made(inputs={"name": "Greeting"}, in_place={"name": "Greeting and closing"})


def _edit_category(env: Emulator, sid: str, props: Props) -> tuple[str, Any]:
    env.call("POST", f"{QM}/Categories/{sid}", data={"Name": "edited in the console"})
    return "name", "edited in the console"


def _question(env: Emulator) -> Made:
    category = new_category(env)
    return Made(
        inputs={
            "category_sid": category,
            "question": "Did the agent greet the customer?",
            "answer_set_id": YES_NO,
            "allow_na": False,
            "description": "opening",
        },
        in_place={"question": "Did the agent greet the customer by name?", "allow_na": True},
    )


def _edit_question(env: Emulator, sid: str, props: Props) -> tuple[str, Any]:
    env.call("POST", f"{QM}/Questions/{sid}", data={"Question": "edited?", "AllowNa": "false"})
    return "question", "edited?"


def _questionnaire(env: Emulator) -> Made:
    category = new_category(env)
    first, second = new_question(env, category, "first?"), new_question(env, category, "second?")
    return Made(
        inputs={"name": "Quality", "description": "weekly", "active": True, "question_sids": [first]},
        in_place={"question_sids": [second, first], "active": False},
    )


def _edit_questionnaire(env: Emulator, sid: str, props: Props) -> tuple[str, Any]:
    env.call("POST", f"{QM}/Questionnaires/{sid}", data={"Name": "edited in the console", "Active": "true"})
    return "name", "edited in the console"


def _configuration(env: Emulator) -> Made:
    return Made(
        inputs={"ui_language": "fr", "ui_attributes": {"theme": {"isLight": False}}, "crm_enabled": True},
        in_place={"ui_language": "de"},
    )


def _edit_configuration(env: Emulator, sid: str, props: Props) -> tuple[str, Any]:
    env.call("POST", "/v1/Configuration", json={"account_sid": PRIMARY.account_sid, "ui_language": "es"})
    return "ui_language", "es"


def _delete(path: Callable[[str, Props], str]) -> Callable[[Emulator, str, Props], None]:
    def delete(env: Emulator, sid: str, props: Props) -> None:
        env.call("DELETE", path(sid, props))

    return delete


def _unarchived(look: Callable[[Emulator, str, Props], Record | None]) -> Callable[..., Record | None]:
    def unarchived(env: Emulator, sid: str, props: Props) -> Record | None:
        record = look(env, sid, props)
        return None if record is None or record.get("archived") else record

    return unarchived


def _version_path(sid: str, props: Props) -> str:
    return f"{PLUGINS}/{props['plugin_sid']}/Versions/{sid}"


# --- TaskRouter, Studio and Conversations objects ----------------------------------------------------

STUDIO_DEFINITION = {
    "description": "Messaging flow",
    "states": [
        {"name": "Trigger", "type": "trigger", "transitions": [], "properties": {"offset": {"x": 0, "y": 0}}}
    ],
    "initial_state": "Trigger",
    "flags": {"allow_concurrent_calls": True},
}


def _rename(
    path: Callable[[str, Props], str], **extra: str
) -> Callable[[Emulator, str, Props], tuple[str, Any]]:
    """An out-of-band rename through ``FriendlyName`` (plus any field the API needs on every update)."""

    def rename(env: Emulator, sid: str, props: Props) -> tuple[str, Any]:
        env.call("POST", path(sid, props), data={"FriendlyName": "edited in the console", **extra})
        return "friendly_name", "edited in the console"

    return rename


def _in_workspace(kind: str) -> Callable[[str, Props], str]:
    return lambda sid, props: f"{WORKSPACES}/{props['workspace_sid']}/{kind}/{sid}"


def _workspace(env: Emulator) -> Made:
    return Made(
        inputs={
            "friendly_name": "Support",
            "event_callback_url": "https://hooks.example.com/taskrouter",
            "multi_task_enabled": True,
            "prioritize_queue_order": "FIFO",
        },
        in_place={"friendly_name": "Support (EU)", "prioritize_queue_order": "LIFO"},
    )


def _activity(env: Emulator) -> Made:
    return Made(
        inputs={"workspace_sid": new_workspace(env), "friendly_name": "Lunch", "available": False},
        in_place={"friendly_name": "Lunch break"},
        replace={"available": True},
    )


def _task_channel(env: Emulator) -> Made:
    return Made(
        inputs={
            "workspace_sid": new_workspace(env),
            "friendly_name": "Escalation",
            "unique_name": "escalation",
            "channel_optimized_routing": True,
        },
        in_place={"friendly_name": "Escalations", "channel_optimized_routing": False},
        replace={"unique_name": "escalation-2"},
    )


def _task_queue(env: Emulator) -> Made:
    return Made(
        inputs={
            "workspace_sid": new_workspace(env),
            "friendly_name": "Billing",
            "target_workers": "skills HAS 'billing'",
            "max_reserved_workers": 2.0,
            "task_order": "FIFO",
        },
        in_place={"friendly_name": "Billing (EU)", "max_reserved_workers": 3.0, "task_order": "LIFO"},
    )


def _workflow(env: Emulator) -> Made:
    workspace = new_workspace(env)
    queue = new_queue(env, workspace)
    return Made(
        inputs={
            "workspace_sid": workspace,
            "friendly_name": "Route",
            "configuration": {"task_routing": {"filters": [], "default_filter": {"queue": queue}}},
            "task_reservation_timeout": 120.0,
        },
        in_place={"friendly_name": "Route v2", "task_reservation_timeout": 60.0},
    )


def _studio_flow(env: Emulator) -> Made:
    return Made(
        inputs={
            "friendly_name": "Messaging",
            "status": "published",
            "definition": STUDIO_DEFINITION,
            "commit_message": "first",
        },
        in_place={"friendly_name": "Messaging v2", "commit_message": "second"},
    )


def _address_configuration(env: Emulator) -> Made:
    return Made(
        inputs={
            "type": "sms",
            "address": "+15005550006",
            "friendly_name": "Support line",
            "auto_creation": {
                "enabled": True,
                "type": "webhook",
                "webhook_url": "https://hooks.example.com/c",
            },
        },
        in_place={"friendly_name": "Support"},
        replace={"address": "+15005550007"},
    )


SAMPLES: list[Sample] = [
    Sample(
        FlexFlowProvider,
        _flex_flow,
        invalid=("chat_service_sid", "not-a-sid"),
        look=lambda env, sid, props: fetched(env, f"/v1/FlexFlows/{sid}"),
        edit=_edit_flex_flow,
        remove=_delete(lambda sid, props: f"/v1/FlexFlows/{sid}"),
    ),
    Sample(
        WebChannelProvider,
        _web_channel,
        invalid=("chat_status", "active"),
        look=lambda env, sid, props: fetched(env, f"/v1/WebChannels/{sid}"),
        remove=_delete(lambda sid, props: f"/v1/WebChannels/{sid}"),
        create_only=True,
    ),
    Sample(
        PluginProvider,
        _plugin,
        invalid=("description", "x" * 501),
        look=_unarchived(lambda env, sid, props: fetched(env, f"{PLUGINS}/{sid}")),
        edit=_edit_plugin,
        remove=_archive(lambda sid, props: f"{PLUGINS}/{sid}"),
        create_only=True,
    ),
    Sample(
        PluginVersionProvider,
        _plugin_version,
        invalid=("plugin_url", "ftp://assets.example.com/plugin.js"),
        look=_unarchived(lambda env, sid, props: fetched(env, _version_path(sid, props))),
        remove=_archive(_version_path),
        updatable=False,
        create_only=True,
    ),
    Sample(
        PluginConfigurationProvider,
        _plugin_configuration,
        invalid=("plugins.0.plugin_version", "FP" + "0" * 32),
        look=_unarchived(lambda env, sid, props: fetched(env, f"{CONFIGURATIONS}/{sid}")),
        remove=_archive(lambda sid, props: f"{CONFIGURATIONS}/{sid}"),
        updatable=False,
        create_only=True,
    ),
    Sample(
        PluginReleaseProvider,
        _plugin_release,
        invalid=("configuration_sid", "FK" + "0" * 32),
        look=_look_release,
        edit=_edit_release,
    ),
    Sample(
        QuestionnaireCategoryProvider,
        _category,
        invalid=("name", ""),
        look=lambda env, sid, props: listed(env, f"{QM}/Categories", "categories", "category_sid", sid),
        edit=_edit_category,
        remove=_delete(lambda sid, props: f"{QM}/Categories/{sid}"),
    ),
    Sample(
        QuestionnaireQuestionProvider,
        _question,
        invalid=("allow_na", "yes"),
        look=lambda env, sid, props: listed(env, f"{QM}/Questions", "questions", "question_sid", sid),
        edit=_edit_question,
        remove=_delete(lambda sid, props: f"{QM}/Questions/{sid}"),
    ),
    Sample(
        QuestionnaireProvider,
        _questionnaire,
        invalid=("question_sids.0", "FY" + "0" * 32),
        look=lambda env, sid, props: fetched(env, f"{QM}/Questionnaires/{sid}"),
        edit=_edit_questionnaire,
        remove=_delete(lambda sid, props: f"{QM}/Questionnaires/{sid}"),
    ),
    Sample(
        ConfigurationProvider,
        _configuration,
        invalid=("crm_enabled", "yes"),
        look=lambda env, sid, props: fetched(env, "/v1/Configuration"),
        edit=_edit_configuration,
    ),
    Sample(
        WorkspaceProvider,
        _workspace,
        invalid=("event_callback_url", "hooks.example.com"),
        look=lambda env, sid, props: fetched(env, f"{WORKSPACES}/{sid}"),
        edit=_rename(lambda sid, props: f"{WORKSPACES}/{sid}"),
        remove=_delete(lambda sid, props: f"{WORKSPACES}/{sid}"),
    ),
    Sample(
        ActivityProvider,
        _activity,
        invalid=("workspace_sid", "WQ" + "0" * 32),
        look=lambda env, sid, props: fetched(env, _in_workspace("Activities")(sid, props)),
        edit=_rename(_in_workspace("Activities")),
        remove=_delete(_in_workspace("Activities")),
        create_only=True,
    ),
    Sample(
        TaskChannelProvider,
        _task_channel,
        invalid=("channel_optimized_routing", "yes"),
        look=lambda env, sid, props: fetched(env, _in_workspace("TaskChannels")(sid, props)),
        edit=_rename(_in_workspace("TaskChannels")),
        remove=_delete(_in_workspace("TaskChannels")),
        create_only=True,
    ),
    Sample(
        TaskQueueProvider,
        _task_queue,
        invalid=("task_order", "RANDOM"),
        look=lambda env, sid, props: fetched(env, _in_workspace("TaskQueues")(sid, props)),
        edit=_rename(_in_workspace("TaskQueues")),
        remove=_delete(_in_workspace("TaskQueues")),
    ),
    Sample(
        WorkflowProvider,
        _workflow,
        invalid=("configuration", 42),
        look=lambda env, sid, props: fetched(env, _in_workspace("Workflows")(sid, props)),
        edit=_rename(_in_workspace("Workflows")),
        remove=_delete(_in_workspace("Workflows")),
    ),
    Sample(
        StudioFlowProvider,
        _studio_flow,
        invalid=("status", "live"),
        look=lambda env, sid, props: fetched(env, f"{STUDIO_FLOWS}/{sid}"),
        edit=_rename(lambda sid, props: f"{STUDIO_FLOWS}/{sid}", Status="published"),
        remove=_delete(lambda sid, props: f"{STUDIO_FLOWS}/{sid}"),
    ),
    Sample(
        AddressConfigurationProvider,
        _address_configuration,
        invalid=("type", "fax"),
        look=lambda env, sid, props: fetched(env, f"{ADDRESSES}/{sid}"),
        edit=_rename(lambda sid, props: f"{ADDRESSES}/{sid}"),
        remove=_delete(lambda sid, props: f"{ADDRESSES}/{sid}"),
        create_only=True,
    ),
]


def samples(*, having: str | None = None, without: tuple[str, ...] = ()) -> list[Any]:
    """``SAMPLES`` as pytest params with readable IDs; ``having`` keeps those whose attribute of that
    name is set (not None, not False); ``without`` drops samples by resource name."""
    return [
        pytest.param(sample, id=sample.name)
        for sample in SAMPLES
        if (having is None or getattr(sample, having) not in (None, False)) and sample.name not in without
    ]
