"""The Flex Plugin Service (``/v1/PluginService/…``): plugins, their versions, configurations of plugin
versions, and releases of configurations. Source: docs/twilio-api-notes.md §1 and §5.

The optional ``Flex-Metadata`` request header is accepted and ignored on every operation (the dispatcher
reads no headers beyond auth and content type).

Where Twilio's documentation is silent, the emulator decides as follows:

* A duplicate plugin ``UniqueName`` or a duplicate ``Version`` of one plugin: **409**, code **45202**
  ("Resource Already Exists: …").
* A rule the current state forbids: **400**, code **45008** ("Unprocessable Request" in Twilio's error
  dictionary). That covers archiving something already archived (the CLI relies on the 400), archiving a
  plugin, version or configuration that is in the active release, updating an archived plugin, adding a
  version to an archived plugin, and releasing an archived configuration or one whose plugins or versions
  were archived since.
* Bad or missing body parameters: **400**, code **20001**, naming the parameter; that includes a body that
  references something missing or archived (``Plugins`` entries, ``ConfigurationId``). An unknown or malformed
  object in the *path* is a **404** (20404).
* ``UniqueName`` sent to a plugin update is ignored, like every parameter an operation does not take.
* Versions, configurations and releases have no update route (POST on one is a **405**); nothing has DELETE.
* Archiving a plugin does not archive its versions; its versions simply can no longer be configured.
"""

from __future__ import annotations

from pulumi_flex.emulator.models.base import Collection
from pulumi_flex.emulator.models.plugin_service.configurations import ConfiguredPlugins, PluginConfigurations
from pulumi_flex.emulator.models.plugin_service.plugins import Plugins
from pulumi_flex.emulator.models.plugin_service.releases import PluginReleases
from pulumi_flex.emulator.models.plugin_service.versions import PluginVersions

PLUGIN_SERVICE: tuple[type[Collection], ...] = (
    Plugins,
    PluginVersions,
    PluginConfigurations,
    ConfiguredPlugins,
    PluginReleases,
)

__all__ = [
    "PLUGIN_SERVICE",
    "ConfiguredPlugins",
    "PluginConfigurations",
    "PluginReleases",
    "PluginVersions",
    "Plugins",
]
