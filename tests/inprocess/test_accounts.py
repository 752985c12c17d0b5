"""Credentials: the stack's settings, the environment, and a resource's own ``account`` (a
multi-account stack); errors say what to set."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pulumi_flex.client.errors import FlexError
from pulumi_flex.resources.flex_flow import FlexFlowProvider
from pulumi_flex.resources.plugin import PluginProvider
from tests.inprocess.conftest import PRIMARY, SECOND, Emulator
from tests.inprocess.samples import unknown
from tests.support.asgi import BASE_URL

FLOWS = "/v1/FlexFlows"
FLOW = {
    "friendly_name": "support",
    "chat_service_sid": "IS" + "1" * 32,
    "channel_type": "sms",
    "integration_type": "external",
    "integration": {"url": "https://hooks.example.com/flex"},
}
SECOND_ACCOUNT = {"account_sid": SECOND.account_sid, "auth_token": SECOND.auth_token}


def flows(flex: Emulator, account: Any = PRIMARY) -> list[str]:
    return [f["sid"] for f in flex.call("GET", FLOWS, account=account)["flex_flows"]]


def test_a_resource_in_another_account(flex: Emulator) -> None:
    provider = FlexFlowProvider()
    props = {**FLOW, "account": SECOND_ACCOUNT}
    created = provider.create(props)
    assert created.outs is not None
    sid = str(created.id)
    assert created.outs["account"] == SECOND_ACCOUNT  # kept in state: refresh and destroy need it
    assert created.outs["account_sid"] == SECOND.account_sid
    assert (flows(flex, SECOND), flows(flex)) == ([sid], [])
    assert provider.read(sid, created.outs).outs == created.outs
    in_the_stack_account = {k: v for k, v in created.outs.items() if k != "account"}
    assert provider.read(sid, in_the_stack_account).id is None  # the stack's account has no such flow
    updated = provider.update(sid, created.outs, {**props, "friendly_name": "renamed"})
    assert updated.outs is not None and updated.outs["account"] == SECOND_ACCOUNT
    assert flex.call("GET", f"{FLOWS}/{sid}", account=SECOND)["friendly_name"] == "renamed"
    provider.delete(sid, updated.outs)
    assert flows(flex, SECOND) == []


def test_an_account_by_api_key(flex: Emulator) -> None:
    assert SECOND.api_key is not None and SECOND.api_secret is not None
    account = {"account_sid": SECOND.account_sid, "api_key": SECOND.api_key, "api_secret": SECOND.api_secret}
    created = PluginProvider().create({"unique_name": "by-key", "account": account})
    assert created.outs is not None and created.outs["account_sid"] == SECOND.account_sid
    plugins = flex.call("GET", "/v1/PluginService/Plugins", account=SECOND)["plugins"]
    assert [p["sid"] for p in plugins] == [created.id]


def test_rotated_credentials_update_in_place_without_a_call(flex: Emulator) -> None:
    provider = FlexFlowProvider()
    created = provider.create({**FLOW, "account": SECOND_ACCOUNT})
    assert created.outs is not None
    assert SECOND.api_key is not None
    rotated = {"account_sid": SECOND.account_sid, "api_key": SECOND.api_key, "api_secret": SECOND.api_secret}
    news = {**FLOW, "account": rotated}
    diff = provider.diff(str(created.id), created.outs, news)
    assert (diff.changes, diff.replaces) == (True, [])
    flex.reset_counts()
    updated = provider.update(str(created.id), created.outs, news)
    assert flex.writes() == 0
    assert updated.outs is not None and updated.outs["account"] == rotated


def test_moving_to_another_account_replaces(flex: Emulator) -> None:
    provider = FlexFlowProvider()
    created = provider.create(FLOW)
    assert created.outs is not None
    moved = provider.diff(str(created.id), created.outs, {**FLOW, "account": SECOND_ACCOUNT})
    assert moved.replaces == ["account"]
    at_preview = provider.diff(str(created.id), created.outs, {**FLOW, "account": unknown()})
    assert at_preview.replaces == ["account"]  # unknown at preview: assume another account


def test_a_wrong_account_token_is_twilio_s_401(flex: Emulator) -> None:
    account = {"account_sid": SECOND.account_sid, "auth_token": "not-the-token"}
    with pytest.raises(FlexError, match=r"Twilio error 20003 \(HTTP 401\)") as info:
        FlexFlowProvider().create({**FLOW, "account": account})
    assert "not-the-token" not in str(info.value)
    assert flows(flex, SECOND) == []


def test_a_wrong_stack_token_is_twilio_s_401(flex: Emulator) -> None:
    flex.configure(authToken="not-the-token")
    with pytest.raises(FlexError, match=r"\(HTTP 401\)") as info:
        FlexFlowProvider().create(FLOW)
    assert "not-the-token" not in str(info.value)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"accountSid": None}, "no Twilio account: run `pulumi config set flex:accountSid"),
        ({"authToken": None}, "no Twilio credential"),
        ({"accountSid": "AC123"}, "must be an account SID"),
        ({"apiKey": "SK" + "0" * 32}, "an API key is set but its secret is not"),
        ({"baseUrl": "ftp://emulator.test"}, "flex:baseUrl / FLEX_BASE_URL must be an http(s) URL"),
    ],
)
def test_missing_or_invalid_stack_credentials_say_what_to_set(
    flex: Emulator, settings: dict[str, str | None], message: str
) -> None:
    flex.configure(**settings)
    flex.reset_counts()
    with pytest.raises(FlexError, match=re.escape(message)):
        FlexFlowProvider().create(FLOW)
    assert flex.requests() == {}  # nothing was sent


def test_credentials_fall_back_to_the_environment(flex: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    flex.configure(accountSid=None, authToken=None, baseUrl=None)
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", PRIMARY.account_sid)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", PRIMARY.auth_token)
    monkeypatch.setenv("FLEX_BASE_URL", BASE_URL)
    created = FlexFlowProvider().create(FLOW)
    assert flows(flex) == [created.id]


def test_an_account_takes_no_token_from_the_stack(flex: Emulator) -> None:
    # Only endpoint settings fall back to the stack: the stack's token is never sent for another account.
    with pytest.raises(FlexError, match="no Twilio credential"):
        FlexFlowProvider().create({**FLOW, "account": {"account_sid": SECOND.account_sid}})


@pytest.mark.parametrize(
    ("account", "path", "reason"),
    [
        ("AC" + "0" * 32, "account", "must be a FlexAccount"),
        (
            {"account_sid": SECOND.account_sid, "auth_token": "t", "token": "x"},
            "account.token",
            "not a FlexAccount key",
        ),
        ({"auth_token": "t"}, "account.account_sid", "is required"),
        ({"account_sid": "AC1", "auth_token": "t"}, "account.account_sid", "'AC' followed by 32 hex digits"),
        ({"account_sid": SECOND.account_sid}, "account.auth_token", "is required, or api_key"),
        (
            {"account_sid": SECOND.account_sid, "api_key": "SK" + "0" * 32},
            "account.api_secret",
            "with api_key",
        ),
    ],
)
def test_check_of_the_account_input(flex: Emulator, account: Any, path: str, reason: str) -> None:
    failures = FlexFlowProvider().check({}, {**FLOW, "account": account}).failures
    assert [f.property for f in failures] == [path]
    assert reason in failures[0].reason


def test_naming_the_stack_account_explicitly_is_not_a_move(flex: Emulator) -> None:
    provider = PluginProvider()
    created = provider.create({"unique_name": "kept"})
    assert created.outs is not None
    same = {"account_sid": PRIMARY.account_sid, "auth_token": PRIMARY.auth_token}
    diff = provider.diff(str(created.id), created.outs, {"unique_name": "kept", "account": same})
    # Same account: nothing moves. A replace would create first, and Twilio refuses the taken unique name.
    assert diff.replaces == []
