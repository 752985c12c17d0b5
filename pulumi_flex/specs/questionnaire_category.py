"""QuestionnaireCategory (``FY``): an Insights quality-management question category.

The API has no fetch by SID, so reads list and filter (docs/twilio-api-notes.md §6.2).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Discovery, ResourceSpec, SpecModel


class QuestionnaireCategoryInputs(SpecModel):
    """The inputs of a question category: just its name."""

    name: Annotated[str, Field(min_length=1, description="The category's name.")]


QUESTIONNAIRE_CATEGORY = ResourceSpec(
    name="QuestionnaireCategory",
    client_attr="questionnaire_categories",
    doc="""A Flex Insights quality-management category. ``name`` updates in place; destroy deletes
    it. The API has no fetch by SID, so refresh lists categories and picks this one.""",
    inputs=QuestionnaireCategoryInputs,
    collection_path="/v1/Insights/QualityManagement/Categories",
    list_key="categories",
    sid_prefix="FY",
    sid_description="Insights Category",
    id_field="category_sid",
    computed=("category_sid", "account_sid", "url"),
    fetchable=False,
    discovery=Discovery(section="Insights quality management", name_from="name"),
)
