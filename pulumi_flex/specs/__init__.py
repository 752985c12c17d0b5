"""Specs: one declaration per Flex object (fields, wire names, validation, endpoints)."""

from .base import FieldSpec, ResourceSpec, SpecModel
from .flex_flow import FLEX_FLOW

ALL_SPECS = (FLEX_FLOW,)

__all__ = ["ALL_SPECS", "FLEX_FLOW", "FieldSpec", "ResourceSpec", "SpecModel"]
