"""Regions and edges over real HTTP: the client addresses Twilio's regional hostnames.

The hostnames cannot resolve here, so a transport checks the host each request is addressed
to and then sends it, unchanged but for the host, to the emulator over loopback.
"""

from __future__ import annotations

import httpx
import pytest

from pulumi_flex.client import FlexClient, FlexCredentials
from tests.support.emulator import EmulatorProcess


class RegionalRoute(httpx.BaseTransport):
    def __init__(self, emulator_url: str) -> None:
        self.target = httpx.URL(emulator_url)
        self.inner = httpx.HTTPTransport()
        self.hosts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        request.url = request.url.copy_with(
            scheme=self.target.scheme, host=self.target.host, port=self.target.port
        )
        return self.inner.handle_request(request)


@pytest.mark.parametrize(
    ("region", "edge", "host"),
    [
        (None, None, "flex-api.twilio.com"),
        ("ie1", None, "flex-api.dublin.ie1.twilio.com"),
        (None, "sydney", "flex-api.sydney.us1.twilio.com"),
        ("au1", "sydney", "flex-api.sydney.au1.twilio.com"),
    ],
)
def test_region_and_edge_choose_the_host(
    region: str | None, edge: str | None, host: str, flex: EmulatorProcess
) -> None:
    route = RegionalRoute(flex.base_url)
    creds = FlexCredentials(
        account_sid=flex.account_sid, auth_token=flex.auth_token, region=region, edge=edge
    )
    with FlexClient(creds, transport=route) as client:
        created = client.flex_flows.create(
            {"friendly_name": "regional", "chat_service_sid": "IS" + "1" * 32, "channel_type": "web"}
        )
        assert client.flex_flows.fetch(created["sid"])["friendly_name"] == "regional"
        assert list(client.flex_flows.list())  # paging follows next_page_url on the same host
    assert route.hosts and set(route.hosts) == {host}


class ServiceRoute(RegionalRoute):
    """Like ``RegionalRoute``, and sends each service's host to its prefix on the emulator
    (``taskrouter.<edge>.<region>.twilio.com/v1/…`` to ``<emulator>/taskrouter/v1/…``)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        service = request.url.host.split(".", 1)[0]
        if service != "flex-api":
            request.url = request.url.copy_with(path=f"/{service}{request.url.path}")
        return super().handle_request(request)


@pytest.mark.parametrize(
    ("region", "edge", "hosts"),
    [
        (None, None, {"taskrouter.twilio.com", "studio.twilio.com", "conversations.twilio.com"}),
        ("ie1", None, {"taskrouter.dublin.ie1.twilio.com", "studio.dublin.ie1.twilio.com"}),
        ("au1", "sydney", {"taskrouter.sydney.au1.twilio.com", "studio.sydney.au1.twilio.com"}),
    ],
)
def test_region_and_edge_apply_to_every_service(
    region: str | None, edge: str | None, hosts: set[str], flex: EmulatorProcess
) -> None:
    route = ServiceRoute(flex.base_url)
    creds = FlexCredentials(
        account_sid=flex.account_sid, auth_token=flex.auth_token, region=region, edge=edge
    )
    with FlexClient(creds, transport=route) as client:
        workspaces = list(client.workspaces.list())
        assert any(w["friendly_name"] == "Flex Task Assignment" for w in workspaces)
        assert list(client.studio_flows.list())
        if "conversations.twilio.com" in hosts:
            assert list(client.address_configurations.list()) == []
    assert hosts <= set(route.hosts)
    assert not any(h.startswith("flex-api") for h in route.hosts)


def test_a_base_url_serves_every_service_under_its_prefix(flex: EmulatorProcess) -> None:
    creds = FlexCredentials(account_sid=flex.account_sid, auth_token=flex.auth_token, base_url=flex.base_url)
    assert creds.service_root("flex") == flex.base_url
    assert creds.service_root("taskrouter") == f"{flex.base_url}/taskrouter"
    with FlexClient(creds) as client:
        [workspace] = [w for w in client.workspaces.list() if w["friendly_name"] == "Flex Task Assignment"]
        queues = list(client.task_queues.list({"workspace_sid": workspace["sid"]}))
        assert [q["friendly_name"] for q in queues] == ["Everyone"]
        channels = list(client.task_channels.list({"workspace_sid": workspace["sid"]}))
        assert {c["unique_name"] for c in channels} >= {"voice", "chat", "sms"}
