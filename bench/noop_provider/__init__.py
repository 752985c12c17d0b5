"""A do-nothing dynamic provider: the engine floor of the benchmark.

It lives in an importable package (``bench/`` goes on ``PYTHONPATH``), so the engine pickles it by reference
exactly like ``pulumi_flex``'s providers, and the provider process unpickles it by importing this module.
Every method returns at once with plausible results built from the inputs: no HTTP, no validation.
"""

from __future__ import annotations

import itertools
import os
import time
from typing import Any

import pulumi
import pulumi.dynamic
from pulumi.dynamic import (
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

_ids = itertools.count(1)
_OUTPUTS = ("sid", "account_sid", "url", "date_created", "date_updated")
_STAMP = "2025-01-01T00:00:00Z"
_settings = {"sleep_s": 0.0}  # process-wide, like pulumi_flex's runtime: the provider has no state


def _sid() -> str:
    return f"NO{os.getpid():08x}{next(_ids):024x}"


class NoopProvider(ResourceProvider):
    """Returns the inputs as outputs, plus a SID and the fields a Flex record would add."""

    serialize_as_secret_always = False  # as pulumi_flex's providers: the pickle is plain state

    def configure(self, req: ConfigureRequest) -> None:
        """``bench:sleepMs``: make each create take that long, like a remote call (the latency scenario)."""
        sleep_ms = req.config.get("bench:sleepMs")
        _settings["sleep_s"] = float(sleep_ms) / 1000 if sleep_ms else 0.0

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = any(olds.get(key) != value for key, value in news.items() if key not in _OUTPUTS)
        return DiffResult(changes=changed, replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        if _settings["sleep_s"]:
            time.sleep(_settings["sleep_s"])
        sid = _sid()
        return CreateResult(sid, _outputs(sid, props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, props)

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(_outputs(id_, news))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


def _outputs(sid: str, props: dict[str, Any]) -> dict[str, Any]:
    return {
        **props,
        "sid": sid,
        "account_sid": "AC" + "0" * 32,
        "url": f"https://flex-api.example.com/v1/Noop/{sid}",
        "date_created": _STAMP,
        "date_updated": _STAMP,
    }


class Noop(pulumi.dynamic.Resource, module="noop", name="Noop"):
    """A resource with any inputs, served by :class:`NoopProvider`."""

    sid: pulumi.Output[str]

    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **inputs: Any) -> None:
        props: dict[str, Any] = dict.fromkeys(_OUTPUTS)
        props.update(inputs)
        super().__init__(NoopProvider(), resource_name, props, opts)
