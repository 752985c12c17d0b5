"""pulumi_flex: manage Twilio Flex with Pulumi.

Resources (``FlexFlow``…) and the client (``FlexClient``) are imported on first use, so the
provider process, which imports this package to unpickle providers, pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .client import FlexApiError, FlexClient, FlexConfigurationError, FlexCredentials, FlexError
    from .resources import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs

_EXPORTS = {
    "FlexFlow": "resources",
    "FlexFlowArgs": "resources",
    "FlexFlowIntegrationArgs": "resources",
    "FlexClient": "client",
    "FlexCredentials": "client",
    "FlexApiError": "client",
    "FlexConfigurationError": "client",
    "FlexError": "client",
}

__all__ = [
    "FlexApiError",
    "FlexClient",
    "FlexConfigurationError",
    "FlexCredentials",
    "FlexError",
    "FlexFlow",
    "FlexFlowArgs",
    "FlexFlowIntegrationArgs",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_flex' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
