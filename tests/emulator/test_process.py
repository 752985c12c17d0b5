"""The emulator as a process: ready line, signals, persistence, credentials and cheap CLI import."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from pulumi_flex.emulator.accounts import DEFAULT_AUTH_TOKEN
from tests.emulator.samples import create_flow
from tests.support.emulator import READY, EmulatorProcess


def test_objects_survive_a_restart_with_the_same_data_dir(tmp_path: Path) -> None:
    with EmulatorProcess(tmp_path / "data") as emulator:
        with emulator.client() as http:
            kept = create_flow(http, FriendlyName="kept")
            gone = create_flow(http, FriendlyName="gone")
            http.delete(f"/v1/FlexFlows/{gone['sid']}")
        first_pid = emulator.pid
        emulator.restart()
        assert emulator.pid != first_pid
        with emulator.client() as http:
            fetched = http.get(f"/v1/FlexFlows/{kept['sid']}")
            listed = http.get("/v1/FlexFlows").json()["flex_flows"]
    assert fetched.status_code == 200
    # Same object; only the URL's port follows the new process.
    assert {k: v for k, v in fetched.json().items() if k != "url"} == {
        k: v for k, v in kept.items() if k != "url"
    }
    assert [flow["sid"] for flow in listed] == [kept["sid"]]


def test_ready_line_and_sigterm_exits_zero(tmp_path: Path) -> None:
    emulator = EmulatorProcess(tmp_path / "data").start()
    match = READY.match(emulator.ready_line)
    assert match is not None
    assert match.group("account") == emulator.account_sid
    assert Path(match.group("dir")) == (tmp_path / "data").resolve()
    assert "temporary" not in emulator.ready_line
    assert emulator.auth_token not in emulator.ready_line and emulator.api_secret not in emulator.ready_line
    # The ready line is printed only once the server accepts: the first request needs no retry.
    assert httpx.get(f"{emulator.base_url}/_emulator/health", trust_env=False).status_code == 200
    process = emulator.process
    assert emulator.stop() == 0
    assert process.returncode == 0


def test_sigint_exits_zero(tmp_path: Path) -> None:
    emulator = EmulatorProcess(tmp_path / "data").start()
    process = emulator.process
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    emulator.stop()  # already exited: just cleans up


def test_default_data_dir_is_temporary_and_removed_on_exit(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--port", "0"]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
        assert process.stdout is not None
        line = process.stdout.readline().rstrip("\n")
        match = READY.match(line)
        assert match is not None, line
        assert ", temporary data dir /" in line
        data_dir = Path(match.group("dir"))
        assert data_dir.is_dir()
        assert match.group("url").startswith("http://127.0.0.1:")  # loopback by default
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    assert not data_dir.exists()


def test_flags_override_environment_credentials(tmp_path: Path) -> None:
    account = "AC" + "1234abcd" * 4
    token = "flag-token-0123456789"
    emulator = EmulatorProcess(
        tmp_path / "data", extra_args=("--account-sid", account, "--auth-token", token)
    )
    with emulator:
        assert f"(account {account}," in emulator.ready_line
        with emulator.client(auth=(account, token)) as http:
            assert create_flow(http)["account_sid"] == account
        with emulator.client(auth=(emulator.account_sid, DEFAULT_AUTH_TOKEN)) as http:
            assert http.get("/v1/FlexFlows").status_code == 401
        # The API key from the environment still acts for the flag's account.
        with emulator.client(auth=(emulator.api_key, emulator.api_secret)) as http:
            assert http.get("/v1/FlexFlows").json()["flex_flows"][0]["account_sid"] == account


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pulumi_flex.cli",
                "emulator",
                "--port",
                str(port),
                "--data-dir",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert result.stdout == ""


def test_cli_import_does_not_load_the_server_stack() -> None:
    code = (
        "import sys, pulumi_flex.cli; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'pulumi', 'httpx') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert result.stdout.strip() == "[]"


def test_cli_help_lists_the_emulator_options() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0
    for flag in (
        "--host",
        "--port",
        "--data-dir",
        "--account-sid",
        "--auth-token",
        "--api-key",
        "--api-secret",
    ):
        assert flag in result.stdout
