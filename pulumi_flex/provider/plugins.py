"""Old home of the Plugin Service behaviour, kept importable for code that imported it.

The behaviour now lives in :mod:`pulumi_flex.provider.archive` and
:mod:`pulumi_flex.provider.plugin_release`.
"""

from .archive import ArchivingProvider
from .plugin_release import EMPTY_CONFIGURATION_NAME, PluginReleaseProvider

__all__ = ["EMPTY_CONFIGURATION_NAME", "ArchivingProvider", "PluginReleaseProvider"]
