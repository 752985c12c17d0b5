"""The one validation mechanism, the admin guard and the store's shared walk, in process (no server).

Validation is exercised through the real models here; the per-family HTTP tests cover the wire behaviour.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from pydantic import Field

from pulumi_flex.emulator.accounts import Credentials, extra_account
from pulumi_flex.emulator.app import create_app
from pulumi_flex.emulator.faults import FaultSettings
from pulumi_flex.emulator.models.flex_flows import FlexFlowParams, NewFlexFlow
from pulumi_flex.emulator.store import EVERY_BATCH, Store
from pulumi_flex.emulator.validation import CLEARABLE, FormModel, InvalidInput, JsonModel, sid, validate
from pulumi_flex.emulator.wire import Form
from tests.emulator.samples import CHAT_SERVICE_SID

AC_PATTERN = "^AC[0-9a-fA-F]{32}$"
ACCOUNT = Credentials("AC" + "a" * 32, "token-a", "SK" + "a" * 32, "secret-a")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "data")
    try:
        yield store
    finally:
        store.close()


def invalid(model: Any, data: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        validate(model, data)
    return caught.value


# ------------------------------------------------------------------------------------------- the mapper


def test_a_missing_parameter_is_reported_before_any_other_problem() -> None:
    error = invalid(NewFlexFlow, Form([("Enabled", "maybe"), ("FriendlyName", "x"), ("ChannelType", "fax")]))
    assert (error.status, error.code, error.param, error.reason) == (400, 20001, "ChatServiceSid", None)
    assert error.message == "Missing required parameter ChatServiceSid in the post body"


def test_otherwise_the_first_bad_parameter_in_field_order() -> None:
    error = invalid(FlexFlowParams, Form([("Enabled", "maybe"), ("ChannelType", "fax")]))
    assert error.param == "ChannelType"
    assert error.message == (
        "Invalid parameter ChannelType: 'fax' is not one of web, sms, facebook, whatsapp, line, custom"
    )


def test_blanks_required_is_missing_clearable_is_none_others_are_checked() -> None:
    base = [("FriendlyName", "f"), ("ChatServiceSid", CHAT_SERVICE_SID), ("ChannelType", "web")]
    assert invalid(NewFlexFlow, Form([*base[1:], ("FriendlyName", "")])).reason is None
    sent = validate(FlexFlowParams, Form([("ContactIdentity", ""), ("Integration.RetryCount", "")]))
    assert sent.model_dump(exclude_unset=True) == {"contact_identity": None, "retry_count": None}
    assert "expected true or false" in invalid(FlexFlowParams, Form([("Enabled", "")])).message
    assert "must not be empty" in invalid(FlexFlowParams, Form([("FriendlyName", "")])).message


def test_repeated_keys_fill_list_fields_and_the_first_value_wins_elsewhere() -> None:
    class Params(FormModel):
        tag: list[Annotated[str, sid("TG")]] = Field(default_factory=list)
        name: str | None = None

    tags = ["TG" + "1" * 32, "TG" + "2" * 32]
    form = Form([("Tag", tags[0]), ("Name", "first"), ("Tag", tags[1]), ("Name", "second")])
    params = validate(Params, form)
    assert (params.tag, params.name) == (tags, "first")
    error = invalid(Params, Form([("Tag", tags[0]), ("Tag", "TG1")]))
    assert error.message == (
        "Invalid parameter Tag: entry 2: expected a SID matching ^TG[0-9a-fA-F]{32}$, got 'TG1'"
    )


def test_json_models_are_strict_and_name_nested_locations() -> None:
    class Entry(JsonModel):
        code: Annotated[str, sid("CD")]
        size: Annotated[int, Field(ge=0)] = 0

    class Body(JsonModel):
        entries: list[Entry]
        note: Annotated[str | None, CLEARABLE] = None

    assert invalid(Body, {"entries": [{"code": "CD" + "0" * 32, "size": "3"}]}).message == (
        "Invalid parameter entries: entry 1: size: expected an integer, got a string"
    )
    assert invalid(Body, {"entries": [{}]}).message == "Invalid parameter entries: entry 1: code is required"
    assert invalid(Body, {"entries": "x"}).message == (
        "Invalid parameter entries: expected an array, got a string"
    )
    assert invalid(Body, [1]).message == "The request body must be a JSON object, got an array"
    assert invalid(Body, {"note": ""}).message == "Missing required parameter entries in the post body"
    assert validate(Body, {"entries": [], "note": ""}).note is None


def test_a_subject_words_every_message() -> None:
    assert invalid(FaultSettings, {"429": 2}).message == "Invalid fault settings: 429: must be at most 1.0"
    assert invalid(FaultSettings, {"seed": True}).message == (
        "Invalid fault settings: seed: expected an integer, got a boolean"
    )
    assert invalid(FaultSettings, {"429": 0.5, "lost": 0.6}).message == (
        "Invalid fault settings: the probabilities of 429, 500 and lost must add up to at most 1"
    )
    unknown = invalid(FaultSettings, {"Seed": 1}).message
    assert unknown.startswith("Invalid fault settings: Seed: unknown parameter")


def test_account_checks_name_the_field_and_never_quote_a_value() -> None:
    secret = "secret-0123456789abcdef"
    cases = [
        ({"account_sid": secret, "auth_token": "t"}, "account_sid", "expected a SID matching " + AC_PATTERN),
        ({"account_sid": ACCOUNT.account_sid}, "auth_token", None),
        ({"account_sid": ACCOUNT.account_sid, "auth_token": ""}, "auth_token", "must not be empty"),
        ({"account_sid": ACCOUNT.account_sid, "auth_token": secret, "api_secret": secret}, "api_key", None),
        ({"account_sid": ACCOUNT.account_sid, "auth_token": secret, "api_key": secret}, "api_key", None),
    ]
    for body, param, reason in cases:
        with pytest.raises(InvalidInput) as caught:
            extra_account(body)
        assert caught.value.param == param, body
        if reason is not None:
            assert caught.value.reason == reason
        assert secret not in caught.value.message


# ------------------------------------------------------------------------------------- the store's walk


def test_store_every_walks_every_batch_in_order(store: Store) -> None:
    count = EVERY_BATCH * 2 + 3
    for number in range(count):
        store.insert("thing", ACCOUNT.account_sid, f"TH{number:032x}", {"n": number, "odd": number % 2 == 1})
    store.insert("thing", "AC" + "b" * 32, "TH" + "f" * 32, {"n": -1, "odd": True})
    assert [doc["n"] for doc in store.every("thing", ACCOUNT.account_sid)] == list(range(count))
    odd = [doc["n"] for doc in store.every("thing", ACCOUNT.account_sid, where={"odd": True})]
    assert odd == list(range(1, count, 2))
    assert store.first("thing", ACCOUNT.account_sid, where={"odd": True}) == {"n": 1, "odd": True}
    assert store.first("thing", ACCOUNT.account_sid, where={"n": count}) is None


# --------------------------------------------------------------------------------------- the admin guard

ADMIN_REQUESTS = [
    ("GET", "/_emulator/stats"),
    ("POST", "/_emulator/reset"),
    ("GET", "/_emulator/faults"),
    ("POST", "/_emulator/faults"),
    ("GET", "/_emulator/accounts"),
    ("POST", "/_emulator/accounts"),
    ("GET", "/_emulator/no-such-route"),
]


def admin_responses(store: Store, client: tuple[str, int]) -> list[httpx.Response]:
    app = create_app(ACCOUNT, store)

    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app, client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://emulator.test") as http:
            responses = [await http.request(method, path, json={}) for method, path in ADMIN_REQUESTS]
            responses.append(await http.get("/_emulator/health"))
            return responses

    return asyncio.run(run())


def test_one_guard_keeps_every_admin_route_but_health_to_loopback(store: Store) -> None:
    *guarded, health = admin_responses(store, ("192.0.2.7", 40000))
    for (method, path), response in zip(ADMIN_REQUESTS, guarded, strict=True):
        assert response.status_code == 403, f"{method} {path}"
        assert response.json()["code"] == 20403
    assert health.status_code == 200
    store.insert("thing", ACCOUNT.account_sid, "TH" + "0" * 32, {})
    assert store.first("thing", ACCOUNT.account_sid) is not None  # the refused reset deleted nothing


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_loopback_clients_pass_the_guard(store: Store, host: str) -> None:
    responses = admin_responses(store, (host, 40000))
    statuses = [response.status_code for response in responses]
    # Faults {} and accounts {} are answered by their handlers (the latter a 400: no account_sid).
    assert statuses == [200, 200, 200, 200, 200, 400, 404, 200]
