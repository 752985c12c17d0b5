"""The typed Pulumi resources, one module per Flex object."""

from .base import FlexResource
from .flex_flow import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs

__all__ = ["FlexFlow", "FlexFlowArgs", "FlexFlowIntegrationArgs", "FlexResource"]
