"""PluginConfiguration (``FJ``): an immutable set of plugin versions that can be released.

Any change replaces it; destroy archives it (docs/twilio-api-notes.md §5.3). The API does not
echo ``plugins`` on fetch, and a configuration cannot change after create, so it is kept from
state.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import (
    CreateOnly,
    Discovery,
    DiscoveryContext,
    Record,
    Ref,
    ResourceSpec,
    SpecModel,
    WriteOnly,
    sid,
)
from .plugin_release import active_release


class PluginConfigurationPlugin(SpecModel):
    """One entry of ``plugins``: sent as the JSON text ``{"plugin_version": "FV…", "phase": 3}``."""

    plugin_version: Annotated[
        str,
        sid("FV", "Flex Plugin Version"),
        Ref("PluginVersion"),
        Field(description="The plugin version (``FV…``) to load."),
    ]
    phase: Annotated[int | None, Field(ge=0, description="The load phase (the Flex CLI uses 3).")] = None


class PluginConfigurationInputs(SpecModel):
    """The inputs of a plugin configuration; all are create-only, and ``plugins`` is never echoed."""

    name: Annotated[str, Field(min_length=1, description="A name for the configuration."), CreateOnly()]
    description: Annotated[str | None, CreateOnly(), Field(description="What the configuration is for.")] = (
        None
    )
    plugins: Annotated[
        list[PluginConfigurationPlugin] | None,
        CreateOnly(),
        WriteOnly(),
        Field(description="The plugin versions it loads."),
    ] = None


def released_plugins(ctx: DiscoveryContext) -> list[Record]:
    """The plugin entries of the active release's configuration (read once per discovery)."""
    if "released_plugins" not in ctx.cache:
        release = active_release(ctx)
        path = PLUGIN_CONFIGURATION.path("plugins", sid=release["configuration_sid"]) if release else None
        ctx.cache["released_plugins"] = list(ctx.client.paginate(path, "plugins")) if path else []
    entries: list[Record] = ctx.cache["released_plugins"]
    return entries


def _active(ctx: DiscoveryContext) -> list[Record]:
    """Only the active release's configuration: older ones are history, not desired state."""
    release = active_release(ctx)
    if release is None:
        return []
    return [ctx.client.plugin_configurations.fetch(release["configuration_sid"])]


def _with_plugins(ctx: DiscoveryContext, record: Record) -> Record:
    entries = released_plugins(ctx)
    plugins = [{"plugin_version": e["plugin_version_sid"], "phase": e.get("phase", 0)} for e in entries]
    return {**record, "plugins": plugins}


PLUGIN_CONFIGURATION = ResourceSpec(
    name="PluginConfiguration",
    client_attr="plugin_configurations",
    doc="""A named set of plugin versions that a ``PluginRelease`` can release. Immutable: any
    change replaces it. **Destroy archives it, permanently** (an archived configuration can
    never be released again).""",
    inputs=PluginConfigurationInputs,
    collection_path="/v1/PluginService/Configurations",
    list_key="configurations",
    sid_prefix="FJ",
    sid_description="Flex Plugin Configuration",
    computed=("sid", "account_sid", "url", "date_created"),
    delete_mode="archive",
    provider="archive:ArchivingProvider",
    paths={"plugins": "/v1/PluginService/Configurations/{sid}/Plugins"},
    discovery=Discovery(
        section="",
        read=_active,
        complete=_with_plugins,
        hint=lambda _ctx, r: f"configuration {r.get('name', '')}",
    ),
)
