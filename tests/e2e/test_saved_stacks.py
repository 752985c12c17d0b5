"""Stacks saved by an earlier pulumi-flex keep working with this one.

The engine stores each resource's provider as a pickled class reference (module path and class
name). A stack created by the code at ``BASELINE`` (the commit before the spec registry and the
generated API) must refresh, preview with no changes, update and destroy with today's code.
"""

from __future__ import annotations

import base64
import subprocess
import tarfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ProjectFactory
from tests.e2e.test_every_object import PROGRAM, SETTINGS, configure, get
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import REPO

pytestmark = pytest.mark.e2e

BASELINE = "2bcb342"  # the last commit before "One declaration per object"


def baseline_package(into: Path) -> Path:
    """``pulumi_flex`` as it was at ``BASELINE``, extracted into ``into``; skipped without the history."""
    found = subprocess.run(
        ["git", "cat-file", "-e", f"{BASELINE}^{{commit}}"], cwd=REPO, capture_output=True, check=False
    )
    if found.returncode != 0:
        pytest.skip(f"this checkout lacks commit {BASELINE} (a shallow clone?)")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", BASELINE, "pulumi_flex"], cwd=REPO, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def provider_references(resources: list[dict[str, Any]]) -> set[str]:
    """The module paths of the pickled providers stored in state."""
    found = set()
    for resource in resources:
        pickled = (resource.get("outputs") or {}).get("__provider")
        if isinstance(pickled, str):
            text = base64.b64decode(pickled).decode("latin-1")
            found |= {part for part in text.split("\x00") if "pulumi_flex." in part}
            found |= {w for w in text.replace("\x8c", " ").split() if w.startswith("pulumi_flex.")}
    return found


def test_a_stack_made_by_the_previous_release_refreshes_updates_and_destroys(
    project: ProjectFactory, flex: EmulatorProcess, tmp_path: Path
) -> None:
    old = baseline_package(tmp_path / "baseline")
    http = flex.client()
    answer_set_id = get(http, "/v1/Insights/QualityManagement/Settings/AnswerSets")["answer_sets"][0]["id"]
    stack = project(PROGRAM)
    configure(stack, answerSetId=answer_set_id, **SETTINGS)

    # The old code creates the stack: PYTHONPATH puts its pulumi_flex before the installed one,
    # for the program and for the provider process alike.
    current_env = dict(stack.env)
    stack.env = {**current_env, "PYTHONPATH": str(old)}
    probe = subprocess.run(
        ["python", "-c", "import pulumi_flex, sys; print(pulumi_flex.__file__)"],
        env={**stack.env, "PATH": current_env["PATH"]},
        cwd=stack.directory,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(old)), probe.stdout
    stack.up()
    created = {r["urn"] for r in stack.export()["deployment"]["resources"]}
    stored = provider_references(stack.export(show_secrets=True)["deployment"]["resources"])
    assert "pulumi_flex.resources.flex_flow" in " ".join(stored), stored

    # Today's code takes over the same state.
    stack.env = current_env
    stack.refresh("--run-program")
    stack.preview("--expect-no-changes")
    stack.config("flowName", "Web flow (renamed)")
    stack.config("pluginName", "E2E plugin (renamed)")
    result = stack.up()
    assert "2 updated" in result.stdout, result.stdout
    assert {r["urn"] for r in stack.export()["deployment"]["resources"]} == created  # nothing replaced
    stack.preview("--expect-no-changes")
    stack.destroy()
    assert get(http, "/v1/FlexFlows")["flex_flows"] == []
    assert stack.export()["deployment"].get("resources") in (None, [])
