"""pytest plugin for ``make unit`` (``-p tests.inprocess.cover_scope``): coverage is measured
for the provider and its client only, so the emulator's own tests, which never run either in
this process (they drive the emulator subprocess over HTTP), run with coverage paused
(pytest-cov's ``no_cover``). The report is the same; the tracer's cost on their calls is saved.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
UNMEASURED = (TESTS / "emulator", TESTS / "fuzz")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.path.is_relative_to(folder) for folder in UNMEASURED):
            item.add_marker(pytest.mark.no_cover)
