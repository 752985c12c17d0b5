"""The provider against the real emulator app, in this process: a fresh app per test (its SQLite
store in ``tmp_path``), the provider's runtime pointed at it through an injected httpx transport.

Nothing is mocked: requests go through ``FlexClient``, httpx, the ASGI app and its models. The
``FaultScript`` wrapper only switches the emulator's own fault injection on for chosen requests.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_flex.emulator.accounts import Accounts, Credentials
from pulumi_flex.emulator.app import create_app
from pulumi_flex.emulator.faults import Faults, FaultSettings
from pulumi_flex.emulator.stats import Stats
from pulumi_flex.emulator.store import Store
from pulumi_flex.provider import runtime
from pulumi_flex.resources.flex_flow import FlexFlowProvider
from tests.support.asgi import BASE_URL, ASGIAppTransport

PRIMARY = Credentials("AC" + "a1" * 16, "primary-token-" + "0" * 18)
SECOND = Credentials(
    "AC" + "b2" * 16, "second-token-" + "0" * 19, "SK" + "b2" * 16, "second-secret-" + "0" * 18
)
ENVIRONMENT = (
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_KEY",
    "TWILIO_API_SECRET",
    "TWILIO_REGION",
    "TWILIO_EDGE",
    "FLEX_BASE_URL",
    "FLEX_RETRY_DEADLINE",
)
WRITES = ("POST", "DELETE")


@dataclass
class Scripted:
    method: str
    path: str
    settings: FaultSettings


class FaultScript(httpx.BaseTransport):
    """Passes requests on to the app, logging each; for the requests ``fail`` names, it switches the
    emulator's fault injection on (probability 1) for that one request."""

    def __init__(self, inner: httpx.BaseTransport, faults: Faults) -> None:
        self.inner = inner
        self.faults = faults
        self.log: list[tuple[str, str]] = []
        self._script: list[Scripted] = []
        self._lock = threading.Lock()

    def fail(self, method: str, path: str, kind: str, times: int = 1, **settings: Any) -> None:
        """The next ``times`` ``method`` requests to ``path`` meet fault ``kind`` (429, 500, lost)."""
        fault = FaultSettings.from_json({kind: 1.0, **settings})
        with self._lock:
            self._script += [Scripted(method, path, fault) for _ in range(times)]

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._script)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.path
        with self._lock:
            self.log.append((method, path))
            step = next((s for s in self._script if (s.method, s.path) == (method, path)), None)
            if step is not None:
                self._script.remove(step)
        if step is None:
            return self.inner.handle_request(request)
        self.faults.configure(step.settings)
        try:
            return self.inner.handle_request(request)
        finally:
            self.faults.configure(FaultSettings())


@dataclass
class Emulator:
    """One test's emulator app and the provider runtime configured for it."""

    transport: FaultScript
    stats: Stats
    faults: Faults
    settings: dict[str, str | None] = field(default_factory=dict)

    def api(self, account: Credentials = PRIMARY) -> httpx.Client:
        """A plain httpx client on the app, for out-of-band changes and checks."""
        return httpx.Client(
            transport=self.transport, base_url=BASE_URL, auth=(account.account_sid, account.auth_token)
        )

    def call(self, method: str, path: str, account: Credentials = PRIMARY, **kwargs: Any) -> Any:
        """One out-of-band API call; asserts success and returns the JSON body (None for a 204)."""
        with self.api(account) as http:
            response = http.request(method, path, **kwargs)
        assert response.is_success, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else None

    def requests(self) -> Counter[str]:
        """Requests the app has counted, by ``"METHOD /route/template"``."""
        counts = self.stats.snapshot()["requests"]
        assert isinstance(counts, dict)
        return Counter(counts)

    def writes(self) -> int:
        """How many POST and DELETE requests the app has served."""
        return sum(n for key, n in self.requests().items() if key.split(" ")[0] in WRITES)

    def reset_counts(self) -> None:
        self.stats.reset()
        self.transport.log.clear()

    def configure(self, **settings: str | None) -> None:
        """Replace ``flex:*`` settings (``retryDeadline="1"``), as the engine's ``configure`` would."""
        self.settings.update({f"flex:{key}": value for key, value in settings.items()})
        runtime.configure(self.settings.get)


@pytest.fixture
def flex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """A fresh emulator app serving PRIMARY and SECOND, and the runtime configured for PRIMARY."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    store = Store(tmp_path / "emulator")
    stats, faults = Stats(), Faults()
    app = create_app(Accounts(PRIMARY, [SECOND], store=store), store, stats, faults)
    try:
        with ASGIAppTransport(app) as asgi:
            script = FaultScript(asgi, faults)
            runtime.use_transport(script)
            env = Emulator(
                script,
                stats,
                faults,
                {
                    "flex:accountSid": PRIMARY.account_sid,
                    "flex:authToken": PRIMARY.auth_token,
                    "flex:baseUrl": BASE_URL,
                },
            )
            # The engine's own path: configure() with the stack's config (secrets decrypted).
            FlexFlowProvider().configure(ConfigureRequest(Config(dict(env.settings), "flex-test")))
            yield env
    finally:
        runtime.use_transport(None)
        runtime.configure(lambda key: None)
        store.close()
