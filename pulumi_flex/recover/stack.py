"""The Pulumi stack, through the ``pulumi`` CLI: its state, its config and what a preview plans.

``pulumi-flex recover`` runs in the project directory like any ``pulumi`` command, so the CLI
finds the backend, the stack and the secrets provider exactly as it does for the user.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # the engine's placeholder for a value not known yet


class StackError(Exception):
    """A ``pulumi`` command failed; the message says what to do."""


class StackLocked(StackError):
    """Another update holds the stack's lock (or a killed one left it behind)."""


@dataclass
class Stack:
    """The stack ``name`` (None: the selected one) of the project in ``cwd``."""

    name: str | None = None
    cwd: str | None = None

    def _run(self, *args: str, stdin: str | None = None) -> str:
        command = ["pulumi", *args, "--non-interactive"]
        if self.name:
            command += ["--stack", self.name]
        try:
            done = subprocess.run(
                command, cwd=self.cwd, input=stdin, capture_output=True, text=True, check=False, timeout=900
            )
        except FileNotFoundError:
            raise StackError("the pulumi CLI is not on PATH") from None
        if done.returncode != 0:
            text = (done.stderr or done.stdout).strip()
            if "locked" in text.lower():
                raise StackLocked(
                    "the stack is locked by another update, or by one that was killed: run `pulumi cancel` "
                    "(after making sure no update is running), then `pulumi-flex recover` again"
                )
            raise StackError(f"`pulumi {' '.join(args)}` failed: {text[-2000:]}")
        return done.stdout

    def export(self) -> Json:
        """The checkpoint (secrets stay encrypted)."""
        found: Json = json.loads(self._run("stack", "export"))
        return found

    def import_(self, checkpoint: Json) -> None:
        """Replace the checkpoint with ``checkpoint``."""
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump(checkpoint, file)
        try:
            self._run("stack", "import", "--file", file.name)
        finally:
            os.unlink(file.name)

    def config(self) -> dict[str, str]:
        """The stack's config values, secrets decrypted (``flex:authToken``…)."""
        raw = json.loads(self._run("config", "--json", "--show-secrets"))
        return {key: str(entry.get("value")) for key, entry in raw.items() if entry.get("value") is not None}

    def planned_creates(self) -> list[Json]:
        """The ``newState`` of every resource a ``pulumi preview`` would create, in program order."""
        steps = json.loads(self._run("preview", "--json")).get("steps", [])
        return [step["newState"] for step in steps if step.get("op") == "create" and "newState" in step]

    def last_update_started(self) -> float | None:
        """When the latest update started (epoch seconds), or None when there is no history."""
        history = json.loads(self._run("stack", "history", "--json", "--page-size", "1") or "[]")
        if not history:
            return None
        started = history[0].get("startTime")
        if isinstance(started, int | float):
            return float(started)
        return None
