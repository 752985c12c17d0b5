"""Command line of ``python -m bench`` (``make bench``, ``make bench-smoke``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bench import plot, report, runner, targets

DEFAULT_OUT = runner.REPO / "bench" / "results"
DOCS = runner.REPO / "docs" / "performance.md"
QUICK_SIZES = [10, 100]


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark pulumi-flex against the emulator with the real pulumi CLI: wall time, "
        "API calls "
        "and provider memory of up/preview/update/refresh/destroy, against an engine floor (no-op provider) "
        "and an HTTP floor (bare httpx).",
    )
    parser.add_argument(
        "--sizes", help="FlexFlow stack sizes, comma-separated (default 10,100,300; quick 10,100)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller: sizes 10,100, latency at N=100, 5 import-time runs"
    )
    parser.add_argument("--skip-mixed", action="store_true", help="no stack of every resource type")
    parser.add_argument(
        "--contact-center",
        type=int,
        default=10,
        metavar="SIZE",
        help="the contact-center stack's queues, Studio flows and address configurations, each (10; 0: none)",
    )
    parser.add_argument(
        "--skip-latency", action="store_true", help="no concurrency scenario (latency injected, 429 storm)"
    )
    parser.add_argument("--skip-storm", action="store_true", help="no 429 storm in the concurrency scenario")
    parser.add_argument("--skip-profile", action="store_true", help="no py-spy profile of the provider")
    parser.add_argument(
        "--skip-no-checkpoints", action="store_true", help="no up/destroy with PULUMI_SKIP_CHECKPOINTS=true"
    )
    parser.add_argument("--skip-import", action="store_true", help="no import-time measurement")
    parser.add_argument(
        "--skip-warm-up", action="store_true", help="no untimed run to fill the bytecode cache first (smoke)"
    )
    parser.add_argument(
        "--latency-ms", type=int, default=150, help="latency of the concurrency scenario, per request (150)"
    )
    parser.add_argument("--import-runs", type=int, help="interpreters per import-time program (10; quick 5)")
    parser.add_argument(
        "--latency-sizes",
        help="FlexFlow counts of the concurrency scenario, comma-separated (100,300; quick 100)",
    )
    parser.add_argument(
        "--latency-checkpoints",
        choices=("both", "on", "off"),
        default="both",
        help="the concurrency scenario with the file backend's checkpoints, without "
        "(PULUMI_SKIP_CHECKPOINTS=true), or both (default)",
    )
    parser.add_argument(
        "--parallel", type=int, default=16, help="pulumi --parallel in the concurrency scenario (16)"
    )
    parser.add_argument(
        "--latency-repeat", type=int, default=1, help="runs of each concurrency case, keep the best (1)"
    )
    parser.add_argument("--storm-n", type=int, default=100, help="FlexFlows under the 429 storm (100)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each lifecycle this many times, keep the best"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"results directory (default {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--render",
        type=Path,
        metavar="JSON",
        help="measure nothing: regenerate the markdown, the figure and the docs from a results JSON",
    )
    parser.add_argument(
        "--docs",
        choices=("auto", "yes", "no"),
        default="auto",
        help="rewrite docs/performance.md: auto = only when writing to the default results directory",
    )
    return parser.parse_args(argv)


def options(args: argparse.Namespace) -> runner.Options:
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else (QUICK_SIZES if args.quick else [10, 100, 300])
    )
    if any(n < 1 for n in sizes):
        raise SystemExit("--sizes: every size must be at least 1")
    latency_sizes = (
        [int(s) for s in args.latency_sizes.split(",")]
        if args.latency_sizes
        else ([100] if args.quick else [100, 300])
    )
    if any(n < 1 for n in latency_sizes) or args.storm_n < 1:
        raise SystemExit("--latency-sizes, --storm-n: every size must be at least 1")
    return runner.Options(
        sizes=sizes,
        mixed=not args.skip_mixed,
        contact_center=max(0, args.contact_center),
        latency=not args.skip_latency,
        profile=not args.skip_profile,
        imports=not args.skip_import,
        warm_up=not args.skip_warm_up,
        no_checkpoints=not args.skip_no_checkpoints,
        quick=args.quick,
        out=args.out.resolve(),
        latency_ms=args.latency_ms,
        latency_sizes=latency_sizes,
        latency_checkpoints={"both": (True, False), "on": (True,), "off": (False,)}[args.latency_checkpoints],
        parallel=max(1, args.parallel),
        latency_repeat=max(1, args.latency_repeat),
        storm=not args.skip_storm,
        storm_n=args.storm_n,
        profile_n=100,
        import_runs=max(1, args.import_runs or (5 if args.quick else 10)),
        repeat=max(1, args.repeat),
        log=lambda message: print(message, file=sys.stderr, flush=True),
    )


def write(results: dict[str, object], out: Path, docs: Path | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    runner.dump(results, out / "latest.json")
    (out / "latest.md").write_text(report.latest_md(results))
    plot.plot(results, out / "wall_time.png")
    if docs is not None:
        docs.parent.mkdir(parents=True, exist_ok=True)
        docs.write_text(report.performance_md(results))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    opts = options(args)
    results = json.loads(args.render.read_text()) if args.render is not None else runner.run(opts)
    results["targets"] = targets.evaluate(results)
    write_docs = args.docs == "yes" or (args.docs == "auto" and opts.out == DEFAULT_OUT.resolve())
    write(results, opts.out, DOCS if write_docs else None)
    print(report.targets_table(results))
    print(f"\nresults: {opts.out / 'latest.json'}, {opts.out / 'latest.md'}, {opts.out / 'wall_time.png'}")
    if write_docs:
        print(f"docs: {DOCS}")
    return 0
