"""Plugin Versions (``/v1/PluginService/Plugins/{PluginSid}/Versions``, SID ``FV``): state and rules.

Source: docs/twilio-api-notes.md §5.2 and ``flex.v1.plugin.plugin_version`` /
``flex.v1.plugin_version_archive``.
``{PluginSid}`` is the plugin's SID or unique name and ``{Sid}`` the version's SID or version string.
Versions are immutable (no update route, so a POST on one is a 405), listed newest first, unique per plugin
(409/45202), and cannot be added to an archived plugin (400/45008).
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.models.plugin_service.common import (
    PLUGINS_PATH,
    VERSION_KIND,
    PluginServiceCollection,
    active_entries,
    already_exists,
    find_plugin,
    find_version,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import FormBool, FormModel, Url, one_of, validate
from pulumi_flex.emulator.wire import Form, JsonObject, not_found, unprocessable

VALIDATE_STATUSES = ("success", "failure")


class NewVersion(FormModel):
    """A create: ``Version`` and ``PluginUrl`` are required."""

    version: str
    plugin_url: Url
    changelog: str | None = None
    private: FormBool = False
    cli_version: str | None = None
    validate_status: Annotated[str, one_of(VALIDATE_STATUSES)] | None = None


class PluginVersions(PluginServiceCollection):
    """``…/Plugins/{PluginSid}/Versions`` (``FV``): immutable, newest first, unique per plugin."""

    kind = VERSION_KIND
    sid_prefix = "FV"
    list_path = PLUGINS_PATH + "/{PluginSid}/Versions"
    list_key = "plugin_versions"
    newest_first = True
    parent_param = "PluginSid"
    noun = "Plugin version"

    def resolve_parent(self, raw: str, ctx: Context) -> str:
        """The SID of the plugin named in the path (by SID or unique name), or a 404."""
        plugin = find_plugin(self.store, ctx.account_sid, raw)
        if plugin is None:
            raise not_found(f"{PLUGINS_PATH}/{raw}")
        sid: str = plugin["sid"]
        return sid

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``Version`` and ``PluginUrl`` are required; the plugin must be unarchived and the version new."""
        values = validate(NewVersion, form)
        plugin = find_plugin(self.store, ctx.account_sid, self.parent)
        if plugin is None:
            raise not_found(f"{PLUGINS_PATH}/{self.parent}")
        if plugin.get("archived"):
            raise unprocessable(f"Plugin {self.parent} is archived; no versions can be added to it")
        version = values.version
        if find_version(self.store, ctx.account_sid, self.parent, version) is not None:
            raise already_exists(f"plugin {self.parent} already has a version {version!r}")
        return {
            "plugin_sid": self.parent,
            "version": version,
            "plugin_url": values.plugin_url,
            "changelog": values.changelog,
            "private": values.private,
            "cli_version": values.cli_version,
            "validated": values.validate_status == "success",
            "archived": False,
        }

    def require(self, sid: str, ctx: Context) -> Doc:
        """The plugin's version named by SID or version string, or a 404."""
        doc = find_version(self.store, ctx.account_sid, self.parent, sid)
        if doc is None:
            raise not_found(self.instance_path(sid))
        return doc

    def check_archivable(self, doc: Doc, ctx: Context) -> None:
        """400 / 45008 while the active release configures this version."""
        release_sid, entries = active_entries(self.store, ctx.account_sid)
        if any(entry["plugin_version_sid"] == doc["sid"] for entry in entries):
            raise unprocessable(
                f"Plugin version {doc['sid']} is in the active release {release_sid} and cannot be "
                "archived; release a configuration without it first"
            )

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A version; ``validated`` is true when created with ``ValidateStatus=success``."""
        return {
            "sid": doc["sid"],
            "account_sid": doc["account_sid"],
            "plugin_sid": doc["plugin_sid"],
            "version": doc["version"],
            "plugin_url": doc["plugin_url"],
            "changelog": doc.get("changelog"),
            "private": doc["private"],
            "archived": doc["archived"],
            "validated": doc["validated"],
            "date_created": doc["date_created"],
            "url": f"{ctx.base_url}{PLUGINS_PATH}/{doc['plugin_sid']}/Versions/{doc['sid']}",
        }

    def render_archive(self, doc: Doc, ctx: Context) -> JsonObject:
        """The archive shape, which has no ``validated``."""
        body = super().render_archive(doc, ctx)
        del body["validated"]  # plugin_version_archive has no "validated"
        return body
