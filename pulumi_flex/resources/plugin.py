"""``pulumi_flex.Plugin``: a Flex UI plugin (``FP…``)."""

from __future__ import annotations

from typing import Unpack

import pulumi

from ..provider.plugins import ArchivingProvider
from ..specs import PLUGIN
from .base import CommonArgs, FlexResource, merge_args


class PluginArgs(CommonArgs, total=False):
    """Inputs of a Plugin: ``unique_name`` (required, create-only), ``friendly_name``, ``description``."""

    unique_name: pulumi.Input[str] | None
    friendly_name: pulumi.Input[str] | None
    description: pulumi.Input[str] | None


class PluginProvider(ArchivingProvider):
    """The provider of ``Plugin``: destroy archives, bound to the ``PLUGIN`` spec."""

    spec = PLUGIN


class Plugin(FlexResource, module="flex", name="Plugin"):
    """A Flex UI plugin in the Plugin Service.

    ``friendly_name`` and ``description`` update in place; a new ``unique_name`` replaces the
    plugin. **Destroy archives the plugin, which is permanent**: an archived plugin cannot be
    restored, its versions cannot be released again, and its unique name stays taken. Twilio
    refuses to archive a plugin that is in the active release: release a configuration without
    it first.
    """

    provider_class = PluginProvider

    unique_name: pulumi.Output[str]
    friendly_name: pulumi.Output[str | None]
    description: pulumi.Output[str | None]
    sid: pulumi.Output[str]
    date_created: pulumi.Output[str]
    date_updated: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: PluginArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[PluginArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
