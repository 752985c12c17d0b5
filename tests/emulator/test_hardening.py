"""Hardening: body limits and timeouts, malformed HTTP, lone surrogates, client disconnects, the order of body
and latency, ``response_delay_ms``, the stats-only reset and the ready line's test credentials.

Real HTTP goes to emulator processes on 127.0.0.1 (raw sockets where the request must be malformed or cut
short); the body limit with a lying ``Content-Length`` is driven in process through the ASGI app. Every loop
is bounded.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_flex.emulator.accounts import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_API_KEY,
    DEFAULT_API_SECRET,
    DEFAULT_AUTH_TOKEN,
    Credentials,
)
from pulumi_flex.emulator.app import create_app
from pulumi_flex.emulator.dispatch import DISCARD_BYTES, MAX_BODY_BYTES, BodyLimits
from pulumi_flex.emulator.store import Store
from tests.emulator.samples import assert_twilio_error, create_flow, flow_form
from tests.support.emulator import READY, EmulatorProcess

BODY_TIMEOUT = 1.0
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def hardened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorProcess]:
    """An emulator of its own: a 1-second body timeout, and info logging to read disconnects from."""
    flags = ("--body-timeout", str(BODY_TIMEOUT), "--log-level", "info")
    with EmulatorProcess(tmp_path_factory.mktemp("hardened") / "data", extra_args=flags) as process:
        yield process


# ------------------------------------------------------------------------------------------ raw HTTP


def basic_auth(emulator: EmulatorProcess) -> bytes:
    return base64.b64encode(f"{emulator.account_sid}:{emulator.auth_token}".encode())


def head(emulator: EmulatorProcess, method: str, path: str, *headers: bytes) -> bytes:
    """A request line and headers (with Host and Basic auth), ready for a body."""
    lines = [
        f"{method} {path} HTTP/1.1".encode(),
        b"Host: 127.0.0.1",
        b"Authorization: Basic " + basic_auth(emulator),
    ]
    return b"\r\n".join([*lines, *headers]) + b"\r\n\r\n"


def connect(emulator: EmulatorProcess) -> socket.socket:
    assert emulator.port is not None
    return socket.create_connection(("127.0.0.1", emulator.port), timeout=10)


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-cased names) and body of a response that ends with the connection."""
    chunks = []
    for _ in range(10_000):  # bounded: at most ~640 MB, far more than any answer here
        data = sock.recv(65536)
        if not data:
            break
        chunks.append(data)
    raw = b"".join(chunks)
    header_block, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = header_block.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


def exchange(emulator: EmulatorProcess, request: bytes) -> tuple[int, dict[str, str], bytes]:
    with connect(emulator) as sock:
        sock.sendall(request)
        return read_response(sock)


def assert_twilio_body(status: int, headers: dict[str, str], body: bytes, expected: int, code: int) -> str:
    assert status == expected, body
    assert headers["content-type"] == "application/json"
    decoded = json.loads(body)
    assert decoded["code"] == code and decoded["status"] == expected
    assert decoded["more_info"] == f"https://www.twilio.com/docs/errors/{code}"
    message: str = decoded["message"]
    return message


def flow_names(emulator: EmulatorProcess) -> list[str]:
    with emulator.client() as http:
        response = http.get("/v1/FlexFlows", params={"PageSize": 1000})
    assert response.status_code == 200, response.text
    return [flow["friendly_name"] for flow in response.json()["flex_flows"]]


def wait_for(condition: Any, *, seconds: float = 10.0) -> bool:
    """Poll ``condition()`` every 0.1 s for at most ``seconds``; whether it became true."""
    for _ in range(int(seconds * 10)):
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


# ----------------------------------------------------------------------------------------- body limit


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param((f"Content-Length: {MAX_BODY_BYTES + 1}", "Expect: 100-continue"), id="client-waits"),
        pytest.param((f"Content-Length: {MAX_BODY_BYTES + DISCARD_BYTES + 1}",), id="flood"),
    ],
)
def test_an_announced_oversized_body_is_a_413_before_any_of_it_is_sent(
    hardened: EmulatorProcess, headers: tuple[str, ...]
) -> None:
    hardened.reset()
    request = head(hardened, "POST", "/v1/FlexFlows", *(header.encode() for header in headers))
    status, response_headers, body = exchange(
        hardened, request
    )  # no body sent: the answer cannot wait for it
    message = assert_twilio_body(status, response_headers, body, 413, 20413)
    assert str(MAX_BODY_BYTES) in message
    assert response_headers["connection"] == "close"
    assert hardened.stats()["requests"] == {"POST /v1/FlexFlows": 1}


def test_a_client_that_sends_an_oversized_body_reads_the_413(hardened: EmulatorProcess) -> None:
    hardened.reset()
    body = b"FriendlyName=" + b"x" * MAX_BODY_BYTES
    with (
        hardened.client() as http
    ):  # httpx sends the whole body before it reads: no reset may lose the answer
        for _ in range(3):
            response = http.post("/v1/FlexFlows", content=body, headers={"Content-Type": FORM})
            assert_twilio_error(response, 413, 20413)
    assert flow_names(hardened) == []


def test_a_streamed_body_is_counted_and_refused_past_the_limit(hardened: EmulatorProcess) -> None:
    hardened.reset()
    chunk = b"FriendlyName=" + b"x" * (64 * 1024 - 13)
    with connect(hardened) as sock:
        chunked = (b"Transfer-Encoding: chunked", f"Content-Type: {FORM}".encode())
        sock.sendall(head(hardened, "POST", "/v1/FlexFlows", *chunked))
        sent = 0
        while sent <= MAX_BODY_BYTES:  # bounded: 17 chunks of 64 KiB, no length announced
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        sock.sendall(b"0\r\n\r\n")
        status, headers, body = read_response(sock)
    assert_twilio_body(status, headers, body, 413, 20413)
    assert flow_names(hardened) == []


def test_a_body_at_the_limit_is_read(hardened: EmulatorProcess) -> None:
    hardened.reset()
    form = "&".join(f"{key}={value}" for key, value in flow_form(FriendlyName="at the limit").items())
    padded = (form + "&Padding=").encode()
    padded += b"p" * (MAX_BODY_BYTES - len(padded))
    with hardened.client() as http:
        response = http.post("/v1/FlexFlows", content=padded, headers={"Content-Type": FORM})
    assert response.status_code == 201, response.text
    assert len(padded) == MAX_BODY_BYTES


def asgi_post(app: Any, path: str, content: Any, headers: dict[str, str]) -> httpx.Response:
    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://emulator.test") as http:
            return await http.post(path, content=content, headers=headers, auth=("AC" + "a" * 32, "token-a"))

    return asyncio.run(run())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "data")
    try:
        yield store
    finally:
        store.close()


def test_the_limit_counts_what_arrives_whatever_content_length_says(store: Store) -> None:
    limits = BodyLimits(max_bytes=1000, discard_bytes=2000)
    app = create_app(Credentials("AC" + "a" * 32, "token-a"), store, limits=limits)
    pulled: list[int] = []

    async def stream() -> AsyncIterator[bytes]:
        for number in range(100):  # 10 kB if all of it were read
            pulled.append(number)
            yield b"FriendlyName=" + b"x" * 87

    for path in ("/v1/FlexFlows", "/_emulator/faults"):  # the admin API obeys the same limit
        pulled.clear()
        headers = {"Content-Type": FORM, "Content-Length": "10"}  # a lie
        response = asgi_post(app, path, stream(), headers)
        assert response.status_code == 413, response.text
        assert response.json()["code"] == 20413
        # Read on past 1000 bytes (so the client would see the answer), then cut at 3000, not at the end.
        assert 10 < len(pulled) <= 31
    assert store.first("flex_flow", "AC" + "a" * 32) is None


def test_a_slow_body_is_a_408_in_process(store: Store) -> None:
    app = create_app(Credentials("AC" + "a" * 32, "token-a"), store, limits=BodyLimits(timeout=0.2))

    async def stream() -> AsyncIterator[bytes]:
        yield b"FriendlyName=slow"
        await asyncio.sleep(2)
        yield b"&ChannelType=web"

    started = time.monotonic()
    response = asgi_post(app, "/v1/FlexFlows", stream(), {"Content-Type": FORM})
    assert response.status_code == 408 and response.json()["code"] == 20408
    assert time.monotonic() - started < 1.5


# ----------------------------------------------------------------------------------- timeout, malformed


def test_a_body_that_stops_arriving_is_a_twilio_408(hardened: EmulatorProcess) -> None:
    hardened.reset()
    with connect(hardened) as sock:
        sock.sendall(
            head(hardened, "POST", "/v1/FlexFlows", b"Content-Length: 100", f"Content-Type: {FORM}".encode())
        )
        sock.sendall(b"FriendlyName=half")
        started = time.monotonic()
        status, headers, body = read_response(sock)
        elapsed = time.monotonic() - started
    message = assert_twilio_body(status, headers, body, 408, 20408)
    assert "1 seconds" in message
    assert BODY_TIMEOUT * 0.9 <= elapsed < BODY_TIMEOUT + 4
    assert headers["connection"] == "close"


MALFORMED = {
    "content-length not a number": b"Content-Length: abc",
    "two content-lengths": b"Content-Length: 1\r\nContent-Length: 2",
    "negative content-length": b"Content-Length: -1",
}


@pytest.mark.parametrize("header", list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_headers_get_a_twilio_400(hardened: EmulatorProcess, header: bytes) -> None:
    status, headers, body = exchange(hardened, head(hardened, "POST", "/v1/FlexFlows", header))
    assert_twilio_body(status, headers, body, 400, 20400)
    assert headers["connection"] == "close"


@pytest.mark.parametrize(
    "request_bytes",
    [
        pytest.param(b"HELLO\r\n\r\n", id="not-http"),
        pytest.param(b"GET /v1/FlexFlows HTTP/1.1\r\n\r\n", id="no-host"),
        pytest.param(b"GET /v1/FlexFlows/\xff HTTP/1.1\r\nHost: x\r\n\r\n", id="raw-non-ascii-target"),
    ],
)
def test_malformed_requests_get_a_twilio_400(hardened: EmulatorProcess, request_bytes: bytes) -> None:
    status, headers, body = exchange(hardened, request_bytes)
    assert_twilio_body(status, headers, body, 400, 20400)


def test_a_bad_chunk_gets_a_twilio_400_and_no_bug_is_logged(hardened: EmulatorProcess) -> None:
    size_before = hardened.log_path.stat().st_size
    request = head(
        hardened, "POST", "/v1/FlexFlows", b"Transfer-Encoding: chunked", f"Content-Type: {FORM}".encode()
    )
    status, headers, body = exchange(hardened, request + b"zz\r\nabc\r\n0\r\n\r\n")
    assert_twilio_body(status, headers, body, 400, 20400)
    log = log_since(hardened, size_before, until="client disconnected")
    assert "bug while serving" not in log


def test_invalid_percent_encoding_is_answered_in_twilio_format(hardened: EmulatorProcess) -> None:
    close = b"Connection: close"
    status, headers, body = exchange(hardened, head(hardened, "GET", "/v1/FlexFlows/%zz", close))
    assert "/FlexFlows/%zz" in assert_twilio_body(status, headers, body, 404, 20404)
    status, headers, body = exchange(hardened, head(hardened, "GET", "/v1/FlexFlows?FriendlyName=%ff", close))
    assert_twilio_body(status, headers, body, 400, 20001)


def log_since(emulator: EmulatorProcess, offset: int, *, until: str) -> str:
    """The emulator's log written after ``offset``, once it mentions ``until`` (waiting at most 10 s)."""

    def text() -> str:
        with emulator.log_path.open(encoding="utf-8") as log:
            log.seek(offset)
            return log.read()

    assert wait_for(lambda: until in text()), text()
    return text()


def test_a_client_that_disconnects_is_logged_as_a_disconnect_not_a_bug(hardened: EmulatorProcess) -> None:
    hardened.reset()
    size_before = hardened.log_path.stat().st_size
    with connect(hardened) as sock:
        sock.sendall(
            head(hardened, "POST", "/v1/FlexFlows", b"Content-Length: 400", f"Content-Type: {FORM}".encode())
        )
        sock.sendall(b"FriendlyName=gone")
    log = log_since(hardened, size_before, until="client disconnected")
    assert (
        "INFO pulumi_flex.emulator: client disconnected before sending its whole body: POST /v1/FlexFlows"
        in log
    )
    assert "bug while serving" not in log and "Traceback" not in log
    assert flow_names(hardened) == []


# ------------------------------------------------------------------------------------- lone surrogates


def test_a_lone_surrogate_in_a_configuration_post_is_a_400_and_nothing_breaks(flex: EmulatorProcess) -> None:
    json_type = {"Content-Type": "application/json"}
    with flex.client() as http:
        for raw in [
            b'{"account_sid": "%s", "ui_language": "\\ud800"}',
            b'{"account_sid": "%s", "attributes": {"nested": ["ok", "\\udfff"]}}',
            b'{"account_sid": "%s", "\\udc00": 1}',
        ]:
            response = http.post(
                "/v1/Configuration", content=raw % flex.account_sid.encode(), headers=json_type
            )
            assert "surrogate" in assert_twilio_error(response, 400, 20001)["message"]
        fetched = http.get("/v1/Configuration")
        assert fetched.status_code == 200, fetched.text
        assert fetched.json()["ui_language"] == "en"
        updated = http.post("/v1/Configuration", json={"account_sid": flex.account_sid, "ui_language": "fr"})
        assert updated.status_code == 200 and updated.json()["ui_language"] == "fr"


def test_lone_surrogates_in_form_bodies_and_json_text_parameters_are_400s(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        # UTF-8 cannot encode a surrogate, so a form carries one only as a JSON escape inside a value.
        encoded = http.post(
            "/v1/WebChannels",
            content=b"FlexFlowSid=" + flow["sid"].encode() + b"&Identity=%ED%A0%80&CustomerFriendlyName=c"
            b"&ChatFriendlyName=c",
            headers={"Content-Type": FORM},
        )
        assert_twilio_error(encoded, 400, 20001)
        channel = http.post(
            "/v1/Interactions", data={"Channel": '{"type": "sms", "properties": {"x": "\\ud800"}}'}
        )
        assert "Channel" in assert_twilio_error(channel, 400, 20001)["message"]
        pre = http.post(
            "/v1/WebChannels",
            data={
                "FlexFlowSid": flow["sid"],
                "Identity": "visitor",
                "CustomerFriendlyName": "c",
                "ChatFriendlyName": "c",
                "PreEngagementData": '{"x": "\\ud800"}',
            },
        )
        assert "PreEngagementData" in assert_twilio_error(pre, 400, 20001)["message"]
        assert http.get("/v1/WebChannels").json()["flex_chat_channels"] == []


def test_a_lone_surrogate_in_an_admin_body_is_a_400(flex: EmulatorProcess) -> None:
    body = b'{"account_sid": "AC' + b"5" * 32 + b'", "auth_token": "tok-\\ud800"}'
    response = httpx.post(f"{flex.base_url}/_emulator/accounts", content=body, trust_env=False)
    assert_twilio_error(response, 400, 20001)
    assert "AC" + "5" * 32 not in [account["account_sid"] for account in flex.accounts()]


# --------------------------------------------------------------------------------- latency and delays


@pytest.fixture
def faulty(flex: EmulatorProcess) -> Iterator[EmulatorProcess]:
    try:
        yield flex
    finally:
        flex.set_faults()


def test_the_body_is_read_before_latency_so_a_client_that_gives_up_keeps_its_write(
    faulty: EmulatorProcess,
) -> None:
    faulty.set_faults(latency_ms=1500)
    impatient = httpx.Client(
        base_url=faulty.base_url, auth=(faulty.account_sid, faulty.auth_token), timeout=0.4, trust_env=False
    )
    with impatient, pytest.raises(httpx.TimeoutException):
        impatient.post("/v1/FlexFlows", data=flow_form(FriendlyName="patient"))
    faulty.set_faults()  # later requests run at full speed; the one in flight keeps its latency
    assert wait_for(lambda: flow_names(faulty) == ["patient"], seconds=6)


def test_response_delay_holds_the_answer_after_processing(faulty: EmulatorProcess) -> None:
    faulty.set_faults(response_delay_ms=700)
    with faulty.client() as http:
        started = time.monotonic()
        response = http.post("/v1/FlexFlows", data=flow_form(FriendlyName="held"))
        elapsed = time.monotonic() - started
    assert response.status_code == 201, response.text
    assert 0.7 <= elapsed < 5
    assert faulty.faults()["settings"]["response_delay_ms"] == 700
    faulty.set_faults()
    assert flow_names(faulty) == ["held"]


def test_a_crash_in_the_response_delay_leaves_the_write_committed(tmp_path: Path) -> None:
    emulator = EmulatorProcess(tmp_path / "data", extra_args=("--response-delay-ms", "5000"))
    with emulator:
        assert emulator.faults()["settings"]["response_delay_ms"] == 5000
        outcome: list[BaseException | int] = []
        http = emulator.client()

        def in_flight() -> None:
            try:
                outcome.append(
                    http.post("/v1/FlexFlows", data=flow_form(FriendlyName="unanswered")).status_code
                )
            except httpx.HTTPError as exc:
                outcome.append(exc)

        with http:
            thread = threading.Thread(target=in_flight)
            thread.start()
            time.sleep(1.0)  # processed at once, then held for 5 s: the process dies in that window
            emulator.kill()
            thread.join(timeout=10)
            assert len(outcome) == 1 and isinstance(outcome[0], httpx.HTTPError)
            emulator.start(same_port=True)  # without the flag's delay
            emulator.set_faults()
            names = [flow["friendly_name"] for flow in http.get("/v1/FlexFlows").json()["flex_flows"]]
    assert names == ["unanswered"]  # committed, though its client never heard


# ------------------------------------------------------------------------------------------ stats reset


def test_stats_reset_zeroes_the_counts_and_keeps_objects_and_fault_counters(faulty: EmulatorProcess) -> None:
    with faulty.client() as http:
        flow = create_flow(http)
        faulty.set_faults({"429": 1.0})
        assert http.get("/v1/FlexFlows").status_code == 429
        faulty.set_faults()
    assert faulty.stats()["total"] == 2
    assert faulty.reset_stats() == {"total": 0, "requests": {}}
    assert faulty.stats() == {"total": 0, "requests": {}}
    assert faulty.faults()["injected"]["429"] == 1
    with faulty.client() as http:
        assert http.get(f"/v1/FlexFlows/{flow['sid']}").json() == flow
    assert faulty.stats() == {"total": 1, "requests": {"GET /v1/FlexFlows/{Sid}": 1}}
    wrong = httpx.get(f"{faulty.base_url}/_emulator/stats/reset", trust_env=False)
    assert_twilio_error(wrong, 405, 20004)


# ------------------------------------------------------------------------------------------- ready line


def ready_line_of(tmp_path: Path, *flags: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    """Start ``pulumi-flex emulator`` with ``flags`` and an environment without TWILIO_* (plus ``env``);
    return its ready line and the ``(status, status)`` of a request with each default credential pair."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("TWILIO_")}
    environ.update(env or {})
    argv = [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--port", "0", "--data-dir", str(tmp_path)]
    with subprocess.Popen(
        [*argv, *flags], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environ
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline().rstrip("\n")
            match = READY.match(line)
            assert match is not None, line
            url = match.group("url")
            key_status = httpx.get(
                f"{url}/v1/FlexFlows", auth=(DEFAULT_API_KEY, DEFAULT_API_SECRET), trust_env=False
            ).status_code
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
    return line, str(key_status)


def test_the_ready_line_shows_the_default_test_credentials(tmp_path: Path) -> None:
    line, key_status = ready_line_of(tmp_path)
    match = READY.match(line)
    assert match is not None
    assert (match.group("account"), match.group("auth_token")) == (DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN)
    assert (match.group("api_key"), match.group("api_secret")) == (DEFAULT_API_KEY, DEFAULT_API_SECRET)
    assert key_status == "200"  # what the line shows really authenticates


@pytest.mark.parametrize(
    ("flags", "env"),
    [
        (("--auth-token", "own-token-4f1c9a"), {}),
        ((), {"TWILIO_AUTH_TOKEN": "own-token-4f1c9a"}),
        ((), {"TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN}),  # given by the user, even if it is the default
    ],
    ids=["flag", "environment", "environment-with-the-default-value"],
)
def test_a_token_the_user_gave_is_never_shown(
    tmp_path: Path, flags: tuple[str, ...], env: dict[str, str]
) -> None:
    line, _ = ready_line_of(tmp_path, *flags, env=env)
    match = READY.match(line)
    assert match is not None
    assert match.group("auth_token") is None
    assert "own-token-4f1c9a" not in line and DEFAULT_AUTH_TOKEN not in line
    # The test API key is still the default one, so it is still shown.
    assert match.group("api_key") == DEFAULT_API_KEY


def test_a_key_the_user_gave_is_never_shown(tmp_path: Path) -> None:
    own = ("--api-key", "SK" + "7" * 32, "--api-secret", "own-secret-b2d4")
    line, _ = ready_line_of(tmp_path, *own)
    match = READY.match(line)
    assert match is not None
    assert match.group("api_key") is None and "own-secret-b2d4" not in line and "SK" + "7" * 32 not in line
    assert match.group("auth_token") == DEFAULT_AUTH_TOKEN
