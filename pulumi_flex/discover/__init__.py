"""``pulumi-flex discover``: turn an existing Flex account into a Pulumi program that adopts it."""
