"""Run the real ``pulumi-flex emulator`` as a subprocess for tests, and stop it by PID."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from pulumi_flex.emulator.accounts import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_API_KEY,
    DEFAULT_API_SECRET,
    DEFAULT_AUTH_TOKEN,
)

# The test credentials appear only while they are the documented defaults (never a token the user gave).
READY = re.compile(
    r"^pulumi-flex emulator ready on (?P<url>http://\S+) "
    r"\(account (?P<account>AC[0-9a-fA-F]{32}),"
    r"(?: auth token (?P<auth_token>\S+),)?"
    r"(?: API key (?P<api_key>SK[0-9a-fA-F]{32}) secret (?P<api_secret>\S+),)?"
    r" (?:temporary )?data dir (?P<dir>.+)\)$"
)
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
PORT_BUSY_RETRIES = 50  # restarts on the same port retry this often, PORT_BUSY_DELAY apart
PORT_BUSY_DELAY = 0.1
# Python-friendly aliases for the fault keys that are not identifiers.
FAULT_ALIASES = {"p429": "429", "p500": "500", "rate_429": "429", "rate_500": "500"}


class EmulatorError(RuntimeError):
    pass


class EmulatorProcess:
    """One emulator process on 127.0.0.1 with a data dir that survives :meth:`restart`.

    The first start takes a free port; :meth:`restart` (and ``start(same_port=True)`` after :meth:`kill`)
    binds that port again, so clients and base URLs taken before a crash keep working afterwards.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        account_sid: str = DEFAULT_ACCOUNT_SID,
        auth_token: str = DEFAULT_AUTH_TOKEN,
        api_key: str = DEFAULT_API_KEY,
        api_secret: str = DEFAULT_API_SECRET,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.data_dir = Path(data_dir)
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.api_key = api_key
        self.api_secret = api_secret
        self.extra_args = extra_args
        self.log_path = self.data_dir.parent / f"{self.data_dir.name}.emulator.log"
        self.ready_line = ""
        self.port: int | None = None  # the port of the last start; kept across stop/kill for restarts
        self.stdout_lines: list[str] = []  # everything the process printed, across restarts
        self._proc: subprocess.Popen[str] | None = None
        self._log: IO[str] | None = None
        self._log_size_before = 0
        self._base_url: str | None = None

    # ---- lifecycle

    def start(self, *, same_port: bool = False) -> EmulatorProcess:
        """Start and wait for the ready line. ``same_port`` rebinds the port of the previous start, retrying
        for a bounded time while it is still busy (a killed process's socket can linger briefly)."""
        if self._proc is not None:
            raise EmulatorError("emulator already started")
        if not same_port:
            return self._start(port=0)
        if self.port is None:
            raise EmulatorError("same_port needs an earlier start")
        for _ in range(PORT_BUSY_RETRIES):
            try:
                return self._start(port=self.port)
            except PortBusyError:
                time.sleep(PORT_BUSY_DELAY)
        return self._start(port=self.port)

    def _start(self, *, port: int) -> EmulatorProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # Credentials go through the environment, never argv, and override any TWILIO_* of the caller.
        env = {
            **os.environ,
            "TWILIO_ACCOUNT_SID": self.account_sid,
            "TWILIO_AUTH_TOKEN": self.auth_token,
            "TWILIO_API_KEY": self.api_key,
            "TWILIO_API_SECRET": self.api_secret,
        }
        argv = [sys.executable, "-m", "pulumi_flex.cli", "emulator", "--host", "127.0.0.1"]
        argv += ["--port", str(port), "--data-dir", str(self.data_dir), *self.extra_args]
        self._log = self.log_path.open("a", encoding="utf-8")
        self._log_size_before = self._log.tell()
        self._proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=self._log, stdin=subprocess.DEVNULL, text=True, env=env
        )
        lines = _drain(self._proc.stdout, self.stdout_lines)
        try:
            line = lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            self._kill()
            raise EmulatorError(
                f"emulator not ready after {START_TIMEOUT}s; log: {self._log_tail()}"
            ) from None
        match = READY.match(line.rstrip("\n")) if line else None
        if match is None:
            log_size = self._log_size_before
            self._kill()
            tail = self._log_tail()
            if port and f"cannot listen on 127.0.0.1:{port}" in self._log_since(log_size):
                raise PortBusyError(f"port {port} is busy")
            raise EmulatorError(f"unexpected first line {line!r}; log: {tail}")
        self.ready_line = line.rstrip("\n")
        self._base_url = match.group("url")
        self.port = int(self._base_url.rsplit(":", 1)[1])
        return self

    def stop(self) -> int:
        """SIGTERM by PID, wait, and insist on a clean exit (code 0)."""
        proc = self._proc
        if proc is None:
            return 0
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._kill()
            raise EmulatorError(f"emulator pid {proc.pid} ignored SIGTERM; log: {self._log_tail()}") from None
        finally:
            self._cleanup()
        if code != 0:
            raise EmulatorError(f"emulator exited with {code}; log: {self._log_tail()}")
        return code

    def restart(self, *, same_port: bool = True) -> EmulatorProcess:
        """Stop (SIGTERM) if running, then start again with the same data dir, on the same port by default."""
        self.stop()
        return self.start(same_port=same_port)

    def kill(self) -> None:
        """SIGKILL by PID, as a crash would (no clean shutdown); ``start(same_port=True)`` revives it."""
        self._kill()

    def __enter__(self) -> EmulatorProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.stop()
        else:
            self._kill()  # keep the original failure, not a secondary one from stopping

    # ---- accessors

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise EmulatorError("emulator not started")
        return self._base_url

    @property
    def pid(self) -> int:
        if self._proc is None:
            raise EmulatorError("emulator not started")
        return self._proc.pid

    @property
    def process(self) -> subprocess.Popen[str]:
        if self._proc is None:
            raise EmulatorError("emulator not started")
        return self._proc

    def client(self, *, auth: tuple[str, str] | None = None, **kwargs: Any) -> httpx.Client:
        """An httpx client on the emulator, authenticated as the account unless ``auth`` says otherwise."""
        return httpx.Client(
            base_url=self.base_url,
            auth=auth if auth is not None else (self.account_sid, self.auth_token),
            timeout=10.0,
            trust_env=False,
            **kwargs,
        )

    # ---- admin API

    def reset(self) -> None:
        response = httpx.post(f"{self.base_url}/_emulator/reset", timeout=10.0, trust_env=False)
        response.raise_for_status()

    def reset_stats(self) -> dict[str, Any]:
        """Zero the request counts only (``POST /_emulator/stats/reset``); objects and accounts stay."""
        response = httpx.post(f"{self.base_url}/_emulator/stats/reset", timeout=10.0, trust_env=False)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    def stats(self) -> dict[str, Any]:
        response = httpx.get(f"{self.base_url}/_emulator/stats", timeout=10.0, trust_env=False)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    def set_faults(self, settings: Mapping[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        """Replace the fault settings; no arguments turns faults off. Keys are the API's (``"429"``,
        ``"500"``, ``lost``, ``latency_ms``, ``response_delay_ms``, ``seed``, ``retry_after``);
        ``p429``/``p500`` are aliases."""
        body = {FAULT_ALIASES.get(key, key): value for key, value in {**(settings or {}), **kwargs}.items()}
        response = httpx.post(f"{self.base_url}/_emulator/faults", json=body, timeout=10.0, trust_env=False)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def add_account(
        self,
        account_sid: str,
        auth_token: str,
        api_key: str | None = None,
        api_secret: str | None = None,
        *,
        empty: bool | None = None,
    ) -> dict[str, Any]:
        """Serve another account (``POST /_emulator/accounts``); it is persisted, so it survives restarts.
        Returns ``{"account_sid", "api_key", "empty"}``. Adding an account again replaces its credentials.
        ``empty``: start it without Flex's provisioned objects (None: the emulator's default)."""
        body: dict[str, str | bool] = {"account_sid": account_sid, "auth_token": auth_token}
        if api_key is not None:
            body["api_key"] = api_key
        if api_secret is not None:
            body["api_secret"] = api_secret
        if empty is not None:
            body["empty"] = empty
        response = httpx.post(f"{self.base_url}/_emulator/accounts", json=body, timeout=10.0, trust_env=False)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def accounts(self) -> list[dict[str, Any]]:
        """``[{"account_sid", "api_key", "empty"}, …]``: every account served, the primary one first (no
        secrets)."""
        response = httpx.get(f"{self.base_url}/_emulator/accounts", timeout=10.0, trust_env=False)
        response.raise_for_status()
        accounts: list[dict[str, Any]] = response.json()["accounts"]
        return accounts

    def faults(self) -> dict[str, Any]:
        """``{"settings": {...}, "injected": {"429": n, "500": n, "lost": n}}``."""
        response = httpx.get(f"{self.base_url}/_emulator/faults", timeout=10.0, trust_env=False)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    # ---- internals

    def _kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait(timeout=STOP_TIMEOUT)
        self._cleanup()

    def _cleanup(self) -> None:
        if self._log is not None:
            self._log.close()
        self._proc = None
        self._log = None
        self._base_url = None

    def _log_tail(self, limit: int = 2000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8")[-limit:]
        except OSError:
            return "<no log>"

    def _log_since(self, offset: int) -> str:
        try:
            with self.log_path.open(encoding="utf-8") as log:
                log.seek(offset)
                return log.read()
        except OSError:
            return ""


class PortBusyError(EmulatorError):
    pass


def _drain(stream: IO[str] | None, keep: list[str]) -> queue.Queue[str]:
    """Read stdout on a thread: the first line arrives on the queue, later ones keep the pipe from filling.
    Every line is also appended to ``keep``."""
    lines: queue.Queue[str] = queue.Queue()
    if stream is None:
        return lines

    def pump() -> None:
        with stream:
            for line in stream:
                keep.append(line)
                lines.put(line)
        lines.put("")  # EOF: the process exited

    threading.Thread(target=pump, name="emulator-stdout", daemon=True).start()
    return lines
