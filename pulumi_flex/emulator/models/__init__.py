"""State and rules of each object family, one module (or package) per family: Flex's, and the TaskRouter,
Studio and Conversations families a Flex contact center is built from (served under ``/taskrouter``,
``/studio`` and ``/conversations``: their ``list_path`` carries the prefix).

To add a family: write ``models/<family>.py`` with a :class:`~pulumi_flex.emulator.models.base.Collection`
subclass and list it in :data:`COLLECTIONS`; its standard routes are then registered by ``app.py``. Nested
families (``parent_param``) and ``/Archive`` routes come from the same machinery; per-account singletons
subclass :class:`~pulumi_flex.emulator.models.base.Singleton` and go in :data:`SINGLETONS`.
"""

from __future__ import annotations

from pulumi_flex.emulator.models.base import Collection, Singleton
from pulumi_flex.emulator.models.channels import Channels
from pulumi_flex.emulator.models.configuration import FlexConfiguration
from pulumi_flex.emulator.models.conversations import AddressConfigurations
from pulumi_flex.emulator.models.flex_flows import FlexFlows
from pulumi_flex.emulator.models.insights import Categories, Questionnaires, Questions
from pulumi_flex.emulator.models.interactions import (
    InteractionChannels,
    Interactions,
    Invites,
    Participants,
    Transfers,
)
from pulumi_flex.emulator.models.plugin_service import PLUGIN_SERVICE
from pulumi_flex.emulator.models.studio import STUDIO
from pulumi_flex.emulator.models.taskrouter import TASKROUTER
from pulumi_flex.emulator.models.web_channels import WebChannels

COLLECTIONS: tuple[type[Collection], ...] = (
    FlexFlows,
    *PLUGIN_SERVICE,
    WebChannels,
    Channels,
    Categories,
    Questions,
    Questionnaires,
    Interactions,
    InteractionChannels,
    Invites,
    Participants,
    Transfers,
    *TASKROUTER,
    *STUDIO,
    AddressConfigurations,
)
SINGLETONS: tuple[type[Singleton], ...] = (FlexConfiguration,)

__all__ = ["COLLECTIONS", "SINGLETONS", "Collection", "FlexConfiguration", "FlexFlows", "Singleton"]
