"""HTTP Basic auth with account credentials or an API key, and Twilio's 401 bodies."""

from __future__ import annotations

import httpx

from tests.emulator.samples import assert_twilio_error, create_flow, flow_form
from tests.support.emulator import EmulatorProcess


def test_no_credentials_is_a_401_with_a_basic_challenge(flex: EmulatorProcess) -> None:
    response = httpx.get(f"{flex.base_url}/v1/FlexFlows", trust_env=False)
    assert response.json() == {
        "code": 20003,
        "message": "Authentication Error - No credentials provided",
        "more_info": "https://www.twilio.com/docs/errors/20003",
        "status": 401,
    }
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Basic realm="Twilio API"'


def test_non_basic_scheme_counts_as_no_credentials(flex: EmulatorProcess) -> None:
    response = httpx.get(
        f"{flex.base_url}/v1/FlexFlows", headers={"Authorization": "Bearer abc"}, trust_env=False
    )
    body = assert_twilio_error(response, 401, 20003)
    assert body["message"] == "Authentication Error - No credentials provided"


def test_wrong_token_is_a_401_that_does_not_echo_secrets(flex: EmulatorProcess) -> None:
    wrong = "0" * 32
    with flex.client(auth=(flex.account_sid, wrong)) as http:
        response = http.post("/v1/FlexFlows", data=flow_form())
    body = assert_twilio_error(response, 401, 20003)
    assert body["message"] == "Authentication Error - invalid username"
    assert body["detail"] == "Your AccountSid or AuthToken was incorrect."
    assert response.headers["www-authenticate"] == 'Basic realm="Twilio API"'
    assert wrong not in response.text and flex.auth_token not in response.text
    with flex.client() as http:
        assert http.get("/v1/FlexFlows").json()["flex_flows"] == []  # the rejected create did nothing


def test_mixed_pairs_and_garbage_are_rejected(flex: EmulatorProcess) -> None:
    pairs = [
        (flex.account_sid, flex.api_secret),
        (flex.api_key, flex.auth_token),
        ("AC" + "1" * 32, flex.auth_token),
    ]
    for pair in pairs:
        with flex.client(auth=pair) as http:
            assert_twilio_error(http.get("/v1/FlexFlows"), 401, 20003)
    garbage = httpx.get(
        f"{flex.base_url}/v1/FlexFlows", headers={"Authorization": "Basic !!!"}, trust_env=False
    )
    assert assert_twilio_error(garbage, 401, 20003)["message"] == "Authentication Error - invalid username"


def test_api_key_and_secret_act_for_the_account(flex: EmulatorProcess) -> None:
    with flex.client(auth=(flex.api_key, flex.api_secret)) as http:
        created = create_flow(http)
    assert created["account_sid"] == flex.account_sid
    with flex.client() as http:  # and the account sees it
        assert http.get(f"/v1/FlexFlows/{created['sid']}").status_code == 200


def test_auth_is_checked_before_routing_details(flex: EmulatorProcess) -> None:
    response = httpx.put(f"{flex.base_url}/v1/FlexFlows", trust_env=False)
    assert_twilio_error(response, 401, 20003)  # not a 405: unauthenticated callers learn nothing
