"""PluginVersion (``FV``): one immutable build of a plugin.

Every input is immutable, so any change replaces the version; destroy archives it
(docs/twilio-api-notes.md §5.2).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from .base import (
    Computed,
    CreateOnly,
    Discovery,
    DiscoveryContext,
    Record,
    Ref,
    ResourceSpec,
    SpecModel,
    WriteOnly,
    http_url,
    sid,
)
from .plugin_configuration import released_plugins


class PluginVersionInputs(SpecModel):
    """The inputs of a plugin version; all are create-only, ``cli_version`` is never returned."""

    plugin_sid: Annotated[
        str,
        sid("FP", "Flex Plugin"),
        CreateOnly(),
        Ref("Plugin"),
        Field(description="The plugin (``FP…``) this is a version of."),
    ]
    version: Annotated[
        str, Field(min_length=1, description="The version string, e.g. ``1.2.0``."), CreateOnly()
    ]
    plugin_url: Annotated[
        str,
        AfterValidator(http_url),
        CreateOnly(),
        Field(description="The URL of the plugin's JavaScript bundle."),
    ]
    changelog: Annotated[str | None, CreateOnly(), Field(description="What changed in this version.")] = None
    private: Annotated[
        bool | None, CreateOnly(), Field(description="Whether the bundle needs authentication to load.")
    ] = None
    cli_version: Annotated[
        str | None,
        CreateOnly(),
        WriteOnly(),
        Field(description="The Flex CLI version that built it (never returned by the API)."),
    ] = None


def _latest_and_released(ctx: DiscoveryContext, records: list[Record]) -> list[Record]:
    """Newest first: the latest version, plus any older one the active release still uses."""
    in_use = {entry["plugin_version_sid"] for entry in released_plugins(ctx)}
    live = [r for r in records if not r.get("archived")]
    return [r for i, r in enumerate(live) if i == 0 or r["sid"] in in_use]


def _hint(ctx: DiscoveryContext, record: Record) -> str:
    plugin = next((p for p in ctx.found.get("Plugin", []) if p["sid"] == record["plugin_sid"]), {})
    return f"{plugin.get('unique_name', 'plugin')} {record.get('version', '')}"


PLUGIN_VERSION = ResourceSpec(
    name="PluginVersion",
    client_attr="plugin_versions",
    doc="""A version of a plugin: its bundle URL and changelog. Every input is immutable, so any
    change replaces the version. **Destroy archives it, permanently.**""",
    inputs=PluginVersionInputs,
    collection_path="/v1/PluginService/Plugins/{plugin_sid}/Versions",
    list_key="plugin_versions",
    sid_prefix="FV",
    sid_description="Flex Plugin Version",
    computed=(
        "sid",
        "account_sid",
        Computed("validated", "bool", "Whether Twilio has validated the bundle."),
        "url",
        "date_created",
    ),
    delete_mode="archive",
    provider="archive:ArchivingProvider",
    discovery=Discovery(section="", select=_latest_and_released, hint=_hint),
)
