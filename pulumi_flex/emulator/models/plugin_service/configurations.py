"""Plugin Configurations (``/v1/PluginService/Configurations``, SID ``FJ``) and the plugins configured in them
(``…/Configurations/{ConfigurationSid}/Plugins``): state and rules.

Source: docs/twilio-api-notes.md §5.3 and ``flex.v1.plugin_configuration``,
``flex.v1.plugin_configuration_archive`` and ``flex.v1.plugin_configuration.configured_plugin``.

A configuration is immutable (no update route) and listed newest first. Each repeated ``Plugins`` value is one
JSON object ``{"plugin_version": "FV…", "phase": 3}``; ``phase`` is an integer (``3.0`` counts as 3) and
defaults to 0 as in the schema. Every entry must name an existing version whose plugin and version are both
unarchived, and a configuration holds at most one version of each plugin; any violation is a 400 naming
``Plugins``. Entries are stored as their own documents under the configuration, in request order, and
rendered with the plugin's and version's current details.
"""

from __future__ import annotations

import json
from typing import Any

from pulumi_flex.emulator.models.base import Collection, Context
from pulumi_flex.emulator.models.plugin_service.common import (
    CONFIGURATION_KIND,
    CONFIGURATION_SID,
    CONFIGURATIONS_PATH,
    CONFIGURED_PLUGIN_KIND,
    PLUGIN_KIND,
    VERSION_KIND,
    VERSION_SID,
    WRITE_LOCK,
    PluginServiceCollection,
    active_release,
    find_plugin,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.wire import (
    Form,
    JsonObject,
    TwilioError,
    invalid_parameter,
    missing_parameter,
    not_found,
    unprocessable,
)

MAX_PHASE = 1_000_000
ENTRY_EXAMPLE = '{"plugin_version": "FV…", "phase": 3}'


class PluginConfigurations(PluginServiceCollection):
    """``/v1/PluginService/Configurations`` (``FJ``): immutable, newest first, archived not deleted."""

    kind = CONFIGURATION_KIND
    sid_prefix = "FJ"
    list_path = CONFIGURATIONS_PATH
    list_key = "configurations"
    newest_first = True
    noun = "Configuration"

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """Store the configuration and one document per ``Plugins`` entry, under the write lock."""
        with WRITE_LOCK:
            fields = self.new_fields(form, ctx)
            entries: list[Doc] = fields.pop("plugins")
            doc = self.insert(fields, ctx)
            for entry in entries:
                child: Doc = {
                    **entry,
                    "account_sid": ctx.account_sid,
                    "configuration_sid": doc["sid"],
                    "date_created": doc["date_created"],
                }
                self.store.insert(
                    CONFIGURED_PLUGIN_KIND,
                    ctx.account_sid,
                    entry_key(doc["sid"], entry["plugin_sid"]),
                    child,
                    parent=doc["sid"],
                )
        return self.render(doc, ctx)

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``Name`` is required; ``Plugins`` entries are parsed and checked (kept aside as ``plugins``)."""
        name = form.get("Name")
        if not name:
            raise missing_parameter("Name")
        return {
            "name": name,
            "description": form.get("Description"),
            "archived": False,
            "plugins": self.parse_entries(form.get_all("Plugins"), ctx),
        }

    def parse_entries(self, raws: list[str], ctx: Context) -> list[Doc]:
        """The ``Plugins`` values as entries: each an unarchived version of an unarchived plugin,
        at most one per plugin; otherwise a 400 naming ``Plugins`` and the entry number."""
        entries: list[Doc] = []
        seen: dict[str, int] = {}  # plugin SID -> entry number
        for number, raw in enumerate(raws, start=1):
            entry = parse_entry(number, raw)
            version = self.store.get(VERSION_KIND, ctx.account_sid, entry["plugin_version_sid"])
            if version is None:
                raise bad_entry(number, f"plugin version {entry['plugin_version_sid']} does not exist")
            if version.get("archived"):
                raise bad_entry(number, f"plugin version {version['sid']} is archived")
            plugin = self.store.get(PLUGIN_KIND, ctx.account_sid, version["plugin_sid"])
            if plugin is None or plugin.get("archived"):
                raise bad_entry(number, f"plugin {version['plugin_sid']} is archived")
            if version["plugin_sid"] in seen:
                raise bad_entry(
                    number,
                    f"plugin {version['plugin_sid']} is already in entry {seen[version['plugin_sid']]}; "
                    "a configuration holds at most one version of each plugin",
                )
            seen[version["plugin_sid"]] = number
            entries.append({**entry, "plugin_sid": version["plugin_sid"]})
        return entries

    def check_archivable(self, doc: Doc, ctx: Context) -> None:
        """400 / 45008 while this configuration is the active release's."""
        release = active_release(self.store, ctx.account_sid)
        if release is not None and release["configuration_sid"] == doc["sid"]:
            raise unprocessable(
                f"Configuration {doc['sid']} is in the active release {release['sid']} and cannot be "
                "archived; release another configuration first"
            )

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A configuration with ``links`` to its plugins."""
        url = self.instance_url(doc["sid"], ctx)
        return {
            "sid": doc["sid"],
            "account_sid": doc["account_sid"],
            "name": doc["name"],
            "description": doc.get("description"),
            "archived": doc["archived"],
            "date_created": doc["date_created"],
            "url": url,
            "links": {"plugins": f"{url}/Plugins"},
        }


def entry_path(configuration_sid: str, plugin_sid: str) -> str:
    """The path of a configured plugin: ``…/Configurations/{FJ}/Plugins/{FP}``."""
    return f"{CONFIGURATIONS_PATH}/{configuration_sid}/Plugins/{plugin_sid}"


def entry_key(configuration_sid: str, plugin_sid: str) -> str:
    """The store key of a configured plugin: unique per configuration and plugin."""
    return f"{configuration_sid}/{plugin_sid}"


def bad_entry(number: int, reason: str) -> TwilioError:
    """A 400 naming ``Plugins`` and the (1-based) entry ``number``."""
    return invalid_parameter("Plugins", f"entry {number}: {reason}")


def parse_entry(number: int, raw: str) -> Doc:
    """One ``Plugins`` value: JSON ``{"plugin_version": "FV…", "phase": n}``, ``phase`` 0 by default."""
    try:
        value: Any = json.loads(raw)
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise bad_entry(number, f"expected a JSON object like {ENTRY_EXAMPLE}, got {_show(raw)}")
    version_sid = value.get("plugin_version")
    if not isinstance(version_sid, str) or not VERSION_SID.match(version_sid):
        raise bad_entry(number, f"plugin_version must be a plugin version SID (FV…), got {version_sid!r}")
    phase = value.get("phase", 0)
    # JSON has one number type: 3.0 is the integer 3 (as in JSON Schema), 3.5 and "3" are not integers.
    if isinstance(phase, float) and phase.is_integer():
        phase = int(phase)
    if isinstance(phase, bool) or not isinstance(phase, int) or not 0 <= phase <= MAX_PHASE:
        raise bad_entry(number, f"phase must be an integer between 0 and {MAX_PHASE}, got {phase!r}")
    return {"plugin_version_sid": version_sid, "phase": phase}


class ConfiguredPlugins(Collection):
    """The plugins of one configuration: read-only, in the order the configuration listed them."""

    kind = CONFIGURED_PLUGIN_KIND
    sid_prefix = "FP"
    list_path = CONFIGURATIONS_PATH + "/{ConfigurationSid}/Plugins"
    list_key = "plugins"
    parent_param = "ConfigurationSid"
    instance_param = "PluginSid"
    operations = frozenset({"list", "fetch"})

    def resolve_parent(self, raw: str, ctx: Context) -> str:
        """The configuration named in the path; a 404 if the account has none such."""
        if (
            not CONFIGURATION_SID.match(raw)
            or self.store.get(CONFIGURATION_KIND, ctx.account_sid, raw) is None
        ):
            raise not_found(f"{CONFIGURATIONS_PATH}/{raw}")
        return raw

    def require(self, sid: str, ctx: Context) -> Doc:
        """``{PluginSid}`` is the plugin's SID or unique name."""
        plugin = find_plugin(self.store, ctx.account_sid, sid)
        doc = None
        if plugin is not None:
            doc = self.store.get(self.kind, ctx.account_sid, entry_key(self.parent, plugin["sid"]))
        if doc is None:
            raise not_found(self.instance_path(sid))
        return doc

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """An entry with its plugin's and version's current details."""
        account = doc["account_sid"]
        plugin = self.store.get(PLUGIN_KIND, account, doc["plugin_sid"]) or {}
        version = self.store.get(VERSION_KIND, account, doc["plugin_version_sid"]) or {}
        return {
            "account_sid": account,
            "configuration_sid": doc["configuration_sid"],
            "plugin_sid": doc["plugin_sid"],
            "plugin_version_sid": doc["plugin_version_sid"],
            "phase": doc["phase"],
            "plugin_url": version.get("plugin_url"),
            "unique_name": plugin.get("unique_name"),
            "friendly_name": plugin.get("friendly_name"),
            "description": plugin.get("description"),
            "plugin_archived": plugin.get("archived"),
            "version": version.get("version"),
            "plugin_version_archived": version.get("archived"),
            "changelog": version.get("changelog"),
            "private": version.get("private"),
            "date_created": doc["date_created"],
            "url": ctx.base_url + entry_path(doc["configuration_sid"], doc["plugin_sid"]),
        }


def _show(raw: str) -> str:
    return repr(raw if len(raw) <= 60 else raw[:57] + "...")
