"""What a provider tells the user besides errors. Dynamic providers have no warning channel, but
the engine shows what the provider process writes to stderr beside the resource's output."""

from __future__ import annotations

import sys


def notice(message: str, *, level: str = "warning") -> None:
    """One line for the user, such as ``warning: …`` or ``note: …``."""
    print(f"{level}: {message}", file=sys.stderr, flush=True)
