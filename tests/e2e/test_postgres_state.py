"""Team state: the stack's state in PostgreSQL through Pulumi's DIY backend (pulumi login postgres://)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import point_at_emulator
from tests.support.emulator import EmulatorProcess
from tests.support.postgres import PostgresServer
from tests.support.pulumi_cli import PulumiProject

pytestmark = pytest.mark.e2e

PROGRAM = """
import pulumi
import pulumi_flex as flex
flow = flex.FlexFlow(
    "flow", friendly_name="state in postgres", chat_service_sid="IS" + "4" * 32, channel_type="web"
)
pulumi.export("sid", flow.sid)
"""


def test_up_and_preview_with_state_in_postgres(
    tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess
) -> None:
    with PostgresServer() as postgres:
        env = {**pulumi_env, "PULUMI_BACKEND_URL": postgres.url}
        stack = point_at_emulator(PulumiProject.create(tmp_path / "project", env, PROGRAM), flex)
        stack.up()
        stack.preview("--expect-no-changes")
        keys = postgres.query("select key from pulumi_state order by key").split()
        assert any(key.endswith("/flex-test/test.json") for key in keys), keys
        sid = stack.outputs()["sid"]
        assert sid in postgres.query(
            "select convert_from(decode(data->>'data', 'base64'), 'UTF8') from pulumi_state"
        )
        assert flex.auth_token not in postgres.query("select data::text from pulumi_state")
        stack.destroy()
        assert postgres.pid is not None
    assert postgres.pid is None
