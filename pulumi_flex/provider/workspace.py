"""Workspace: destroy leaves Flex's own "Flex Task Assignment" workspace in place.

Flex provisioning made it and Flex routes every task through it, so deleting it (and everything
in it) would break the account's contact center; a stack that adopted it gives it back as it is.
"""

from __future__ import annotations

from ..specs.workspace import FLEX_WORKSPACE_NAME
from .dynamic import Props, SpecProvider
from .notices import notice


class WorkspaceProvider(SpecProvider):
    """The generic provider, but destroy never deletes Flex's own workspace."""

    def do_delete(self, id_: str, props: Props) -> None:
        """Delete the workspace (and everything in it), unless it is Flex's own."""
        if props.get("friendly_name") == FLEX_WORKSPACE_NAME:
            notice(
                f"Workspace {id_}: left {FLEX_WORKSPACE_NAME!r} in place, since Flex routes every "
                "task through it; it is no longer managed by this stack"
            )
            return
        super().do_delete(id_, props)
