"""``pulumi_flex.WebChannel``: a v1 Flex web chat channel (``CH…``)."""

from __future__ import annotations

from typing import Any, Literal, Unpack

import pulumi

from ..provider import SpecProvider
from ..specs import WEB_CHANNEL
from .base import CommonArgs, FlexResource, merge_args


class WebChannelArgs(CommonArgs, total=False):
    """Inputs of a WebChannel. All but ``chat_status`` and ``post_engagement_data`` are create-only."""

    flex_flow_sid: pulumi.Input[str] | None
    identity: pulumi.Input[str] | None
    customer_friendly_name: pulumi.Input[str] | None
    chat_friendly_name: pulumi.Input[str] | None
    chat_unique_name: pulumi.Input[str] | None
    pre_engagement_data: pulumi.Input[dict[str, Any] | str] | None
    chat_status: pulumi.Input[Literal["inactive"]] | None
    post_engagement_data: pulumi.Input[str] | None


class WebChannelProvider(SpecProvider):
    """The provider of ``WebChannel``: the generic one, bound to the ``WEB_CHANNEL`` spec."""

    spec = WEB_CHANNEL


class WebChannel(FlexResource, module="flex", name="WebChannel"):
    """A Flex web chat channel on a Flex Flow.

    ``flex_flow_sid``, ``identity``, ``customer_friendly_name``, ``chat_friendly_name``,
    ``chat_unique_name`` and ``pre_engagement_data`` are create-only: changing one replaces the
    channel. The API never returns them, so they are kept from state and never reported as drift.
    ``chat_status="inactive"`` closes the chat and ``post_engagement_data`` attaches data, in place.
    ``pulumi destroy`` deletes the channel.
    """

    provider_class = WebChannelProvider

    flex_flow_sid: pulumi.Output[str]
    identity: pulumi.Output[str]
    customer_friendly_name: pulumi.Output[str]
    chat_friendly_name: pulumi.Output[str]
    chat_unique_name: pulumi.Output[str | None]
    pre_engagement_data: pulumi.Output[Any]
    chat_status: pulumi.Output[str | None]
    post_engagement_data: pulumi.Output[str | None]
    sid: pulumi.Output[str]
    date_created: pulumi.Output[str]
    date_updated: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: WebChannelArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[WebChannelArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
