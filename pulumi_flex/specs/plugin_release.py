"""PluginRelease (``FK``): makes a plugin configuration the account's active release.

Releases are immutable events, so this resource models the desired state "this configuration
is released": create releases it, a new ``configuration_sid`` releases again (in place), and
refresh compares with the account's active release. Its behaviour is in
``pulumi_flex.provider.plugin_release``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import (
    Computed,
    Discovery,
    DiscoveryContext,
    Record,
    Ref,
    ResourceSpec,
    SpecModel,
    Wire,
    sid,
)


class PluginReleaseInputs(SpecModel):
    """The configuration to release, sent as ``ConfigurationId``."""

    configuration_sid: Annotated[
        str,
        sid("FJ", "Flex Plugin Configuration"),
        Wire("ConfigurationId"),
        Ref("PluginConfiguration"),
        Field(description="The plugin configuration (``FJ…``) to keep released."),
    ]


def active_release(ctx: DiscoveryContext) -> Record | None:
    """The account's active release, or None when nothing is released (read once per discovery)."""
    if "active_release" not in ctx.cache:
        ctx.cache["active_release"] = ctx.client.plugin_releases.read_path("active")
    release: Record | None = ctx.cache["active_release"]
    return release


PLUGIN_RELEASE = ResourceSpec(
    name="PluginRelease",
    client_attr="plugin_releases",
    doc="""Keeps ``configuration_sid`` the account's active plugin release.

    Create releases it. A new ``configuration_sid`` releases again, in place (Twilio releases
    are immutable events: ``sid`` is the latest release this resource made). Refresh compares
    with the account's active release, so a release made elsewhere shows as drift and the next
    ``up`` releases the declared configuration again.

    **Destroy**: if this resource's release is still active, it releases the configuration that
    was active before the resource was created; if there was none, or it has been archived since,
    it releases an empty configuration ("pulumi-flex: no plugins"), so the stack's plugins can be
    archived. If another release has become active meanwhile, destroy leaves it alone.""",
    inputs=PluginReleaseInputs,
    collection_path="/v1/PluginService/Releases",
    list_key="releases",
    sid_prefix="FK",
    sid_description="Flex Plugin Release",
    computed=("sid", "account_sid", "url", "date_created"),
    state=(
        Computed(
            "previous_configuration_sid",
            "str | None",
            "Provider state: the configuration that was active before this resource released; "
            "destroy releases it again.",
        ),
    ),
    paths={"active": "/v1/PluginService/Releases/Active"},
    provider="plugin_release:PluginReleaseProvider",
    destroy="restores the previous release",
    stable_identity=False,
    recoverable=False,
    discovery=Discovery(
        section="",
        read=lambda ctx: [r for r in [active_release(ctx)] if r is not None],
        hint=lambda _ctx, _r: "active release",
    ),
)
