"""The account's Flex Configuration (``/v1/Configuration``, a per-account singleton with no SID).

Source: docs/twilio-api-notes.md §7 and ``flex.v1.configuration`` in Twilio's OpenAPI (its ``fetch`` example).

* ``GET`` returns the whole configuration. Until the first read or write it is a default shaped like a
  freshly provisioned Flex account, its ``taskrouter_*`` fields naming the workspace, queue, workflow and
  Offline activity the emulator provisioned (none in an account that started empty); it is then stored, so
  its dates are stable, and a reset clears it back to the default. ``UiVersion`` is accepted and ignored.
* ``POST`` takes a JSON object (anything else: 415 from the dispatcher, 400 here for a body that is not an
  object). ``account_sid`` is required (400, "Missing required parameter account_sid") and must be the
  caller's account (otherwise **403/20403**: the request is authenticated but names another account).
* Each writable top-level key that is sent **replaces** the stored value whole (no deep merge); keys not sent
  stay; ``null`` clears. Values are checked against the key's JSON type (400/20001 naming the key).
  Server-managed keys (``status``, ``url``, dates, service SIDs, …) and unknown keys are **ignored**, so a
  client can post back a configuration it fetched. The answer is 200 with the whole configuration and a new
  ``date_updated``.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from pulumi_flex.emulator.models.base import Context, Singleton, now, stable_sid
from pulumi_flex.emulator.models.taskrouter.common import WORKSPACE_KIND
from pulumi_flex.emulator.store import Doc, DuplicateSid
from pulumi_flex.emulator.validation import JsonModel, sid, validate
from pulumi_flex.emulator.wire import Form, JsonObject, TwilioError

KIND = "flex_configuration"
STORE_SID = "configuration"  # one document per account
PATH = "/v1/Configuration"
_WRITE_LOCK = threading.Lock()

Object = dict[str, Any]
Objects = list[dict[str, Any]]


class ConfigurationUpdate(JsonModel):
    """An update body. ``account_sid`` is required; every other key is a writable key (§7: twilio-sdk-go's
    UpdateConfigurationInput, plus the keys the docs and samples update), in the response's order, typed as
    its JSON type, ``null`` to clear it. Server-managed and unknown keys are ignored."""

    missing_suffix = ""  # "Missing required parameter account_sid"
    account_sid: str
    attributes: Object | None = None
    taskrouter_target_workflow_sid: Annotated[str, sid("WW")] | None = None
    taskrouter_target_taskqueue_sid: Annotated[str, sid("WQ")] | None = None
    taskrouter_taskqueues: Objects | None = None
    taskrouter_skills: Objects | None = None
    taskrouter_worker_channels: Object | None = None
    taskrouter_worker_attributes: Object | None = None
    messaging_service_instance_sid: Annotated[str, sid("MG")] | None = None
    chat_service_instance_sid: Annotated[str, sid("IS")] | None = None
    ui_language: str | None = None
    ui_attributes: Object | None = None
    ui_dependencies: Object | None = None
    ui_version: str | None = None
    call_recording_enabled: bool | None = None
    call_recording_webhook_url: str | None = None
    crm_enabled: bool | None = None
    crm_type: str | None = None
    crm_callback_url: str | None = None
    crm_fallback_url: str | None = None
    crm_attributes: Object | None = None
    public_attributes: Object | None = None
    plugin_service_enabled: bool | None = None
    plugin_service_attributes: Object | None = None
    integrations: Objects | None = None
    outbound_call_flows: Object | None = None
    serverless_service_sids: list[Annotated[str, sid("ZS")]] | None = None
    queue_stats_configuration: Object | None = None
    notifications: Object | None = None
    markdown: Object | None = None
    flex_insights_hr: Object | None = None
    flex_insights_drilldown: bool | None = None
    flex_url: str | None = None
    channel_configs: Objects | None = None
    debugger_integration: Object | None = None
    flex_ui_status_report: Object | None = None
    agent_conv_end_methods: Object | None = None
    citrix_voice_vdi: Object | None = None
    offline_config: Object | None = None


# Every response field, in the order of Twilio's schema; "url" is rendered from the request.
FIELD_ORDER = (
    "account_sid", "date_created", "date_updated", "attributes", "status", "taskrouter_workspace_sid",
    "taskrouter_target_workflow_sid", "taskrouter_target_taskqueue_sid", "taskrouter_taskqueues",
    "taskrouter_skills", "taskrouter_worker_channels", "taskrouter_worker_attributes",
    "taskrouter_offline_activity_sid", "runtime_domain", "messaging_service_instance_sid",
    "chat_service_instance_sid", "flex_service_instance_sid", "flex_instance_sid", "ui_language",
    "ui_attributes", "ui_dependencies", "ui_version", "service_version", "call_recording_enabled",
    "call_recording_webhook_url", "crm_enabled", "crm_type", "crm_callback_url", "crm_fallback_url",
    "crm_attributes", "public_attributes", "plugin_service_enabled", "plugin_service_attributes",
    "integrations", "outbound_call_flows", "serverless_service_sids", "queue_stats_configuration",
    "notifications", "markdown", "url", "flex_insights_hr", "flex_insights_drilldown", "flex_url",
    "channel_configs", "debugger_integration", "flex_ui_status_report", "agent_conv_end_methods",
    "citrix_voice_vdi", "offline_config",
)  # fmt: skip


def default_configuration(account_sid: str, stamp: str, *, provisioned: bool = True) -> Doc:
    """A freshly provisioned Flex account, after the spec's ``fetch`` example with a new account's values.

    The ``taskrouter_*`` fields name the workspace, queue, workflow and Offline activity Flex provisioned
    (the SIDs ``provisioning`` gives them); an account that started empty (``provisioned`` false) has none.
    """
    workspace = stable_sid("WS", account_sid) if provisioned else None
    queue = stable_sid("WQ", account_sid) if provisioned else None
    workflow = stable_sid("WW", account_sid) if provisioned else None
    return {
        "account_sid": account_sid,
        "date_created": stamp,
        "date_updated": stamp,
        "attributes": {},
        "status": "ok",
        "taskrouter_workspace_sid": workspace,
        "taskrouter_target_workflow_sid": workflow,
        "taskrouter_target_taskqueue_sid": queue,
        "taskrouter_taskqueues": [{"sid": queue, "targettable": True}] if provisioned else [],
        "taskrouter_skills": [],
        "taskrouter_worker_channels": {
            "agent": [
                {"name": "default", "availability": True, "capacity": 1},
                {"name": "voice", "availability": True, "capacity": 1},
                {"name": "chat", "availability": True, "capacity": 2},
                {"name": "sms", "availability": True, "capacity": 2},
            ],
            "supervisor": [{"name": "default", "availability": True, "capacity": 1}],
        },
        "taskrouter_worker_attributes": {},
        "taskrouter_offline_activity_sid": stable_sid("WA", account_sid) if provisioned else None,
        "runtime_domain": "https://flex.twilio.com",
        "messaging_service_instance_sid": stable_sid("MG", account_sid),
        "chat_service_instance_sid": stable_sid("IS", account_sid, "chat"),
        "flex_service_instance_sid": stable_sid("IS", account_sid, "flex"),
        "flex_instance_sid": stable_sid("GO", account_sid),
        "ui_language": "en",
        "ui_attributes": {},
        "ui_dependencies": {},
        "ui_version": "~2.13",
        "service_version": "1.0",
        "call_recording_enabled": False,
        "call_recording_webhook_url": None,
        "crm_enabled": False,
        "crm_type": None,
        "crm_callback_url": None,
        "crm_fallback_url": None,
        "crm_attributes": {},
        "public_attributes": {},
        "plugin_service_enabled": True,
        "plugin_service_attributes": {},
        "integrations": [],
        "outbound_call_flows": {},
        "serverless_service_sids": [],
        "queue_stats_configuration": {
            "default": {
                "service_level_threshold": 60,
                "short_abandoned_threshold": 5,
                "reset_timezone": "America/New_York",
                "reset_time": "00:00",
            },
            "queue_configurations": [],
            "queue_channel_configurations": [],
        },
        "notifications": {"enabled": True, "mode": "whenNotInFocus"},
        "markdown": {"enabled": False, "mode": "readOnly"},
        "flex_insights_hr": {"advanced_reporting_enabled": False, "advanced_reporting_workspaces": []},
        "flex_insights_drilldown": False,
        "flex_url": None,
        "channel_configs": [],
        "debugger_integration": {"enabled": False, "console_errors_included": False},
        "flex_ui_status_report": {"enabled": False},
        "agent_conv_end_methods": {"enabled": ["Leave"]},
        "citrix_voice_vdi": {"enabled": False},
        "offline_config": {"presence": True, "presence_ttl": 30},
    }


class FlexConfiguration(Singleton):
    """``/v1/Configuration``: each account's configuration, fetched whole, updated key by key as JSON."""

    path = PATH
    encoding = "json"

    def fetch(self, query: Form, ctx: Context) -> JsonObject:
        """The whole configuration (the default until first stored); ``UiVersion`` is ignored."""
        return self.render(self.current(ctx), ctx)

    def update(self, body: object, ctx: Context) -> JsonObject:
        """Replace each writable key sent; serialised, so concurrent updates of different keys all land."""
        changes = parse_update(body, ctx)
        with _WRITE_LOCK:  # read-modify-write: concurrent updates of different keys must not lose one
            doc = self.current(ctx)
            updated: Doc = {**doc, **changes, "date_updated": now()}
            self.store.replace(KIND, ctx.account_sid, STORE_SID, updated)
        return self.render(updated, ctx)

    def current(self, ctx: Context) -> Doc:
        """The stored configuration, storing the default on first use."""
        doc = self.store.get(KIND, ctx.account_sid, STORE_SID)
        if doc is not None:
            return doc
        # Flex's workspace exists unless the account started empty (or it was deleted before this first use).
        workspace = self.store.get(WORKSPACE_KIND, ctx.account_sid, stable_sid("WS", ctx.account_sid))
        doc = default_configuration(ctx.account_sid, now(), provisioned=workspace is not None)
        try:
            self.store.insert(KIND, ctx.account_sid, STORE_SID, doc)
        except DuplicateSid:  # a concurrent request stored it first: use theirs
            stored = self.store.get(KIND, ctx.account_sid, STORE_SID)
            if stored is not None:
                return stored
        return doc

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """The configuration with every field in Twilio's schema order, and ``url``."""
        body: JsonObject = {key: doc.get(key) for key in FIELD_ORDER}
        body["url"] = ctx.base_url + PATH
        return body


def parse_update(body: object, ctx: Context) -> Doc:
    """The writable keys of an update body, type-checked; everything else in it is ignored."""
    changes = validate(ConfigurationUpdate, {} if body is None else body).model_dump(exclude_unset=True)
    account_sid = changes.pop("account_sid")
    if account_sid != ctx.account_sid:
        raise TwilioError(
            403,
            20403,
            f"account_sid {account_sid[:40]} does not match the authenticated account {ctx.account_sid}",
        )
    return changes
