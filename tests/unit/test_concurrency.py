"""The adaptive limit on requests in flight, and widening the provider host's thread pool."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
import types
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pulumi_flex.client.limiter import AdaptiveLimit
from pulumi_flex.provider import host


def test_no_more_requests_in_flight_than_the_limit() -> None:
    limit = AdaptiveLimit(3)
    in_flight, peak, lock = 0, 0, threading.Lock()

    def call() -> None:
        nonlocal in_flight, peak
        with limit:
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            time.sleep(0.01)
            with lock:
                in_flight -= 1

    threads = [threading.Thread(target=call) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert peak == 3


def test_429s_halve_the_limit_once_per_cooldown_and_successes_grow_it_back() -> None:
    limit = AdaptiveLimit(16, cooldown=0.05)
    limit.throttled()
    limit.throttled()  # the same burst: counted once
    assert limit.limit == 8
    time.sleep(0.06)
    limit.throttled()
    assert limit.limit == 4
    for _ in range(200):
        limit.succeeded()
    assert limit.limit == 16  # additive increase, never past the ceiling
    for _ in range(20):
        time.sleep(0.06)
        limit.throttled()
    assert limit.limit == 1  # never below the floor


@pytest.fixture
def fake_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``__main__`` posing as pulumi's dynamic provider host, whose source is ``tmp_path/host.py``."""
    source = tmp_path / "host.py"
    main = types.ModuleType("__main__")
    main.__spec__ = importlib.util.spec_from_loader(host.HOST_MODULE, loader=None)
    main.__file__ = str(source)
    monkeypatch.setitem(sys.modules, "__main__", main)
    host.reset_for_tests()
    yield source
    host.reset_for_tests()


def widen_in_a_pool(setting: str | None) -> tuple[int, int]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        applied = pool.submit(host.widen, setting).result(timeout=10)
        # The extra workers start at once: calls queued before the widening need no new submission.
        assert len(pool._threads) == pool._max_workers or pool._max_workers == 4
        return applied, pool._max_workers


def test_calls_queued_before_the_widening_run_at_the_new_width(fake_host: Path) -> None:
    fake_host.write_text(f"server = grpc.server({host.HOST_POOL})\n")
    release, running, lock = threading.Event(), [0], threading.Lock()

    def call() -> None:
        with lock:
            running[0] += 1
        release.wait(timeout=10)

    ready = threading.Event()

    def widen_when_queued() -> int:
        ready.wait(timeout=10)
        return host.widen(None)

    with ThreadPoolExecutor(max_workers=4) as pool:
        blockers = [pool.submit(call) for _ in range(3)]
        widening = pool.submit(widen_when_queued)  # the 4th worker, as the first call of the host
        queued = [pool.submit(call) for _ in range(12)]  # all submitted while the pool serves 4
        ready.set()
        assert widening.result(timeout=10) == 16
        deadline = time.monotonic() + 5
        while running[0] < 15 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert running[0] == 15  # every queued call runs now, not 4 at a time
        release.set()
        for future in blockers + queued:
            future.result(timeout=10)


def test_the_recognized_host_is_widened_to_the_setting(fake_host: Path) -> None:
    fake_host.write_text(f"server = grpc.server({host.HOST_POOL})\n")
    assert widen_in_a_pool(None) == (16, 16)
    host.reset_for_tests()
    assert widen_in_a_pool("24") == (24, 24)


def test_an_unrecognized_host_stays_at_4_and_says_so(
    fake_host: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_host.write_text("server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))\n")
    assert widen_in_a_pool(None) == (4, 4)
    assert "serves 4 calls at once" in capsys.readouterr().err


def test_a_setting_of_4_or_less_changes_nothing(fake_host: Path) -> None:
    fake_host.write_text(f"server = grpc.server({host.HOST_POOL})\n")
    assert widen_in_a_pool("2") == (4, 4)


def test_outside_the_host_nothing_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    host.reset_for_tests()
    assert widen_in_a_pool(None) == (4, 4)
    assert capsys.readouterr().err == ""
    host.reset_for_tests()


def test_the_installed_sdk_builds_its_host_the_way_widening_expects() -> None:
    # Pins the supported SDK: a pulumi release that changes its host fails here, not in a user's up.
    spec = importlib.util.find_spec(host.HOST_MODULE)
    assert spec is not None and spec.origin is not None
    assert host.HOST_POOL in Path(spec.origin).read_text()
