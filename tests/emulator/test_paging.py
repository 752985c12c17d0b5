"""List paging (PageSize, Page, PageToken), the meta envelope and the FriendlyName filter."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.emulator.samples import assert_twilio_error, create_flow
from tests.support.emulator import EmulatorProcess


def test_page_size_two_over_five_follows_next_page_url_to_the_end(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        names = [f"flow {i}" for i in range(5)]
        for name in names:
            create_flow(http, FriendlyName=name)
        pages: list[dict[str, Any]] = [http.get("/v1/FlexFlows", params={"PageSize": 2}).json()]
        while pages[-1]["meta"]["next_page_url"]:
            # Clients follow next_page_url verbatim, so it must be absolute and on the emulator.
            assert pages[-1]["meta"]["next_page_url"].startswith(flex.base_url + "/v1/FlexFlows?")
            response = http.get(pages[-1]["meta"]["next_page_url"])
            assert response.status_code == 200
            pages.append(response.json())
            assert len(pages) < 10
    assert [len(page["flex_flows"]) for page in pages] == [2, 2, 1]
    assert [flow["friendly_name"] for page in pages for flow in page["flex_flows"]] == names  # creation order
    assert [page["meta"]["page"] for page in pages] == [0, 1, 2]
    first, second, last = (page["meta"] for page in pages)
    assert first == {
        "page": 0,
        "page_size": 2,
        "first_page_url": f"{flex.base_url}/v1/FlexFlows?PageSize=2&Page=0",
        "previous_page_url": None,
        "url": f"{flex.base_url}/v1/FlexFlows?PageSize=2&Page=0",
        "next_page_url": first["next_page_url"],
        "key": "flex_flows",
    }
    token = parse_qs(urlsplit(first["next_page_url"]).query)["PageToken"][0]
    assert token.startswith("PA")
    assert first["next_page_url"] == f"{flex.base_url}/v1/FlexFlows?PageSize=2&Page=1&PageToken={token}"
    assert second["url"] == first["next_page_url"]
    assert second["previous_page_url"] is not None
    assert last["next_page_url"] is None


def test_previous_page_url_walks_back(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        for i in range(5):
            create_flow(http, FriendlyName=f"flow {i}")
        first = http.get("/v1/FlexFlows", params={"PageSize": 2}).json()
        second = http.get(first["meta"]["next_page_url"]).json()
        back = http.get(second["meta"]["previous_page_url"]).json()
    assert back["flex_flows"] == first["flex_flows"]
    assert back["meta"]["page"] == 0
    assert back["meta"]["previous_page_url"] is None
    assert back["meta"]["next_page_url"] is not None


def test_page_token_is_stable_when_earlier_objects_are_deleted(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        sids = [create_flow(http, FriendlyName=f"flow {i}")["sid"] for i in range(4)]
        first = http.get("/v1/FlexFlows", params={"PageSize": 2}).json()
        http.delete(f"/v1/FlexFlows/{sids[0]}")
        second = http.get(first["meta"]["next_page_url"]).json()
    assert [flow["sid"] for flow in second["flex_flows"]] == sids[2:]


def test_default_page_size_and_empty_list(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        body = http.get("/v1/FlexFlows").json()
    assert body == {
        "flex_flows": [],
        "meta": {
            "page": 0,
            "page_size": 50,
            "first_page_url": f"{flex.base_url}/v1/FlexFlows?PageSize=50&Page=0",
            "previous_page_url": None,
            "url": f"{flex.base_url}/v1/FlexFlows?PageSize=50&Page=0",
            "next_page_url": None,
            "key": "flex_flows",
        },
    }


def test_page_without_token_is_an_offset(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        for i in range(3):
            create_flow(http, FriendlyName=f"flow {i}")
        body = http.get("/v1/FlexFlows", params={"PageSize": 2, "Page": 1}).json()
    assert [flow["friendly_name"] for flow in body["flex_flows"]] == ["flow 2"]
    assert body["meta"]["page"] == 1
    assert body["meta"]["next_page_url"] is None
    assert body["meta"]["previous_page_url"] is not None


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"PageSize": "1001"}, "PageSize"),
        ({"PageSize": "0"}, "PageSize"),
        ({"PageSize": "ten"}, "PageSize"),
        ({"Page": "-1"}, "Page"),
        ({"PageToken": "PAnot-a-real-token"}, "PageToken"),
        ({"PageToken": "garbage"}, "PageToken"),
    ],
)
def test_bad_paging_parameters_are_a_400(
    flex: EmulatorProcess, params: dict[str, str], parameter: str
) -> None:
    with flex.client() as http:
        response = http.get("/v1/FlexFlows", params=params)
    assert parameter in assert_twilio_error(response, 400, 20001)["message"]


def test_page_size_bounds_are_inclusive(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        create_flow(http)
        assert http.get("/v1/FlexFlows", params={"PageSize": 1000}).json()["meta"]["page_size"] == 1000
        assert len(http.get("/v1/FlexFlows", params={"PageSize": 1}).json()["flex_flows"]) == 1


def test_friendly_name_filter_is_exact_and_precedes_page_size_in_meta(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        create_flow(http, FriendlyName="night shift")
        create_flow(http, FriendlyName="night shift 2")
        create_flow(http, FriendlyName="Night Shift")
        wanted = create_flow(http, FriendlyName="night shift")
        body = http.get("/v1/FlexFlows", params={"FriendlyName": "night shift", "PageSize": 1}).json()
        rest = http.get(body["meta"]["next_page_url"]).json()
    assert [flow["friendly_name"] for flow in body["flex_flows"]] == ["night shift"]
    assert body["meta"]["url"] == f"{flex.base_url}/v1/FlexFlows?FriendlyName=night+shift&PageSize=1&Page=0"
    assert body["meta"]["next_page_url"].startswith(
        f"{flex.base_url}/v1/FlexFlows?FriendlyName=night+shift&PageSize=1&Page=1&PageToken=PA"
    )
    assert [flow["sid"] for flow in rest["flex_flows"]] == [wanted["sid"]]
    assert rest["meta"]["next_page_url"] is None
