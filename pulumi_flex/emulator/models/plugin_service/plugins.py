"""Plugins (``/v1/PluginService/Plugins``, SID ``FP``): state and rules.

Source: docs/twilio-api-notes.md §5.1 and ``flex.v1.plugin`` / ``flex.v1.plugin_archive`` in Twilio's OpenAPI.
``{Sid}`` is the SID or the unique name. ``UniqueName`` is unique per account (409/45202 otherwise) and
immutable: an update ignores it, like any parameter the update does not take. ``FriendlyName`` and
``Description`` (at most 500 characters) are updatable until the plugin is archived.
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.models.plugin_service.common import (
    ARCHIVABLE,
    PLUGIN_KIND,
    PLUGINS_PATH,
    WRITE_LOCK,
    PluginServiceCollection,
    active_entries,
    already_exists,
    find_plugin,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import FormModel, max_length, validate
from pulumi_flex.emulator.wire import Form, JsonObject, not_found, unprocessable

DESCRIPTION_MAX = 500


class PluginUpdate(FormModel):
    """An update: ``FriendlyName`` and ``Description`` (at most 500 characters)."""

    friendly_name: str | None = None
    description: Annotated[str, max_length(DESCRIPTION_MAX)] | None = None


class NewPlugin(PluginUpdate):
    """A create: ``UniqueName`` is required."""

    unique_name: str


class Plugins(PluginServiceCollection):
    """``/v1/PluginService/Plugins`` (``FP``): addressed by SID or unique name; updatable until archived."""

    kind = PLUGIN_KIND
    sid_prefix = "FP"
    list_path = PLUGINS_PATH
    list_key = "plugins"
    noun = "Plugin"
    operations = ARCHIVABLE | {"update"}

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``UniqueName`` is required and unique in the account (409 / 45202 otherwise)."""
        fields = validate(NewPlugin, form).model_dump()  # the body is valid before looking for a duplicate
        unique_name = fields["unique_name"]
        if self.store.first(PLUGIN_KIND, ctx.account_sid, where={"unique_name": unique_name}) is not None:
            raise already_exists(f"a plugin with unique name {unique_name!r} already exists")
        return {**fields, "archived": False}

    def update(self, sid: str, form: Form, ctx: Context) -> JsonObject:
        """Update under the write lock, so an update cannot undo a concurrent archive."""
        with WRITE_LOCK:  # so an update cannot undo a concurrent archive
            return super().update(sid, form, ctx)

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``FriendlyName`` and ``Description``; an archived plugin is a 400 / 45008."""
        changes = validate(PluginUpdate, form).model_dump(exclude_unset=True)
        if doc.get("archived"):
            raise unprocessable(f"Plugin {doc['sid']} is archived and cannot be updated")
        return changes

    def require(self, sid: str, ctx: Context) -> Doc:
        """The plugin named by SID or unique name, or a 404."""
        doc = find_plugin(self.store, ctx.account_sid, sid)
        if doc is None:
            raise not_found(self.instance_path(sid))
        return doc

    def check_archivable(self, doc: Doc, ctx: Context) -> None:
        """400 / 45008 while the active release configures this plugin."""
        release_sid, entries = active_entries(self.store, ctx.account_sid)
        if any(entry["plugin_sid"] == doc["sid"] for entry in entries):
            raise unprocessable(
                f"Plugin {doc['sid']} is in the active release {release_sid} and cannot be archived; "
                "release a configuration without it first"
            )

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A plugin with ``links`` to its versions."""
        url = self.instance_url(doc["sid"], ctx)
        return {
            "sid": doc["sid"],
            "account_sid": doc["account_sid"],
            "unique_name": doc["unique_name"],
            "friendly_name": doc.get("friendly_name"),
            "description": doc.get("description"),
            "archived": doc["archived"],
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "url": url,
            "links": {"plugin_versions": f"{url}/Versions"},
        }
