"""The Flex API client: usable on its own, and shared by every provider in a process.

Exports load on first use: the provider process imports error types at start-up and pays for
httpx and tenacity only when it first talks to the API (preview never does).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .collection import Collection
    from .credentials import FlexCredentials
    from .endpoint import DEFAULT_BASE_URL, resolve_base_url
    from .errors import (
        FlexAmbiguousError,
        FlexApiError,
        FlexConfigurationError,
        FlexDeadlineError,
        FlexError,
        FlexTransportError,
    )
    from .flex_client import FlexClient
    from .retry import RetryPolicy

_EXPORTS = {
    "Collection": "collection",
    "FlexCredentials": "credentials",
    "DEFAULT_BASE_URL": "endpoint",
    "resolve_base_url": "endpoint",
    "FlexApiError": "errors",
    "FlexConfigurationError": "errors",
    "FlexError": "errors",
    "FlexTransportError": "errors",
    "FlexClient": "flex_client",
    "FlexAmbiguousError": "errors",
    "FlexDeadlineError": "errors",
    "RetryPolicy": "retry",
}

__all__ = [
    "DEFAULT_BASE_URL",
    "Collection",
    "FlexAmbiguousError",
    "FlexApiError",
    "FlexClient",
    "FlexConfigurationError",
    "FlexCredentials",
    "FlexDeadlineError",
    "FlexError",
    "FlexTransportError",
    "RetryPolicy",
    "resolve_base_url",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_flex.client' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
