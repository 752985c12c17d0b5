"""``python -m bench``: the pulumi-flex benchmark against the emulator with the real pulumi CLI.

See ``docs/performance.md`` for what it measures and ``bench/results/`` for the latest figures.
"""
