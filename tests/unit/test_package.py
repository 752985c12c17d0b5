"""The package's public surface and what importing it costs."""

from __future__ import annotations

import subprocess
import sys

import pulumi_flex


def test_every_exported_name_resolves() -> None:
    for name in pulumi_flex.__all__:
        assert getattr(pulumi_flex, name) is not None, name


def test_the_provider_import_path_loads_no_http_client_or_emulator() -> None:
    # What the provider process imports to unpickle a provider: httpx and tenacity wait for the
    # first API call, and the emulator's ASGI stack is never loaded.
    code = (
        "import sys, pulumi.dynamic, pulumi_flex.resources.flex_flow;"
        "print(sorted(m for m in ('httpx', 'tenacity', 'starlette', 'uvicorn') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "[]"
