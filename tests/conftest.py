"""Shared fixtures: one real emulator process per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.emulator import EmulatorProcess


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorProcess]:
    """The session's emulator subprocess, stopped by PID (and checked for exit code 0) at the end."""
    with EmulatorProcess(tmp_path_factory.mktemp("emulator") / "data") as process:
        yield process


@pytest.fixture
def flex(emulator: EmulatorProcess) -> EmulatorProcess:
    """The session's emulator with empty state and zeroed stats."""
    emulator.reset()
    return emulator
