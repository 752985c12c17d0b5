"""Configuration: the account's Flex configuration, a singleton with no SID.

There is no create and no delete: the resource adopts the singleton, manages only the keys
the program declares, and restores their prior values on destroy. The POST body is JSON with
``account_sid``, and every key sent replaces the stored value whole (docs/twilio-api-notes.md §7).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from .base import Computed, Discovery, ResourceSpec, SpecModel

JsonObject = dict[str, Any]


class ConfigurationInputs(SpecModel):
    """The writable keys (twilio-sdk-go's ``UpdateConfigurationInput`` plus those the docs update)."""

    attributes: Annotated[
        JsonObject | None, Field(description="Free-form attributes of the account's Flex configuration.")
    ] = None
    call_recording_enabled: Annotated[bool | None, Field(description="Whether calls are recorded.")] = None
    call_recording_webhook_url: Annotated[
        str | None, Field(description="The webhook told about new call recordings.")
    ] = None
    chat_service_instance_sid: Annotated[
        str | None, Field(description="The chat service (``IS…``) Flex uses.")
    ] = None
    crm_attributes: Annotated[JsonObject | None, Field(description="Settings of the CRM integration.")] = None
    crm_callback_url: Annotated[str | None, Field(description="The CRM's callback URL.")] = None
    crm_enabled: Annotated[bool | None, Field(description="Whether the CRM integration is on.")] = None
    crm_fallback_url: Annotated[str | None, Field(description="The CRM's fallback URL.")] = None
    crm_type: Annotated[str | None, Field(description="The kind of CRM integrated.")] = None
    integrations: Annotated[
        list[JsonObject] | None, Field(description="The account's Flex integrations (each a JSON object).")
    ] = None
    messaging_service_instance_sid: Annotated[
        str | None, Field(description="The messaging service (``MG…``) Flex uses.")
    ] = None
    outbound_call_flows: Annotated[
        JsonObject | None, Field(description="The outbound call flows (a JSON object).")
    ] = None
    plugin_service_attributes: Annotated[
        JsonObject | None, Field(description="Settings of the Plugin Service.")
    ] = None
    plugin_service_enabled: Annotated[
        bool | None, Field(description="Whether the Plugin Service loads plugins.")
    ] = None
    public_attributes: Annotated[
        JsonObject | None, Field(description="Attributes the Flex UI may read before login.")
    ] = None
    queue_stats_configuration: Annotated[
        JsonObject | None, Field(description="Settings of the real-time queue statistics.")
    ] = None
    serverless_service_sids: Annotated[
        list[str] | None, Field(description="The Serverless services (``ZS…``) Flex uses.")
    ] = None
    taskrouter_skills: Annotated[
        list[JsonObject] | None, Field(description="The skills agents can have (each a JSON object).")
    ] = None
    taskrouter_target_taskqueue_sid: Annotated[
        str | None, Field(description="The default task queue (``WQ…``).")
    ] = None
    taskrouter_target_workflow_sid: Annotated[
        str | None, Field(description="The default workflow (``WW…``).")
    ] = None
    taskrouter_taskqueues: Annotated[
        list[JsonObject] | None, Field(description="The task queues Flex shows (each a JSON object).")
    ] = None
    taskrouter_worker_attributes: Annotated[
        JsonObject | None, Field(description="Default attributes of new workers.")
    ] = None
    taskrouter_worker_channels: Annotated[
        JsonObject | None, Field(description="Default channel capacity of new workers.")
    ] = None
    ui_attributes: Annotated[
        JsonObject | None, Field(description="Settings of the Flex UI (a JSON object).")
    ] = None
    ui_dependencies: Annotated[
        JsonObject | None, Field(description="Packages the Flex UI loads, by name and version.")
    ] = None
    ui_language: Annotated[str | None, Field(description="The Flex UI's language, e.g. ``en``.")] = None
    ui_version: Annotated[str | None, Field(description="The Flex UI version, e.g. ``~2.0.0``.")] = None
    notifications: Annotated[JsonObject | None, Field(description="Settings of notifications.")] = None
    markdown: Annotated[JsonObject | None, Field(description="Settings of markdown in chat.")] = None
    flex_insights_hr: Annotated[
        JsonObject | None, Field(description="Settings of Flex Insights' HR integration.")
    ] = None
    flex_insights_drilldown: Annotated[
        bool | None, Field(description="Whether Flex Insights drill-down is on.")
    ] = None
    flex_url: Annotated[str | None, Field(description="The URL of the account's Flex UI.")] = None
    channel_configs: Annotated[
        list[JsonObject] | None, Field(description="Per-channel settings (each a JSON object).")
    ] = None
    debugger_integration: Annotated[
        JsonObject | None, Field(description="Settings of the debugger integration.")
    ] = None
    flex_ui_status_report: Annotated[
        JsonObject | None, Field(description="Settings of the Flex UI status report.")
    ] = None
    agent_conv_end_methods: Annotated[
        JsonObject | None, Field(description="How agents may end conversations.")
    ] = None
    citrix_voice_vdi: Annotated[JsonObject | None, Field(description="Settings of Citrix voice VDI.")] = None
    offline_config: Annotated[JsonObject | None, Field(description="Settings of the offline mode.")] = None


CONFIGURATION = ResourceSpec(
    name="Configuration",
    client_attr="configuration",
    doc="""The account's Flex configuration (``/v1/Configuration``).

    Create adopts the singleton; only the keys you declare are managed and diffed, and a
    JSON-valued key (``ui_attributes``, ``taskrouter_skills``…) is compared canonically and sent
    whole, because the API replaces each key sent. The value each managed key had before the
    stack first wrote it is kept in ``prior_values``; destroy (or removing the key from the
    program) writes it back. Every key of the current configuration is available as an output.
    A stack may declare one ``Configuration`` per account.""",
    inputs=ConfigurationInputs,
    collection_path="/v1/Configuration",
    list_key="",
    sid_prefix="AC",
    sid_description="Account",
    id_field="account_sid",
    computed=(
        "account_sid",
        Computed("status", "str", "The configuration's status, e.g. ``ok``."),
        Computed("service_version", "str | None", "The version of the Flex service."),
        Computed("taskrouter_workspace_sid", "str | None", "The Flex TaskRouter workspace (``WS…``)."),
        Computed("flex_service_instance_sid", "str | None", "The Flex chat service (``IS…``)."),
        Computed("flex_instance_sid", "str | None", "The Flex instance (``GO…``)."),
        Computed("runtime_domain", "str | None", "The account's Twilio Runtime domain."),
        "url",
        "date_created",
        "date_updated",
    ),
    state=(
        Computed(
            "prior_values",
            "str",
            "Provider state: the value each managed key had before the stack first wrote it (JSON "
            "text); destroy writes them back.",
        ),
    ),
    encoding="json",
    singleton=True,
    recoverable=False,
    provider="configuration:ConfigurationProvider",
    destroy="writes back the keys' prior values",
    discovery=Discovery(
        section="The Flex configuration: these keys are managed; destroy restores their prior values",
        name="flex-configuration",
    ),
)
