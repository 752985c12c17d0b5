"""PluginRelease (``FK``): makes a plugin configuration the account's active release.

Releases are immutable events, so this resource models the desired state "this configuration
is released": create releases it, a new ``configuration_sid`` releases again (in place), and
refresh compares with the account's active release. See ``PluginReleaseProvider`` for destroy.
"""

from __future__ import annotations

from typing import Annotated

from .base import ResourceSpec, SpecModel, Wire, sid


class PluginReleaseInputs(SpecModel):
    """The configuration to release, sent as ``ConfigurationId``."""

    configuration_sid: Annotated[str, sid("FJ", "Flex Plugin Configuration"), Wire("ConfigurationId")]


PLUGIN_RELEASE = ResourceSpec(
    name="PluginRelease",
    inputs=PluginReleaseInputs,
    collection_path="/v1/PluginService/Releases",
    list_key="releases",
    sid_prefix="FK",
    sid_description="Flex Plugin Release",
    computed=("sid", "account_sid", "url", "date_created", "previous_configuration_sid"),
)
