"""The Flex API base URL, from an explicit URL or Twilio's region and edge rules."""

from __future__ import annotations

from urllib.parse import urlsplit

from .errors import FlexConfigurationError

DEFAULT_BASE_URL = "https://flex-api.twilio.com"

# Twilio's default edge of each region (its regional-processing docs).
DEFAULT_EDGES = {
    "us1": "ashburn",
    "us2": "umatilla",
    "ie1": "dublin",
    "de1": "frankfurt",
    "au1": "sydney",
    "jp1": "tokyo",
    "sg1": "singapore",
    "br1": "sao-paulo",
}


# Each Twilio service's host name; a spec's ``service`` is one of these keys.
SERVICE_HOSTS = {
    "flex": "flex-api",
    "taskrouter": "taskrouter",
    "studio": "studio",
    "conversations": "conversations",
}


def service_root(service: str, api_root: str, *, explicit: bool) -> str:
    """The root URL of ``service`` given the Flex API root.

    With an explicit base URL (the emulator, a proxy), Flex is served at the root and every other
    service under a prefix named after it: ``<base>/taskrouter``. Otherwise each service has its
    own host, with the same region and edge as Flex's: ``taskrouter.dublin.ie1.twilio.com``.
    """
    if service == "flex":
        return api_root
    if service not in SERVICE_HOSTS:
        raise FlexConfigurationError(f"unknown Twilio service {service!r}; known: {', '.join(SERVICE_HOSTS)}")
    if explicit:
        return f"{api_root}/{service}"
    return api_root.replace("://flex-api.", f"://{SERVICE_HOSTS[service]}.", 1)


def resolve_base_url(base_url: str | None = None, region: str | None = None, edge: str | None = None) -> str:
    """Return the API root (no trailing slash, no ``/v1``).

    An explicit ``base_url`` wins (the emulator, a proxy). Otherwise Twilio's rules apply:
    no region or edge gives ``flex-api.twilio.com``; an edge gives
    ``flex-api.{edge}.{region}.twilio.com`` with the region defaulting to ``us1``; a region alone
    gets its default edge, because Twilio retired the ``flex-api.{region}.twilio.com`` form on
    2026-04-28 (an unknown region keeps that form).
    """
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FlexConfigurationError(
                "flex:baseUrl / FLEX_BASE_URL must be an http(s) URL such as http://127.0.0.1:8080, "
                f"got {base_url!r}"
            )
        return base_url.rstrip("/")
    if edge:
        return f"https://flex-api.{edge}.{region or 'us1'}.twilio.com"
    if region:
        default_edge = DEFAULT_EDGES.get(region)
        if default_edge:
            return f"https://flex-api.{default_edge}.{region}.twilio.com"
        return f"https://flex-api.{region}.twilio.com"
    return DEFAULT_BASE_URL
