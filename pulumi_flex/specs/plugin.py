"""Plugin (``FP``): a Flex UI plugin in the Plugin Service.

``unique_name`` is immutable. Nothing in the Plugin Service is deleted: destroy *archives* the
plugin, which is permanent, and Twilio refuses it while the plugin is in the active release
(docs/twilio-api-notes.md §5.1).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import CreateOnly, ResourceSpec, SpecModel


class PluginInputs(SpecModel):
    """The inputs of a Plugin; ``unique_name`` cannot change after create."""

    unique_name: Annotated[str, Field(min_length=1), CreateOnly()]
    friendly_name: str | None = None
    description: Annotated[str | None, Field(max_length=500)] = None


PLUGIN = ResourceSpec(
    name="Plugin",
    inputs=PluginInputs,
    collection_path="/v1/PluginService/Plugins",
    list_key="plugins",
    sid_prefix="FP",
    sid_description="Flex Plugin",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    delete_mode="archive",
)
