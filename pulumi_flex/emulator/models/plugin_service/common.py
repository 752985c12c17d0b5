"""What the Plugin Service families share: store kinds, Flex error codes, look-ups across families, the
write lock and archiving.

Source: docs/twilio-api-notes.md §5. Nothing in the Plugin Service is ever deleted; plugins, versions and
configurations are archived (permanently), and releases are immutable events whose newest is the active one.
"""

from __future__ import annotations

import threading
from typing import ClassVar

from pulumi_flex.emulator.models.base import Collection, Context, Operation, now
from pulumi_flex.emulator.store import Doc, Store
from pulumi_flex.emulator.wire import Form, JsonObject, TwilioError, not_found, sid_pattern, unprocessable

PLUGIN_KIND = "plugin"
VERSION_KIND = "plugin_version"
CONFIGURATION_KIND = "plugin_configuration"
CONFIGURED_PLUGIN_KIND = "plugin_configured_plugin"
RELEASE_KIND = "plugin_release"

PLUGINS_PATH = "/v1/PluginService/Plugins"
CONFIGURATIONS_PATH = "/v1/PluginService/Configurations"
RELEASES_PATH = "/v1/PluginService/Releases"

PLUGIN_SID = sid_pattern("FP")
VERSION_SID = sid_pattern("FV")
CONFIGURATION_SID = sid_pattern("FJ")

# "Resource Already Exists" in Twilio's error dictionary; its HTTP status is undocumented and the emulator
# answers 409. Rules the current state forbids use wire.unprocessable (400/45008). See the package docstring.
CODE_ALREADY_EXISTS = 45202

ARCHIVABLE: frozenset[Operation] = frozenset({"list", "create", "fetch", "archive"})

# Every check-then-write in the Plugin Service (uniqueness, "not in the active release") runs under this lock,
# so concurrent requests cannot both pass a check. The emulator is one process, so a process lock suffices.
WRITE_LOCK = threading.RLock()


def already_exists(message: str) -> TwilioError:
    """409 / 45202 "Resource Already Exists", for a duplicate unique name or version."""
    return TwilioError(409, CODE_ALREADY_EXISTS, f"Resource Already Exists: {message}")


# ------------------------------------------------------------------------------------------------ look-ups


def find_plugin(store: Store, account_sid: str, ref: str) -> Doc | None:
    """A plugin by SID or by unique name (the CLI addresses plugins by name)."""
    if PLUGIN_SID.match(ref):
        doc = store.get(PLUGIN_KIND, account_sid, ref)
        if doc is not None:
            return doc
    return store.first(PLUGIN_KIND, account_sid, where={"unique_name": ref})


def find_version(store: Store, account_sid: str, plugin_sid: str, ref: str) -> Doc | None:
    """A version of one plugin by SID or by version string."""
    if VERSION_SID.match(ref):
        doc = store.get(VERSION_KIND, account_sid, ref)
        if doc is not None and doc["plugin_sid"] == plugin_sid:
            return doc
    return store.first(VERSION_KIND, account_sid, parent=plugin_sid, where={"version": ref})


def active_release(store: Store, account_sid: str) -> Doc | None:
    """The newest release is the active one."""
    rows = store.scan(RELEASE_KIND, account_sid, order="desc", limit=1)
    return rows[0][1] if rows else None


def configured_plugins(store: Store, account_sid: str, configuration_sid: str) -> list[Doc]:
    """The plugin entries of a configuration, in the order the configuration listed them."""
    return list(store.every(CONFIGURED_PLUGIN_KIND, account_sid, parent=configuration_sid))


def active_entries(store: Store, account_sid: str) -> tuple[str | None, list[Doc]]:
    """The active release's SID and its configuration's plugin entries (none without a release)."""
    release = active_release(store, account_sid)
    if release is None:
        return None, []
    return release["sid"], configured_plugins(store, account_sid, release["configuration_sid"])


# ------------------------------------------------------------------------------------------------ archiving


class PluginServiceCollection(Collection):
    """A Plugin Service family: creates run under the write lock, and ``archive`` is permanent.

    Archiving marks the document ``archived`` (it still lists and fetches) and answers the family's
    ``*_archive`` shape: the resource without ``links``, with its ``url`` ending in ``/Archive``.
    """

    noun: ClassVar[str]  # for messages, e.g. "Plugin"
    operations = ARCHIVABLE

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """Create under the write lock, so uniqueness and reference checks hold."""
        with WRITE_LOCK:
            return super().create(form, ctx)

    def check_archivable(self, doc: Doc, ctx: Context) -> None:
        """Raise if this object may not be archived now (beyond being archived already)."""

    def archive(self, sid: str, ctx: Context) -> JsonObject:
        """``POST …/{Sid}/Archive``: mark the object archived, permanently;
        already archived, or refused by ``check_archivable``, is a 400 / 45008."""
        with WRITE_LOCK:
            doc = self.require(sid, ctx)
            if doc.get("archived"):
                raise unprocessable(f"{self.noun} {doc['sid']} is already archived")
            self.check_archivable(doc, ctx)
            archived: Doc = {**doc, "archived": True, "date_updated": now()}
            if not self.store.replace(self.kind, ctx.account_sid, doc["sid"], archived):
                raise not_found(self.instance_path(sid))
        return self.render_archive(archived, ctx)

    def render_archive(self, doc: Doc, ctx: Context) -> JsonObject:
        """The ``*_archive`` shape: the rendered object without ``links``, its ``url`` ending ``/Archive``."""
        body = self.render(doc, ctx)
        body.pop("links", None)
        body["url"] = body["url"] + "/Archive"
        return body
