"""Several accounts on one emulator: a dev and a prod account, each seeing only its own objects.

Accounts come from ``--extra-account`` (fixed for the process) or ``POST /_emulator/accounts`` (persisted in
the data dir). These tests run their own emulator processes: accounts survive a reset, so adding them to the
session's shared emulator would leak into other tests.
"""

from __future__ import annotations

import base64
import json
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.emulator.samples import assert_twilio_error, create_flow
from tests.support.emulator import EmulatorProcess

CONFIGURATION = "/v1/Configuration"


@dataclass(frozen=True)
class Account:
    account_sid: str
    auth_token: str
    api_key: str | None = None
    api_secret: str | None = None

    @property
    def auth(self) -> tuple[str, str]:
        return self.account_sid, self.auth_token

    @property
    def key_auth(self) -> tuple[str, str]:
        assert self.api_key is not None and self.api_secret is not None
        return self.api_key, self.api_secret

    def flag(self) -> str:
        parts = [self.account_sid, self.auth_token]
        if self.api_key is not None and self.api_secret is not None:
            parts += [self.api_key, self.api_secret]
        return ":".join(parts)


def new_account(*, with_key: bool = True) -> Account:
    """Fresh random SIDs and secrets, so tests sharing a module emulator never collide."""
    return Account(
        account_sid="AC" + secrets.token_hex(16),
        auth_token="tok-" + secrets.token_hex(16),
        api_key="SK" + secrets.token_hex(16) if with_key else None,
        api_secret="sec-" + secrets.token_hex(16) if with_key else None,
    )


# One account from the command line with an API key, one without.
FLAG_WITH_KEY = new_account()
FLAG_NO_KEY = new_account(with_key=False)


@pytest.fixture(scope="module")
def multi_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorProcess]:
    data_dir = tmp_path_factory.mktemp("multi") / "data"
    flags = ("--extra-account", FLAG_WITH_KEY.flag(), "--extra-account", FLAG_NO_KEY.flag())
    with EmulatorProcess(data_dir, extra_args=flags) as process:
        yield process


@pytest.fixture
def multi(multi_process: EmulatorProcess) -> EmulatorProcess:
    multi_process.set_faults()
    multi_process.reset()
    return multi_process


@pytest.fixture
def added(multi: EmulatorProcess) -> Account:
    """An account added at run time, with an API key."""
    account = new_account()
    assert multi.add_account(
        account.account_sid, account.auth_token, account.api_key, account.api_secret
    ) == {"account_sid": account.account_sid, "api_key": account.api_key, "empty": False}
    return account


def primary(emulator: EmulatorProcess) -> Account:
    return Account(emulator.account_sid, emulator.auth_token, emulator.api_key, emulator.api_secret)


def post_account(emulator: EmulatorProcess, body: object) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(
        f"{emulator.base_url}/_emulator/accounts",
        content=content,
        headers={"Content-Type": "application/json"},
        timeout=10.0,
        trust_env=False,
    )


def flow_sids(http: httpx.Client) -> list[str]:
    response = http.get("/v1/FlexFlows")
    assert response.status_code == 200, response.text
    return [flow["sid"] for flow in response.json()["flex_flows"]]


def configuration(http: httpx.Client) -> dict[str, Any]:
    response = http.get(CONFIGURATION)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# ------------------------------------------------------------------------------------------- separation


def test_each_account_sees_only_its_own_flows(multi: EmulatorProcess, added: Account) -> None:
    accounts = [primary(multi), FLAG_WITH_KEY, FLAG_NO_KEY, added]
    created: dict[str, list[dict[str, Any]]] = {}
    for account in accounts:
        with multi.client(auth=account.auth) as http:
            created[account.account_sid] = [
                create_flow(http, FriendlyName=f"{account.account_sid[-6:]} {n}") for n in range(2)
            ]
    for account in accounts:
        own = created[account.account_sid]
        assert all(flow["account_sid"] == account.account_sid for flow in own)
        with multi.client(auth=account.auth) as http:
            assert flow_sids(http) == [flow["sid"] for flow in own]
            for flow in own:
                assert http.get(f"/v1/FlexFlows/{flow['sid']}").json() == flow


def test_another_accounts_sids_are_404_for_every_operation(multi: EmulatorProcess, added: Account) -> None:
    with multi.client(auth=added.auth) as http:
        theirs = create_flow(http, FriendlyName="prod flow")
    path = f"/v1/FlexFlows/{theirs['sid']}"
    for account in [primary(multi), FLAG_WITH_KEY]:
        for auth in [account.auth, account.key_auth]:
            with multi.client(auth=auth) as http:
                assert_twilio_error(http.get(path), 404, 20404)
                assert_twilio_error(http.post(path, data={"FriendlyName": "hijacked"}), 404, 20404)
                assert_twilio_error(http.delete(path), 404, 20404)
                assert flow_sids(http) == []
    with multi.client(auth=added.auth) as http:
        assert http.get(path).json() == theirs  # untouched


def test_configuration_is_per_account(multi: EmulatorProcess, added: Account) -> None:
    dev, prod = primary(multi), added
    with multi.client(auth=dev.auth) as dev_http, multi.client(auth=prod.key_auth) as prod_http:
        dev_default, prod_default = configuration(dev_http), configuration(prod_http)
        # Each account gets its own provisioned default: its SID and its own workspace, services, ….
        assert dev_default["account_sid"] == dev.account_sid
        assert prod_default["account_sid"] == prod.account_sid
        for key in ("taskrouter_workspace_sid", "chat_service_instance_sid", "flex_instance_sid"):
            assert dev_default[key] != prod_default[key], key
        assert dev_default["ui_language"] == prod_default["ui_language"] == "en"

        changed = dev_http.post(CONFIGURATION, json={"account_sid": dev.account_sid, "ui_language": "fr"})
        assert changed.status_code == 200, changed.text
        assert configuration(prod_http)["ui_language"] == "en"
        changed = prod_http.post(
            CONFIGURATION, json={"account_sid": prod.account_sid, "ui_attributes": {"theme": "dark"}}
        )
        assert changed.status_code == 200, changed.text
        assert configuration(dev_http)["ui_attributes"] == {}
        assert configuration(dev_http)["ui_language"] == "fr"
        assert configuration(prod_http)["ui_attributes"] == {"theme": "dark"}

        # Naming the other account is still a 403, even though that account exists here.
        for http, other in [(dev_http, prod), (prod_http, dev)]:
            response = http.post(CONFIGURATION, json={"account_sid": other.account_sid, "ui_language": "de"})
            assert other.account_sid in assert_twilio_error(response, 403, 20403)["message"]
        assert configuration(dev_http)["ui_language"] == "fr"
        assert configuration(prod_http)["ui_language"] == "en"


# ---------------------------------------------------------------------------------------- authentication


def test_api_key_acts_for_its_own_account(multi: EmulatorProcess, added: Account) -> None:
    for account in [FLAG_WITH_KEY, added]:
        with multi.client(auth=account.key_auth) as http:
            flow = create_flow(http)
        assert flow["account_sid"] == account.account_sid
        with multi.client(auth=account.auth) as http:
            assert flow_sids(http) == [flow["sid"]]
        with multi.client(auth=primary(multi).key_auth) as http:
            assert flow["sid"] not in flow_sids(http)


def test_wrong_and_mixed_credentials_of_extra_accounts_are_401(
    multi: EmulatorProcess, added: Account
) -> None:
    main = primary(multi)
    key, secret = added.key_auth
    flag_key, flag_secret = FLAG_WITH_KEY.key_auth
    wrong = [
        (added.account_sid, "tok-" + "0" * 32),
        (added.account_sid, ""),
        (added.account_sid, main.auth_token),  # another account's token
        (main.account_sid, added.auth_token),
        (added.account_sid, secret),  # account SID with the key's secret
        (key, added.auth_token),  # key SID with the account's token
        (key, flag_secret),
        (flag_key, secret),
        (FLAG_NO_KEY.account_sid, FLAG_WITH_KEY.auth_token),
        (FLAG_NO_KEY.account_sid, "tok-wrong"),
        ("", ""),  # an account without an API key must not match an empty pair
    ]
    for user, password in wrong:
        with multi.client(auth=(user, password)) as http:
            response = http.post("/v1/FlexFlows", data={"FriendlyName": "x"})
            body = assert_twilio_error(response, 401, 20003)
            assert body["message"] == "Authentication Error - invalid username"
            assert added.auth_token not in response.text
    empty = base64.b64encode(b":").decode()
    response = httpx.get(
        f"{multi.base_url}/v1/FlexFlows", headers={"Authorization": f"Basic {empty}"}, trust_env=False
    )
    assert_twilio_error(response, 401, 20003)
    for account in [main, FLAG_WITH_KEY, FLAG_NO_KEY, added]:
        with multi.client(auth=account.auth) as http:
            assert flow_sids(http) == []  # no rejected request created anything


# ----------------------------------------------------------------------------------------- admin endpoint


def test_accounts_list_shows_sids_only(multi: EmulatorProcess, added: Account) -> None:
    response = httpx.get(f"{multi.base_url}/_emulator/accounts", trust_env=False)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    listed = response.json()["accounts"]
    # The primary account first, then the flag accounts in order, then those added at run time.
    assert listed[:3] == [
        {"account_sid": multi.account_sid, "api_key": multi.api_key, "empty": False},
        {"account_sid": FLAG_WITH_KEY.account_sid, "api_key": FLAG_WITH_KEY.api_key, "empty": False},
        {"account_sid": FLAG_NO_KEY.account_sid, "api_key": None, "empty": False},
    ]
    assert listed[-1] == {"account_sid": added.account_sid, "api_key": added.api_key, "empty": False}
    assert multi.accounts() == listed
    for secret in [multi.auth_token, multi.api_secret, added.auth_token, added.api_secret]:
        assert secret is not None and secret not in response.text
    for secret in [FLAG_WITH_KEY.auth_token, FLAG_WITH_KEY.api_secret, FLAG_NO_KEY.auth_token]:
        assert secret is not None and secret not in response.text


def test_adding_an_account_answers_201_without_secrets(multi: EmulatorProcess) -> None:
    account = new_account()
    body = {
        "account_sid": account.account_sid,
        "auth_token": account.auth_token,
        "api_key": account.api_key,
        "api_secret": account.api_secret,
    }
    response = post_account(multi, body)
    assert response.status_code == 201, response.text
    assert response.json() == {"account_sid": account.account_sid, "api_key": account.api_key, "empty": False}
    no_key = new_account(with_key=False)
    response = post_account(
        multi, {"account_sid": no_key.account_sid, "auth_token": no_key.auth_token, "api_key": None}
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"account_sid": no_key.account_sid, "api_key": None, "empty": False}
    with multi.client(auth=no_key.auth) as http:
        assert create_flow(http)["account_sid"] == no_key.account_sid
    assert multi.stats()["total"] == 1  # admin calls are not counted


def test_adding_an_account_again_replaces_its_credentials(multi: EmulatorProcess, added: Account) -> None:
    with multi.client(auth=added.auth) as http:
        flow = create_flow(http)
    rotated = new_account()
    response = post_account(
        multi,
        {
            "account_sid": added.account_sid,
            "auth_token": rotated.auth_token,
            "api_key": rotated.api_key,
            "api_secret": rotated.api_secret,
        },
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"account_sid": added.account_sid, "api_key": rotated.api_key, "empty": False}
    for stale in [added.auth, added.key_auth]:
        with multi.client(auth=stale) as http:
            assert_twilio_error(http.get("/v1/FlexFlows"), 401, 20003)
    assert rotated.api_key is not None and rotated.api_secret is not None
    for auth in [(added.account_sid, rotated.auth_token), (rotated.api_key, rotated.api_secret)]:
        with multi.client(auth=auth) as http:
            assert flow_sids(http) == [flow["sid"]]  # same account, same objects
    sids = [entry["account_sid"] for entry in multi.accounts()]
    assert sids.count(added.account_sid) == 1


def test_reset_keeps_the_accounts(multi: EmulatorProcess, added: Account) -> None:
    with multi.client(auth=added.auth) as http:
        create_flow(http)
    before = multi.accounts()
    multi.reset()
    assert multi.accounts() == before
    with multi.client(auth=added.key_auth) as http:
        assert flow_sids(http) == []  # the objects are gone, the account is not


@pytest.mark.parametrize(
    ("body", "status", "code", "message"),
    [
        ({}, 400, 20001, "Missing required parameter account_sid"),
        ({"auth_token": "t"}, 400, 20001, "Missing required parameter account_sid"),
        ({"account_sid": "AC123", "auth_token": "t"}, 400, 20001, "Invalid parameter account_sid"),
        ({"account_sid": "SK" + "a" * 32, "auth_token": "t"}, 400, 20001, "Invalid parameter account_sid"),
        ({"account_sid": "AC" + "g" * 32, "auth_token": "t"}, 400, 20001, "Invalid parameter account_sid"),
        ({"account_sid": 7, "auth_token": "t"}, 400, 20001, "Invalid parameter account_sid"),
        ({"account_sid": "AC" + "a" * 32}, 400, 20001, "Missing required parameter auth_token"),
        ({"account_sid": "AC" + "a" * 32, "auth_token": ""}, 400, 20001, "Invalid parameter auth_token"),
        ({"account_sid": "AC" + "a" * 32, "auth_token": 12}, 400, 20001, "Invalid parameter auth_token"),
        ({"account_sid": "AC" + "a" * 32, "auth_token": "a\nb"}, 400, 20001, "Invalid parameter auth_token"),
        (
            {"account_sid": "AC" + "a" * 32, "auth_token": "x" * 257},
            400,
            20001,
            "Invalid parameter auth_token",
        ),
        (
            {"account_sid": "AC" + "a" * 32, "auth_token": "t", "api_key": "SK" + "a" * 32},
            400,
            20001,
            "Missing required parameter api_secret",
        ),
        (
            {"account_sid": "AC" + "a" * 32, "auth_token": "t", "api_secret": "s"},
            400,
            20001,
            "Missing required parameter api_key",
        ),
        (
            {
                "account_sid": "AC" + "a" * 32,
                "auth_token": "t",
                "api_key": "AC" + "a" * 32,
                "api_secret": "s",
            },
            400,
            20001,
            "Invalid parameter api_key",
        ),
        (
            {"account_sid": "AC" + "a" * 32, "auth_token": "t", "api_key": "SK" + "a" * 32, "api_secret": ""},
            400,
            20001,
            "Invalid parameter api_secret",
        ),
        ({"account_sid": "AC" + "a" * 32, "authToken": "t"}, 400, 20001, "Invalid parameter authToken"),
        ([], 400, 20001, "JSON object"),
        ("AC" + "a" * 32, 400, 20001, "JSON object"),
        (b'{"account_sid": ', 400, 20001, "malformed JSON"),
        (b"", 400, 20001, "JSON object"),
    ],
    ids=lambda value: repr(value)[:40] if not isinstance(value, int) else str(value),
)
def test_invalid_account_bodies_are_twilio_400s(
    multi: EmulatorProcess, body: object, status: int, code: int, message: str
) -> None:
    before = multi.accounts()
    response = post_account(multi, body)
    assert message in assert_twilio_error(response, status, code)["message"]
    assert multi.accounts() == before


def test_secret_values_are_never_echoed_in_errors(multi: EmulatorProcess) -> None:
    token = "tok-" + secrets.token_hex(16)
    bodies = [
        {"account_sid": token, "auth_token": token},  # a token pasted into the SID field
        {"account_sid": "AC" + "a" * 32, "auth_token": token + "\n"},
        {"account_sid": "AC" + "a" * 32, "auth_token": token, "api_key": token, "api_secret": token},
        {"account_sid": "AC" + "a" * 32, "auth_token": token, "api_key": "SK" + "a" * 32, "api_secret": 1},
    ]
    for body in bodies:
        response = post_account(multi, body)
        assert_twilio_error(response, 400, 20001)
        assert token not in response.text


def test_conflicts_are_409(multi: EmulatorProcess, added: Account) -> None:
    before = multi.accounts()
    for fixed in [primary(multi), FLAG_WITH_KEY]:  # accounts from the command line cannot be changed
        response = post_account(multi, {"account_sid": fixed.account_sid, "auth_token": "tok-new"})
        assert "command line" in assert_twilio_error(response, 409, 20409)["message"]
    other = new_account()
    for taken in [multi.api_key, FLAG_WITH_KEY.api_key, added.api_key]:  # an API key SID has one account
        response = post_account(
            multi,
            {
                "account_sid": other.account_sid,
                "auth_token": other.auth_token,
                "api_key": taken,
                "api_secret": "sec-other",
            },
        )
        assert f"API key {taken} already belongs" in assert_twilio_error(response, 409, 20409)["message"]
    assert multi.accounts() == before
    with multi.client(auth=primary(multi).auth) as http:
        assert http.get("/v1/FlexFlows").status_code == 200  # the primary account's token is unchanged


def test_wrong_methods_on_the_accounts_endpoint(multi: EmulatorProcess) -> None:
    for method in ("PUT", "DELETE"):
        response = httpx.request(method, f"{multi.base_url}/_emulator/accounts", trust_env=False)
        assert_twilio_error(response, 405, 20004)


# ------------------------------------------------------------------------------------------ flag form


def _run_cli(*flags: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--port", "0", "--data-dir", str(tmp_path)]
    return subprocess.run([*argv, *flags], capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("AC123:{token}", "account_sid"),
        ("{token}", "value"),
        ("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:{token}:SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "value"),
        ("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:", "auth_token"),
        ("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:{token}:SK1:{token}", "api_key"),
        ("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:{token}:SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:", "api_secret"),
    ],
)
def test_bad_extra_account_flags_fail_without_echoing_secrets(tmp_path: Path, value: str, field: str) -> None:
    token = "tok-" + secrets.token_hex(16)
    result = _run_cli("--extra-account", value.format(token=token), tmp_path=tmp_path)
    assert result.returncode == 2
    assert f"argument --extra-account: invalid {field}" in result.stderr
    assert result.stdout == ""
    assert token not in result.stderr


def test_extra_account_flags_must_not_clash(tmp_path: Path) -> None:
    one, two = new_account(), new_account()
    assert one.api_key is not None and one.api_secret is not None
    clashes = [
        ("--account-sid", one.account_sid, "--extra-account", one.flag()),
        ("--extra-account", one.flag(), "--extra-account", f"{one.account_sid}:{two.auth_token}"),
        (
            "--extra-account",
            one.flag(),
            "--extra-account",
            f"{two.account_sid}:{two.auth_token}:{one.api_key}:{two.api_secret}",
        ),
    ]
    for flags in clashes:
        result = _run_cli(*flags, tmp_path=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "pulumi-flex emulator: --extra-account:" in result.stderr
        for secret in [one.auth_token, one.api_secret, two.auth_token, two.api_secret]:
            assert secret is not None and secret not in result.stderr
        assert result.stdout == ""


# ---------------------------------------------------------------------------------- restarts and logs


def test_added_accounts_and_their_objects_survive_a_restart(tmp_path: Path) -> None:
    prod, staging = new_account(), new_account(with_key=False)
    with EmulatorProcess(tmp_path / "data") as emulator:
        emulator.add_account(prod.account_sid, prod.auth_token, prod.api_key, prod.api_secret)
        emulator.add_account(staging.account_sid, staging.auth_token)
        with emulator.client(auth=prod.key_auth) as http:
            flow = create_flow(http)
            http.post(CONFIGURATION, json={"account_sid": prod.account_sid, "ui_language": "de"})
        listed = emulator.accounts()
        emulator.restart()
        assert emulator.accounts() == listed
        with emulator.client(auth=prod.auth) as http:
            assert flow_sids(http) == [flow["sid"]]
            assert configuration(http)["ui_language"] == "de"
        with emulator.client(auth=staging.auth) as http:
            assert flow_sids(http) == []
        with emulator.client() as http:
            assert flow_sids(http) == []
            assert configuration(http)["ui_language"] == "en"
        emulator.kill()  # a crash loses nothing either: every write is committed when it returns
        emulator.start(same_port=True)
        with emulator.client(auth=prod.key_auth) as http:
            assert flow_sids(http) == [flow["sid"]]
        emulator.reset()  # clears the objects; the stored accounts stay, for the next start too
        emulator.restart()
        assert emulator.accounts() == listed
        with emulator.client(auth=prod.key_auth) as http:
            assert flow_sids(http) == []


def test_the_command_line_wins_over_a_stored_account(tmp_path: Path) -> None:
    account = new_account()
    emulator = EmulatorProcess(tmp_path / "data")
    with emulator:
        emulator.add_account(account.account_sid, account.auth_token, account.api_key, account.api_secret)
        with emulator.client(auth=account.auth) as http:
            flow = create_flow(http)
        new_token = "tok-" + secrets.token_hex(16)
        emulator.extra_args = ("--extra-account", f"{account.account_sid}:{new_token}")
        emulator.restart()
        with emulator.client(auth=(account.account_sid, new_token)) as http:
            assert flow_sids(http) == [flow["sid"]]
        for stale in [account.auth, account.key_auth]:
            with emulator.client(auth=stale) as http:
                assert_twilio_error(http.get("/v1/FlexFlows"), 401, 20003)
        assert {"account_sid": account.account_sid, "api_key": None, "empty": False} in emulator.accounts()


def test_extra_account_secrets_never_reach_the_output(tmp_path: Path) -> None:
    flagged, added = new_account(), new_account()
    emulator = EmulatorProcess(
        tmp_path / "data", extra_args=("--log-level", "trace", "--extra-account", flagged.flag())
    )
    with emulator:
        emulator.add_account(added.account_sid, added.auth_token, added.api_key, added.api_secret)
        post_account(emulator, {"account_sid": added.account_sid, "auth_token": added.auth_token + "\n"})
        post_account(emulator, {"account_sid": flagged.account_sid, "auth_token": added.auth_token})
        emulator.accounts()
        main = primary(emulator)
        good = [flagged.auth, flagged.key_auth, added.auth, added.key_auth]
        bad = [
            (added.account_sid, flagged.auth_token),
            (flagged.account_sid, added.auth_token),
            (main.account_sid, added.auth_token),
            (added.api_key or "", added.auth_token),
        ]
        for auth in good + bad:
            with emulator.client(auth=auth) as http:
                http.get("/v1/FlexFlows")
                http.post("/v1/FlexFlows", data={"FriendlyName": ""})  # a 400
                http.get(CONFIGURATION)
                http.post(CONFIGURATION, json={"account_sid": main.account_sid})  # a 403 for the others
        emulator.restart()  # loading stored accounts logs nothing secret either
        with emulator.client(auth=added.auth) as http:
            assert http.get("/v1/FlexFlows").status_code == 200
    output = "".join(emulator.stdout_lines) + emulator.log_path.read_text(encoding="utf-8")
    assert "ASGI" in output and "GET /v1/FlexFlows" in output  # trace logging was really on
    assert f"added account {added.account_sid}" in output  # SIDs are logged, secrets are not
    secrets_ = [flagged.auth_token, flagged.api_secret, added.auth_token, added.api_secret]
    secrets_ += [base64.b64encode(f"{user}:{password}".encode()).decode() for user, password in good + bad]
    for secret in secrets_:
        assert secret is not None and secret not in output
    # Command-line accounts are never written to disk (run-time ones are stored, secrets included).
    stored = "".join(
        path.read_bytes().decode("latin-1") for path in (tmp_path / "data").rglob("*") if path.is_file()
    )
    for secret in [flagged.auth_token, flagged.api_secret, main.auth_token, main.api_secret]:
        assert secret is not None and secret not in stored


def test_the_documented_test_api_key_belongs_to_the_test_account_only() -> None:
    from pulumi_flex.emulator.accounts import DEFAULT_API_KEY, resolve_credentials

    assert resolve_credentials(environ={}).api_key == DEFAULT_API_KEY
    custom = resolve_credentials(account_sid="AC" + "7" * 32, auth_token="custom-token", environ={})
    assert (custom.api_key, custom.api_secret) == (None, None)
