"""PluginConfiguration (``FJ``): an immutable set of plugin versions that can be released.

Any change replaces it; destroy archives it (docs/twilio-api-notes.md §5.3). The API does not
echo ``plugins`` on fetch, and a configuration cannot change after create, so it is kept from
state.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import CreateOnly, ResourceSpec, SpecModel, WriteOnly, sid


class PluginEntry(SpecModel):
    """One plugin in a configuration: sent as the JSON text ``{"plugin_version": "FV…", "phase": 3}``."""

    plugin_version: Annotated[str, sid("FV", "Flex Plugin Version")]
    phase: Annotated[int | None, Field(ge=0)] = None


class PluginConfigurationInputs(SpecModel):
    """The inputs of a plugin configuration; all are create-only, and ``plugins`` is never echoed."""

    name: Annotated[str, Field(min_length=1), CreateOnly()]
    description: Annotated[str | None, CreateOnly()] = None
    plugins: Annotated[list[PluginEntry] | None, CreateOnly(), WriteOnly()] = None


PLUGIN_CONFIGURATION = ResourceSpec(
    name="PluginConfiguration",
    inputs=PluginConfigurationInputs,
    collection_path="/v1/PluginService/Configurations",
    list_key="configurations",
    sid_prefix="FJ",
    sid_description="Flex Plugin Configuration",
    computed=("sid", "account_sid", "url", "date_created"),
    delete_mode="archive",
)
