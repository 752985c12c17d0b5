"""The emulator's own API: health, request stats by route template, and reset."""

from __future__ import annotations

import httpx

from tests.emulator.samples import MISSING_FO_SID, create_flow
from tests.support.emulator import EmulatorProcess


def test_health_needs_no_credentials(flex: EmulatorProcess) -> None:
    response = httpx.get(f"{flex.base_url}/_emulator/health", trust_env=False)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_stats_count_every_api_request_by_route_template(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        sid = create_flow(http)["sid"]
        http.get(f"/v1/FlexFlows/{sid}")
        http.get(f"/v1/FlexFlows/{MISSING_FO_SID}")  # 404 still counts
        http.post(f"/v1/FlexFlows/{sid}", data={"FriendlyName": "x"})
        http.post("/v1/FlexFlows", data={})  # 400 still counts
        http.get("/v1/FlexFlows")
        http.put("/v1/FlexFlows")  # 405 still counts
        http.delete(f"/v1/FlexFlows/{sid}")
    httpx.get(f"{flex.base_url}/v1/FlexFlows", trust_env=False)  # 401 still counts
    flex.stats()  # admin calls are not counted
    httpx.get(f"{flex.base_url}/_emulator/health", trust_env=False)
    assert flex.stats() == {
        "total": 9,
        "requests": {
            "POST /v1/FlexFlows": 2,
            "GET /v1/FlexFlows/{Sid}": 2,
            "POST /v1/FlexFlows/{Sid}": 1,
            "GET /v1/FlexFlows": 2,
            "PUT /v1/FlexFlows": 1,
            "DELETE /v1/FlexFlows/{Sid}": 1,
        },
    }


def test_unmatched_paths_are_counted_under_one_key(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        http.get("/v1/Nope")
        http.get("/v2/AlsoNope")
    assert flex.stats() == {"total": 2, "requests": {"GET <unmatched>": 2}}


def test_reset_clears_objects_and_stats(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        sid = create_flow(http)["sid"]
    assert flex.stats()["total"] == 1
    response = httpx.post(f"{flex.base_url}/_emulator/reset", trust_env=False)
    assert response.status_code == 200
    assert flex.stats() == {"total": 0, "requests": {}}
    with flex.client() as http:
        assert http.get(f"/v1/FlexFlows/{sid}").status_code == 404
        assert http.get("/v1/FlexFlows").json()["flex_flows"] == []


def test_admin_wrong_method_and_unknown_admin_path(flex: EmulatorProcess) -> None:
    wrong = httpx.get(f"{flex.base_url}/_emulator/reset", trust_env=False)
    unknown = httpx.get(f"{flex.base_url}/_emulator/nope", trust_env=False)
    assert (wrong.status_code, wrong.json()["code"]) == (405, 20004)
    assert (unknown.status_code, unknown.json()["code"]) == (404, 20404)
    assert flex.stats()["total"] == 0
