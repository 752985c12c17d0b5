"""QuestionnaireQuestion (``GE``): an Insights quality-management question.

No fetch by SID (reads list and filter), and ``AllowNa`` is required on every update
(docs/twilio-api-notes.md §6.3). The API returns the category as ``category.category_sid``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from .base import Computed, Discovery, Ref, ResourceSpec, SpecModel, sid


class QuestionnaireQuestionInputs(SpecModel):
    """The inputs of a question; ``allow_na`` is required, as Twilio needs it on every update."""

    category_sid: Annotated[
        str,
        sid("FY", "Insights Category"),
        Ref("QuestionnaireCategory"),
        Field(description="The category (``FY…``) the question belongs to."),
    ]
    question: Annotated[str, Field(min_length=1, description="The question's text.")]
    answer_set_id: Annotated[
        str,
        Field(
            min_length=1,
            description="The answer set: an id from the AnswerSets endpoint (``client.answer_sets()``).",
        ),
    ]
    allow_na: Annotated[bool, Field(description="Whether reviewers may answer 'not applicable'.")]
    description: Annotated[str | None, Field(description="Guidance for reviewers.")] = None


def _category_sid(record: Mapping[str, Any]) -> Mapping[str, Any]:
    category = record.get("category") or {}
    return {"category_sid": category.get("category_sid", record.get("category_sid"))}


QUESTIONNAIRE_QUESTION = ResourceSpec(
    name="QuestionnaireQuestion",
    client_attr="questionnaire_questions",
    doc="""A Flex Insights quality-management question. Every input updates in place; destroy
    deletes it. ``allow_na`` is sent on every update, as Twilio requires. The API has no fetch
    by SID, so refresh lists questions and picks this one.""",
    inputs=QuestionnaireQuestionInputs,
    collection_path="/v1/Insights/QualityManagement/Questions",
    list_key="questions",
    sid_prefix="GE",
    sid_description="Insights Question",
    id_field="question_sid",
    computed=(
        "question_sid",
        "account_sid",
        "url",
        Computed("usage", "int", "How many questionnaires use the question."),
        Computed("answer_set", "dict[str, Any]", "The answer set, with its answers."),
    ),
    fetchable=False,
    always_send=("allow_na",),
    derive=_category_sid,
    paths={"answer_sets": "/v1/Insights/QualityManagement/Settings/AnswerSets"},
    discovery=Discovery(section="", hint=lambda _ctx, r: f"question {r.get('question', '')}"),
)
