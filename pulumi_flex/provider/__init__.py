"""The dynamic provider that runs inside Pulumi's provider process."""

from .dynamic import ADOPT_SID, SpecProvider

__all__ = ["ADOPT_SID", "SpecProvider"]
