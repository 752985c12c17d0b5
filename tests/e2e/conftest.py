"""Fixtures for end-to-end tests: the real pulumi CLI, offline, against the real emulator."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import REPO, PulumiProject, offline_env, pulumi_bin_dir

ProjectFactory = Callable[[str], PulumiProject]
ExampleFactory = Callable[[str], PulumiProject]


@pytest.fixture(scope="session")
def pulumi_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("pulumi")
    (root / "state").mkdir()
    return offline_env(pulumi_bin_dir(), root / "home", root / "state")


@pytest.fixture
def project(tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess) -> Iterator[ProjectFactory]:
    """Make a project whose stack points at the emulator, with the token as a secret."""

    def make(program: str) -> PulumiProject:
        return point_at_emulator(
            PulumiProject.create(tmp_path / "project", isolated(pulumi_env, tmp_path), program), flex
        )

    yield make


@pytest.fixture
def example(tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess) -> Iterator[ExampleFactory]:
    """Make a project from ``examples/<name>``, pointed at the emulator."""

    def make(name: str) -> PulumiProject:
        env = isolated(pulumi_env, tmp_path)
        return point_at_emulator(
            PulumiProject.from_example(REPO / "examples" / name, tmp_path / name, env), flex
        )

    yield make


def isolated(pulumi_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """Each test gets its own file backend, so stack names never collide."""
    state = tmp_path / "state"
    state.mkdir(exist_ok=True)
    return {**pulumi_env, "PULUMI_BACKEND_URL": f"file://{state}"}


def point_at_emulator(project: PulumiProject, flex: EmulatorProcess) -> PulumiProject:
    project.config("flex:baseUrl", flex.base_url)
    project.config("flex:accountSid", flex.account_sid)
    project.config("flex:authToken", flex.auth_token, secret=True)
    return project
