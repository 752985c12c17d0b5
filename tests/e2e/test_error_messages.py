"""Errors a user meets are short and say what to do: the resource's error block holds Twilio's
code and message and the fix, with no chained exceptions and no retry-library frames."""

from __future__ import annotations

import re
import time

import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject

pytestmark = pytest.mark.e2e

FLOW = """
import pulumi_flex as flex
flex.FlexFlow("flow", friendly_name="f", chat_service_sid="IS" + "1" * 32, channel_type="web")
"""


def error_block(output: str, resource: str) -> list[str]:
    """The lines the CLI prints under Diagnostics for ``resource`` (its type token's name)."""
    lines = output.splitlines()
    diagnostics = lines.index("Diagnostics:")
    start = next(
        i
        for i, line in enumerate(lines)
        if i > diagnostics and re.match(rf"\s+pulumi-python:dynamic/flex:{resource} \(", line)
    )
    indent = len(lines[start]) - len(lines[start].lstrip())
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line)
    while block and not block[-1].strip():
        block.pop()
    return block


def failed(stack: PulumiProject, *args: str) -> str:
    result = stack.run(*args, check=False)
    assert result.returncode != 0, result.stdout
    return result.stdout + result.stderr


def assert_short(block: list[str]) -> None:
    text = "\n".join(block)
    assert len(block) <= 12, text
    assert "During handling" not in text and "The above exception" not in text, text
    assert "tenacity" not in text and "pulumi_flex/client" not in text, text


def test_a_wrong_token_says_which_settings_and_run_program(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project(FLOW)
    stack.config("flex:authToken", "f" * 32, secret=True)
    output = failed(stack, "up", "--yes", "--skip-preview")
    block = error_block(output, "FlexFlow")
    assert_short(block)
    text = "\n".join(block)
    assert "20003" in text and "flex:authToken" in text and "--run-program" in text, text
    assert "f" * 32 not in output


def test_get_of_a_missing_object_fails_naming_kind_sid_and_account(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    missing = "FO" + "9" * 32
    stack = project(f'import pulumi_flex as flex\nflex.FlexFlow.get("m", "{missing}")\n')
    block = error_block(failed(stack, "up", "--yes", "--skip-preview"), "FlexFlow")
    assert_short(block)
    text = "\n".join(block)
    assert "FlexFlow" in text and missing in text and flex.account_sid in text, text


def test_recreating_a_destroyed_plugin_says_the_name_stays_taken(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project('import pulumi_flex as flex\nflex.Plugin("p", unique_name="taken-after-destroy")\n')
    stack.up()
    stack.destroy()
    block = error_block(failed(stack, "up", "--yes", "--skip-preview"), "Plugin")
    assert_short(block)
    text = "\n".join(block)
    assert "409" in text and "choose a new unique_name" in text and "archiv" in text, text


def test_a_refused_connection_fails_fast_naming_the_url(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project(FLOW)
    stack.config("flex:baseUrl", "http://127.0.0.1:9")
    started = time.monotonic()
    block = error_block(failed(stack, "up", "--yes", "--skip-preview"), "FlexFlow")
    elapsed = time.monotonic() - started
    assert elapsed < 15, elapsed
    assert_short(block)
    assert "http://127.0.0.1:9" in "\n".join(block)
