"""Plugin Releases (``/v1/PluginService/Releases``, SID ``FK``): state and rules.

Source: docs/twilio-api-notes.md §5.4 and ``flex.v1.plugin_release``. A release is an immutable event:
no update, archive or delete. Releases list newest first and the newest is the active one, also reachable as
``/Releases/Active`` (404 when nothing was ever released). ``ConfigurationId`` must be the SID of a
configuration in the account (a 400 naming it otherwise: a bad reference in a body is a bad parameter, while
a bad reference in a path is a 404). An archived configuration, or one holding a plugin or version archived
since, cannot be released (400/45008).
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.models.plugin_service.common import (
    CONFIGURATION_KIND,
    PLUGIN_KIND,
    RELEASE_KIND,
    RELEASES_PATH,
    VERSION_KIND,
    PluginServiceCollection,
    active_release,
    configured_plugins,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import FormModel, sid, validate
from pulumi_flex.emulator.wire import Form, JsonObject, invalid_parameter, not_found, unprocessable

ACTIVE = "Active"


class NewRelease(FormModel):
    """A create: ``ConfigurationId``, the SID of a plugin configuration, is required."""

    configuration_id: Annotated[str, sid("FJ")]


class PluginReleases(PluginServiceCollection):
    """``/v1/PluginService/Releases`` (``FK``): immutable events, newest first; the newest is ``Active``."""

    kind = RELEASE_KIND
    sid_prefix = "FK"
    list_path = RELEASES_PATH
    list_key = "releases"
    newest_first = True
    noun = "Release"
    operations = frozenset({"list", "create", "fetch"})

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``ConfigurationId`` must name a configuration of the account whose plugins and
        versions are all unarchived (400 naming it, or 400 / 45008)."""
        configuration_sid = validate(NewRelease, form).configuration_id
        configuration = self.store.get(CONFIGURATION_KIND, ctx.account_sid, configuration_sid)
        if configuration is None:
            raise invalid_parameter(
                "ConfigurationId", f"plugin configuration {configuration_sid} does not exist"
            )
        if configuration.get("archived"):
            raise unprocessable(f"Configuration {configuration_sid} is archived and cannot be released")
        for entry in configured_plugins(self.store, ctx.account_sid, configuration_sid):
            plugin = self.store.get(PLUGIN_KIND, ctx.account_sid, entry["plugin_sid"]) or {}
            version = self.store.get(VERSION_KIND, ctx.account_sid, entry["plugin_version_sid"]) or {}
            if plugin.get("archived") or version.get("archived"):
                raise unprocessable(
                    f"Configuration {configuration_sid} cannot be released: plugin {entry['plugin_sid']} "
                    f"version {entry['plugin_version_sid']} has been archived"
                )
        return {"configuration_sid": configuration_sid}

    def require(self, sid: str, ctx: Context) -> Doc:
        """The release ``sid``, or for ``Active`` the newest one (404 if nothing was released)."""
        if sid == ACTIVE:
            doc = active_release(self.store, ctx.account_sid)
            if doc is None:
                raise not_found(self.instance_path(sid))
            return doc
        return super().require(sid, ctx)

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A release: its SID, configuration, date and ``url``."""
        return {
            "sid": doc["sid"],
            "account_sid": doc["account_sid"],
            "configuration_sid": doc["configuration_sid"],
            "date_created": doc["date_created"],
            "url": self.instance_url(doc["sid"], ctx),
        }
