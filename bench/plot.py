"""``wall_time.png``: wall time against N per operation, ours and both floors; plus the latency scenario."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.targets import OPERATIONS


def plot(results: Mapping[str, Any], path: Path) -> bool:
    """Write the figure; False (nothing written) when matplotlib is missing or there is nothing to plot."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    flows = sorted((s for s in results.get("stacks", []) if s["kind"] == "flows"), key=lambda s: s["objects"])
    if not flows:
        return False
    sizes = [s["objects"] for s in flows]
    fig, axes = plt.subplots(2, 3, figsize=(15, 8.5))
    for ax, operation in zip(axes.flat, OPERATIONS, strict=False):
        rows = [s["operations"][operation] for s in flows]
        ax.plot(sizes, [r["ours"]["wall_s"] for r in rows], "o-", label="ours (pulumi_flex)")
        ax.plot(
            sizes, [r["engine_floor"]["wall_s"] for r in rows], "s--", label="engine floor (no-op provider)"
        )
        ax.plot(sizes, [r["http_floor"]["wall_s"] for r in rows], "^:", label="HTTP floor (httpx, 4 threads)")
        ax.set_title(f"{operation}")
        ax.set_xlabel("N FlexFlows")
        ax.set_ylabel("wall time (s)")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    _latency_panel(axes.flat[5], results.get("latency"))
    machine = results.get("machine", {})
    fig.suptitle(
        f"pulumi-flex against the emulator: wall time by operation "
        f"({machine.get('nproc')} cores, {machine.get('cpu_model')}, pulumi {machine.get('pulumi_cli')})",
        fontsize=11,
    )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def _latency_panel(ax: Any, latency: Mapping[str, Any] | None) -> None:
    if not latency:
        ax.axis("off")
        ax.text(0.5, 0.5, "latency scenario not run", ha="center", va="center")
        return
    ms = latency["latency_ms"]
    bars = {
        "ours": latency["ours"]["wall_s"],
        "engine\nfloor": latency["engine_floor"]["wall_s"],
        f"no-op +\n{ms} ms": latency["engine_floor_sleep"]["wall_s"],
        "HTTP\n4 thr": latency["http_floor_4_threads"]["wall_s"],
        "HTTP\n64 thr": latency["http_floor_64_threads"]["wall_s"],
    }
    ax.bar(list(bars), list(bars.values()), color=["C0", "C1", "C1", "C2", "C2"])
    ax.axhline(latency["ideal_4_concurrent_s"], color="k", ls="--", lw=1, label=f"N x {ms} ms ÷ 4")
    ax.set_title(f"up of {latency['objects']} FlexFlows, {ms} ms latency")
    ax.set_ylabel("wall time (s)")
    ax.legend(fontsize=8)
