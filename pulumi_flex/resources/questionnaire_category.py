"""``pulumi_flex.QuestionnaireCategory``: an Insights QM question category (``FY…``)."""

from __future__ import annotations

from typing import Unpack

import pulumi

from ..provider import SpecProvider
from ..specs import QUESTIONNAIRE_CATEGORY
from .base import CommonArgs, FlexResource, merge_args


class QuestionnaireCategoryArgs(CommonArgs, total=False):
    """Inputs of a QuestionnaireCategory: ``name`` (required)."""

    name: pulumi.Input[str] | None


class QuestionnaireCategoryProvider(SpecProvider):
    """The provider of ``QuestionnaireCategory``: the generic one, bound to ``QUESTIONNAIRE_CATEGORY``."""

    spec = QUESTIONNAIRE_CATEGORY


class QuestionnaireCategory(FlexResource, module="flex", name="QuestionnaireCategory"):
    """A Flex Insights quality-management category. ``name`` updates in place; destroy deletes
    it. The API has no fetch by SID, so refresh lists categories and picks this one."""

    provider_class = QuestionnaireCategoryProvider

    name: pulumi.Output[str]
    category_sid: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: QuestionnaireCategoryArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[QuestionnaireCategoryArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
