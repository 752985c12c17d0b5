"""``pulumi_flex.PluginRelease``: makes a plugin configuration the active release (``FK…``)."""

from __future__ import annotations

from typing import Unpack

import pulumi

from ..provider.plugins import PluginReleaseProvider as _ReleaseSemantics
from ..specs import PLUGIN_RELEASE
from .base import CommonArgs, FlexResource, merge_args


class PluginReleaseArgs(CommonArgs, total=False):
    """Inputs of a PluginRelease: ``configuration_sid`` (``FJ…``, required)."""

    configuration_sid: pulumi.Input[str] | None


class PluginReleaseProvider(_ReleaseSemantics):
    """The provider of ``PluginRelease``: release semantics, bound to the ``PLUGIN_RELEASE`` spec."""

    spec = PLUGIN_RELEASE


class PluginRelease(FlexResource, module="flex", name="PluginRelease"):
    """Keeps ``configuration_sid`` the account's active plugin release.

    Create releases it. A new ``configuration_sid`` releases again, in place (Twilio releases
    are immutable events: ``sid`` is the latest release this resource made). Refresh compares
    with the account's active release, so a release made elsewhere shows as drift and the next
    ``up`` releases the declared configuration again.

    **Destroy**: if this resource's release is still active, it releases the configuration that
    was active before the resource was created; if there was none, or it has been archived since,
    it releases an empty configuration ("pulumi-flex: no plugins"), so the stack's plugins can be
    archived. If another release has become active meanwhile, destroy leaves it alone.
    """

    provider_class = PluginReleaseProvider

    configuration_sid: pulumi.Output[str]
    previous_configuration_sid: pulumi.Output[str | None]
    sid: pulumi.Output[str]
    date_created: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: PluginReleaseArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[PluginReleaseArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
