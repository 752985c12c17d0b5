"""Everything in an account that a stack can manage, read through the client.

Plugins come with their latest version, the versions the active release uses, the active
release's configuration and the release itself: the history of older versions and
configurations is not part of a desired state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..client import FlexClient
from ..client.errors import FlexApiError
from ..specs.configuration import ConfigurationInputs

Record = dict[str, Any]
Progress = Callable[[str, int], None]  # (what was read, how many objects)

PLUGIN_SERVICE = "/v1/PluginService"


@dataclass
class Inventory:
    """The records of everything a stack can manage in one account, as the API returns them."""

    flex_flows: list[Record] = field(default_factory=list)
    web_channels: list[Record] = field(default_factory=list)
    plugins: list[Record] = field(default_factory=list)
    plugin_versions: list[Record] = field(default_factory=list)
    plugin_configuration: Record | None = None
    configured_plugins: list[Record] = field(default_factory=list)
    active_release: Record | None = None
    categories: list[Record] = field(default_factory=list)
    questions: list[Record] = field(default_factory=list)
    questionnaires: list[Record] = field(default_factory=list)
    configuration: Record = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many objects the program will declare (the configuration counts as one)."""
        singles = sum(x is not None for x in (self.plugin_configuration, self.active_release))
        return (
            singles
            + 1
            + sum(
                len(items)
                for items in (
                    self.flex_flows,
                    self.web_channels,
                    self.plugins,
                    self.plugin_versions,
                    self.categories,
                    self.questions,
                    self.questionnaires,
                )
            )
        )


def _counted(items: Iterator[Record], what: str, progress: Progress) -> list[Record]:
    result = []
    for item in items:
        result.append(item)
        progress(what, 1)
    return result


def read_inventory(client: FlexClient, progress: Progress) -> Inventory:
    """Read everything a stack can manage from the account, reporting each object to ``progress``."""
    inventory = Inventory()
    inventory.flex_flows = _counted(client.flex_flows.list(), "flex flows", progress)
    inventory.web_channels = _counted(client.web_channels.list(), "web channels", progress)
    plugins = [p for p in client.plugins.list() if not p.get("archived")]
    inventory.plugins = _counted(iter(plugins), "plugins", progress)
    active = _active_release(client)
    if active is not None:
        inventory.active_release = active
        inventory.plugin_configuration = client.plugin_configurations.fetch(active["configuration_sid"])
        path = f"{PLUGIN_SERVICE}/Configurations/{active['configuration_sid']}/Plugins"
        inventory.configured_plugins = list(client.paginate(path, "plugins"))
        progress("active release", 2)
    in_use = {entry["plugin_version_sid"] for entry in inventory.configured_plugins}
    for plugin in plugins:
        versions = [
            v for v in client.plugin_versions.list({"plugin_sid": plugin["sid"]}) if not v.get("archived")
        ]
        # Newest first: the latest version, plus any older one the active release still uses.
        wanted = [v for i, v in enumerate(versions) if i == 0 or v["sid"] in in_use]
        inventory.plugin_versions += _counted(iter(wanted), "plugin versions", progress)
    inventory.categories = _counted(client.questionnaire_categories.list(), "categories", progress)
    inventory.questions = _counted(client.questionnaire_questions.list(), "questions", progress)
    inventory.questionnaires = _counted(client.questionnaires.list(), "questionnaires", progress)
    current = client.configuration.fetch()
    inventory.configuration = {
        key: current[key] for key in ConfigurationInputs.model_fields if current.get(key) is not None
    }
    progress("configuration", 1)
    return inventory


def _active_release(client: FlexClient) -> Record | None:
    try:
        return client.plugin_releases.fetch("Active")
    except FlexApiError as exc:
        if exc.is_not_found:
            return None
        raise
