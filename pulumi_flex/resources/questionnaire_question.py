"""``pulumi_flex.QuestionnaireQuestion``: an Insights QM question (``GE…``)."""

from __future__ import annotations

from typing import Any, Unpack

import pulumi

from ..provider import SpecProvider
from ..specs import QUESTIONNAIRE_QUESTION
from .base import CommonArgs, FlexResource, merge_args


class QuestionnaireQuestionArgs(CommonArgs, total=False):
    """Inputs of a QuestionnaireQuestion. ``category_sid``, ``question``, ``answer_set_id``
    (an id from ``GET /v1/Insights/QualityManagement/Settings/AnswerSets``) and ``allow_na`` are required."""

    category_sid: pulumi.Input[str] | None
    question: pulumi.Input[str] | None
    description: pulumi.Input[str] | None
    answer_set_id: pulumi.Input[str] | None
    allow_na: pulumi.Input[bool] | None


class QuestionnaireQuestionProvider(SpecProvider):
    """The provider of ``QuestionnaireQuestion``: the generic one, bound to ``QUESTIONNAIRE_QUESTION``."""

    spec = QUESTIONNAIRE_QUESTION


class QuestionnaireQuestion(FlexResource, module="flex", name="QuestionnaireQuestion"):
    """A Flex Insights quality-management question. Every input updates in place (``allow_na``
    is sent on every update, as Twilio requires); destroy deletes it. The API has no fetch by
    SID, so refresh lists questions and picks this one."""

    provider_class = QuestionnaireQuestionProvider

    category_sid: pulumi.Output[str]
    question: pulumi.Output[str]
    description: pulumi.Output[str | None]
    answer_set_id: pulumi.Output[str]
    allow_na: pulumi.Output[bool]
    question_sid: pulumi.Output[str]
    usage: pulumi.Output[int]
    answer_set: pulumi.Output[dict[str, Any]]

    def __init__(
        self,
        resource_name: str,
        args: QuestionnaireQuestionArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[QuestionnaireQuestionArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
