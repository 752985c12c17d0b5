"""State and rules of each Flex object family, one module per family.

To add a family: write ``models/<family>.py`` with a :class:`~pulumi_flex.emulator.models.base.Collection`
subclass and list it in :data:`COLLECTIONS`; its standard routes are then registered by ``app.py``. Families
with non-CRUD endpoints (archive, singletons) add their extra routes in ``app.py`` too.
"""

from __future__ import annotations

from pulumi_flex.emulator.models.base import Collection
from pulumi_flex.emulator.models.flex_flows import FlexFlows

COLLECTIONS: tuple[type[Collection], ...] = (FlexFlows,)

__all__ = ["COLLECTIONS", "Collection", "FlexFlows"]
