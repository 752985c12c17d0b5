"""Plugin (``FP``): a Flex UI plugin in the Plugin Service.

``unique_name`` is immutable. Nothing in the Plugin Service is deleted: destroy *archives* the
plugin, which is permanent, and Twilio refuses it while the plugin is in the active release
(docs/twilio-api-notes.md §5.1).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import CreateOnly, Discovery, Record, ResourceSpec, SpecModel


class PluginInputs(SpecModel):
    """The inputs of a Plugin; ``unique_name`` cannot change after create."""

    unique_name: Annotated[
        str,
        Field(
            min_length=1, description="The plugin's name in the account; taken for good, even once archived."
        ),
        CreateOnly(),
    ]
    friendly_name: Annotated[
        str | None, Field(description="A name for the plugin, shown in the console.")
    ] = None
    description: Annotated[str | None, Field(max_length=500, description="What the plugin does.")] = None


def _not_archived(_ctx: object, records: list[Record]) -> list[Record]:
    return [r for r in records if not r.get("archived")]


PLUGIN = ResourceSpec(
    name="Plugin",
    client_attr="plugins",
    doc="""A Flex UI plugin in the Plugin Service.

    ``friendly_name`` and ``description`` update in place; a new ``unique_name`` replaces the
    plugin. **Destroy archives the plugin, which is permanent**: an archived plugin cannot be
    restored, its versions cannot be released again, and its unique name stays taken. Twilio
    refuses to archive a plugin that is in the active release: release a configuration without
    it first.""",
    inputs=PluginInputs,
    collection_path="/v1/PluginService/Plugins",
    list_key="plugins",
    sid_prefix="FP",
    sid_description="Flex Plugin",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    delete_mode="archive",
    provider="archive:ArchivingProvider",
    discovery=Discovery(
        section="Plugins: each plugin, its latest version, and the active release",
        name_from="unique_name",
        select=_not_archived,
    ),
)
