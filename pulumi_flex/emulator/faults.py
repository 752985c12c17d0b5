"""Fault injection: rate limits, server errors, lost responses and delays, switchable at run time.

Settings arrive as JSON on ``POST /_emulator/faults`` or as ``pulumi-flex emulator --fault-*`` flags::

    {"429": 0.3, "500": 0.05, "lost": 0.05, "latency_ms": 50, "response_delay_ms": 0, "seed": 7,
     "retry_after": 1}

and ``{}`` turns everything off. They apply to requests on Twilio API routes only (never to ``/_emulator/*``,
nor to unknown paths, which stay 404s), and only once authentication has succeeded, so an unauthenticated
request is still a plain 401:

* ``429`` (probability): answered before the request is processed, with Twilio's 20429 body and, when
  ``retry_after`` is set, a ``Retry-After: <seconds>`` header. Like Twilio's, such a request is safe to retry.
* ``500`` (probability): answered before the request is processed, with a 20500 body.
* ``lost`` (probability): the request *is* processed (its changes are committed), then its response is
  replaced by the same 500 body: the client never learns the outcome, as after a dropped connection.
* ``latency_ms``: added to every faultable request once its body has been read, before it is processed, with
  ``asyncio.sleep``, so no worker thread blocks. A client that gives up meanwhile still gets its write done,
  as with a server that received the whole request.
* ``response_delay_ms``: every faultable response is held this long after the request was processed (and
  committed): the "committed but unanswered" window a crash or a client timeout can fall into.

Each request takes exactly one draw from one ``random.Random(seed)``, under a lock and in arrival order, and
the outcome is read off cumulative thresholds (429, then 500, then lost), so each probability is exact and the
three must add up to at most 1. The same seed and the same sequence of requests therefore meet the same
faults. Without a seed the generator is seeded from the OS. A fault is counted when it is applied (a request
whose body never arrives takes its draw but meets no fault). The delays are not random.

Setting new values (including ``{}``) restarts the generator. ``POST /_emulator/reset`` keeps the settings
(a test harness can reset state between cases and stay in a faulty mode) but zeroes the counters and restarts
the generator, so a seeded sequence replays from its start after a reset.
"""

from __future__ import annotations

import random
import threading
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import ConfigDict, Field, model_validator

from pulumi_flex.emulator.validation import JsonModel, validate
from pulumi_flex.emulator.wire import CODE_INTERNAL, TwilioError

Fault = Literal["429", "500", "lost"]
FAULT_KINDS: tuple[Fault, ...] = ("429", "500", "lost")
CODE_TOO_MANY_REQUESTS = 20429
MAX_LATENCY_MS = 60_000  # a longer stall is a test mistake, and would outlive client timeouts anyway
MAX_RETRY_AFTER = 3_600

Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class FaultSettings(JsonModel):
    """What to inject: the probabilities of a 429, a 500 and a lost response, ``latency_ms`` before and
    ``response_delay_ms`` after processing each request, the generator's ``seed`` and the ``Retry-After``
    seconds of a 429. The JSON keys are the aliases (``"429"``, ``"500"``, ``lost``, …); every key is
    optional and an unknown one is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    subject: ClassVar[str | None] = "fault settings"

    p429: Probability = Field(default=0.0, alias="429")
    p500: Probability = Field(default=0.0, alias="500")
    lost: Probability = 0.0
    latency_ms: Annotated[int, Field(ge=0, le=MAX_LATENCY_MS)] = 0
    response_delay_ms: Annotated[int, Field(ge=0, le=MAX_LATENCY_MS)] = 0
    seed: Annotated[int, Field(ge=0)] | None = None
    retry_after: Annotated[int, Field(ge=0, le=MAX_RETRY_AFTER)] | None = None

    @model_validator(mode="after")
    def _at_most_one(self) -> Self:
        if self.p429 + self.p500 + self.lost > 1.0 + 1e-9:
            raise ValueError("the probabilities of 429, 500 and lost must add up to at most 1")
        return self

    @property
    def active(self) -> bool:
        """Whether any fault or delay is set."""
        return bool(self.p429 or self.p500 or self.lost or self.latency_ms or self.response_delay_ms)

    def to_json(self) -> dict[str, Any]:
        """The wire form, with every key present (the same keys ``from_json`` accepts)."""
        return self.model_dump(by_alias=True)

    @classmethod
    def from_json(cls, body: object) -> FaultSettings:
        """Validate a settings body; anything wrong is a Twilio-format 400 naming the key."""
        return validate(cls, body)


def too_many_requests(retry_after: int | None) -> TwilioError:
    """An injected 429 / 20429, with ``Retry-After`` when ``retry_after`` is set."""
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    return TwilioError(429, CODE_TOO_MANY_REQUESTS, "Too Many Requests", headers=headers)


def injected_server_error() -> TwilioError:
    """An injected 500 / 20500, for the ``500`` and ``lost`` faults."""
    return TwilioError(500, CODE_INTERNAL, "Internal Server Error")


class Faults:
    """The current settings, the generator and the per-kind counters, shared by every request."""

    def __init__(self, settings: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self._settings = settings or FaultSettings()
        self._rng = random.Random(self._settings.seed)
        self._injected: dict[Fault, int] = dict.fromkeys(FAULT_KINDS, 0)

    @property
    def settings(self) -> FaultSettings:
        """The settings in force."""
        return self._settings

    def configure(self, settings: FaultSettings) -> None:
        """Switch to ``settings`` and restart the generator; the counters keep counting."""
        with self._lock:
            self._settings = settings
            self._rng = random.Random(settings.seed)

    def reset(self) -> None:
        """Zero the counters and restart the generator; the settings stay."""
        with self._lock:
            self._rng = random.Random(self._settings.seed)
            self._injected = dict.fromkeys(FAULT_KINDS, 0)

    def draw(self) -> tuple[Fault | None, FaultSettings]:
        """The fault for the request arriving now (None: serve it normally), and the settings it was drawn
        under. Exactly one draw per request while any probability is set, so sequences replay exactly.
        The caller counts the fault with :meth:`record` when it applies it."""
        with self._lock:
            settings = self._settings
            if not (settings.p429 or settings.p500 or settings.lost):
                return None, settings
            roll = self._rng.random()
            fault: Fault | None = None
            if roll < settings.p429:
                fault = "429"
            elif roll < settings.p429 + settings.p500:
                fault = "500"
            elif roll < settings.p429 + settings.p500 + settings.lost:
                fault = "lost"
            return fault, settings

    def record(self, fault: Fault) -> None:
        """Count one applied fault of kind ``fault``."""
        with self._lock:
            self._injected[fault] += 1

    def snapshot(self) -> dict[str, Any]:
        """The settings and the injected counts per kind, as ``GET /_emulator/faults`` answers."""
        with self._lock:
            return {"settings": self._settings.to_json(), "injected": dict(self._injected)}
