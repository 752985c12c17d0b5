"""The common base of every pulumi_flex resource: the typed façade over one spec's provider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

import pulumi
import pulumi.dynamic

from ..provider import ADOPT_SID, SpecProvider


class FlexResource(pulumi.dynamic.Resource):
    """A Flex object managed through the dynamic provider ``provider_class``.

    Every output key is put in the props (as ``None`` when not an input) because the SDK only
    creates ``Output`` attributes for keys present in the props.
    """

    provider_class: ClassVar[type[SpecProvider]]

    def __init__(
        self,
        resource_name: str,
        props: Mapping[str, Any] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        spec = self.provider_class.spec
        full: dict[str, Any] = dict.fromkeys(spec.output_names)
        full[ADOPT_SID] = None
        full.update({k: v for k, v in (props or {}).items() if v is not None})
        if spec.secret_outputs:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=list(spec.secret_outputs))
            )
        super().__init__(self.provider_class(), resource_name, full, opts)

    @classmethod
    def get(
        cls, resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> Self:
        """A read-only reference to an existing object, by SID. It is read, never changed or deleted."""
        return cls._read(resource_name, id, opts, None)

    @classmethod
    def _read(
        cls,
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None,
        props: Mapping[str, Any] | None,
    ) -> Self:
        merged = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        instance = cls.__new__(cls)
        FlexResource.__init__(instance, resource_name, props, merged)
        return instance


def merge_args(args: Mapping[str, Any] | None, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """``Resource(name, args, opts, **kwargs)``: keyword arguments override ``args``."""
    return {**(args or {}), **kwargs}
