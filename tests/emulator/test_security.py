"""Security properties: every Twilio route demands valid credentials, secrets never reach the emulator's
output, and the emulator listens on loopback unless told otherwise."""

from __future__ import annotations

import base64
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.routing import Route

from pulumi_flex.emulator.accounts import Credentials
from pulumi_flex.emulator.app import create_app
from pulumi_flex.emulator.dispatch import ADMIN_PREFIX
from pulumi_flex.emulator.store import Store
from tests.emulator.paths import fill_template
from tests.emulator.samples import flow_form
from tests.support.emulator import READY, EmulatorProcess

# ---------------------------------------------------------------------------------------------- auth sweep


def twilio_routes() -> list[tuple[str, list[str]]]:
    """``(path template, methods)`` of every Twilio API route the emulator's Starlette app registers."""
    credentials = Credentials("AC" + "0" * 32, "token", "SK" + "0" * 32, "secret")
    with tempfile.TemporaryDirectory() as data_dir:
        store = Store(Path(data_dir))
        try:
            app = create_app(credentials, store)
        finally:
            store.close()
    routes = []
    for route in app.routes:
        assert isinstance(route, Route), route
        if route.path.startswith(ADMIN_PREFIX):
            continue
        assert route.methods, route.path
        routes.append((route.path, sorted(route.methods)))
    return routes


ROUTES = twilio_routes()


def test_the_sweep_sees_every_twilio_route() -> None:
    templates = [template for template, _ in ROUTES]
    # Flex's 36, TaskRouter's 10, Studio's 5 (Validate included) and Conversations' 2.
    assert len(templates) == len(set(templates)) == 53
    expected = {
        "/v1/FlexFlows",
        "/v1/Configuration",
        "/v1/Insights/QualityManagement/Settings/AnswerSets",
        "/taskrouter/v1/Workspaces/{WorkspaceSid}/TaskQueues/{Sid}",
        "/studio/v2/Flows/Validate",
        "/studio/v2/Flows/{Sid}/Revisions/{Revision}",
        "/conversations/v1/Configuration/Addresses/{Sid}",
    }
    assert expected <= set(templates)
    for template, methods in ROUTES:
        assert {"GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"} <= set(methods), template


@pytest.fixture(scope="module")
def anonymous(emulator: EmulatorProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, timeout=10.0, trust_env=False) as http:
        yield http


@pytest.mark.parametrize(("template", "methods"), ROUTES, ids=[template for template, _ in ROUTES])
def test_every_route_and_method_demands_valid_credentials(
    flex: EmulatorProcess, anonymous: httpx.Client, template: str, methods: list[str]
) -> None:
    """(a) no credentials, (b) a wrong auth token, (c) an API key with a wrong secret, (d) another account
    with the right token, (e) another API key with the right secret: a 401/20003 for every method."""
    wrong: dict[str, tuple[str, str] | None] = {
        "none": None,
        "wrong-auth-token": (flex.account_sid, "f" * 32),
        "api-key-wrong-secret": (flex.api_key, "not-the-api-secret"),
        "other-account-right-token": ("AC" + "1234abcd" * 4, flex.auth_token),
        "other-key-right-secret": ("SK" + "1234abcd" * 4, flex.api_secret),
    }
    path = fill_template(template, fill="a")
    for method in methods:
        # A body that would be invalid anyway: authentication comes before any parsing.
        content = b"\xff{not a body" if method in ("POST", "PUT", "PATCH") else None
        for name, auth in wrong.items():
            response = anonymous.request(method, path, auth=auth, content=content)
            where = f"{method} {path} with {name}"
            assert response.status_code == 401, f"{where}: {response.status_code} {response.text}"
            assert response.headers["content-type"] == "application/json", where
            assert response.headers["www-authenticate"] == 'Basic realm="Twilio API"', where
            if method == "HEAD":
                continue  # no body on a HEAD response
            body = response.json()
            assert body["code"] == 20003 and body["status"] == 401, where
            assert body["more_info"] == "https://www.twilio.com/docs/errors/20003", where
            expected = "No credentials provided" if auth is None else "invalid username"
            assert body["message"] == f"Authentication Error - {expected}", where
    # Each request reached the route (it is counted under its template), and nothing else was served.
    stats = flex.stats()
    assert stats["total"] == len(methods) * len(wrong)
    assert set(stats["requests"]) == {f"{method} {template}" for method in methods}


@pytest.mark.parametrize(
    "header",
    [
        b"Basic \xff\xfe",  # non-ASCII bytes: once a 500
        "Basic \u00e9\u00e9\u00e9\u00e9".encode("latin-1"),
        b"Basic " + base64.b64encode("\u00e9:\u00fc".encode()),
        b"Basic " + base64.b64encode(b"\xff:\xfe"),  # not UTF-8 once decoded
        b"Basic " + b"A" * 8_000,  # well below h11's 16 KiB header limit (beyond it: a plain 400)
        b"Basic ====",
        b"Basic",
        b"Basic a b c",
        b"Digest username=x",
    ],
    ids=lambda header: repr(header[:24]),
)
def test_malformed_authorization_headers_are_401(
    flex: EmulatorProcess, anonymous: httpx.Client, header: bytes
) -> None:
    response = anonymous.get("/v1/FlexFlows", headers={b"Authorization": header})
    assert response.status_code == 401, response.text
    assert response.json()["code"] == 20003


def test_rejected_writes_change_nothing(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = http.post("/v1/FlexFlows", data=flow_form()).json()
    for auth in [(flex.account_sid, "wrong"), (flex.api_key, "wrong"), ("AC" + "2" * 32, flex.auth_token)]:
        with flex.client(auth=auth) as http:
            assert http.delete(f"/v1/FlexFlows/{flow['sid']}").status_code == 401
            assert http.post(f"/v1/FlexFlows/{flow['sid']}", data={"FriendlyName": "x"}).status_code == 401
            assert http.post("/v1/FlexFlows", data=flow_form()).status_code == 401
    with flex.client() as http:
        assert http.get("/v1/FlexFlows").json()["flex_flows"] == [flow]


# ------------------------------------------------------------------------------------ secrets in the output

TOKEN = "tok-3f9a1c7e5b2d4a6c8e0f1a3b5c7d9e1f"
SECRET = "sec-9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"
WRONG_TOKEN = "wrongtok-0a1b2c3d4e5f60718293a4b5c6d7e8f9"
WRONG_SECRET = "wrongsec-f9e8d7c6b5a4039281706f5e4d3c2b1a"


def _encoded(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def test_no_secret_reaches_stdout_stderr_or_the_data_dir(tmp_path: Path) -> None:
    emulator = EmulatorProcess(
        tmp_path / "data",
        auth_token=TOKEN,
        api_secret=SECRET,
        extra_args=("--log-level", "trace", "--fault-500", "0.2", "--fault-seed", "1"),
    )
    with emulator:
        good = [(emulator.account_sid, TOKEN), (emulator.api_key, SECRET)]
        bad = [
            (emulator.account_sid, WRONG_TOKEN),
            (emulator.api_key, WRONG_SECRET),
            ("AC" + "9" * 32, TOKEN),
            ("SK" + "9" * 32, SECRET),
            (emulator.account_sid, SECRET),
            (emulator.api_key, TOKEN),
        ]
        for auth in good + bad:
            with emulator.client(auth=auth) as http:
                http.get("/v1/FlexFlows")
                http.post("/v1/FlexFlows", data=flow_form())
                http.post("/v1/FlexFlows", data={"FriendlyName": ""})  # a 400
                http.get("/v1/FlexFlows/FO" + "0" * 32)  # a 404
                http.put("/v1/FlexFlows")  # a 405
                http.post("/v1/Configuration", content=b"{", headers={"Content-Type": "application/json"})
        raw_headers = [
            f"Basic {WRONG_TOKEN}",
            f"Bearer {WRONG_SECRET}",
            f"Basic {_encoded(WRONG_SECRET, '')}",
        ]
        for header in raw_headers:
            httpx.get(f"{emulator.base_url}/v1/FlexFlows", headers={"Authorization": header}, trust_env=False)
        emulator.set_faults()
    output = "".join(emulator.stdout_lines) + emulator.log_path.read_text(encoding="utf-8")
    assert "ASGI" in output and "GET /v1/FlexFlows" in output  # trace logging was really on
    files = [output] + [
        path.read_bytes().decode("latin-1") for path in (tmp_path / "data").rglob("*") if path.is_file()
    ]
    secrets = [TOKEN, SECRET, WRONG_TOKEN, WRONG_SECRET]
    secrets += [_encoded(user, password) for user, password in good + bad]
    for text in files:
        for secret in secrets:
            assert secret not in text


# -------------------------------------------------------------------------------------------- binding


def _listening_addresses(pid: int, port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of the process's listening sockets on ``port``."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        match = re.fullmatch(r"socket:\[(\d+)\]", target)
        if match:
            inodes.add(match.group(1))
    addresses = []
    for table in ("tcp", "tcp6"):
        lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port and inode in inodes:
                addresses.append(address)
    return addresses


@pytest.fixture
def default_emulator(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``pulumi-flex emulator`` with no --host, and its ready line; stopped by PID."""
    argv = [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--port", "0", "--data-dir", str(tmp_path)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        yield process, process.stdout.readline().rstrip("\n")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")
def test_binds_loopback_by_default(default_emulator: tuple[subprocess.Popen[str], str]) -> None:
    process, line = default_emulator
    match = READY.match(line)
    assert match is not None, line
    url = match.group("url")
    assert url.startswith("http://127.0.0.1:")
    port = int(url.rsplit(":", 1)[1])
    assert _listening_addresses(process.pid, port) == ["0100007F"]  # 127.0.0.1, and nothing else
    assert httpx.get(f"{url}/_emulator/health", trust_env=False).status_code == 200


def test_an_oversized_authorization_header_is_a_twilio_401(flex: EmulatorProcess) -> None:
    huge = base64.b64encode(f"{flex.account_sid}:{'x' * 40_000}".encode()).decode()
    response = httpx.get(
        f"{flex.base_url}/v1/FlexFlows", headers={"Authorization": f"Basic {huge}"}, timeout=10
    )
    assert response.status_code == 401
    assert response.json()["code"] == 20003
