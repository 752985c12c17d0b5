"""Let the Python dynamic provider host serve more than 4 calls at once.

Pulumi's host (``python -m pulumi.dynamic``) serves every call of every dynamic resource on one
``ThreadPoolExecutor(max_workers=4)``, so against a real API (100-200 ms a call) it, not the
engine, sets the pace. Nothing in the SDK configures that pool. This module raises the pool's
worker limit in place, once per process, at the first ``configure``:

- only in the host it recognizes: ``__main__`` is ``pulumi.dynamic.__main__`` of a pulumi 3.x SDK
  whose server is built on ``futures.ThreadPoolExecutor(max_workers=4)``;
- only on the executor whose worker is running the call (the gRPC server's pool), found among
  live ``ThreadPoolExecutor`` objects, and only through the attributes CPython's executor has
  used since 3.8 (``_max_workers``, ``_threads``, ``_idle_semaphore``, ``_adjust_thread_count``):
  the limit is raised and the extra workers are started at once, since calls already queued
  would otherwise wait for the first 4;
- anything unexpected leaves the host at 4 calls, writes one note to stderr (the engine shows
  it) and never fails the deployment.

The setting: ``flex:maxConcurrency`` in the stack config, else ``PULUMI_FLEX_MAX_CONCURRENCY``,
else 16. Values below 4 are not applied (the host already serves 4).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata

from .notices import notice

DEFAULT_CONCURRENCY = 16
HOST_CONCURRENCY = 4
CONFIG_KEY = "flex:maxConcurrency"
ENV_VAR = "PULUMI_FLEX_MAX_CONCURRENCY"
HOST_MODULE = "pulumi.dynamic.__main__"
HOST_POOL = "futures.ThreadPoolExecutor(max_workers=4)"

_lock = threading.Lock()
_widened: int | None = None  # the applied limit, once decided


class HostNotWidened(Exception):
    """The host could not be recognized or widened; the message says why. ``quiet``: not in the
    provider host at all (a test, a script), so there is nothing to say."""

    def __init__(self, why: str, *, quiet: bool = False) -> None:
        super().__init__(why)
        self.quiet = quiet


def requested(config_value: str | None) -> int:
    """The concurrency the user asked for (config, then environment, then the default)."""
    raw = config_value or os.environ.get(ENV_VAR)
    if not raw:
        return DEFAULT_CONCURRENCY
    try:
        value = int(raw)
    except ValueError:
        note(f"{CONFIG_KEY} / {ENV_VAR} must be a whole number, got {raw!r}; using {DEFAULT_CONCURRENCY}")
        return DEFAULT_CONCURRENCY
    return max(1, value)


def host_executor() -> ThreadPoolExecutor:
    """The recognized host's gRPC thread pool, running this call; raises ``HostNotWidened``."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is None or spec.name != HOST_MODULE:
        raise HostNotWidened("not running in pulumi's Python dynamic provider host", quiet=True)
    version = metadata.version("pulumi")
    if not version.startswith("3."):
        raise HostNotWidened(f"pulumi {version} is not a supported SDK (3.x)")
    source_file = getattr(main, "__file__", None)
    if source_file is None:
        raise HostNotWidened("the host's source cannot be read")
    with open(source_file, encoding="utf-8") as file:
        if HOST_POOL not in file.read():
            raise HostNotWidened(f"pulumi {version}'s host does not build its server on {HOST_POOL}")
    me = threading.current_thread()
    found = [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, ThreadPoolExecutor) and me in getattr(obj, "_threads", ())
    ]
    if len(found) != 1 or not isinstance(getattr(found[0], "_max_workers", None), int):
        raise HostNotWidened("the host's thread pool was not found")
    return found[0]


def widen(config_value: str | None) -> int:
    """Apply the requested concurrency to the host once; returns the calls it now serves at once."""
    global _widened
    with _lock:
        if _widened is not None:
            return _widened
        target = requested(config_value)
        _widened = HOST_CONCURRENCY
        if target <= HOST_CONCURRENCY:
            return _widened
        try:
            executor = host_executor()
        except HostNotWidened as why:
            if not why.quiet:
                note(f"pulumi-flex serves {HOST_CONCURRENCY} calls at once: {why}")
            return _widened
        except Exception as exc:  # never fail a deployment over this
            note(f"pulumi-flex serves {HOST_CONCURRENCY} calls at once: {exc!r}")
            return _widened
        executor._max_workers = max(executor._max_workers, target)
        start_workers(executor)
        _widened = executor._max_workers
        return _widened


def start_workers(executor: ThreadPoolExecutor) -> None:
    """Start the pool's new workers now. The pool starts a thread only when a call is submitted and
    no worker is idle, but the gRPC server may have queued every call already (a destroy sends them
    all at once), and no submission would come to start them. The idle count is reset to none, so
    each ``_adjust_thread_count`` starts one worker; each worker counts itself idle again when it
    has nothing to do, as CPython's pool expects."""
    if not hasattr(executor, "_idle_semaphore") or not hasattr(executor, "_adjust_thread_count"):
        return  # the pool starts workers as calls come, as before
    while len(executor._threads) < executor._max_workers:
        started = len(executor._threads)
        executor._idle_semaphore = threading.Semaphore(0)
        executor._adjust_thread_count()
        if len(executor._threads) == started:
            return


def applied() -> int:
    """The calls the host serves at once, as decided by ``widen`` (4 before it ran)."""
    return _widened or HOST_CONCURRENCY


def note(message: str) -> None:
    """One ``note:`` line the engine shows with the resource's output."""
    notice(message, level="note")


def reset_for_tests() -> None:
    """Forget the decision (tests widen more than once per process)."""
    global _widened
    with _lock:
        _widened = None
