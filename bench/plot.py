"""``wall_time.png``: wall time against N per operation, ours and both floors; plus the concurrency runs."""

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
        ax.plot(sizes, [r["http_floor"]["wall_s"] for r in rows], "^:", label="HTTP floor (httpx, 16 thr)")
        ax.set_title(f"{operation}")
        ax.set_xlabel("N FlexFlows")
        ax.set_ylabel("wall time (s)")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    _concurrency_panel(axes.flat[5], results.get("concurrency"))
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


def _concurrency_panel(ax: Any, data: Mapping[str, Any] | None) -> None:
    """`up` and `destroy` of the largest N with latency: ours at 16 and 4, the no-op floors, the bounds."""
    cases = (data or {}).get("cases") or []
    if not cases:
        ax.axis("off")
        ax.text(0.5, 0.5, "concurrency scenario not run", ha="center", va="center")
        return
    n = max(c["objects"] for c in cases)
    cases = sorted((c for c in cases if c["objects"] == n), key=lambda c: not c["checkpoints"])
    variants = {"ours_16": "ours @16", "ours_4": "ours @4", "noop_4": "no-op @4", "noop_16": "no-op @16"}
    groups = [(c, op) for c in cases for op in ("up", "destroy")]
    width = 0.8 / len(variants)
    tallest = 0.0
    for k, (variant, label) in enumerate(variants.items()):
        xs = [g + (k - 1.5) * width for g in range(len(groups))]
        walls = [c["runs"][variant][op]["wall_s"] for c, op in groups]
        tallest = max(tallest, *walls)
        ax.bar(xs, walls, width, label=label)
    ax.set_ylim(0, tallest * 1.45)  # room for the legend above the bars
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels([f"{op}\n{'ckpt' if c['checkpoints'] else 'no ckpt'}" for c, op in groups], fontsize=8)
    for ways, style in zip(("4", "10", "16"), (":", "--", "-."), strict=True):
        ax.axhline(cases[0]["bounds_s"][ways], color="k", ls=style, lw=1, label=f"N x lat ÷ {ways}")
    ax.set_title(f"{n} FlexFlows, {cases[0]['latency_ms']} ms per call")
    ax.set_ylabel("wall time (s)")
    ax.legend(fontsize=7, ncol=3, loc="upper center")
