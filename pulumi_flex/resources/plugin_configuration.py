"""``pulumi_flex.PluginConfiguration``: an immutable set of plugin versions (``FJ…``)."""

from __future__ import annotations

from typing import Any, TypedDict, Unpack

import pulumi

from ..provider.plugins import ArchivingProvider
from ..specs import PLUGIN_CONFIGURATION
from .base import CommonArgs, FlexResource, merge_args


class PluginConfigurationPluginArgs(TypedDict, total=False):
    """One entry: ``plugin_version`` (``FV…``, required) and its load ``phase`` (the Flex CLI uses 3)."""

    plugin_version: pulumi.Input[str] | None
    phase: pulumi.Input[int] | None


class PluginConfigurationArgs(CommonArgs, total=False):
    """Inputs of a PluginConfiguration; all immutable. ``name`` is required."""

    name: pulumi.Input[str] | None
    description: pulumi.Input[str] | None
    plugins: pulumi.Input[list[pulumi.Input[PluginConfigurationPluginArgs]]] | None


class PluginConfigurationProvider(ArchivingProvider):
    """The provider of ``PluginConfiguration``: destroy archives, bound to ``PLUGIN_CONFIGURATION``."""

    spec = PLUGIN_CONFIGURATION


class PluginConfiguration(FlexResource, module="flex", name="PluginConfiguration"):
    """A named set of plugin versions that a ``PluginRelease`` can release. Immutable: any
    change replaces it. **Destroy archives it, permanently** (an archived configuration can
    never be released again)."""

    provider_class = PluginConfigurationProvider

    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    plugins: pulumi.Output[list[dict[str, Any]] | None]
    sid: pulumi.Output[str]
    date_created: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: PluginConfigurationArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[PluginConfigurationArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
