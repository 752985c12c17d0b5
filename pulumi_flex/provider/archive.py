"""Plugin Service objects (plugins, versions, configurations): destroy archives them.

Archiving is permanent, and Twilio refuses to archive anything that is part of the account's
active release; the error says what to do instead (docs/twilio-api-notes.md §5).
"""

from __future__ import annotations

from ..client.errors import FlexApiError, FlexError
from .dynamic import SpecProvider


class ArchivingProvider(SpecProvider):
    """Plugins, versions and configurations: destroy archives them, and Twilio refuses to archive
    anything that is part of the account's active release."""

    def delete_error(self, exc: FlexApiError) -> Exception:
        """Turn Twilio's 400 on archive into what to do: release a configuration without the object."""
        if exc.status == 400:
            return FlexError(
                f"cannot archive this {self.spec.name}: {exc}. Twilio refuses to archive what the active "
                "release uses: first release a configuration without it (change the configuration_sid of "
                "the PluginRelease that released it, or release another configuration), then run destroy "
                "again. Archiving is permanent."
            )
        return exc
