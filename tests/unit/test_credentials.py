"""Credential and endpoint resolution: precedence, validation, and messages that say what to set."""

from __future__ import annotations

import pytest

from pulumi_flex.client import FlexConfigurationError, FlexCredentials, resolve_base_url

AC = "AC" + "1" * 32
SK = "SK" + "2" * 32


def test_config_wins_over_environment_key_by_key() -> None:
    creds = FlexCredentials.resolve(
        {"flex:accountSid": AC, "flex:baseUrl": "http://127.0.0.1:9"},
        {"TWILIO_ACCOUNT_SID": "AC" + "9" * 32, "TWILIO_AUTH_TOKEN": "env-token"},
    )
    assert creds.account_sid == AC
    assert creds.auth_token == "env-token"
    assert creds.api_root == "http://127.0.0.1:9"


def test_api_key_takes_precedence_for_basic_auth() -> None:
    creds = FlexCredentials(account_sid=AC, auth_token="t", api_key=SK, api_secret="s")
    assert creds.basic_auth == (SK, "s")


def test_secrets_are_not_in_repr() -> None:
    creds = FlexCredentials(
        account_sid=AC, auth_token="very-secret-token", api_key=SK, api_secret="other-secret"
    )
    assert "very-secret-token" not in repr(creds)
    assert "other-secret" not in repr(creds)


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ({}, "flex:accountSid"),
        ({"flex:accountSid": AC}, "flex:authToken"),
        ({"flex:accountSid": "AC123", "flex:authToken": "t"}, "32 hex digits"),
        ({"flex:accountSid": AC, "flex:apiKey": SK}, "flex:apiSecret"),
        ({"flex:accountSid": AC, "flex:authToken": "t", "flex:baseUrl": "ftp://x"}, "http(s) URL"),
    ],
)
def test_missing_or_bad_settings_say_what_to_set(config: dict[str, str], fragment: str) -> None:
    with pytest.raises(FlexConfigurationError) as info:
        FlexCredentials.resolve(config, {}).api_root  # noqa: B018
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("region", "edge", "expected"),
    [
        (None, None, "https://flex-api.twilio.com"),
        ("ie1", None, "https://flex-api.dublin.ie1.twilio.com"),  # a region alone gets its default edge
        ("xx9", None, "https://flex-api.xx9.twilio.com"),
        (None, "dublin", "https://flex-api.dublin.us1.twilio.com"),
        ("ie1", "dublin", "https://flex-api.dublin.ie1.twilio.com"),
    ],
)
def test_regions_and_edges_follow_twilio_hostnames(
    region: str | None, edge: str | None, expected: str
) -> None:
    assert resolve_base_url(None, region, edge) == expected
