"""``pulumi_flex.Questionnaire``: an Insights QM questionnaire (``GM…``)."""

from __future__ import annotations

from typing import Unpack

import pulumi

from ..provider import SpecProvider
from ..specs import QUESTIONNAIRE
from .base import CommonArgs, FlexResource, merge_args


class QuestionnaireArgs(CommonArgs, total=False):
    """Inputs of a Questionnaire: ``name`` (required), ``description``, ``active``, ``question_sids``."""

    name: pulumi.Input[str] | None
    description: pulumi.Input[str] | None
    active: pulumi.Input[bool] | None
    question_sids: pulumi.Input[list[pulumi.Input[str]]] | None


class QuestionnaireProvider(SpecProvider):
    """The provider of ``Questionnaire``: the generic one, bound to the ``QUESTIONNAIRE`` spec."""

    spec = QUESTIONNAIRE


class Questionnaire(FlexResource, module="flex", name="Questionnaire"):
    """A Flex Insights quality-management questionnaire. Every input updates in place
    (``active`` is sent on every update, as Twilio requires); destroy deletes it. Its ID is the
    ``questionnaire_sid``."""

    provider_class = QuestionnaireProvider

    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    active: pulumi.Output[bool]
    question_sids: pulumi.Output[list[str]]
    questionnaire_sid: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: QuestionnaireArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[QuestionnaireArgs],
    ) -> None:
        super().__init__(resource_name, merge_args(args, kwargs), opts)
