"""Fixtures for end-to-end tests: the real pulumi CLI, offline, against the real emulator."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject, offline_env, pulumi_bin_dir

ProjectFactory = Callable[[str], PulumiProject]


@pytest.fixture(scope="session")
def pulumi_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("pulumi")
    (root / "state").mkdir()
    return offline_env(pulumi_bin_dir(), root / "home", root / "state")


@pytest.fixture
def project(tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess) -> Iterator[ProjectFactory]:
    """Make a project whose stack points at the emulator, with the token as a secret."""

    def make(program: str) -> PulumiProject:
        state = tmp_path / "state"
        state.mkdir()
        env = {**pulumi_env, "PULUMI_BACKEND_URL": f"file://{state}"}  # each test its own backend
        created = PulumiProject.create(tmp_path / "project", env, program)
        created.config("flex:baseUrl", flex.base_url)
        created.config("flex:accountSid", flex.account_sid)
        created.config("flex:authToken", flex.auth_token, secret=True)
        return created

    yield make
