"""The common base of every pulumi_flex resource: the typed façade over one spec's provider."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypedDict

import pulumi
import pulumi.dynamic

from ..client.errors import FlexError
from ..provider import ADOPT_SID, SpecProvider


class FlexAccount(TypedDict, total=False):
    """Another Twilio account for one resource, in a multi-account stack.

    ``account_sid`` plus ``auth_token``, or ``api_key`` plus ``api_secret``; pass the token or
    secret as a Pulumi secret (``config.require_secret(...)``): it is kept encrypted in state,
    because refresh and destroy need it. ``base_url``, ``region`` and ``edge`` default to the
    stack's. Changing ``account_sid`` (or the endpoint) replaces the resource.
    """

    account_sid: pulumi.Input[str]
    auth_token: pulumi.Input[str]
    api_key: pulumi.Input[str]
    api_secret: pulumi.Input[str]
    region: pulumi.Input[str]
    edge: pulumi.Input[str]
    base_url: pulumi.Input[str]


class CommonArgs(TypedDict, total=False):
    """Inputs every resource takes besides the API fields."""

    adopt_sid: pulumi.Input[str] | None
    """Adopt this existing object (its SID) instead of creating one; it is then managed like any other."""
    account: pulumi.Input[FlexAccount] | None
    """Manage this object in another account than the stack's (``flex:accountSid``)."""


SECRET_ACCOUNT_KEYS = ("auth_token", "api_secret")


def _secret_account(account: Any) -> Any:
    """Make sure the credentials of an ``account`` input are secrets, whatever the caller passed."""
    if not isinstance(account, Mapping):
        return account
    return {
        key: pulumi.Output.secret(value) if key in SECRET_ACCOUNT_KEYS and value is not None else value
        for key, value in account.items()
    }


class FlexResource(pulumi.dynamic.Resource):
    """A Flex object managed through the dynamic provider ``provider_class``.

    Every output key is put in the props (as ``None`` when not an input) because the SDK only
    creates ``Output`` attributes for keys present in the props.
    """

    provider_class: ClassVar[type[SpecProvider]]

    # Outputs every Flex object has; each resource class declares its own on top.
    adopt_sid: pulumi.Output[str | None]
    account_sid: pulumi.Output[str]
    url: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        props: Mapping[str, Any] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        spec = self.provider_class.spec
        if spec.singleton and (opts is None or opts.id is None):  # .get() references are not declarations
            claim_singleton(spec.name, resource_name, props or {})
        full: dict[str, Any] = dict.fromkeys(spec.output_names)
        full[ADOPT_SID] = None
        full.update({k: v for k, v in (props or {}).items() if v is not None})
        secret_outputs = list(spec.secret_outputs)
        if full.get("account") is not None:
            full["account"] = _secret_account(full["account"])
            secret_outputs.append("account")
        if secret_outputs:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=secret_outputs)
            )
        super().__init__(self.provider_class(), resource_name, full, opts)
        if spec.stable_identity:
            # At preview the engine hands back an updated resource's inputs as its outputs, so an
            # output-only SID would turn unknown and dependents that take it as a create-only input
            # would preview a replacement that `up` never makes. The ID stays known through an
            # in-place update and becomes unknown only when the object is really replaced.
            setattr(self, spec.id_field, self.id)

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


_claimed: set[tuple[str, str]] = set()
_claimed_lock = threading.Lock()


def claim_singleton(kind: str, resource_name: str, props: Mapping[str, Any]) -> None:
    """A stack declares a per-account singleton (the Flex configuration) once per account: two
    resources would overwrite each other's keys and restore each other's prior values."""
    account = props.get("account")
    sid = account.get("account_sid") if isinstance(account, Mapping) else None
    if account is None:  # the stack's account, by SID when the stack config or environment names it
        sid = (
            pulumi.Config("flex").get("accountSid") or os.environ.get("TWILIO_ACCOUNT_SID") or "stack account"
        )
    # An account SID known only at run time cannot be compared here; such resources are not checked.
    key = sid if isinstance(sid, str) else resource_name
    with _claimed_lock:
        if (kind, key) in _claimed:
            raise FlexError(
                f"{kind} {resource_name!r}: this stack already declares a {kind} for "
                f"{'account ' if key.startswith('AC') else 'the '}{key}; the Flex configuration is a "
                "per-account singleton, so declare each key "
                "in one Configuration resource per account"
            )
        _claimed.add((kind, key))


def merge_args(args: Mapping[str, Any] | None, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """``Resource(name, args, opts, **kwargs)``: keyword arguments override ``args``."""
    return {**(args or {}), **kwargs}
