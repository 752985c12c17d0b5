"""The import time ``pulumi_flex`` adds to the dynamic provider process, with ``python -X importtime``.

The provider process runs ``python -u -m pulumi.dynamic``, so ``pulumi.dynamic`` is always loaded; then it
unpickles our provider class, which imports its module (``pulumi_flex.resources.flex_flow`` for a FlexFlow).
We time three programs, each ``runs`` times in a fresh interpreter, and keep the minimum of each:

* ``base``: ``import pulumi.dynamic``;
* ``provider``: ``import pulumi.dynamic; import pulumi_flex.resources.flex_flow``;
* ``first_call``: the same, plus ``import pulumi_flex.client.flex_client``, which the provider loads lazily at
  its first API call (httpx, tenacity).

The added time is ``min(provider) - min(base)``, where a run's total is the sum of every module's self time.
The top contributors come from the fastest ``provider`` run: the modules imported after ``pulumi.dynamic``.

The programs run with a warm bytecode cache (``env``: ``PYTHONPYCACHEPREFIX`` set, bytecode writing on), as on
a user's machine, where pip or the first import leaves ``.pyc`` files. The same figures are also taken in the
inherited environment (``as_inherited``): where ``PYTHONDONTWRITEBYTECODE=1`` and the package has no
``__pycache__`` (an editable install in such a sandbox), every provider process compiles ``pulumi_flex`` from
source.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BASE = "import pulumi.dynamic"
PROVIDER = "import pulumi.dynamic; import pulumi_flex.resources.flex_flow"
FIRST_CALL = PROVIDER + "; import pulumi_flex.client.flex_client"
TOP = 15


@dataclass(frozen=True)
class Entry:
    self_us: int
    cumulative_us: int
    name: str
    depth: int


def parse(stderr: str) -> list[Entry]:
    """The ``import time:`` lines of ``-X importtime`` (children come before their parent)."""
    entries = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|", 2)
        stripped = name.lstrip(" ")
        entries.append(
            Entry(int(self_us), int(cumulative_us), stripped.strip(), (len(name) - len(stripped)) // 2)
        )
    return entries


def run_once(code: str, env: Mapping[str, str] | None = None) -> list[Entry]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=None if env is None else dict(env),
    )
    return parse(result.stderr)


def total_us(entries: list[Entry]) -> int:
    return sum(entry.self_us for entry in entries)


def after_base(entries: list[Entry]) -> list[Entry]:
    """The modules the second statement imported: everything after the top-level ``pulumi.dynamic`` entry."""
    last = max(i for i, entry in enumerate(entries) if entry.depth == 0 and entry.name == "pulumi.dynamic")
    return entries[last + 1 :]


def measure(runs: int = 10, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The figures with a warm bytecode cache (``env``), and the same in the inherited environment."""
    for code in (BASE, PROVIDER, FIRST_CALL):  # warm the cache: the first run compiles and writes .pyc
        run_once(code, env)
    result = _measure(runs, env)
    inherited = _measure(runs, None)
    spec = importlib.util.find_spec("pulumi_flex")
    origin = spec.origin if spec is not None else None
    result["as_inherited"] = {
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE"),
        "pulumi_flex_pyc_present": bool(origin)
        and Path(importlib.util.cache_from_source(str(origin))).exists(),
        **{key: inherited[key] for key in ("base_ms", "provider_ms", "added_ms", "first_call_added_ms")},
    }
    return result


def _measure(runs: int, env: Mapping[str, str] | None) -> dict[str, Any]:
    samples: dict[str, list[list[Entry]]] = {"base": [], "provider": [], "first_call": []}
    for _ in range(runs):  # interleaved, so drift in machine load hits all three alike
        samples["base"].append(run_once(BASE, env))
        samples["provider"].append(run_once(PROVIDER, env))
        samples["first_call"].append(run_once(FIRST_CALL, env))
    best = {name: min(runs_, key=total_us) for name, runs_ in samples.items()}
    ms = {name: total_us(entries) / 1000 for name, entries in best.items()}
    added = after_base(best["provider"])
    by_package: dict[str, int] = defaultdict(int)
    for entry in added:
        by_package[entry.name.split(".", 1)[0]] += entry.self_us
    return {
        "runs": runs,
        "method": "python -X importtime, sum of self times, minimum over runs, warm bytecode cache",
        "base_ms": round(ms["base"], 1),
        "provider_ms": round(ms["provider"], 1),
        "first_call_ms": round(ms["first_call"], 1),
        "added_ms": round(ms["provider"] - ms["base"], 1),
        "added_in_process_ms": round(min(total_us(after_base(e)) for e in samples["provider"]) / 1000, 1),
        "first_call_added_ms": round(ms["first_call"] - ms["provider"], 1),
        "modules_added": len(added),
        "top_modules": [
            {
                "module": e.name,
                "self_ms": round(e.self_us / 1000, 2),
                "cumulative_ms": round(e.cumulative_us / 1000, 2),
            }
            for e in sorted(added, key=lambda e: e.self_us, reverse=True)[:TOP]
        ],
        "by_package": {
            name: round(us / 1000, 1)
            for name, us in sorted(by_package.items(), key=lambda kv: kv[1], reverse=True)
        },
    }
