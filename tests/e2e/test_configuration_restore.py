"""Destroying a Configuration restores a key's prior value only where the key still holds this
stack's value: a change made since by someone else (another stack, the console) is left alone."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ProjectFactory
from tests.e2e.test_every_object import get
from tests.support.emulator import EmulatorProcess

pytestmark = pytest.mark.e2e

PROGRAM = """
import pulumi_flex as flex
flex.Configuration("config", ui_language="fr", ui_version="~2.1.0")
"""


def test_destroy_leaves_keys_changed_since_and_restores_the_rest(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    http = flex.client()
    before = get(http, "/v1/Configuration")
    stack = project(PROGRAM)
    stack.up()
    # Someone else changes one of the managed keys after the stack wrote it.
    response = http.post("/v1/Configuration", json={"account_sid": flex.account_sid, "ui_language": "de"})
    assert response.status_code == 200, response.text

    result = stack.destroy()
    after = get(http, "/v1/Configuration")
    assert after["ui_language"] == "de"  # not ours any more: left as it is
    assert after["ui_version"] == before["ui_version"]  # still ours: restored
    assert "left ui_language as they are" in result.stdout + result.stderr
