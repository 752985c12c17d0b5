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
    """The session's emulator with empty state, zeroed stats and no injected faults.

    A reset keeps fault settings by design, so they are switched off here too: a test that failed with
    faults on must not leave them on for the next one.
    """
    emulator.set_faults()
    emulator.reset()
    return emulator
