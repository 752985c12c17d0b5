"""FlexClient against the real emulator over loopback HTTP."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from pulumi_flex.client import FlexApiError, FlexClient, FlexCredentials, FlexTransportError
from pulumi_flex.client.retry import FlexDeadlineError, RetryPolicy
from tests.support.emulator import EmulatorProcess

IS = "IS" + "3" * 32
FW = "FW" + "4" * 32


def client_for(flex: EmulatorProcess, **overrides: str) -> FlexClient:
    settings = {"account_sid": flex.account_sid, "auth_token": flex.auth_token, "base_url": flex.base_url}
    settings.update(overrides)
    return FlexClient(FlexCredentials(**settings))


def new_flow(name: str) -> dict[str, object]:
    return {
        "friendly_name": name,
        "chat_service_sid": IS,
        "channel_type": "web",
        "integration_type": "studio",
        "integration": {"flow_sid": FW, "retry_count": 2.0},
        "enabled": True,
    }


def test_crud_round_trip(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        created = client.flex_flows.create(new_flow("one"))
        assert created["sid"].startswith("FO")
        assert created["integration"] == {"flow_sid": FW, "retry_count": 2}
        assert client.flex_flows.fetch(created["sid"])["friendly_name"] == "one"
        updated = client.flex_flows.update(created["sid"], {"friendly_name": "uno", "enabled": False})
        assert (updated["friendly_name"], updated["enabled"]) == ("uno", False)
        client.flex_flows.delete(created["sid"])
        with pytest.raises(FlexApiError) as info:
            client.flex_flows.fetch(created["sid"])
    error = info.value
    assert (error.status, error.code) == (404, 20404)
    assert error.is_not_found
    assert created["sid"] in error.message
    assert error.more_info == "https://www.twilio.com/docs/errors/20404"


def test_paging_follows_next_page_url(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        sids = [client.flex_flows.create(new_flow(f"flow {i}"))["sid"] for i in range(5)]
        listed = list(client.paginate("/v1/FlexFlows", "flex_flows", page_size=2))
    assert [r["sid"] for r in listed] == sids
    assert flex.stats()["requests"]["GET /v1/FlexFlows"] == 3


def test_list_filter_by_friendly_name(flex: EmulatorProcess) -> None:
    with client_for(flex) as client:
        client.flex_flows.create(new_flow("alpha"))
        beta = client.flex_flows.create(new_flow("beta"))
        assert [r["sid"] for r in client.flex_flows.list(FriendlyName="beta")] == [beta["sid"]]


def test_validation_error_carries_twilio_code_and_message(flex: EmulatorProcess) -> None:
    with client_for(flex) as client, pytest.raises(FlexApiError) as info:
        client.flex_flows.create({**new_flow("bad"), "channel_type": "fax"})
    assert info.value.status == 400
    assert info.value.code is not None
    assert "ChannelType" in info.value.message
    assert "ChannelType" in str(info.value)


def test_wrong_token_is_a_401_that_never_shows_the_token(flex: EmulatorProcess) -> None:
    wrong = "wrong-token-7d1c0b9e"
    with client_for(flex, auth_token=wrong) as client, pytest.raises(FlexApiError) as info:
        list(client.flex_flows.list())
    assert (info.value.status, info.value.code) == (401, 20003)
    assert wrong not in str(info.value) and wrong not in repr(info.value)


def test_api_key_authentication(flex: EmulatorProcess) -> None:
    creds = FlexCredentials(
        account_sid=flex.account_sid, api_key=flex.api_key, api_secret=flex.api_secret, base_url=flex.base_url
    )
    with FlexClient(creds) as client:
        assert client.flex_flows.create(new_flow("via key"))["account_sid"] == flex.account_sid


def test_unreachable_api_retries_until_the_deadline() -> None:
    creds = FlexCredentials(account_sid="AC" + "0" * 32, auth_token="t", base_url="http://127.0.0.1:9")
    policy = RetryPolicy(deadline=1.0, initial_backoff=0.05, max_backoff=0.2)
    with FlexClient(creds, timeout=2, retry=policy) as client, pytest.raises(FlexDeadlineError) as info:
        client.flex_flows.fetch("FO" + "0" * 32)
    message = str(info.value)
    assert "gave up after" in message and "cannot reach the Flex API" in message
    assert int(message.split("gave up after ")[1].split()[0]) > 2  # it really retried
    assert isinstance(info.value.__cause__, FlexTransportError)


def test_one_client_is_safe_to_share_between_threads(flex: EmulatorProcess) -> None:
    with client_for(flex) as client, ThreadPoolExecutor(max_workers=8) as pool:
        sids = list(pool.map(lambda i: client.flex_flows.create(new_flow(f"t{i}"))["sid"], range(40)))
        assert len(set(sids)) == 40
        assert {r["sid"] for r in client.flex_flows.list()} == set(sids)


def test_next_page_url_on_another_host_is_refused() -> None:
    # The emulator never sends a foreign next_page_url, so this one case uses an injected transport.
    def handler(request: httpx.Request) -> httpx.Response:
        meta = {"next_page_url": "https://elsewhere.example/v1/FlexFlows?Page=1", "key": "flex_flows"}
        return httpx.Response(200, json={"flex_flows": [{"sid": "FO1"}], "meta": meta})

    creds = FlexCredentials(account_sid="AC" + "0" * 32, auth_token="t")
    with FlexClient(creds, transport=httpx.MockTransport(handler)) as client:
        pages = client.paginate("/v1/FlexFlows", "flex_flows")
        assert next(pages) == {"sid": "FO1"}
        with pytest.raises(FlexTransportError, match="another host"):
            next(pages)


def test_429_waits_for_retry_after(flex: EmulatorProcess) -> None:
    flex.set_faults({"429": 1.0, "retry_after": 1})
    # Faults go away after 1.5 s; a client that ignored Retry-After would hammer the API meanwhile.
    timer = threading.Timer(1.5, lambda: flex.set_faults({}))
    timer.start()
    try:
        policy = RetryPolicy(deadline=20, initial_backoff=0.05, max_backoff=0.2)
        with client_for(flex) as client:
            client.retry = policy
            started = time.monotonic()
            assert list(client.flex_flows.list()) == []
            elapsed = time.monotonic() - started
    finally:
        timer.cancel()
    throttled = flex.faults()["injected"]["429"]
    assert 1 <= throttled <= 2, throttled  # about one attempt per Retry-After second, not one per 0.05 s
    assert elapsed >= 1.0


def test_timeouts_are_retried_until_the_deadline(flex: EmulatorProcess) -> None:
    flex.set_faults({"latency_ms": 400})
    policy = RetryPolicy(deadline=1.5, initial_backoff=0.05, max_backoff=0.1)
    creds = FlexCredentials(account_sid=flex.account_sid, auth_token=flex.auth_token, base_url=flex.base_url)
    with FlexClient(creds, timeout=0.1, retry=policy) as client, pytest.raises(FlexDeadlineError) as info:
        client.flex_flows.fetch("FO" + "0" * 32)
    assert "Timeout" in str(info.value)
    assert int(str(info.value).split("gave up after ")[1].split()[0]) >= 3


def test_long_retries_report_their_progress(
    flex: EmulatorProcess, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import pulumi_flex.client.flex_client as flex_client

    monkeypatch.setattr(flex_client, "PROGRESS_AFTER", 0.0)
    flex.set_faults({"500": 1.0})
    creds = FlexCredentials(account_sid=flex.account_sid, auth_token=flex.auth_token, base_url=flex.base_url)
    with (
        caplog.at_level("WARNING", logger="pulumi_flex.client"),
        FlexClient(creds, retry=RetryPolicy(deadline=1.5, initial_backoff=0.1)) as client,
        pytest.raises(FlexDeadlineError),
    ):
        client.flex_flows.fetch("FO" + "0" * 32)
    lines = [r.getMessage() for r in caplog.records]
    assert lines and all("GET /v1/FlexFlows/FO" in line and "retry deadline" in line for line in lines)
    assert "attempt 1 failed" in lines[0] and "attempt 2 failed" in lines[1]
