"""PluginVersion (``FV``): one immutable build of a plugin.

Every input is immutable, so any change replaces the version; destroy archives it
(docs/twilio-api-notes.md §5.2).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from .base import CreateOnly, ResourceSpec, SpecModel, WriteOnly, http_url, sid


class PluginVersionInputs(SpecModel):
    """The inputs of a plugin version; all are create-only, ``cli_version`` is never returned."""

    plugin_sid: Annotated[str, sid("FP", "Flex Plugin"), CreateOnly()]
    version: Annotated[str, Field(min_length=1), CreateOnly()]
    plugin_url: Annotated[str, AfterValidator(http_url), CreateOnly()]
    changelog: Annotated[str | None, CreateOnly()] = None
    private: Annotated[bool | None, CreateOnly()] = None
    cli_version: Annotated[str | None, CreateOnly(), WriteOnly()] = None  # never returned


PLUGIN_VERSION = ResourceSpec(
    name="PluginVersion",
    inputs=PluginVersionInputs,
    collection_path="/v1/PluginService/Plugins/{plugin_sid}/Versions",
    list_key="plugin_versions",
    sid_prefix="FV",
    sid_description="Flex Plugin Version",
    computed=("sid", "account_sid", "validated", "url", "date_created"),
    delete_mode="archive",
)
