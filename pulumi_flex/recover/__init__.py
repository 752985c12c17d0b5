"""``pulumi-flex recover``: settle pending and ambiguous creates after an interrupted ``pulumi up``."""
