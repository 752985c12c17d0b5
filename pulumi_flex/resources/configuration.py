"""``pulumi_flex.Configuration``: the account's Flex configuration (a singleton)."""

from __future__ import annotations

import os
import threading
from typing import Any, Unpack

import pulumi

from ..client.errors import FlexError
from ..provider.configuration import ConfigurationProvider as _ConfigurationSemantics
from ..specs import CONFIGURATION
from .base import CommonArgs, FlexResource, merge_args

JsonObject = dict[str, Any]


class ConfigurationArgs(CommonArgs, total=False):
    """The writable configuration keys. Declare only those the stack should manage."""

    attributes: pulumi.Input[JsonObject] | None
    call_recording_enabled: pulumi.Input[bool] | None
    call_recording_webhook_url: pulumi.Input[str] | None
    chat_service_instance_sid: pulumi.Input[str] | None
    crm_attributes: pulumi.Input[JsonObject] | None
    crm_callback_url: pulumi.Input[str] | None
    crm_enabled: pulumi.Input[bool] | None
    crm_fallback_url: pulumi.Input[str] | None
    crm_type: pulumi.Input[str] | None
    integrations: pulumi.Input[list[JsonObject]] | None
    messaging_service_instance_sid: pulumi.Input[str] | None
    outbound_call_flows: pulumi.Input[JsonObject] | None
    plugin_service_attributes: pulumi.Input[JsonObject] | None
    plugin_service_enabled: pulumi.Input[bool] | None
    public_attributes: pulumi.Input[JsonObject] | None
    queue_stats_configuration: pulumi.Input[JsonObject] | None
    serverless_service_sids: pulumi.Input[list[str]] | None
    taskrouter_skills: pulumi.Input[list[JsonObject]] | None
    taskrouter_target_taskqueue_sid: pulumi.Input[str] | None
    taskrouter_target_workflow_sid: pulumi.Input[str] | None
    taskrouter_taskqueues: pulumi.Input[list[JsonObject]] | None
    taskrouter_worker_attributes: pulumi.Input[JsonObject] | None
    taskrouter_worker_channels: pulumi.Input[JsonObject] | None
    ui_attributes: pulumi.Input[JsonObject] | None
    ui_dependencies: pulumi.Input[JsonObject] | None
    ui_language: pulumi.Input[str] | None
    ui_version: pulumi.Input[str] | None
    notifications: pulumi.Input[JsonObject] | None
    markdown: pulumi.Input[JsonObject] | None
    flex_insights_hr: pulumi.Input[JsonObject] | None
    flex_insights_drilldown: pulumi.Input[bool] | None
    flex_url: pulumi.Input[str] | None
    channel_configs: pulumi.Input[list[JsonObject]] | None
    debugger_integration: pulumi.Input[JsonObject] | None
    flex_ui_status_report: pulumi.Input[JsonObject] | None
    agent_conv_end_methods: pulumi.Input[JsonObject] | None
    citrix_voice_vdi: pulumi.Input[JsonObject] | None
    offline_config: pulumi.Input[JsonObject] | None


class ConfigurationProvider(_ConfigurationSemantics):
    """The provider of ``Configuration``: singleton semantics, bound to the ``CONFIGURATION`` spec."""

    spec = CONFIGURATION


_declared: set[str] = set()
_declared_lock = threading.Lock()


class Configuration(FlexResource, module="flex", name="Configuration"):
    """The account's Flex configuration (``/v1/Configuration``).

    Create adopts the singleton; only the keys you declare are managed and diffed, and a
    JSON-valued key (``ui_attributes``, ``taskrouter_skills``…) is compared canonically and sent
    whole, because the API replaces each key sent. The value each managed key had before the
    stack first wrote it is kept in ``prior_values``; destroy (or removing the key from the
    program) writes it back. Every key of the current configuration is available as an output.
    A stack may declare one ``Configuration`` per account.
    """

    provider_class = ConfigurationProvider

    attributes: pulumi.Output[JsonObject | None]
    call_recording_enabled: pulumi.Output[bool | None]
    call_recording_webhook_url: pulumi.Output[str | None]
    chat_service_instance_sid: pulumi.Output[str | None]
    crm_attributes: pulumi.Output[JsonObject | None]
    crm_callback_url: pulumi.Output[str | None]
    crm_enabled: pulumi.Output[bool | None]
    crm_fallback_url: pulumi.Output[str | None]
    crm_type: pulumi.Output[str | None]
    integrations: pulumi.Output[list[JsonObject] | None]
    messaging_service_instance_sid: pulumi.Output[str | None]
    outbound_call_flows: pulumi.Output[JsonObject | None]
    plugin_service_attributes: pulumi.Output[JsonObject | None]
    plugin_service_enabled: pulumi.Output[bool | None]
    public_attributes: pulumi.Output[JsonObject | None]
    queue_stats_configuration: pulumi.Output[JsonObject | None]
    serverless_service_sids: pulumi.Output[list[str] | None]
    taskrouter_skills: pulumi.Output[list[JsonObject] | None]
    taskrouter_target_taskqueue_sid: pulumi.Output[str | None]
    taskrouter_target_workflow_sid: pulumi.Output[str | None]
    taskrouter_taskqueues: pulumi.Output[list[JsonObject] | None]
    taskrouter_worker_attributes: pulumi.Output[JsonObject | None]
    taskrouter_worker_channels: pulumi.Output[JsonObject | None]
    ui_attributes: pulumi.Output[JsonObject | None]
    ui_dependencies: pulumi.Output[JsonObject | None]
    ui_language: pulumi.Output[str | None]
    ui_version: pulumi.Output[str | None]
    notifications: pulumi.Output[JsonObject | None]
    markdown: pulumi.Output[JsonObject | None]
    flex_insights_hr: pulumi.Output[JsonObject | None]
    flex_insights_drilldown: pulumi.Output[bool | None]
    flex_url: pulumi.Output[str | None]
    channel_configs: pulumi.Output[list[JsonObject] | None]
    debugger_integration: pulumi.Output[JsonObject | None]
    flex_ui_status_report: pulumi.Output[JsonObject | None]
    agent_conv_end_methods: pulumi.Output[JsonObject | None]
    citrix_voice_vdi: pulumi.Output[JsonObject | None]
    offline_config: pulumi.Output[JsonObject | None]
    status: pulumi.Output[str]
    service_version: pulumi.Output[str | None]
    taskrouter_workspace_sid: pulumi.Output[str | None]
    flex_service_instance_sid: pulumi.Output[str | None]
    flex_instance_sid: pulumi.Output[str | None]
    runtime_domain: pulumi.Output[str | None]
    date_created: pulumi.Output[str]
    date_updated: pulumi.Output[str]
    prior_values: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: ConfigurationArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[ConfigurationArgs],
    ) -> None:
        props = merge_args(args, kwargs)
        account = props.get("account")
        sid = account.get("account_sid") if isinstance(account, dict) else None
        if account is None:  # the stack's account, by SID when the stack config or environment names it
            sid = (
                pulumi.Config("flex").get("accountSid")
                or os.environ.get("TWILIO_ACCOUNT_SID")
                or "stack account"
            )
        # An account SID known only at run time cannot be compared here; such resources are not checked.
        key = sid if isinstance(sid, str) else resource_name
        with _declared_lock:
            if key in _declared:
                raise FlexError(
                    f"Configuration {resource_name!r}: this stack already declares a Configuration for "
                    f"{'account ' if key.startswith('AC') else 'the '}{key}; the Flex configuration is a "
                    "per-account singleton, so declare each key "
                    "in one Configuration resource per account"
                )
            _declared.add(key)
        super().__init__(resource_name, props, opts)
