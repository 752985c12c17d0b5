"""QuestionnaireQuestion (``GE``): an Insights quality-management question.

No fetch by SID (reads list and filter), and ``AllowNa`` is required on every update
(docs/twilio-api-notes.md §6.3). The API returns the category as ``category.category_sid``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from .base import ResourceSpec, SpecModel, sid


class QuestionnaireQuestionInputs(SpecModel):
    """The inputs of a question; ``allow_na`` is required, as Twilio needs it on every update."""

    category_sid: Annotated[str, sid("FY", "Insights Category")]
    question: Annotated[str, Field(min_length=1)]
    answer_set_id: Annotated[str, Field(min_length=1)]
    allow_na: bool
    description: str | None = None


def _category_sid(record: Mapping[str, Any]) -> Mapping[str, Any]:
    category = record.get("category") or {}
    return {"category_sid": category.get("category_sid", record.get("category_sid"))}


QUESTIONNAIRE_QUESTION = ResourceSpec(
    name="QuestionnaireQuestion",
    inputs=QuestionnaireQuestionInputs,
    collection_path="/v1/Insights/QualityManagement/Questions",
    list_key="questions",
    sid_prefix="GE",
    sid_description="Insights Question",
    id_field="question_sid",
    computed=("question_sid", "account_sid", "url", "usage", "answer_set"),
    fetchable=False,
    always_send=("allow_na",),
    derive=_category_sid,
)
