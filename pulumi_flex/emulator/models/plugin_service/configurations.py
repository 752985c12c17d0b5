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

from typing import Annotated

from pydantic import BeforeValidator, Field

from pulumi_flex.emulator.models.base import Collection, Context
from pulumi_flex.emulator.models.plugin_service.common import (
    CONFIGURATION_KIND,
    CONFIGURATION_SID,
    CONFIGURATIONS_PATH,
    CONFIGURED_PLUGIN_KIND,
    PLUGIN_KIND,
    VERSION_KIND,
    WRITE_LOCK,
    PluginServiceCollection,
    active_release,
    find_plugin,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import FormModel, JsonModel, sid, validate
from pulumi_flex.emulator.wire import (
    Form,
    JsonObject,
    TwilioError,
    invalid_parameter,
    not_found,
    parse_json_text,
    unprocessable,
)

MAX_PHASE = 1_000_000


def _decoded(raw: object) -> object:
    # Each ``Plugins`` value is JSON text; text that does not decode is left for the entry's type check.
    if not isinstance(raw, str):
        return raw
    try:
        return parse_json_text(raw)
    except (ValueError, RecursionError):
        return raw


def _integral(value: object) -> object:
    # JSON has one number type: 3.0 is the integer 3 (as in JSON Schema), 3.5 and "3" are not integers.
    return int(value) if isinstance(value, float) and value.is_integer() else value


class PluginEntry(JsonModel):
    """One ``Plugins`` value: ``{"plugin_version": "FV…", "phase": 3}``, ``phase`` 0 by default."""

    plugin_version: Annotated[str, sid("FV")]
    phase: Annotated[int, BeforeValidator(_integral), Field(ge=0, le=MAX_PHASE)] = 0


class NewConfiguration(FormModel):
    """A create: ``Name`` is required; each repeated ``Plugins`` value is one entry."""

    name: str
    description: str | None = None
    plugins: list[Annotated[PluginEntry, BeforeValidator(_decoded)]] = Field(default_factory=list)


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
        params = validate(NewConfiguration, form)
        return {
            "name": params.name,
            "description": params.description,
            "archived": False,
            "plugins": self.check_entries(params.plugins, ctx),
        }

    def check_entries(self, plugins: list[PluginEntry], ctx: Context) -> list[Doc]:
        """The ``Plugins`` entries, each an unarchived version of an unarchived plugin, at most one per
        plugin; otherwise a 400 naming ``Plugins`` and the entry number."""
        entries: list[Doc] = []
        seen: dict[str, int] = {}  # plugin SID -> entry number
        for number, given in enumerate(plugins, start=1):
            entry: Doc = {"plugin_version_sid": given.plugin_version, "phase": given.phase}
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
