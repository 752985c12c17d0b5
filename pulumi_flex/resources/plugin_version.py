"""``pulumi_flex.PluginVersion``: one immutable build of a plugin (``FV…``)."""

from __future__ import annotations

from typing import Unpack

import pulumi

from ..provider.plugins import ArchivingProvider
from ..specs import PLUGIN_VERSION
from .base import CommonArgs, FlexResource, merge_args


class PluginVersionArgs(CommonArgs, total=False):
    """Inputs of a PluginVersion, all immutable; ``plugin_sid``, ``version``, ``plugin_url`` are required."""

    plugin_sid: pulumi.Input[str] | None
    version: pulumi.Input[str] | None
    plugin_url: pulumi.Input[str] | None
    changelog: pulumi.Input[str] | None
    private: pulumi.Input[bool] | None
    cli_version: pulumi.Input[str] | None


class PluginVersionProvider(ArchivingProvider):
    """The provider of ``PluginVersion``: destroy archives, bound to the ``PLUGIN_VERSION`` spec."""

    spec = PLUGIN_VERSION


class PluginVersion(FlexResource, module="flex", name="PluginVersion"):
    """A version of a plugin: its bundle URL and changelog. Every input is immutable, so any
    change replaces the version. **Destroy archives it, permanently.**"""

    provider_class = PluginVersionProvider

    plugin_sid: pulumi.Output[str]
    version: pulumi.Output[str]
    plugin_url: pulumi.Output[str]
    changelog: pulumi.Output[str | None]
    private: pulumi.Output[bool | None]
    cli_version: pulumi.Output[str | None]
    sid: pulumi.Output[str]
    validated: pulumi.Output[bool]
    date_created: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: PluginVersionArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[PluginVersionArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)

    @classmethod
    def get(  # type: ignore[override]
        cls,
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
        *,
        plugin_sid: pulumi.Input[str],
    ) -> PluginVersion:
        """A read-only reference to version ``id`` (``FV…``) of plugin ``plugin_sid``."""
        return cls._read(resource_name, id, opts, {"plugin_sid": plugin_sid})
