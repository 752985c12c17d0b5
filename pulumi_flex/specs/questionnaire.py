"""Questionnaire (``GM``): an Insights quality-management questionnaire.

Its ID field is ``questionnaire_sid``; ``Active`` is required on every update; the API returns
the questions as ``questions[].question_sid`` (docs/twilio-api-notes.md §6.1). Delete is a hard delete.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from .base import Discovery, Ref, ResourceSpec, SpecModel, sid


class QuestionnaireInputs(SpecModel):
    """The inputs of a questionnaire; ``question_sids`` names the questions it contains."""

    name: Annotated[str, Field(min_length=1, description="The questionnaire's name.")]
    description: Annotated[str | None, Field(description="What the questionnaire is for.")] = None
    active: Annotated[
        bool | None, Field(description="Whether reviewers can use it (sent on every update).")
    ] = None
    question_sids: Annotated[
        list[Annotated[str, sid("GE", "Insights Question"), Ref("QuestionnaireQuestion")]] | None,
        Field(description="The questions (``GE…``) it asks, in order."),
    ] = None


def _question_sids(record: Mapping[str, Any]) -> Mapping[str, Any]:
    return {"question_sids": [q.get("question_sid") for q in record.get("questions") or []]}


QUESTIONNAIRE = ResourceSpec(
    name="Questionnaire",
    client_attr="questionnaires",
    doc="""A Flex Insights quality-management questionnaire: its name, whether it is active, and
    its questions. Every input updates in place; destroy deletes it.""",
    inputs=QuestionnaireInputs,
    collection_path="/v1/Insights/QualityManagement/Questionnaires",
    list_key="questionnaires",
    sid_prefix="GM",
    sid_description="Insights Questionnaire",
    id_field="questionnaire_sid",
    computed=("questionnaire_sid", "account_sid", "url"),
    always_send=("active",),
    list_params={"IncludeInactive": "true"},  # listings must see inactive ones too
    derive=_question_sids,
    discovery=Discovery(section="", name_from="name"),
)
