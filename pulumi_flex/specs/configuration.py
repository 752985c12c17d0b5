"""Configuration: the account's Flex configuration, a singleton with no SID.

There is no create and no delete: the resource adopts the singleton, manages only the keys
the program declares, and restores their prior values on destroy. The POST body is JSON with
``account_sid``, and every key sent replaces the stored value whole (docs/twilio-api-notes.md §7).
"""

from __future__ import annotations

from typing import Any

from .base import ResourceSpec, SpecModel

JsonObject = dict[str, Any]


class ConfigurationInputs(SpecModel):
    """The writable keys (twilio-sdk-go's ``UpdateConfigurationInput`` plus those the docs update)."""

    attributes: JsonObject | None = None
    call_recording_enabled: bool | None = None
    call_recording_webhook_url: str | None = None
    chat_service_instance_sid: str | None = None
    crm_attributes: JsonObject | None = None
    crm_callback_url: str | None = None
    crm_enabled: bool | None = None
    crm_fallback_url: str | None = None
    crm_type: str | None = None
    integrations: list[JsonObject] | None = None
    messaging_service_instance_sid: str | None = None
    outbound_call_flows: JsonObject | None = None
    plugin_service_attributes: JsonObject | None = None
    plugin_service_enabled: bool | None = None
    public_attributes: JsonObject | None = None
    queue_stats_configuration: JsonObject | None = None
    serverless_service_sids: list[str] | None = None
    taskrouter_skills: list[JsonObject] | None = None
    taskrouter_target_taskqueue_sid: str | None = None
    taskrouter_target_workflow_sid: str | None = None
    taskrouter_taskqueues: list[JsonObject] | None = None
    taskrouter_worker_attributes: JsonObject | None = None
    taskrouter_worker_channels: JsonObject | None = None
    ui_attributes: JsonObject | None = None
    ui_dependencies: JsonObject | None = None
    ui_language: str | None = None
    ui_version: str | None = None
    notifications: JsonObject | None = None
    markdown: JsonObject | None = None
    flex_insights_hr: JsonObject | None = None
    flex_insights_drilldown: bool | None = None
    flex_url: str | None = None
    channel_configs: list[JsonObject] | None = None
    debugger_integration: JsonObject | None = None
    flex_ui_status_report: JsonObject | None = None
    agent_conv_end_methods: JsonObject | None = None
    citrix_voice_vdi: JsonObject | None = None
    offline_config: JsonObject | None = None


CONFIGURATION = ResourceSpec(
    name="Configuration",
    inputs=ConfigurationInputs,
    collection_path="/v1/Configuration",
    list_key="",
    sid_prefix="AC",
    sid_description="Account",
    id_field="account_sid",
    computed=(
        "account_sid",
        "status",
        "service_version",
        "taskrouter_workspace_sid",
        "flex_service_instance_sid",
        "flex_instance_sid",
        "runtime_domain",
        "url",
        "date_created",
        "date_updated",
        "prior_values",
    ),
    encoding="json",
)
