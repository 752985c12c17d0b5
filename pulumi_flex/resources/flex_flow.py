"""``pulumi_flex.FlexFlow``: a Flex Flow, updatable in place; delete is a hard delete."""

from __future__ import annotations

from typing import Any, Literal, TypedDict, Unpack

import pulumi

from ..provider import SpecProvider
from ..specs import FLEX_FLOW
from .base import CommonArgs, FlexResource, merge_args


class FlexFlowIntegrationArgs(TypedDict, total=False):
    """``integration``: studio needs ``flow_sid``; external needs ``url``; task needs
    ``workspace_sid`` and ``workflow_sid`` (``channel``, ``timeout``, ``priority``,
    ``creation_on_message`` apply to task; ``retry_count`` 0-3 to studio and external)."""

    flow_sid: pulumi.Input[str] | None
    url: pulumi.Input[str] | None
    workspace_sid: pulumi.Input[str] | None
    workflow_sid: pulumi.Input[str] | None
    channel: pulumi.Input[str] | None
    timeout: pulumi.Input[int] | None
    priority: pulumi.Input[int] | None
    creation_on_message: pulumi.Input[bool] | None
    retry_count: pulumi.Input[int] | None


class FlexFlowArgs(CommonArgs, total=False):
    """Inputs of a FlexFlow. ``friendly_name``, ``chat_service_sid`` and ``channel_type`` are required."""

    friendly_name: pulumi.Input[str] | None
    chat_service_sid: pulumi.Input[str] | None
    channel_type: pulumi.Input[Literal["web", "sms", "facebook", "whatsapp", "line", "custom"]] | None
    contact_identity: pulumi.Input[str] | None
    enabled: pulumi.Input[bool] | None
    integration_type: pulumi.Input[Literal["studio", "external", "task"]] | None
    integration: pulumi.Input[FlexFlowIntegrationArgs] | None
    long_lived: pulumi.Input[bool] | None
    janitor_enabled: pulumi.Input[bool] | None


class FlexFlowProvider(SpecProvider):
    """The provider of ``FlexFlow``: the generic one, bound to the ``FLEX_FLOW`` spec."""

    spec = FLEX_FLOW


class FlexFlow(FlexResource, module="flex", name="FlexFlow"):
    """A Twilio Flex Flow (``FO…``): routes a channel's messages to Studio, a webhook or TaskRouter.

    Every input is updatable in place. ``pulumi destroy`` deletes the flow.
    """

    provider_class = FlexFlowProvider

    friendly_name: pulumi.Output[str]
    chat_service_sid: pulumi.Output[str]
    channel_type: pulumi.Output[str]
    contact_identity: pulumi.Output[str | None]
    enabled: pulumi.Output[bool]
    integration_type: pulumi.Output[str | None]
    integration: pulumi.Output[dict[str, Any] | None]
    long_lived: pulumi.Output[bool | None]
    janitor_enabled: pulumi.Output[bool | None]
    sid: pulumi.Output[str]
    date_created: pulumi.Output[str]
    date_updated: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: FlexFlowArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[FlexFlowArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
