"""A do-nothing dynamic provider: the engine floor of the benchmark.

It lives in an importable package (``bench/`` goes on ``PYTHONPATH``), so the engine pickles it by reference
exactly like ``pulumi_flex``'s providers, and the provider process unpickles it by importing this module.
Every method returns at once with plausible results built from the inputs: no HTTP, no validation.

Three stack settings turn it into the floor of the concurrency scenario (see ``configure``):
``bench:sleepMs`` (each call sleeps that long, like a remote call), ``bench:hostThreads`` (serve that many
calls at once instead of the host's 4) and ``bench:peakFile`` (write the most calls in flight at once there).
"""

from __future__ import annotations

import gc
import itertools
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
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
# Process-wide, like pulumi_flex's runtime: the provider has no state.
_settings: dict[str, Any] = {"sleep_s": 0.0, "peak_file": None}
_lock = threading.Lock()
_flight = {"now": 0, "peak": 0}


def _sid() -> str:
    return f"NO{os.getpid():08x}{next(_ids):024x}"


def _remote_call() -> None:
    """Stand in for one API call: sleep ``bench:sleepMs``, counting the calls in flight."""
    sleep_s = _settings["sleep_s"]
    if not sleep_s:
        return
    with _lock:
        _flight["now"] += 1
        if _flight["now"] > _flight["peak"]:
            _flight["peak"] = _flight["now"]
            if _settings["peak_file"]:
                Path(_settings["peak_file"]).write_text(str(_flight["peak"]))
    try:
        time.sleep(sleep_s)
    finally:
        with _lock:
            _flight["now"] -= 1


def _widen_host(threads: int) -> None:
    """Serve ``threads`` calls at once: raise the host's gRPC pool (the executor running this call) and start
    its threads now. Raising ``_max_workers`` alone does not do it while calls are queued: the executor's idle
    count is released after every call, so each new call takes that count instead of a new thread."""
    me = threading.current_thread()
    for executor in [o for o in gc.get_objects() if isinstance(o, ThreadPoolExecutor)]:
        if me not in getattr(executor, "_threads", ()):
            continue
        executor._max_workers = max(executor._max_workers, threads)
        while len(executor._threads) < executor._max_workers:
            while executor._idle_semaphore.acquire(timeout=0):
                pass
            executor._adjust_thread_count()


class NoopProvider(ResourceProvider):
    """Returns the inputs as outputs, plus a SID and the fields a Flex record would add."""

    serialize_as_secret_always = False  # as pulumi_flex's providers: the pickle is plain state

    def configure(self, req: ConfigureRequest) -> None:
        """``bench:sleepMs``: each create, read, update and delete takes that long, like a remote call;
        ``bench:hostThreads``: the host serves that many calls at once; ``bench:peakFile``: where to write
        the most sleeping calls at once."""
        sleep_ms = req.config.get("bench:sleepMs")
        _settings["sleep_s"] = float(sleep_ms) / 1000 if sleep_ms else 0.0
        _settings["peak_file"] = req.config.get("bench:peakFile") or None
        threads = req.config.get("bench:hostThreads")
        if threads:
            _widen_host(int(threads))

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = any(olds.get(key) != value for key, value in news.items() if key not in _OUTPUTS)
        return DiffResult(changes=changed, replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        _remote_call()
        sid = _sid()
        return CreateResult(sid, _outputs(sid, props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        _remote_call()
        return ReadResult(id_, props)

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        _remote_call()
        return UpdateResult(_outputs(id_, news))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        _remote_call()


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
