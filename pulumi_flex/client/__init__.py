"""The Flex API client: usable on its own, and shared by every provider in a process."""

from .collection import Collection
from .credentials import FlexCredentials
from .endpoint import DEFAULT_BASE_URL, resolve_base_url
from .errors import FlexApiError, FlexConfigurationError, FlexError, FlexTransportError
from .flex_client import FlexClient

__all__ = [
    "DEFAULT_BASE_URL",
    "Collection",
    "FlexApiError",
    "FlexClient",
    "FlexConfigurationError",
    "FlexCredentials",
    "FlexError",
    "FlexTransportError",
    "resolve_base_url",
]
