"""Fault injection: 429s, 500s, lost responses and latency, switched at run time or by flags."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.emulator.samples import REQUEST_ID, assert_twilio_error, create_flow, flow_form
from tests.support.emulator import EmulatorProcess

OFF = {
    "429": 0.0,
    "500": 0.0,
    "lost": 0.0,
    "latency_ms": 0,
    "response_delay_ms": 0,
    "seed": None,
    "retry_after": None,
}
NONE_INJECTED = {"429": 0, "500": 0, "lost": 0}


@pytest.fixture
def faulty(flex: EmulatorProcess) -> Iterator[EmulatorProcess]:
    """The session emulator, reset, with faults switched off again afterwards whatever happens."""
    flex.set_faults()
    try:
        yield flex
    finally:
        flex.set_faults()


def flow_names(emulator: EmulatorProcess) -> list[str]:
    with emulator.client() as http:
        response = http.get("/v1/FlexFlows", params={"PageSize": 1000})
    assert response.status_code == 200, response.text
    return [flow["friendly_name"] for flow in response.json()["flex_flows"]]


# ------------------------------------------------------------------------------------------- each kind


def test_429_is_twilio_shaped_with_retry_after_and_not_processed(faulty: EmulatorProcess) -> None:
    faulty.set_faults({"429": 1.0, "retry_after": 2})
    with faulty.client() as http:
        response = http.post("/v1/FlexFlows", data=flow_form(FriendlyName="never"))
    assert response.status_code == 429
    assert response.json() == {
        "code": 20429,
        "message": "Too Many Requests",
        "more_info": "https://www.twilio.com/docs/errors/20429",
        "status": 429,
    }
    assert response.headers["content-type"] == "application/json"
    assert response.headers["retry-after"] == "2"
    assert REQUEST_ID.match(response.headers["twilio-request-id"])
    faulty.set_faults()
    assert flow_names(faulty) == []  # a 429 is never processed


def test_429_without_retry_after_has_no_header(faulty: EmulatorProcess) -> None:
    faulty.set_faults(p429=1.0)
    with faulty.client() as http:
        response = http.get("/v1/FlexFlows")
    assert_twilio_error(response, 429, 20429)
    assert "retry-after" not in response.headers


def test_500_is_answered_before_processing(faulty: EmulatorProcess) -> None:
    faulty.set_faults({"500": 1.0})
    with faulty.client() as http:
        response = http.post("/v1/FlexFlows", data=flow_form(FriendlyName="never"))
    body = assert_twilio_error(response, 500, 20500)
    assert body == {
        "code": 20500,
        "message": "Internal Server Error",
        "more_info": "https://www.twilio.com/docs/errors/20500",
        "status": 500,
    }
    assert "retry-after" not in response.headers
    faulty.set_faults()
    assert flow_names(faulty) == []


def test_lost_commits_the_change_but_answers_500(faulty: EmulatorProcess) -> None:
    with faulty.client() as http:
        doomed = create_flow(http, FriendlyName="doomed")
    faulty.set_faults(lost=1.0)
    with faulty.client() as http:
        created = http.post("/v1/FlexFlows", data=flow_form(FriendlyName="lost create"))
        deleted = http.delete(f"/v1/FlexFlows/{doomed['sid']}")
    assert_twilio_error(created, 500, 20500)
    assert_twilio_error(deleted, 500, 20500)
    assert faulty.faults()["injected"] == {"429": 0, "500": 0, "lost": 2}
    faulty.set_faults()
    # The client never learned it, but the create happened and the delete too.
    assert flow_names(faulty) == ["lost create"]


def test_lost_replaces_error_responses_too(faulty: EmulatorProcess) -> None:
    faulty.set_faults(lost=1.0)
    with faulty.client() as http:
        response = http.get("/v1/FlexFlows/FO" + "0" * 32)  # a 404 when served normally
    assert_twilio_error(response, 500, 20500)


def test_empty_settings_turn_faults_off(faulty: EmulatorProcess) -> None:
    faulty.set_faults({"429": 0.5, "500": 0.5, "latency_ms": 5, "seed": 1, "retry_after": 1})
    assert faulty.set_faults() == {"settings": OFF, "injected": faulty.faults()["injected"]}
    with faulty.client() as http:
        statuses = {http.get("/v1/FlexFlows").status_code for _ in range(20)}
    assert statuses == {200}


def test_unauthenticated_requests_are_401_not_faults(faulty: EmulatorProcess) -> None:
    faulty.set_faults({"429": 1.0})
    with faulty.client(auth=(faulty.account_sid, "wrong-token")) as http:
        assert_twilio_error(http.get("/v1/FlexFlows"), 401, 20003)
    assert_twilio_error(httpx.get(f"{faulty.base_url}/v1/FlexFlows", trust_env=False), 401, 20003)
    assert faulty.faults()["injected"] == NONE_INJECTED


def test_admin_endpoints_are_never_faulted(faulty: EmulatorProcess) -> None:
    faulty.set_faults({"500": 0.5, "429": 0.5, "latency_ms": 1000})
    admin = httpx.Client(base_url=faulty.base_url, timeout=0.9, trust_env=False)  # shorter than the latency
    with admin:
        for _ in range(5):
            assert admin.get("/_emulator/health").status_code == 200
            assert admin.get("/_emulator/stats").status_code == 200
            assert admin.get("/_emulator/faults").status_code == 200
        assert admin.post("/_emulator/reset").status_code == 200
    assert faulty.faults()["injected"] == NONE_INJECTED


# ------------------------------------------------------------------------------------------- determinism


def fault_pattern(emulator: EmulatorProcess, count: int) -> list[int]:
    """The statuses of ``count`` sequential creates."""
    with emulator.client() as http:
        return [
            http.post("/v1/FlexFlows", data=flow_form(FriendlyName=f"flow {i}")).status_code
            for i in range(count)
        ]


def test_same_seed_and_sequence_give_the_same_faults(faulty: EmulatorProcess) -> None:
    settings = {"429": 0.25, "500": 0.15, "lost": 0.15, "seed": 7}
    runs: list[tuple[list[int], dict[str, int], list[str]]] = []
    for _ in range(2):
        faulty.reset()
        faulty.set_faults(settings)
        statuses = fault_pattern(faulty, 40)
        injected = faulty.faults()["injected"]
        faulty.set_faults()
        runs.append((statuses, injected, flow_names(faulty)))
    (statuses, injected, names), second = runs
    assert second == runs[0]
    # Every kind occurs, and the counters agree with what the client saw.
    assert set(statuses) == {201, 429, 500}
    assert injected["429"] == statuses.count(429) > 0
    assert injected["500"] + injected["lost"] == statuses.count(500)
    assert injected["500"] > 0 and injected["lost"] > 0
    # Exactly the answered creates and the lost ones exist.
    assert len(names) == statuses.count(201) + injected["lost"]
    assert {f"flow {i}" for i, status in enumerate(statuses) if status == 201} <= set(names)

    # A reset keeps the settings and replays the sequence from its start.
    faulty.set_faults(settings)
    faulty.reset()
    assert faulty.faults() == {"settings": {**OFF, **settings}, "injected": NONE_INJECTED}
    assert fault_pattern(faulty, 40) == statuses

    # Another seed gives another pattern.
    faulty.set_faults({**settings, "seed": 8})
    assert fault_pattern(faulty, 40) != statuses


def test_counters_count_each_kind_and_reset_zeroes_them(faulty: EmulatorProcess) -> None:
    faulty.set_faults({"429": 1.0})
    with faulty.client() as http:
        for _ in range(3):
            http.get("/v1/FlexFlows")
    faulty.set_faults({"500": 1.0})
    with faulty.client() as http:
        http.get("/v1/FlexFlows")
    # Counters are cumulative across settings changes, until a reset.
    assert faulty.faults() == {"settings": {**OFF, "500": 1.0}, "injected": {"429": 3, "500": 1, "lost": 0}}
    faulty.reset()
    assert faulty.faults() == {"settings": {**OFF, "500": 1.0}, "injected": NONE_INJECTED}


# ---------------------------------------------------------------------------------------------- latency


def test_latency_delays_api_requests_without_blocking_the_server(faulty: EmulatorProcess) -> None:
    faulty.set_faults(latency_ms=600)
    elapsed: list[float] = []

    def slow_request() -> None:
        with faulty.client() as http:
            started = time.perf_counter()
            assert http.get("/v1/FlexFlows").status_code == 200
            elapsed.append(time.perf_counter() - started)

    threads = [threading.Thread(target=slow_request) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.1)
    started = time.perf_counter()
    assert httpx.get(f"{faulty.base_url}/_emulator/health", trust_env=False).status_code == 200
    assert time.perf_counter() - started < 0.4  # the delayed requests do not hold up the event loop
    for thread in threads:
        thread.join(timeout=10)
    assert len(elapsed) == 3
    assert all(0.6 <= seconds < 3.0 for seconds in elapsed)


# ------------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "body",
    [
        {"429": 1.5},
        {"500": -0.1},
        {"lost": "0.3"},
        {"429": True},
        {"429": None},
        {"429": 0.6, "500": 0.3, "lost": 0.2},
        {"latency_ms": -1},
        {"latency_ms": 1.5},
        {"latency_ms": 10_000_000},
        {"response_delay_ms": -1},
        {"response_delay_ms": 60_001},
        {"response_delay_ms": "5"},
        {"seed": -1},
        {"seed": "7"},
        {"retry_after": "1"},
        {"retry_after": -3},
        {"bogus": 1},
        {"Latency_ms": 5},
        [],
        "429",
        None,
    ],
    ids=repr,
)
def test_invalid_settings_are_twilio_400s_and_change_nothing(faulty: EmulatorProcess, body: Any) -> None:
    faulty.set_faults({"429": 0.1, "seed": 3})
    before = faulty.faults()
    response = httpx.post(f"{faulty.base_url}/_emulator/faults", json=body, trust_env=False)
    message = assert_twilio_error(response, 400, 20001)["message"]
    assert message.startswith("Invalid fault settings")
    assert faulty.faults() == before


@pytest.mark.parametrize("raw", [b"", b"{", b"not json", b"\xff\xfe"])
def test_malformed_settings_bodies_are_400s(faulty: EmulatorProcess, raw: bytes) -> None:
    response = httpx.post(f"{faulty.base_url}/_emulator/faults", content=raw, trust_env=False)
    assert_twilio_error(response, 400, 20001)


def test_get_faults_reports_the_settings_as_sent(faulty: EmulatorProcess) -> None:
    settings = {
        "429": 0.3,
        "500": 0.05,
        "lost": 0.05,
        "latency_ms": 50,
        "response_delay_ms": 25,
        "seed": 7,
        "retry_after": 1,
    }
    assert faulty.set_faults(settings) == {"settings": settings, "injected": NONE_INJECTED}
    assert faulty.faults() == {"settings": settings, "injected": NONE_INJECTED}
    assert faulty.set_faults({"429": 1}) == {"settings": {**OFF, "429": 1.0}, "injected": NONE_INJECTED}


# ------------------------------------------------------------------------------------------ command line


def test_fault_flags_on_the_command_line(tmp_path: Path) -> None:
    flags = ("--fault-429", "1", "--retry-after", "3", "--fault-seed", "5", "--latency-ms", "10")
    with EmulatorProcess(tmp_path / "data", extra_args=flags) as emulator:
        expected = {**OFF, "429": 1.0, "latency_ms": 10, "seed": 5, "retry_after": 3}
        assert emulator.faults() == {"settings": expected, "injected": NONE_INJECTED}
        with emulator.client() as http:
            response = http.get("/v1/FlexFlows")
        assert_twilio_error(response, 429, 20429)
        assert response.headers["retry-after"] == "3"
        emulator.set_faults()  # and switchable at run time
        with emulator.client() as http:
            assert http.get("/v1/FlexFlows").status_code == 200


def test_fault_flags_with_lost_and_500(tmp_path: Path) -> None:
    with EmulatorProcess(
        tmp_path / "data", extra_args=("--fault-500", "0.5", "--fault-lost", "0.5")
    ) as emulator:
        assert emulator.faults()["settings"] == {**OFF, "500": 0.5, "lost": 0.5}


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--fault-429", "1.5"), "between 0 and 1"),
        (("--fault-500", "x"), "expected a probability"),
        (("--latency-ms", "-5"), "non-negative integer"),
        (("--fault-seed", "1.5"), "non-negative integer"),
        (("--fault-429", "0.7", "--fault-lost", "0.7"), "add up to at most 1"),
    ],
)
def test_bad_fault_flags_exit_2(tmp_path: Path, flags: tuple[str, ...], message: str) -> None:
    argv = [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--port", "0", "--data-dir", str(tmp_path)]
    result = subprocess.run([*argv, *flags], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_help_lists_the_fault_flags() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    for flag in (
        "--fault-429",
        "--fault-500",
        "--fault-lost",
        "--latency-ms",
        "--response-delay-ms",
        "--fault-seed",
        "--retry-after",
    ):
        assert flag in result.stdout


# --------------------------------------------------------------------------------------- crash and restart


def test_killed_mid_request_and_restarted_on_the_same_port(tmp_path: Path) -> None:
    emulator = EmulatorProcess(tmp_path / "data")
    with emulator:
        base_url = emulator.base_url
        http = emulator.client()
        with http:
            kept = create_flow(http, FriendlyName="kept")
            emulator.set_faults(latency_ms=5000)
            outcome: list[BaseException | int] = []

            def in_flight() -> None:
                try:
                    outcome.append(http.post("/v1/FlexFlows", data=flow_form(FriendlyName="cut")).status_code)
                except httpx.HTTPError as exc:
                    outcome.append(exc)

            thread = threading.Thread(target=in_flight)
            thread.start()
            time.sleep(0.5)
            emulator.kill()
            thread.join(timeout=10)
            assert len(outcome) == 1 and isinstance(outcome[0], httpx.HTTPError)

            emulator.start(same_port=True)
            assert emulator.base_url == base_url
            # Faults are run-time state: a new process starts without them (flags aside).
            assert emulator.faults()["settings"]["latency_ms"] == 0
            # The same client, made before the crash, talks to the new process.
            names = [flow["friendly_name"] for flow in http.get("/v1/FlexFlows").json()["flex_flows"]]
            assert names == ["kept"]
            assert http.get(f"/v1/FlexFlows/{kept['sid']}").status_code == 200
        emulator.restart()
        assert emulator.base_url == base_url


def test_restart_on_the_same_port_waits_while_it_is_busy(tmp_path: Path) -> None:
    emulator = EmulatorProcess(tmp_path / "data").start()
    port = emulator.port
    emulator.stop()
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", port or 0))
    blocker.listen(1)
    releaser = threading.Timer(0.8, blocker.close)
    releaser.start()
    try:
        emulator.start(same_port=True)
        assert emulator.port == port
        assert emulator.stop() == 0
    finally:
        releaser.cancel()
        blocker.close()
