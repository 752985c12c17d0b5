"""Specs: one declaration per Twilio object (fields, wire names, validation, endpoints, behaviour).

The objects themselves are listed once, in :mod:`pulumi_flex.specs.registry`.
"""

from .base import FieldSpec, ResourceSpec, SpecModel
from .registry import *  # noqa: F403  (the registry's __all__ names every spec)
from .registry import __all__ as _registry_names

__all__ = ["FieldSpec", "ResourceSpec", "SpecModel", *_registry_names]
