"""Drive the real `pulumi` CLI, fully offline, in throwaway projects.

Every invocation gets a file backend, a passphrase secrets provider, its own PULUMI_HOME,
no update check and no plugin acquisition, so nothing ever reaches the Pulumi Cloud.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "pulumi-flex-tests"

# Variables that switch the CLI into "agent mode" or point it at a cloud backend.
_SCRUBBED = ("PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL", "CLAUDECODE", "AI_AGENT", "CODEX_SANDBOX")


def pulumi_bin_dir() -> Path:
    """The bin dir holding pulumi and the Python host: $PULUMI_FLEX_BIN, else build or reuse the cache."""
    explicit = os.environ.get("PULUMI_FLEX_BIN")
    if explicit:
        return Path(explicit)
    out = subprocess.run(
        ["bash", str(REPO / "scripts" / "install-pulumi.sh")], check=True, capture_output=True, text=True
    )
    return Path(out.stdout.strip().splitlines()[-1])


def offline_env(bin_dir: Path, home: Path, backend: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        PULUMI_HOME=str(home),
        PULUMI_BACKEND_URL=backend.as_uri(),
        PULUMI_CONFIG_PASSPHRASE=PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK="true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
        PULUMI_SKIP_CONFIRMATIONS="true",
        PULUMI_PYTHON_CMD=sys.executable,
        PYTHONUNBUFFERED="1",
    )
    # Tests pass credentials through stack config; the environment must not leak a fallback.
    for name in (
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_API_KEY",
        "TWILIO_API_SECRET",
        "FLEX_BASE_URL",
    ):
        env.pop(name, None)
    return env


class PulumiError(AssertionError):
    pass


@dataclass
class PulumiProject:
    """A Pulumi Python project in ``directory`` with one stack, driven through the real CLI."""

    directory: Path
    env: dict[str, str]
    stack: str = "test"
    history: list[subprocess.CompletedProcess[str]] = field(default_factory=list)

    @classmethod
    def create(
        cls, directory: Path, env: dict[str, str], program: str, name: str = "flex-test"
    ) -> PulumiProject:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "Pulumi.yaml").write_text(
            f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
        )
        project = cls(directory, env)
        project.write_program(program)
        project.run("stack", "init", project.stack)
        return project

    @classmethod
    def from_example(cls, example: Path, directory: Path, env: dict[str, str]) -> PulumiProject:
        """A copy of an example program, run with this interpreter."""
        directory.mkdir(parents=True, exist_ok=True)
        for source in example.glob("*.py"):
            (directory / source.name).write_text(source.read_text())
        # Keep the example's project name: stack references name projects.
        name = re.search(r"^name:\s*(\S+)", (example / "Pulumi.yaml").read_text(), re.M).group(1)  # type: ignore[union-attr]
        (directory / "Pulumi.yaml").write_text(
            f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
        )
        project = cls(directory, env)
        project.run("stack", "init", project.stack)
        return project

    def write_program(self, program: str) -> None:
        (self.directory / "__main__.py").write_text(textwrap.dedent(program))

    def run(self, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        # `stack init` selects the stack for this project directory, so later commands need no --stack.
        cmd = ["pulumi", *args, "--non-interactive"]
        result = subprocess.run(
            cmd, cwd=self.directory, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        self.history.append(result)
        if check and result.returncode != 0:
            raise PulumiError(
                f"`{' '.join(cmd)}` exited {result.returncode}\n"
                f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
            )
        return result

    def config(self, key: str, value: str, *, secret: bool = False) -> None:
        self.run("config", "set", key, value, *(["--secret"] if secret else []))

    def up(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return self.run("up", "--yes", "--skip-preview", *extra)

    def preview(self, *extra: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("preview", *extra, check=check)

    def refresh(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return self.run("refresh", "--yes", "--skip-preview", *extra)

    def destroy(self) -> subprocess.CompletedProcess[str]:
        return self.run("destroy", "--yes", "--skip-preview")

    def outputs(self, *, show_secrets: bool = False) -> dict[str, Any]:
        args = ["stack", "output", "--json"] + (["--show-secrets"] if show_secrets else [])
        return json.loads(self.run(*args).stdout)  # type: ignore[no-any-return]

    def export(self, *, show_secrets: bool = False) -> dict[str, Any]:
        args = ["stack", "export"] + (["--show-secrets"] if show_secrets else [])
        return json.loads(self.run(*args).stdout)  # type: ignore[no-any-return]

    def resources(self, type_suffix: str) -> list[dict[str, Any]]:
        """The stack's resources whose type ends with ``type_suffix`` (e.g. ``:FlexFlow``)."""
        deployment = self.export()["deployment"]
        return [r for r in deployment.get("resources", []) if r["type"].endswith(type_suffix)]
